// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/media/FrameGrabber.h"

#include "FFmpegSupport.h"
#include "FrameConverter.h"

#include "cuepoint/core/media/CoverTime.h"
#include "cuepoint/core/support/Logging.h"

#include <QFileInfo>

extern "C" {
#include <libavutil/display.h>
}

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

namespace Cuepoint::Core {

namespace {

using namespace FFmpeg;

// The containers TikTok accepts (MP4/MOV share the mov demuxer, WebM/MKV the matroska one).
constexpr const char *kFormatWhitelist = "mov,matroska";
// Decoders we are willing to run on untrusted bytes: TikTok's codecs plus AV1 and MPEG-4 so
// that a rejected file can still be previewed. Everything else is refused by FFmpeg itself.
constexpr const char *kCodecWhitelist =
    "h264,hevc,vp8,vp9,libvpx,libvpx-vp9,libdav1d,libaom-av1,av1,mpeg4";
constexpr int kMaxCodedDimension = 16384;
// A hostile header must not make the decoder allocate gigantic pictures.
constexpr int64_t kMaxPixels = 8192LL * 8192;
// Opening (header parsing and avformat_find_stream_info) never legitimately takes this long.
constexpr std::chrono::seconds kOpenBudget { 20 };
// How often an exact seek may step back a keyframe when the demuxer landed after the target.
constexpr int kMaxSeekBacks = 3;
// Up to this many frames after a keyframe, an exact frame is decoded on one thread.
constexpr int kFewFrames = 8;
// A keyframe search gives up after this many packets without a keyframe (broken files).
constexpr int kMaxPacketsForKeyframe = 20000;

QString sentenceForIoError(int error)
{
    if (error == AVERROR(ENOENT)) {
        return QStringLiteral("The file does not exist.");
    }
    if (error == AVERROR(EACCES) || error == AVERROR(EPERM)) {
        return QStringLiteral("The file cannot be read (permission denied).");
    }
    if (error == AVERROR(EISDIR)) {
        return QStringLiteral("The path is a folder, not a video file.");
    }
    return QStringLiteral("The file cannot be read (%1).").arg(errorString(error));
}

bool nameHasAny(const char *name, std::initializer_list<const char *> parts)
{
    const QByteArray n(name ? name : "");
    return std::any_of(parts.begin(), parts.end(), [&n](const char *p) { return n.contains(p); });
}

// Turns a failed avformat_open_input() into a sentence, naming what the bytes really are.
QString sentenceForUnopenable(MediaInput *fresh, int error)
{
    int score = 0;
    const AVInputFormat *sniffed = fresh ? fresh->sniff(&score) : nullptr;
    const QString ffmpegSays = errorString(error);
    if (sniffed && score > AVPROBE_SCORE_RETRY) {
        const QString longName =
            QString::fromUtf8(sniffed->long_name ? sniffed->long_name : sniffed->name);
        if (nameHasAny(sniffed->name, { "mov", "matroska" })) {
            return QStringLiteral("The video is damaged or incomplete and cannot be opened "
                                  "(%1); it may be truncated or still being written.")
                .arg(ffmpegSays);
        }
        if (nameHasAny(sniffed->name,
                { "jpeg", "png", "image2", "webp", "bmp", "tiff", "gif", "svg", "pgm" })) {
            return QStringLiteral("The file is an image (%1), not a video.").arg(longName);
        }
        if (nameHasAny(sniffed->name, { "mp3", "wav", "flac", "ogg", "aac", "w64", "aiff" })) {
            return QStringLiteral("The file is audio (%1), not a video.").arg(longName);
        }
        return QStringLiteral("The file is %1, not an MP4, MOV or WebM video.").arg(longName);
    }
    return QStringLiteral("The file is not a video: its content is not MP4, MOV or WebM (%1).")
        .arg(ffmpegSays);
}

// Clockwise rotation a viewer applies, and whether the matrix mirrors (media.md §2.6).
void readDisplayMatrix(const AVStream *st, int *rotationCw, bool *mirrored)
{
    *rotationCw = 0;
    *mirrored = false;
    size_t size = 0;
    // FFmpeg 5.1 API; FFmpeg >= 6.1 moves this to codecpar->coded_side_data (media.md §2.6).
    const auto *matrix = reinterpret_cast<const int32_t *>(
        av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, &size));
    if (!matrix || size < 9 * sizeof(int32_t)) {
        return;
    }
    double ccw = av_display_rotation_get(matrix);
    if (std::isnan(ccw)) {
        ccw = 0;
    }
    int cw = static_cast<int>(std::lround(-ccw / 90.0)) * 90;
    *rotationCw = ((cw % 360) + 360) % 360;
    *mirrored = (int64_t(matrix[0]) * matrix[4] - int64_t(matrix[1]) * matrix[3]) < 0;
}

// True when the demuxer's header gave everything we need without avformat_find_stream_info():
// a duration and the start time of every stream, for MP4/MOV with only audio and video
// streams (the mov demuxer reads both from the moov box). @p zeroUs then receives the
// format's start time exactly as avformat_find_stream_info() computes it (update_stream_timings
// in libavformat/demux.c: the earliest stream start), so cover timestamps do not change.
bool headerTimesComplete(const AVFormatContext *fmt, qint64 *zeroUs)
{
    if (!fmt->iformat || std::strncmp(fmt->iformat->name, "mov", 3) != 0 || fmt->nb_streams == 0
        || fmt->duration == AV_NOPTS_VALUE || fmt->duration <= 0) {
        return false;
    }
    qint64 zero = std::numeric_limits<qint64>::max();
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        const AVStream *st = fmt->streams[i];
        const AVMediaType type = st->codecpar->codec_type;
        if ((type != AVMEDIA_TYPE_VIDEO && type != AVMEDIA_TYPE_AUDIO)
            || (st->disposition & AV_DISPOSITION_ATTACHED_PIC) || st->start_time == AV_NOPTS_VALUE
            || st->time_base.num <= 0 || st->time_base.den <= 0) {
            return false;
        }
        zero = std::min<qint64>(
            zero, av_rescale_q(st->start_time, st->time_base, AVRational { 1, AV_TIME_BASE }));
    }
    *zeroUs = zero;
    return true;
}

