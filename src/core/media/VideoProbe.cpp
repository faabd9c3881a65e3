// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/media/VideoProbe.h"

#include "FFmpegSupport.h"

#include "cuepoint/core/support/Logging.h"

#include <QFileInfo>

extern "C" {
#include <libavutil/display.h>
#include <libavutil/pixdesc.h>
}

#include <algorithm>
#include <cmath>
#include <vector>

namespace Cuepoint::Core {

using namespace FFmpeg;

QString probeErrorCode(ProbeError error)
{
    switch (error) {
    case ProbeError::None:
        return QStringLiteral("none");
    case ProbeError::NotFound:
        return QStringLiteral("not_found");
    case ProbeError::NotAFile:
        return QStringLiteral("not_a_file");
    case ProbeError::Unreadable:
        return QStringLiteral("unreadable");
    case ProbeError::Empty:
        return QStringLiteral("empty");
    case ProbeError::NotAVideo:
        return QStringLiteral("not_video");
    case ProbeError::NoVideoStream:
        return QStringLiteral("no_video");
    case ProbeError::Damaged:
        return QStringLiteral("damaged");
    case ProbeError::Truncated:
        return QStringLiteral("truncated");
    }
    return QStringLiteral("unknown");
}

namespace {

// A hostile file must not keep the probe busy; a real one opens in milliseconds.
constexpr std::chrono::milliseconds kDeadline { 10000 };
// Bytes read up front for the Matroska DocType and Segment size.
constexpr int kHeaderBytes = 4096;
// Packets read at most to find the pixel format or sample frame timestamps.
constexpr int kMaxPacketsRead = 240;
// Frame timestamps sampled when neither the header nor the index gives the frame rate.
constexpr int kTimestampSamples = 120;

// Demuxers we run. mov and matroska hold every container TikTok accepts; the others hold
// videos in containers TikTok refuses and are opened only so the report can say so (a
// violation, exit 1) instead of "not a video". Fewer demuxers, less attack surface.
constexpr const char *kOpenedDemuxers = "mov,matroska,avi,flv,asf,mpegts,ogg";

// Demuxers that only ever hold sound.
const char *const kAudioDemuxers[] = { "mp3", "wav", "flac", "aac", "w64", "aiff", "amr", "ape",
    "wv", "au", "ac3", "eac3", "dts", "truehd", "caf", "tta", "mpc", "mpc8", "oma", "xwma" };

QString firstName(const char *names)
{
    const QString all = QString::fromLatin1(names ? names : "");
    return all.section(QLatin1Char(','), 0, 0);
}

bool nameIn(const QString &name, const char *list)
{
    return QString::fromLatin1(list).split(QLatin1Char(',')).contains(name);
}

void fail(VideoInfo &info, ProbeError error, const QString &message)
{
    info.error = error;
    info.errorMessage = message;
    qCDebug(lcMedia) << "probe" << info.path << probeErrorCode(error) << message;
}

// --- Matroska / WebM: EBML DocType and Segment size ----------------------------------------

struct EbmlHeader
{
    QByteArray docType; // "webm", "matroska" or empty
    qint64 segmentEnd = -1; // offset one past the Segment, -1 when unknown
};

// Reads an EBML variable-length integer at @p pos. IDs keep their length marker, sizes don't.
bool readVint(const QByteArray &data, qint64 &pos, bool keepMarker, quint64 &value, bool &unknown)
{
    if (pos >= data.size()) {
        return false;
    }
    const auto first = static_cast<quint8>(data.at(pos));
    int length = 1;
    while (length <= 8 && !(first & (0x80 >> (length - 1)))) {
        ++length;
    }
    if (length > 8 || pos + length > data.size()) {
        return false;
    }
    quint64 v = keepMarker ? first : (first & (0xffu >> length));
    bool allOnes = (first & (0xffu >> length)) == (0xffu >> length);
    for (int i = 1; i < length; ++i) {
        const auto byte = static_cast<quint8>(data.at(pos + i));
        allOnes = allOnes && byte == 0xff;
        v = (v << 8) | byte;
    }
    unknown = !keepMarker && allOnes;
    value = v;
    pos += length;
    return true;
}

EbmlHeader parseEbmlHeader(const QByteArray &data)
{
    EbmlHeader header;
    qint64 pos = 0;
    quint64 id = 0;
    quint64 size = 0;
    bool unknown = false;
    if (!readVint(data, pos, true, id, unknown) || id != 0x1A45DFA3
        || !readVint(data, pos, false, size, unknown) || unknown) {
        return header;
    }
    const qint64 end = pos + static_cast<qint64>(std::min<quint64>(size, 1 << 20));
    while (pos < end && pos < data.size()) {
        quint64 childId = 0;
        quint64 childSize = 0;
        if (!readVint(data, pos, true, childId, unknown)
            || !readVint(data, pos, false, childSize, unknown) || unknown
            || childSize > static_cast<quint64>(data.size())) {
            return header;
        }
        if (childId == 0x4282) { // DocType
            header.docType = data.mid(pos, static_cast<qsizetype>(childSize));
            header.docType.truncate(header.docType.indexOf('\0') >= 0 ? header.docType.indexOf('\0')
                                                                      : header.docType.size());
        }
        pos += static_cast<qint64>(childSize);
    }
    pos = end;
    if (readVint(data, pos, true, id, unknown) && id == 0x18538067 // Segment
        && readVint(data, pos, false, size, unknown) && !unknown && size < (quint64(1) << 62)) {
        header.segmentEnd = pos + static_cast<qint64>(size);
    }
    return header;
}

// --- VP9: profile and bit depth from the uncompressed header of the first frame -------------

struct BitReader
{
    const QByteArray &data;
    qint64 bit = 0;
    int read(int count)
    {
        int value = 0;
        for (int i = 0; i < count; ++i, ++bit) {
            if (bit / 8 >= data.size()) {
                return -1;
            }
            value = (value << 1) | ((static_cast<quint8>(data.at(bit / 8)) >> (7 - bit % 8)) & 1);
        }
        return value;
    }
};

void parseVp9(const QByteArray &frame, int &profile, int &bitDepth)
{
    BitReader bits { frame };
    if (bits.read(2) != 2) { // frame_marker
        return;
    }
    const int low = bits.read(1);
    const int high = bits.read(1);
    profile = (high << 1) | low;
    if (profile == 3) {
        bits.read(1); // reserved_zero
    }
    bitDepth = profile >= 2 ? 10 : 8;
    if (profile < 2 || bits.read(1) == 1) { // show_existing_frame: no header follows
        return;
    }
    if (bits.read(1) != 0) { // frame_type: only key frames carry the colour config here
        return;
    }
    bits.read(2); // show_frame, error_resilient_mode
    if (bits.read(24) != 0x498342) { // frame_sync_code
        return;
    }
    bitDepth = bits.read(1) == 1 ? 12 : 10;
}

// --- frame timing ---------------------------------------------------------------------------

struct Timing
{
    double fps = 0;
    bool variable = false;
};

// Judges frame durations from timestamps in any order (the index holds decode order, packets
// of B-frame streams come in decode order too). A millisecond time base makes a constant
// 30 fps alternate between 33 and 34 ms, so small deviations are not variability.
Timing timingFromTimestamps(std::vector<int64_t> ts, AVRational timeBase)
{
    Timing timing;
    std::sort(ts.begin(), ts.end());
    ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
    if (ts.size() < 3) {
        return timing;
    }
    // Differences in double: a hostile index can hold INT64_MIN and INT64_MAX side by side.
    std::vector<double> deltas;
    deltas.reserve(ts.size() - 1);
    for (size_t i = 1; i < ts.size(); ++i) {
        deltas.push_back(static_cast<double>(ts[i]) - static_cast<double>(ts[i - 1]));
    }
    std::vector<double> sorted = deltas;
    std::nth_element(sorted.begin(),
        sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2), sorted.end());
    const double median = sorted[sorted.size() / 2];
    const double slack = std::max(2.0, median * 0.05);
    size_t outliers = 0;
    for (const double d : deltas) {
        if (std::abs(d - median) > slack) {
            ++outliers;
        }
    }
    timing.variable = outliers >= 2 && outliers * 100 > deltas.size();
    const double span =
        (static_cast<double>(ts.back()) - static_cast<double>(ts.front())) * av_q2d(timeBase);
    if (span > 0 && std::isfinite(span)) {
        timing.fps = static_cast<double>(deltas.size()) / span;
    }
    return timing;
}

bool validRational(AVRational r)
{
    return r.num > 0 && r.den > 0;
}

// --- the probe ------------------------------------------------------------------------------

QString imageName(const QString &demuxer)
{
    QString base = demuxer;
    base.remove(QLatin1String("_pipe"));
    if (base == QLatin1String("image2") || base == QLatin1String("image2pipe")) {
        return QStringLiteral("an image");
    }
    return QStringLiteral("a %1 image").arg(base.toUpper());
}

bool isImageDemuxer(const QString &name)
{
    return name.endsWith(QLatin1String("_pipe")) || name.startsWith(QLatin1String("image2"))
        || name == QLatin1String("gif") || name == QLatin1String("apng")
        || name == QLatin1String("ico") || name == QLatin1String("webp");
}

QString containerFromMov(const AVFormatContext *fmt)
{
    const AVDictionaryEntry *brand = av_dict_get(fmt->metadata, "major_brand", nullptr, 0);
    if (!brand) {
        return QStringLiteral("mov"); // QuickTime files before ftyp existed
    }
    const QByteArray b(brand->value);
    if (b.startsWith("qt")) {
        return QStringLiteral("mov");
    }
    if (b.startsWith("3g")) {
        return QStringLiteral("3gp");
    }
    return QStringLiteral("mp4");
}

class Prober
{
public:
    Prober(VideoInfo &info, MediaInput &input)
        : m_info(info)
        , m_input(input)
    {
    }

