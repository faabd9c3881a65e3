// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "FFmpegSupport.h"

#include "cuepoint/core/support/Logging.h"

extern "C" {
#include <libavutil/avutil.h>
#include <libavutil/error.h>
#include <libavutil/log.h>
#include <libavutil/mem.h>
}

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <mutex>
#include <new>

namespace Cuepoint::Core::FFmpeg {

void FormatContextDeleter::operator()(AVFormatContext *ctx) const
{
    avformat_close_input(&ctx);
}

void CodecContextDeleter::operator()(AVCodecContext *ctx) const
{
    avcodec_free_context(&ctx);
}

void FrameDeleter::operator()(AVFrame *frame) const
{
    av_frame_free(&frame);
}

void PacketDeleter::operator()(AVPacket *packet) const
{
    av_packet_free(&packet);
}

void SwsContextDeleter::operator()(SwsContext *ctx) const
{
    sws_freeContext(ctx);
}

void DictionaryDeleter::operator()(AVDictionary *dict) const
{
    av_dict_free(&dict);
}

FramePtr makeFrame()
{
    FramePtr frame(av_frame_alloc());
    if (!frame) {
        throw std::bad_alloc();
    }
    return frame;
}

PacketPtr makePacket()
{
    PacketPtr packet(av_packet_alloc());
    if (!packet) {
        throw std::bad_alloc();
    }
    return packet;
}

QString errorString(int averror)
{
    char buffer[AV_ERROR_MAX_STRING_SIZE] = {};
    if (av_strerror(averror, buffer, sizeof buffer) < 0) {
        return QStringLiteral("FFmpeg error %1").arg(averror);
    }
    return QString::fromUtf8(buffer);
}

namespace {

// FFmpeg prints lines in pieces (a prefix, then the message, sometimes without a newline), so
// each thread collects pieces until a newline before handing one line to Qt's logging.
thread_local QByteArray t_pendingLine;
thread_local int t_printPrefix = 1;

void logCallback(void *avcl, int level, const char *format, va_list args)
{
    if (level > av_log_get_level()) {
        return;
    }
    // Bad input is expected here and reported through our own sentences, so everything short
    // of a fatal error goes to debug; skip the formatting work when nobody listens.
    const bool fatal = level <= AV_LOG_FATAL;
    if (!fatal && !lcMedia().isDebugEnabled()) {
        return;
    }
    char line[1024];
    av_log_format_line2(avcl, level, format, args, line, sizeof line, &t_printPrefix);
    t_pendingLine.append(line);
    if (!t_pendingLine.endsWith('\n')) {
        return;
    }
    t_pendingLine.chop(1);
    const QString message = QString::fromUtf8(t_pendingLine);
    t_pendingLine.clear();
    if (fatal) {
        qCWarning(lcMedia).noquote() << message;
    } else {
        qCDebug(lcMedia).noquote() << message;
    }
}

} // namespace

void installLogBridge()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // Verbose levels cost formatting time on every packet; info is the most we ever show.
        av_log_set_level(AV_LOG_INFO);
        av_log_set_callback(&logCallback);
    });
}

void initialize()
{
    installLogBridge();
    static std::once_flag once;
    std::call_once(once, [] { av_max_alloc(kMaxAllocationBytes); });
}

// --- MediaInput ----------------------------------------------------------------------------

namespace {
constexpr int kFileBufferSize = 64 * 1024;
constexpr int kMemoryBufferSize = 16 * 1024;
} // namespace

/// The bytes of an in-memory input and the read position of its AVIOContext.
struct MediaInput::Memory
{
    QByteArray bytes;
    qint64 position = 0;
    const MediaInput *owner = nullptr;

    static int read(void *opaque, uint8_t *buffer, int size)
    {
        auto *self = static_cast<Memory *>(opaque);
        if (self->owner->deadlinePassed()) {
            return AVERROR_EXIT;
        }
        const qint64 left = self->bytes.size() - self->position;
        if (left <= 0 || size <= 0) {
            return AVERROR_EOF;
        }
        const int count = static_cast<int>(std::min<qint64>(left, size));
        std::copy_n(self->bytes.constData() + self->position, count, buffer);
        self->position += count;
        return count;
    }

    static int64_t seek(void *opaque, int64_t offset, int whence)
    {
        auto *self = static_cast<Memory *>(opaque);
        const qint64 size = self->bytes.size();
        qint64 base = 0;
        switch (whence & ~AVSEEK_FORCE) {
        case AVSEEK_SIZE:
            return size;
        case SEEK_SET:
            base = 0;
            break;
        case SEEK_CUR:
            base = self->position;
            break;
        case SEEK_END:
            base = size;
            break;
        default:
            return AVERROR(EINVAL);
        }
        // Refuse positions outside the data; also keeps offset + base from overflowing.
        if (offset < -base || offset > size - base) {
            return AVERROR(EINVAL);
        }
        self->position = base + offset;
        return self->position;
    }
};