qint64 framePts(const AVFrame *frame)
{
    if (frame->best_effort_timestamp != AV_NOPTS_VALUE) {
        return frame->best_effort_timestamp;
    }
    return frame->pts;
}

} // namespace

struct FrameGrabber::Private
{
    std::unique_ptr<MediaInput> input;
    AVFormatContext *fmt = nullptr;
    AVStream *stream = nullptr;
    int streamIndex = -1;
    CodecContextPtr exactDecoder; // frame threads, for long runs of frames
    CodecContextPtr exactDecoderSingle; // one thread, for a few frames after a keyframe
    CodecContextPtr keyDecoder;
    FrameConverter converter;
    PacketPtr packet;
    int threadCount = 0;
    VideoFrame::Format format = VideoFrame::Format::Rgba8888;
    qint64 zeroUs = 0;
    qint64 durationMs = 0;
    CoverTime::TimeBase timeBase;
    int displayW = 0;
    int displayH = 0;
    int rotationCw = 0;
    bool mirrored = false;
    Counters counters;
    AVDiscard videoDiscard = AVDISCARD_DEFAULT;

    // The last keyframe answered, reused when a later request lands on the same keyframe.
    qint64 lastKeyPts = AV_NOPTS_VALUE;
    FrameSize lastKeySize;
    VideoFrame lastKey;