    void run();

private:
    bool sniffAndOpen();
    bool chooseStreams();
    void describeVideo();
    void readGeometry();
    void readTiming();
    void readPackets(bool wantFormat, bool wantTimestamps);
    void checkTruncation();

    VideoInfo &m_info;
    MediaInput &m_input;
    QByteArray m_head;
    AVFormatContext *m_fmt = nullptr;
    AVStream *m_video = nullptr;
    QString m_demuxer;
    int m_parsedFormat = AV_PIX_FMT_NONE;
    int m_parsedProfile = FF_PROFILE_UNKNOWN;
    int m_vp9Profile = -1;
    int m_vp9BitDepth = 0;
    std::vector<int64_t> m_packetTimestamps;
};

void Prober::run()
{
    m_input.setDeadline(kDeadline);
    // Zero here is not proof of emptiness (files in /proc report 0); the first read decides.
    m_info.sizeBytes = std::max<qint64>(m_input.size(), 0);
    if (!sniffAndOpen() || !chooseStreams()) {
        return;
    }
    describeVideo();
    readGeometry();
    readTiming();
    checkTruncation();
    if (m_info.width <= 0 || m_info.height <= 0) {
        if (nameIn(m_demuxer, "mov,matroska")) {
            fail(m_info, ProbeError::Damaged,
                QStringLiteral("The video stream has no picture size; the file is damaged."));
        }
    }
}

bool Prober::sniffAndOpen()
{
    // Read the start ourselves: it tells read errors apart and holds the Matroska header.
    m_head.resize(kHeaderBytes);
    const int got =
        avio_read(m_input.io(), reinterpret_cast<unsigned char *>(m_head.data()), kHeaderBytes);
    if (got < 0 && got != AVERROR_EOF) {
        fail(m_info, ProbeError::Unreadable,
            QStringLiteral("The file cannot be read: %1.").arg(errorString(got)));
        return false;
    }
    m_head.resize(std::max(got, 0));
    if (m_head.isEmpty()) {
        fail(m_info, ProbeError::Empty, QStringLiteral("The file is empty (0 bytes)."));
        return false;
    }
    avio_seek(m_input.io(), 0, SEEK_SET);

    // Sniffing runs only the probe functions, no demuxer, and ignores the file name: a JPEG
    // named .mp4 is called a JPEG image.
    int score = 0;
    const AVInputFormat *sniffed = m_input.sniff(&score);
    if (!sniffed) {
        fail(m_info, ProbeError::NotAVideo,
            QStringLiteral("The file is not a video: its contents match no video format."));
        return false;
    }
    m_demuxer = firstName(sniffed->name);
    m_info.demuxer = QString::fromLatin1(sniffed->name);
    if (isImageDemuxer(m_demuxer)) {
        fail(m_info, ProbeError::NotAVideo,
            QStringLiteral("The file is %1, not a video.").arg(imageName(m_demuxer)));
        return false;
    }
    for (const char *audio : kAudioDemuxers) {
        if (m_demuxer == QLatin1String(audio)) {
            fail(m_info, ProbeError::NoVideoStream,
                QStringLiteral("The file is audio only (%1); it has no video.")
                    .arg(m_demuxer.toUpper()));
            return false;
        }
    }
    if (!nameIn(m_demuxer, kOpenedDemuxers)) {
        fail(m_info, ProbeError::NotAVideo,
            QStringLiteral("The file is not a video (it looks like %1).")
                .arg(QString::fromUtf8(sniffed->long_name ? sniffed->long_name : sniffed->name)));
        return false;
    }

    const int result = m_input.openFormat(kOpenedDemuxers, sniffed);
    if (result < 0 || !m_input.format()) {
        qCDebug(lcMedia) << "open failed:" << errorString(result);
        if (result == AVERROR_EXIT) {
            fail(m_info, ProbeError::Damaged,
                QStringLiteral("The file took too long to read; it is probably damaged."));
        } else if (m_demuxer == QLatin1String("mov")) {
            fail(m_info, ProbeError::Damaged,
                QStringLiteral("The file looks like an MP4 or MOV video, but its index is "
                               "missing or damaged; it may not have been copied completely."));
        } else {
            fail(m_info, ProbeError::Damaged,
                QStringLiteral("The file looks like a video, but it is damaged and cannot be "
                               "opened."));
        }
        return false;
    }
    m_fmt = m_input.format();
    if (m_demuxer == QLatin1String("mov")) {
        m_info.container = containerFromMov(m_fmt);
    } else if (m_demuxer == QLatin1String("matroska")) {
        const EbmlHeader ebml = parseEbmlHeader(m_head);
        m_info.container =
            ebml.docType == "webm" ? QStringLiteral("webm") : QStringLiteral("matroska");
        if (ebml.segmentEnd > 0 && m_info.sizeBytes > 0 && ebml.segmentEnd > m_info.sizeBytes) {
            m_info.truncated = true;
        }
    } else {
        m_info.container = m_demuxer;
    }
    return true;
}

bool Prober::chooseStreams()
{
    if (m_fmt->nb_streams == 0) {
        fail(m_info, ProbeError::Damaged,
            QStringLiteral("The file's header is damaged: it lists no streams at all."));
        return false;
    }
    int coverPictures = 0;
    bool videoIsDefault = false;
    for (unsigned i = 0; i < m_fmt->nb_streams; ++i) {
        AVStream *st = m_fmt->streams[i];
        const AVCodecParameters *par = st->codecpar;
        if (par->codec_type == AVMEDIA_TYPE_AUDIO) {
            if (m_info.audioCodec.isEmpty()) {
                m_info.audioCodec = QString::fromLatin1(avcodec_get_name(par->codec_id));
            }
            ++m_info.audioStreamCount;
        }
        if (par->codec_type != AVMEDIA_TYPE_VIDEO) {
            continue;
        }
        if (st->disposition & AV_DISPOSITION_ATTACHED_PIC) {
            ++coverPictures; // cover art is a picture, not a video
            continue;
        }
        ++m_info.videoStreamCount;
        const bool isDefault = st->disposition & AV_DISPOSITION_DEFAULT;
        if (!m_video || (isDefault && !videoIsDefault)) {
            m_video = st;
            videoIsDefault = isDefault;
        }
    }
    m_info.hasAudio = m_info.audioStreamCount > 0;
    if (!m_video) {
        if (coverPictures > 0) {
            fail(m_info, ProbeError::NoVideoStream,
                QStringLiteral("The file is audio with a cover picture; it has no video."));
        } else if (m_info.hasAudio) {
            fail(m_info, ProbeError::NoVideoStream,
                QStringLiteral("The file is audio only; it has no video."));
        } else {
            fail(
                m_info, ProbeError::NoVideoStream, QStringLiteral("The file has no video stream."));
        }
        return false;
    }
    return true;
}

void Prober::describeVideo()
{
    const AVCodecParameters *par = m_video->codecpar;
    m_info.videoCodec = QString::fromLatin1(avcodec_get_name(par->codec_id));
    m_info.width = par->width;
    m_info.height = par->height;

    m_parsedFormat = par->format;
    const bool needFormat = par->format == AV_PIX_FMT_NONE && par->codec_id != AV_CODEC_ID_VP8;
    const bool isMov = m_demuxer == QLatin1String("mov");
    // mov keeps every sample in its index; other demuxers only know keyframes, so the frame
    // timing of their streams is sampled from the first packets when the header lacks it.
    const bool needTimestamps = !isMov && !validRational(m_video->avg_frame_rate);
    readPackets(needFormat, needTimestamps);

    int format = m_parsedFormat;
    if (format == AV_PIX_FMT_NONE && par->codec_id == AV_CODEC_ID_VP8) {
        format = AV_PIX_FMT_YUV420P; // VP8 is 8-bit 4:2:0 by definition
    }
    if (format == AV_PIX_FMT_NONE && par->codec_id == AV_CODEC_ID_VP9 && m_vp9Profile == 0) {
        format = AV_PIX_FMT_YUV420P; // profile 0 is 8-bit 4:2:0 only
    }
    if (const AVPixFmtDescriptor *desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(format))) {
        m_info.pixelFormat = QString::fromLatin1(desc->name);
        m_info.bitDepth = desc->comp[0].depth;
    } else if (m_vp9BitDepth > 0) {
        m_info.bitDepth = m_vp9BitDepth;
    }