MediaInput::MediaInput() = default;

MediaInput::~MediaInput()
{
    // The demuxer goes first: it may still point at m_io.
    m_format.reset();
    if (m_memory) {
        if (m_io) {
            av_freep(&m_io->buffer);
        }
        avio_context_free(&m_io);
    } else {
        avio_closep(&m_io);
    }
}

int MediaInput::interruptCallback(void *opaque)
{
    return static_cast<const MediaInput *>(opaque)->deadlinePassed() ? 1 : 0;
}

bool MediaInput::deadlinePassed() const
{
    return m_hasDeadline && std::chrono::steady_clock::now() >= m_deadline;
}

void MediaInput::setDeadline(std::chrono::milliseconds budget)
{
    m_hasDeadline = budget.count() > 0;
    m_deadline = std::chrono::steady_clock::now() + budget;
}

std::unique_ptr<MediaInput> MediaInput::fromFile(const QString &path, int *error)
{
    initialize();
    std::unique_ptr<MediaInput> input(new MediaInput);
    // "file:" stops FFmpeg from reading "http://..." or "concat:a|b" in a file name as a URL.
    const QByteArray url = "file:" + path.toUtf8();
    AVDictionary *options = nullptr;
    av_dict_set(&options, "protocol_whitelist", "file", 0);
    const AVIOInterruptCB interrupt { &MediaInput::interruptCallback, input.get() };
    const int result =
        avio_open2(&input->m_io, url.constData(), AVIO_FLAG_READ, &interrupt, &options);
    av_dict_free(&options);
    if (result < 0) {
        if (error) {
            *error = result;
        }
        return nullptr;
    }
    if (error) {
        *error = 0;
    }
    return input;
}

std::unique_ptr<MediaInput> MediaInput::fromMemory(QByteArray bytes, int *error)
{
    initialize();
    std::unique_ptr<MediaInput> input(new MediaInput);
    input->m_memory = std::make_unique<Memory>();
    input->m_memory->bytes = std::move(bytes);
    input->m_memory->owner = input.get();
    auto *buffer = static_cast<unsigned char *>(av_malloc(kMemoryBufferSize));
    if (buffer) {
        input->m_io = avio_alloc_context(buffer, kMemoryBufferSize, 0, input->m_memory.get(),
            &Memory::read, nullptr, &Memory::seek);
    }
    if (!input->m_io) {
        av_free(buffer);
        if (error) {
            *error = AVERROR(ENOMEM);
        }
        return nullptr;
    }
    if (error) {
        *error = 0;
    }
    return input;
}

qint64 MediaInput::size() const
{
    return m_io ? avio_size(m_io) : AVERROR(EINVAL);
}

const AVInputFormat *MediaInput::sniff(int *score)
{
    const AVInputFormat *format = nullptr;
    // av_probe_input_buffer2 reads up to 1 MiB and returns the score, or a negative error.
    const int result = av_probe_input_buffer2(m_io, &format, "", nullptr, 0, 0);
    if (score) {
        *score = result > 0 ? result : 0;
    }
    // Rewind so the demuxer starts at byte 0 whatever sniffing consumed.
    avio_seek(m_io, 0, SEEK_SET);
    return result < 0 ? nullptr : format;
}

int MediaInput::openFormat(
    const char *formatWhitelist, const AVInputFormat *format, AVDictionary **options)
{
    if (m_format) {
        return AVERROR(EINVAL);
    }
    AVFormatContext *ctx = avformat_alloc_context();
    if (!ctx) {
        return AVERROR(ENOMEM);
    }
    ctx->pb = m_io; // custom I/O: avformat_close_input() leaves it to us
    ctx->interrupt_callback = { &MediaInput::interruptCallback, this };
    AVDictionary *local = nullptr;
    AVDictionary **opts = options ? options : &local;
    if (formatWhitelist) {
        av_dict_set(opts, "format_whitelist", formatWhitelist, 0);
    }
    // Demuxers such as mov can follow references to other files; we only ever read this one.
    av_dict_set(opts, "protocol_whitelist", "file", 0);
    const int result = avformat_open_input(&ctx, nullptr, format, opts);
    av_dict_free(&local);
    if (result < 0) {
        return result; // avformat_open_input() frees ctx on failure
    }
    m_format.reset(ctx);
    return 0;
}

} // namespace Cuepoint::Core::FFmpeg