    bool openInput(
        const std::function<std::unique_ptr<MediaInput>(int *)> &makeInput, QString *error);
    bool fail(QString *error, const QString &sentence)
    {
        if (error) {
            *error = sentence;
        }
        return false;
    }
    bool ensureDecoder(CodecContextPtr &decoder, int threads, QString *error);
    void setVideoDiscard(AVDiscard discard);
    /// Seeks to the keyframe at or before @p ts, or with @p forward at or after it.
    bool seek(qint64 ts, bool forward = false);
    std::optional<VideoFrame> keyframe(qint64 atMs, FrameSize size, bool nearest, QString *error);
    VideoFrame convert(const AVFrame *frame, FrameSize size, VideoFrame::Kind kind, QString *error);
};

FrameGrabber::FrameGrabber()
    : d(std::make_unique<Private>())
{
}

FrameGrabber::~FrameGrabber() = default;

bool FrameGrabber::open(const QString &path, QString *error)
{
    close();
    const QFileInfo info(path);
    if (path.isEmpty()) {
        return d->fail(error, QStringLiteral("No file was given."));
    }
    if (!info.exists()) {
        return d->fail(error, QStringLiteral("The file does not exist."));
    }
    if (info.isDir()) {
        return d->fail(error, QStringLiteral("The path is a folder, not a video file."));
    }
    if (!info.isReadable()) {
        return d->fail(error, QStringLiteral("The file cannot be read (permission denied)."));
    }
    if (info.size() == 0) {
        return d->fail(error, QStringLiteral("The file is empty."));
    }
    return d->openInput([&path](int *err) { return MediaInput::fromFile(path, err); }, error);
}

bool FrameGrabber::openMemory(const QByteArray &bytes, QString *error)
{
    close();
    if (bytes.isEmpty()) {
        return d->fail(error, QStringLiteral("The data is empty."));
    }
    return d->openInput([&bytes](int *err) { return MediaInput::fromMemory(bytes, err); }, error);
}