    int profile = par->profile;
    if (profile == FF_PROFILE_UNKNOWN) {
        profile = m_parsedProfile;
    }
    if (profile == FF_PROFILE_UNKNOWN && m_vp9Profile >= 0) {
        profile = m_vp9Profile;
    }
    if (const char *name = avcodec_profile_name(par->codec_id, profile)) {
        m_info.profile = QString::fromLatin1(name);
    }

    if (par->color_trc != AVCOL_TRC_UNSPECIFIED) {
        if (const char *name = av_color_transfer_name(par->color_trc)) {
            m_info.colorTransfer = QString::fromLatin1(name);
        }
    }
    m_info.hdr = par->color_trc == AVCOL_TRC_SMPTE2084 || par->color_trc == AVCOL_TRC_ARIB_STD_B67
        || av_stream_get_side_data(m_video, AV_PKT_DATA_DOVI_CONF, nullptr) != nullptr;
}

void Prober::readPackets(bool wantFormat, bool wantTimestamps)
{
    if (!wantFormat && !wantTimestamps) {
        return;
    }
    const AVCodecParameters *par = m_video->codecpar;
    // Parsing reads the bitstream headers (SPS, slice headers); nothing is decoded.
    AVCodecParserContext *parser = wantFormat ? av_parser_init(par->codec_id) : nullptr;
    CodecContextPtr parserCtx(parser ? avcodec_alloc_context3(nullptr) : nullptr);
    if (parser && (!parserCtx || avcodec_parameters_to_context(parserCtx.get(), par) < 0)) {
        av_parser_close(parser);
        parser = nullptr;
    }
    if (parser) {
        parser->flags |= PARSER_FLAG_COMPLETE_FRAMES;
    }
    const bool vp9 = par->codec_id == AV_CODEC_ID_VP9;
    bool formatDone = !wantFormat || (!parser && !vp9);
    std::vector<AVDiscard> saved(m_fmt->nb_streams);
    for (unsigned i = 0; i < m_fmt->nb_streams; ++i) {
        saved[i] = m_fmt->streams[i]->discard;
        if (m_fmt->streams[i] != m_video) {
            m_fmt->streams[i]->discard = AVDISCARD_ALL;
        }
    }
    PacketPtr packet = makePacket();
    int read = 0;
    while (read < kMaxPacketsRead
        && (!formatDone
            || (wantTimestamps
                && m_packetTimestamps.size() < static_cast<size_t>(kTimestampSamples)))) {
        if (av_read_frame(m_fmt, packet.get()) < 0) {
            break;
        }
        ++read;
        if (packet->stream_index != m_video->index) {
            av_packet_unref(packet.get());
            continue;
        }
        if (wantTimestamps) {
            const int64_t ts = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
            if (ts != AV_NOPTS_VALUE) {
                m_packetTimestamps.push_back(ts);
            }
        }
        if (!formatDone && vp9 && packet->size > 0) {
            parseVp9(
                QByteArray::fromRawData(reinterpret_cast<const char *>(packet->data), packet->size),
                m_vp9Profile, m_vp9BitDepth);
            formatDone = m_vp9Profile >= 0;
        } else if (!formatDone && parser) {
            uint8_t *out = nullptr;
            int outSize = 0;
            av_parser_parse2(parser, parserCtx.get(), &out, &outSize, packet->data, packet->size,
                packet->pts, packet->dts, packet->pos);
            if (parser->format != AV_PIX_FMT_NONE) {
                m_parsedFormat = parser->format;
                m_parsedProfile = parserCtx->profile;
                formatDone = true;
            }
        }
        av_packet_unref(packet.get());
    }
    if (parser) {
        av_parser_close(parser);
    }
    for (unsigned i = 0; i < m_fmt->nb_streams; ++i) {
        m_fmt->streams[i]->discard = saved[i];
    }
}

