// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to the core's media code: RAII wrappers around FFmpeg 5.1's C objects, opening an
// input from a path or from bytes in memory (custom AVIOContext), error strings and the
// av_log -> lcMedia bridge. Never include this from a public header.

#include <QByteArray>
#include <QString>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/frame.h>
#include <libswscale/swscale.h>
}

#include <chrono>
#include <cstddef>
#include <memory>

namespace Cuepoint::Core::FFmpeg {

// --- unique_ptr deleters -------------------------------------------------------------------

/// Closes a demuxer opened with avformat_open_input() (does not close a custom pb).
struct FormatContextDeleter
{
    void operator()(AVFormatContext *ctx) const;
};
/// Frees a codec context with avcodec_free_context().
struct CodecContextDeleter
{
    void operator()(AVCodecContext *ctx) const;
};
/// Frees a frame with av_frame_free().
struct FrameDeleter
{
    void operator()(AVFrame *frame) const;
};
/// Frees a packet with av_packet_free().
struct PacketDeleter
{
    void operator()(AVPacket *packet) const;
};
/// Frees a scaler with sws_freeContext().
struct SwsContextDeleter
{
    void operator()(SwsContext *ctx) const;
};
/// Frees a dictionary with av_dict_free().
struct DictionaryDeleter
{
    void operator()(AVDictionary *dict) const;
};

using FormatContextPtr = std::unique_ptr<AVFormatContext, FormatContextDeleter>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwsContextPtr = std::unique_ptr<SwsContext, SwsContextDeleter>;
using DictionaryPtr = std::unique_ptr<AVDictionary, DictionaryDeleter>;

/// av_frame_alloc() wrapped; throws std::bad_alloc when FFmpeg is out of memory.
FramePtr makeFrame();
/// av_packet_alloc() wrapped; throws std::bad_alloc when FFmpeg is out of memory.
PacketPtr makePacket();

// --- errors and logging --------------------------------------------------------------------

/// av_strerror() as a QString, e.g. "Invalid data found when processing input".
QString errorString(int averror);

/// Routes av_log() into the lcMedia category (cuepoint.media.ffmpeg). FFmpeg's own errors are
/// expected on bad input and become our own sentences, so they are logged at debug level;
/// enable them with QT_LOGGING_RULES="cuepoint.media.ffmpeg.debug=true". Idempotent and
/// thread-safe; every entry point of the media code calls it.
void installLogBridge();

/// The largest single allocation FFmpeg may make in this process (av_max_alloc()).
constexpr size_t kMaxAllocationBytes = 256 * 1024 * 1024;

/// Process-wide FFmpeg set-up, idempotent and thread-safe: installLogBridge(), and a cap of
/// kMaxAllocationBytes on any single FFmpeg allocation. Without the cap, a 1 KB MP4 whose
/// sample tables announce billions of samples makes the mov demuxer allocate gigabytes for
/// its index (found by the fuzzer; `ffprobe` on that file peaks at 2.7 GB). Real indexes are
/// far smaller: 10 min at 60 fps is 36,000 entries, under 1 MB. MediaInput calls it.
void initialize();

// --- inputs --------------------------------------------------------------------------------

/// One input, from a file or from bytes in memory, read through an AVIOContext we own. The
/// demuxer is opened in a second step so callers can first sniff what the bytes are
/// (to name "a JPEG image" instead of a generic error) without running any demuxer.
///
/// Usage:
/// @code
/// int err = 0;
/// auto in = MediaInput::fromFile(path, &err);
/// if (!in) ...;                                   // err: AVERROR(ENOENT), AVERROR(EACCES), ...
/// err = in->openFormat("mov,matroska");           // whitelist; nullptr accepts any demuxer
/// if (err < 0) ...;
/// AVFormatContext *fmt = in->format();
/// @endcode
///
/// Members are destroyed in the right order: demuxer, then AVIOContext, then the bytes.
class MediaInput final
{
public:
    ~MediaInput();
    MediaInput(const MediaInput &) = delete;
    MediaInput &operator=(const MediaInput &) = delete;

    /// Opens @p path for reading with FFmpeg's file protocol (never a URL, whatever the name
    /// looks like). Returns nullptr and sets @p error (an AVERROR) when it cannot be opened.
    static std::unique_ptr<MediaInput> fromFile(const QString &path, int *error);

    /// Reads from @p bytes, which the input keeps (implicitly shared; pass
    /// QByteArray::fromRawData() to avoid a copy when the caller keeps the data alive).
    static std::unique_ptr<MediaInput> fromMemory(QByteArray bytes, int *error);

    /// Gives up reading (AVERROR_EXIT) once @p budget has passed from now; guards against a
    /// hostile file making the demuxer loop for a long time. Zero or negative: no deadline.
    void setDeadline(std::chrono::milliseconds budget);

    /// Total size in bytes (avio_size()), or a negative AVERROR when unknown.
    qint64 size() const;

    /// Guesses the container from the first bytes with av_probe_input_buffer2(); no demuxer
    /// runs. Returns nullptr when nothing matches. @p score receives the probe score (0-100).
    /// The read position is rewound, so openFormat() may follow.
    const AVInputFormat *sniff(int *score = nullptr);

    /// Opens the demuxer. @p formatWhitelist is a comma-separated list of demuxer names
    /// ("mov,matroska") or nullptr for any; @p format forces a demuxer (e.g. the one sniff()
    /// returned); @p options are passed to avformat_open_input() and may be nullptr.
    /// Returns 0 or a negative AVERROR ("Format not on whitelist" is AVERROR(EINVAL)).
    int openFormat(const char *formatWhitelist = nullptr, const AVInputFormat *format = nullptr,
        AVDictionary **options = nullptr);

    /// The demuxer after a successful openFormat(), otherwise nullptr.
    AVFormatContext *format() const { return m_format.get(); }

    /// The byte reader (valid from construction until destruction).
    AVIOContext *io() const { return m_io; }

private:
    struct Memory;
    MediaInput();
    static int interruptCallback(void *opaque);
    bool deadlinePassed() const;

    std::unique_ptr<Memory> m_memory; // only for fromMemory()
    AVIOContext *m_io = nullptr; // ours: avio_closep() for files, avio_context_free() for memory
    FormatContextPtr m_format;
    std::chrono::steady_clock::time_point m_deadline {};
    bool m_hasDeadline = false;
};

} // namespace Cuepoint::Core::FFmpeg