bool FrameGrabber::Private::openInput(
    const std::function<std::unique_ptr<MediaInput>(int *)> &makeInput, QString *error)
{
    int err = 0;
    input = makeInput(&err);
    if (!input) {
        return fail(error, sentenceForIoError(err));
    }
    input->setDeadline(kOpenBudget);
    err = input->openFormat(kFormatWhitelist);
    if (err < 0) {
        input.reset();
        int ignored = 0;
        auto fresh = makeInput(&ignored);
        return fail(error, sentenceForUnopenable(fresh.get(), err));
    }
    fmt = input->format();
    qint64 headerZeroUs = 0;
    const bool headerComplete = headerTimesComplete(fmt, &headerZeroUs);
    // avformat_find_stream_info() decodes a frame of every stream (about 18 ms for 1080p
    // H.264), only to learn what an MP4/MOV header already says; skip it there.
    err = headerComplete ? 0 : avformat_find_stream_info(fmt, nullptr);
    if (err < 0) {
        const QString sentence =
            QStringLiteral("The video is damaged: its streams cannot be read (%1).")
                .arg(errorString(err));
        input.reset();
        fmt = nullptr;
        return fail(error, sentence);
    }
    input->setDeadline(std::chrono::milliseconds(0));

    bool hasAudio = false;
    bool hasCoverArt = false;
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        AVStream *st = fmt->streams[i];
        const AVMediaType type = st->codecpar->codec_type;
        hasAudio = hasAudio || type == AVMEDIA_TYPE_AUDIO;
        if (type != AVMEDIA_TYPE_VIDEO) {
            continue;
        }
        if (st->disposition & AV_DISPOSITION_ATTACHED_PIC) {
            hasCoverArt = true;
            continue;
        }
        if (streamIndex < 0 || (st->disposition & AV_DISPOSITION_DEFAULT)) {
            streamIndex = static_cast<int>(i);
        }
    }
    QString sentence;
    if (fmt->nb_streams == 0) {
        sentence = QStringLiteral("The video's header is damaged: it lists no streams.");
    } else if (streamIndex < 0 && hasCoverArt) {
        sentence = QStringLiteral("The file is audio with cover art, not a video.");
    } else if (streamIndex < 0 && hasAudio) {
        sentence = QStringLiteral("The file contains only audio, no video.");
    } else if (streamIndex < 0) {
        sentence = QStringLiteral("The file contains no video stream.");
    } else {
        const AVCodecParameters *par = fmt->streams[streamIndex]->codecpar;
        if (par->width <= 0 || par->height <= 0 || par->width > kMaxCodedDimension
            || par->height > kMaxCodedDimension) {
            sentence = QStringLiteral("The video's picture size (%1x%2) is invalid; the file is "
                                      "damaged.")
                           .arg(par->width)
                           .arg(par->height);
        }
    }
    if (!sentence.isEmpty()) {
        input.reset();
        fmt = nullptr;
        streamIndex = -1;
        return fail(error, sentence);
    }

    stream = fmt->streams[streamIndex];
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        // Audio and other streams are never needed here: let the demuxer skip their packets.
        if (static_cast<int>(i) != streamIndex) {
            fmt->streams[i]->discard = AVDISCARD_ALL;
        }
    }
    if (headerComplete) {
        zeroUs = headerZeroUs;
    } else {
        zeroUs = fmt->start_time != AV_NOPTS_VALUE ? fmt->start_time : 0;
    }
    if (fmt->duration != AV_NOPTS_VALUE && fmt->duration > 0) {
        durationMs = fmt->duration / 1000;
    } else if (stream->duration != AV_NOPTS_VALUE && stream->duration > 0) {
        durationMs = av_rescale_q(stream->duration, stream->time_base, AVRational { 1, 1000 });
    }
    timeBase = { stream->time_base.num, stream->time_base.den };
    if (timeBase.num <= 0 || timeBase.den <= 0) {
        input.reset();
        fmt = nullptr;
        stream = nullptr;
        streamIndex = -1;
        return fail(
            error, QStringLiteral("The video's time base is invalid; the file is damaged."));
    }
    readDisplayMatrix(stream, &rotationCw, &mirrored);
    const AVRational sar = av_guess_sample_aspect_ratio(fmt, stream, nullptr);
    const QSize display = FrameConverter::displaySize(
        stream->codecpar->width, stream->codecpar->height, sar.num, sar.den, rotationCw);
    displayW = static_cast<int>(display.width());
    displayH = static_cast<int>(display.height());
    packet = makePacket();
    counters = {};
    videoDiscard = AVDISCARD_DEFAULT;
    qCDebug(lcMedia) << "FrameGrabber opened" << fmt->iformat->name << displayW << "x" << displayH
                     << "rotation" << rotationCw << "duration ms" << durationMs << "zero us"
                     << zeroUs;
    return true;
}

void FrameGrabber::close()
{
    d->exactDecoder.reset();
    d->exactDecoderSingle.reset();
    d->keyDecoder.reset();
    d->input.reset();
    d->fmt = nullptr;
    d->stream = nullptr;
    d->streamIndex = -1;
    d->durationMs = 0;
    d->displayW = d->displayH = 0;
    d->rotationCw = 0;
    d->mirrored = false;
    d->lastKeyPts = AV_NOPTS_VALUE;
    d->lastKey = {};
}

bool FrameGrabber::isOpen() const
{
    return d->fmt != nullptr;
}

qint64 FrameGrabber::durationMs() const
{
    return d->durationMs;
}

int FrameGrabber::displayWidth() const
{
    return d->displayW;
}

int FrameGrabber::displayHeight() const
{
    return d->displayH;
}

int FrameGrabber::rotation() const
{
    return d->rotationCw;
}

int FrameGrabber::timeBaseNum() const
{
    return d->timeBase.num;
}

int FrameGrabber::timeBaseDen() const
{
    return d->timeBase.den;
}

void FrameGrabber::setThreadCount(int threads)
{
    if (d->threadCount != std::max(0, threads)) {
        d->threadCount = std::max(0, threads);
        d->exactDecoder.reset();
    }
}

void FrameGrabber::setFormat(VideoFrame::Format format)
{
    if (d->format != format) {
        d->format = format;
        d->lastKeyPts = AV_NOPTS_VALUE; // the reusable keyframe has the other layout
        d->lastKey = {};
    }
}