void Prober::readGeometry()
{
    const AVRational sar = av_guess_sample_aspect_ratio(m_fmt, m_video, nullptr);
    int displayWidth = m_info.width;
    if (validRational(sar) && sar.num != sar.den) {
        m_info.sampleAspectNum = sar.num;
        m_info.sampleAspectDen = sar.den;
        const int64_t scaled = av_rescale(m_info.width, sar.num, sar.den);
        displayWidth = static_cast<int>(std::clamp<int64_t>(scaled, 0, INT32_MAX));
    }
    int displayHeight = m_info.height;

    size_t size = 0;
    const auto *matrix = reinterpret_cast<const int32_t *>(
        av_stream_get_side_data(m_video, AV_PKT_DATA_DISPLAYMATRIX, &size));
    if (matrix && size >= 9 * sizeof(int32_t)) {
        // av_display_rotation_get() gives the counter-clockwise angle; phones write -90 for a
        // picture the viewer must turn 90 degrees clockwise (fftools/cmdutils.c get_rotation).
        double ccw = av_display_rotation_get(matrix);
        if (std::isnan(ccw)) {
            ccw = 0;
        }
        int cw = static_cast<int>(std::lround(-ccw / 90.0)) * 90;
        cw = ((cw % 360) + 360) % 360;
        m_info.rotation = cw;
        m_info.mirrored = static_cast<int64_t>(matrix[0]) * matrix[4]
                - static_cast<int64_t>(matrix[1]) * matrix[3]
            < 0;
        if (cw == 90 || cw == 270) {
            std::swap(displayWidth, displayHeight);
        }
    }
    m_info.displayWidth = displayWidth;
    m_info.displayHeight = displayHeight;
}