FrameGrabber::Counters FrameGrabber::counters() const
{
    return d->counters;
}

bool FrameGrabber::Private::ensureDecoder(CodecContextPtr &decoder, int threads, QString *error)
{
    if (decoder) {
        return true;
    }
    const AVCodecParameters *par = stream->codecpar;
    const AVCodec *codec = avcodec_find_decoder(par->codec_id);
    if (!codec) {
        return fail(error,
            QStringLiteral("No decoder is available for the video codec %1.")
                .arg(QString::fromUtf8(avcodec_get_name(par->codec_id))));
    }
    CodecContextPtr ctx(avcodec_alloc_context3(codec));
    if (!ctx) {
        return fail(error, QStringLiteral("Out of memory while opening the video decoder."));
    }
    int err = avcodec_parameters_to_context(ctx.get(), par);
    if (err >= 0) {
        ctx->pkt_timebase = stream->time_base;
        ctx->thread_count = threads;
        ctx->thread_type = FF_THREAD_FRAME;
        ctx->max_pixels = kMaxPixels;
        AVDictionary *options = nullptr;
        av_dict_set(&options, "codec_whitelist", kCodecWhitelist, 0);
        err = avcodec_open2(ctx.get(), codec, &options);
        av_dict_free(&options);
    }
    if (err < 0) {
        return fail(error,
            QStringLiteral("The video codec %1 cannot be decoded (%2).")
                .arg(QString::fromUtf8(avcodec_get_name(par->codec_id)), errorString(err)));
    }
    decoder = std::move(ctx);
    return true;
}

void FrameGrabber::Private::setVideoDiscard(AVDiscard discard)
{
    // mov honours AVDISCARD_NONKEY at the demuxer (mov.c), so a keyframe strip reads only the
    // keyframes' bytes; the decoders' skip_frame covers demuxers that ignore it (Matroska).
    stream->discard = discard;
    videoDiscard = discard;
}

bool FrameGrabber::Private::seek(qint64 ts, bool forward)
{
    ++counters.seeks;
    if (forward && avformat_seek_file(fmt, streamIndex, ts, ts, INT64_MAX, 0) >= 0) {
        return true;
    }
    // "keyframe at or before ts" (avformat.h: max_ts = ts); when there is none (ts before the
    // first keyframe), the nearest keyframe, i.e. the first one.
    if (avformat_seek_file(fmt, streamIndex, INT64_MIN, ts, ts, 0) >= 0) {
        return true;
    }
    if (av_seek_frame(fmt, streamIndex, ts, AVSEEK_FLAG_BACKWARD) >= 0) {
        return true;
    }
    return avformat_seek_file(fmt, streamIndex, INT64_MIN, ts, INT64_MAX, 0) >= 0;
}

VideoFrame FrameGrabber::Private::convert(
    const AVFrame *frame, FrameSize size, VideoFrame::Kind kind, QString *error)
{
    const AVRational sar = av_guess_sample_aspect_ratio(fmt, stream, const_cast<AVFrame *>(frame));
    FrameConverter::Target target;
    target.width = size.width;
    target.height = size.height;
    target.sarNum = sar.num;
    target.sarDen = sar.den;
    target.rotationCw = rotationCw;
    target.mirrored = mirrored;
    target.format = format;
    VideoFrame out = converter.convert(frame, target, error);
    if (out.isNull()) {
        return out;
    }
    ++counters.framesConverted;
    const qint64 pts = framePts(frame);
    out.pts = pts;
    out.ptsMs = CoverTime::frameStartMs(pts, timeBase, zeroUs);
    out.coverTimestampMs = CoverTime::coverTimestampMs(pts, timeBase, zeroUs, durationMs);
    out.kind = kind;
    return out;
}