void Prober::readTiming()
{
    // Duration: the container's (MKV/WebM have no stream duration); limit checks use it.
    if (m_fmt->duration != AV_NOPTS_VALUE && m_fmt->duration > 0) {
        m_info.durationMs = av_rescale(m_fmt->duration, 1000, AV_TIME_BASE);
    } else if (m_video->duration != AV_NOPTS_VALUE && m_video->duration > 0) {
        m_info.durationMs =
            av_rescale_q(m_video->duration, m_video->time_base, AVRational { 1, 1000 });
    }

    Timing timing;
    const int entries = avformat_index_get_entries_count(m_video);
    if (m_demuxer == QLatin1String("mov") && entries >= 3) {
        std::vector<int64_t> ts;
        ts.reserve(static_cast<size_t>(entries));
        for (int i = 0; i < entries; ++i) {
            ts.push_back(avformat_index_get_entry(m_video, i)->timestamp);
        }
        timing = timingFromTimestamps(std::move(ts), m_video->time_base);
        if (m_info.durationMs < 0 && timing.fps > 0) {
            // Fragmented files without a movie duration: the index spans the whole video.
            const auto first = avformat_index_get_entry(m_video, 0)->timestamp;
            const auto last = avformat_index_get_entry(m_video, entries - 1)->timestamp;
            const double ms = (static_cast<double>(last) - static_cast<double>(first))
                    * av_q2d(m_video->time_base) * 1000.0
                + 1000.0 / timing.fps;
            if (ms >= 0 && ms < 1e15) {
                m_info.durationMs = static_cast<qint64>(ms);
            }
        }
    } else if (!m_packetTimestamps.empty()) {
        timing = timingFromTimestamps(m_packetTimestamps, m_video->time_base);
    }

    if (validRational(m_video->avg_frame_rate)) {
        m_info.fps = av_q2d(m_video->avg_frame_rate);
    } else if (timing.fps > 0) {
        m_info.fps = timing.fps;
    } else if (validRational(m_video->r_frame_rate)) {
        m_info.fps = av_q2d(m_video->r_frame_rate);
    }
    m_info.variableFrameRate = timing.variable;
    if (validRational(m_video->avg_frame_rate) && validRational(m_video->r_frame_rate)) {
        const double avg = av_q2d(m_video->avg_frame_rate);
        const double r = av_q2d(m_video->r_frame_rate);
        if (std::abs(avg - r) > 0.01 * r) {
            m_info.variableFrameRate = true;
        }
    }
}