std::optional<VideoFrame> FrameGrabber::exactFrame(
    qint64 atMs, FrameSize size, QString *error, std::stop_token stop)
{
    if (!d->fmt) {
        d->fail(error, QStringLiteral("No video is open."));
        return std::nullopt;
    }
    const qint64 target = CoverTime::targetPts(std::max<qint64>(atMs, 0), d->timeBase, d->zeroUs);
    // Frame threads pay off over a long run of frames, but cost start-up and a frame of
    // latency per thread: a target a few frames after its keyframe decodes faster on one
    // thread. The MP4 index lists every sample, so it tells the distance before decoding;
    // Matroska's lists keyframes only, and then we assume a long run.
    bool fewFrames = d->threadCount == 1;
    const int keyEntry = av_index_search_timestamp(d->stream, target, AVSEEK_FLAG_BACKWARD);
    const int anyEntry =
        av_index_search_timestamp(d->stream, target, AVSEEK_FLAG_BACKWARD | AVSEEK_FLAG_ANY);
    // Index times are decode times: the first few entries after a keyframe may still show
    // frames of the previous GOP (B-frame delay), where the seek lands a GOP earlier.
    const int delay = std::max(2, d->stream->codecpar->video_delay);
    if (keyEntry >= 0 && anyEntry - keyEntry > delay && anyEntry - keyEntry <= kFewFrames) {
        fewFrames = true;
    }
    CodecContextPtr &decoder = fewFrames ? d->exactDecoderSingle : d->exactDecoder;
    if (!d->ensureDecoder(decoder, fewFrames ? 1 : d->threadCount, error)) {
        return std::nullopt;
    }
    AVCodecContext *dec = decoder.get();
    AVFormatContext *fmt = d->fmt;
    AVPacket *pkt = d->packet.get();
    d->setVideoDiscard(AVDISCARD_DEFAULT);

    const qint64 streamStart = d->stream->start_time;
    FramePtr best = makeFrame();
    FramePtr frame = makeFrame();
    bool haveBest = false;
    qint64 bestPts = AV_NOPTS_VALUE;
    qint64 seekTs = target;

    for (int attempt = 0;; ++attempt) {
        if (!d->seek(seekTs)) {
            d->fail(error, QStringLiteral("The video cannot be searched (seeking failed)."));
            return std::nullopt;
        }
        avcodec_flush_buffers(dec);
        av_frame_unref(best.get());
        haveBest = false;
        bestPts = AV_NOPTS_VALUE;
        qint64 firstPts = AV_NOPTS_VALUE;
        qint64 firstPacketDts = AV_NOPTS_VALUE;
        qint64 lastPts = AV_NOPTS_VALUE;
        // The latest start among the packets sent so far that is still at or before the
        // target: a frame that starts earlier cannot be the answer.
        qint64 supersedingPts = AV_NOPTS_VALUE;
        bool done = false;
        bool draining = false;

        // Takes every frame the decoder has ready; sets done on an exact hit or on the first
        // frame past the target (media.md §3.2: never stop early on pts + duration).
        const auto receiveFrames = [&] {
            while (!done && avcodec_receive_frame(dec, frame.get()) == 0) {
                ++d->counters.framesDecoded;
                qint64 pts = framePts(frame.get());
                if (pts == AV_NOPTS_VALUE) {
                    pts = lastPts == AV_NOPTS_VALUE ? target : lastPts + 1;
                }
                lastPts = pts;
                if (firstPts == AV_NOPTS_VALUE) {
                    firstPts = pts;
                }
                if (pts <= target || !haveBest) {
                    av_frame_unref(best.get());
                    av_frame_move_ref(best.get(), frame.get());
                    haveBest = true;
                    bestPts = pts;
                    done = pts >= target;
                } else {
                    av_frame_unref(frame.get());
                    done = true;
                }
            }
        };

        while (!done && !draining) {
            if (stop.stop_requested()) {
                dec->skip_frame = AVDISCARD_DEFAULT;
                d->fail(error, QStringLiteral("Cancelled."));
                return std::nullopt;
            }
            const int readResult = av_read_frame(fmt, pkt);
            if (readResult < 0) {
                // End of file, or the rest of a truncated file: take what the decoder holds.
                avcodec_send_packet(dec, nullptr);
                draining = true;
                receiveFrames();
                break;
            }
            if (pkt->stream_index != d->streamIndex) {
                av_packet_unref(pkt);
                continue;
            }
            // mpv's hr-seek trick: frames before the target that no other frame references
            // need not be decoded at all. "Before" must mean "superseded by a later frame that
            // still starts at or before the target" (a reference frame arrives before the
            // B-frames it follows): a non-reference frame whose start is merely < target may
            // itself be the frame on screen at the target. Frame threads pick the change up
            // per packet (pthread_frame.c update_context_from_user).
            if (firstPacketDts == AV_NOPTS_VALUE) {
                firstPacketDts = pkt->dts != AV_NOPTS_VALUE ? pkt->dts : pkt->pts;
            }
            // Once a candidate is known, a non-reference frame that starts after the target is
            // never the answer either (it is only decoded for its own sake).
            const bool superseded = pkt->pts != AV_NOPTS_VALUE && supersedingPts != AV_NOPTS_VALUE
                && (pkt->pts < supersedingPts || pkt->pts > target);
            dec->skip_frame = superseded ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
            if (pkt->pts != AV_NOPTS_VALUE && pkt->pts <= target
                && (supersedingPts == AV_NOPTS_VALUE || pkt->pts > supersedingPts)) {
                supersedingPts = pkt->pts;
            }
            ++d->counters.packetsSent;
            int sendResult = avcodec_send_packet(dec, pkt);
            while (sendResult == AVERROR(EAGAIN) && !done) {
                receiveFrames();
                sendResult = avcodec_send_packet(dec, pkt);
            }
            av_packet_unref(pkt);
            // A damaged packet (AVERROR_INVALIDDATA) is skipped; the next keyframe recovers.
            receiveFrames();
        }
        dec->skip_frame = AVDISCARD_DEFAULT;

        // Demuxers that seek by decode time (fragmented MP4) may land on a keyframe whose
        // presentation starts after the target: with B-frames its decode time is earlier.
        // Step back before that keyframe, unless it is the first frame of the stream.
        const bool overshot = haveBest && bestPts > target && firstPts == bestPts;
        const bool atStreamStart = streamStart != AV_NOPTS_VALUE && firstPts <= streamStart;
        if (overshot && !atStreamStart && attempt < kMaxSeekBacks) {
            const qint64 before = std::min({ seekTs, firstPts, firstPacketDts }) - 1;
            if (before < seekTs) {
                seekTs = before;
                continue;
            }
        }
        break;
    }

    if (!haveBest) {
        d->fail(error,
            QStringLiteral("No frame can be decoded at %1 ms; the video is damaged "
                           "or truncated.")
                .arg(atMs));
        return std::nullopt;
    }
    VideoFrame out = d->convert(best.get(), size, VideoFrame::Kind::Exact, error);
    if (out.isNull()) {
        return std::nullopt;
    }
    return out;
}

std::optional<VideoFrame> FrameGrabber::keyframeNear(qint64 atMs, FrameSize size, QString *error)
{
    return d->keyframe(atMs, size, true, error);
}

std::optional<VideoFrame> FrameGrabber::keyframeAtOrBefore(
    qint64 atMs, FrameSize size, QString *error)
{
    return d->keyframe(atMs, size, false, error);
}

std::optional<VideoFrame> FrameGrabber::Private::keyframe(
    qint64 atMs, FrameSize size, bool nearest, QString *error)
{
    if (!fmt) {
        fail(error, QStringLiteral("No video is open."));
        return std::nullopt;
    }
    if (!ensureDecoder(keyDecoder, 1, error)) {
        return std::nullopt;
    }
    AVCodecContext *dec = keyDecoder.get();
    AVPacket *pkt = packet.get();
    setVideoDiscard(AVDISCARD_NONKEY);

    const qint64 target = CoverTime::targetPts(std::max<qint64>(atMs, 0), timeBase, zeroUs);
    qint64 seekTs = target;
    bool forward = false;
    if (nearest) {
        // The index (MP4 sample table, Matroska cues) knows the keyframes around the target
        // without reading any media; pick the closer one. MP4 index times are decode times,
        // a frame or two early with B-frames, which is fine for choosing; but the mov demuxer
        // seeks by presentation time, so reach the later keyframe with a forward seek.
        const int before = av_index_search_timestamp(stream, target, AVSEEK_FLAG_BACKWARD);
        const int after = av_index_search_timestamp(stream, target, 0);
        const AVIndexEntry *b = before >= 0 ? avformat_index_get_entry(stream, before) : nullptr;
        const AVIndexEntry *a = after >= 0 ? avformat_index_get_entry(stream, after) : nullptr;
        if (a && (!b || a->timestamp - target < target - b->timestamp)) {
            seekTs = a->timestamp;
            forward = true;
        }
    }
    if (!seek(seekTs, forward)) {
        fail(error, QStringLiteral("The video cannot be searched (seeking failed)."));
        return std::nullopt;
    }
    avcodec_flush_buffers(dec);

    bool haveKey = false;
    for (int count = 0; count < kMaxPacketsForKeyframe; ++count) {
        if (av_read_frame(fmt, pkt) < 0) {
            break;
        }
        if (pkt->stream_index == streamIndex && (pkt->flags & AV_PKT_FLAG_KEY)) {
            haveKey = true;
            break;
        }
        av_packet_unref(pkt);
    }
    if (!haveKey) {
        fail(error,
            QStringLiteral("No keyframe can be read near %1 ms; the video is damaged or "
                           "truncated.")
                .arg(atMs));
        return std::nullopt;
    }
    const qint64 keyPts = pkt->pts;
    if (keyPts != AV_NOPTS_VALUE && keyPts == lastKeyPts && size.width == lastKeySize.width
        && size.height == lastKeySize.height && !lastKey.isNull()) {
        av_packet_unref(pkt);
        ++counters.keyframeReuses;
        return lastKey;
    }

    // A thumbnail at a fraction of the size hides the deblocking filter's work, so skip it
    // (thumbfast does the same); full-size keyframes keep it.
    const qint64 outPixels =
        FrameConverter::outputPixels(displayW, displayH, size.width, size.height);
    dec->skip_loop_filter =
        outPixels * 4 <= qint64(displayW) * displayH ? AVDISCARD_ALL : AVDISCARD_DEFAULT;
    dec->skip_frame = AVDISCARD_NONKEY;
    ++counters.packetsSent;
    const int sendResult = avcodec_send_packet(dec, pkt);
    av_packet_unref(pkt);
    // Drain at once: with B-frame reordering the decoder would otherwise hold the keyframe
    // back until more packets arrive (media.md §3.3).
    avcodec_send_packet(dec, nullptr);
    FramePtr frame = makeFrame();
    const int receiveResult = avcodec_receive_frame(dec, frame.get());
    avcodec_flush_buffers(dec); // leaves draining mode for the next request
    if (sendResult < 0 || receiveResult < 0) {
        fail(error,
            QStringLiteral("The keyframe near %1 ms cannot be decoded (%2); the video is "
                           "damaged.")
                .arg(atMs)
                .arg(errorString(sendResult < 0 ? sendResult : receiveResult)));
        return std::nullopt;
    }
    ++counters.framesDecoded;
    if (frame->best_effort_timestamp == AV_NOPTS_VALUE && frame->pts == AV_NOPTS_VALUE) {
        frame->pts = keyPts;
    }
    VideoFrame out = convert(frame.get(), size, VideoFrame::Kind::Keyframe, error);
    if (out.isNull()) {
        return std::nullopt;
    }
    lastKeyPts = keyPts;
    lastKeySize = size;
    lastKey = out;
    return out;
}

} // namespace Cuepoint::Core