void Prober::checkTruncation()
{
    if (m_demuxer != QLatin1String("mov") || m_info.sizeBytes <= 0) {
        return;
    }
    // The index says where every sample lives; a sample past the end means the file was cut.
    for (unsigned s = 0; s < m_fmt->nb_streams; ++s) {
        AVStream *st = m_fmt->streams[s];
        const int entries = avformat_index_get_entries_count(st);
        for (int i = 0; i < entries; ++i) {
            const AVIndexEntry *e = avformat_index_get_entry(st, i);
            // A comparison that cannot overflow, whatever pos a hostile file holds.
            if (e->pos > m_info.sizeBytes - e->size) {
                m_info.truncated = true;
                return;
            }
        }
    }
}

VideoInfo finish(VideoInfo info)
{
    if (info.isReadable() && info.truncated) {
        fail(info, ProbeError::Truncated,
            QStringLiteral("The file is cut short: it ends before the end of the video it "
                           "announces; it was probably not copied or downloaded completely."));
    }
    return info;
}

} // namespace

VideoInfo VideoProbe::probe(const QString &path)
{
    initialize();
    VideoInfo info;
    info.path = path;
    const QFileInfo file(path);
    if (path.isEmpty() || !file.exists()) {
        fail(info, ProbeError::NotFound, QStringLiteral("There is no file at %1.").arg(path));
        return info;
    }
    if (file.isDir()) {
        fail(info, ProbeError::NotAFile,
            QStringLiteral("%1 is a folder, not a video file.").arg(path));
        return info;
    }
    if (!file.isFile()) {
        // Pipes and devices could block forever or never end.
        fail(info, ProbeError::NotAFile, QStringLiteral("%1 is not a regular file.").arg(path));
        return info;
    }
    info.sizeBytes = file.size();
    int error = 0;
    const std::unique_ptr<MediaInput> input = MediaInput::fromFile(path, &error);
    if (!input) {
        fail(info, ProbeError::Unreadable,
            error == AVERROR(EACCES)
                ? QStringLiteral("You do not have permission to read %1.").arg(path)
                : QStringLiteral("The file cannot be read: %1.").arg(errorString(error)));
        return info;
    }
    Prober(info, *input).run();
    return finish(std::move(info));
}

VideoInfo VideoProbe::probeBytes(const QByteArray &bytes)
{
    initialize();
    VideoInfo info;
    info.sizeBytes = bytes.size();
    if (bytes.isEmpty()) {
        fail(info, ProbeError::Empty, QStringLiteral("The file is empty (0 bytes)."));
        return info;
    }
    int error = 0;
    const std::unique_ptr<MediaInput> input = MediaInput::fromMemory(bytes, &error);
    if (!input) {
        fail(info, ProbeError::Unreadable,
            QStringLiteral("The data cannot be read: %1.").arg(errorString(error)));
        return info;
    }
    Prober(info, *input).run();
    return finish(std::move(info));
}

} // namespace Cuepoint::Core
