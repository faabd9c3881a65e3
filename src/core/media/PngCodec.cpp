// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/media/PngCodec.h"

#include "AtomicWrite.h"
#include "FFmpegSupport.h"
#include "FrameConverter.h"

#include <QtEndian>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <system_error>
#include <thread>
#include <vector>
#include <zlib.h>

namespace Cuepoint::Core::Png {

namespace {

using namespace FFmpeg;

// zlib level 2 with the "up" row filter: on a 1080x1920 frame about half the time of
// FFmpeg's PNG encoder defaults (zlib 6, no filter), and the file is smaller (342 KB against
// 356 KB on testsrc2 frames); "paeth" costs twice the time for the same size, "mixed" three
// times for 2 % less (measured with libavcodec 59.37, see bench/results/media-frames.md).
constexpr int kCompressionLevel = 2;
constexpr quint8 kFilterUp = 2;
// deflate's window: a part compressed on its own thread is primed with this much of the data
// before it, so splitting the picture costs almost no compression.
constexpr qsizetype kWindowBytes = 32768;
// Each band gets at least this many bytes of scanlines (about 350,000 pixels): below that a
// thread costs more than it saves, so thumbnails stay on the calling thread.
constexpr qsizetype kMinBytesPerPart = 1 << 20;
constexpr int kMaxParts = 4;

bool fail(QString *error, const QString &sentence)
{
    if (error) {
        *error = sentence;
    }
    return false;
}

// One horizontal band of the picture, deflated on its own (pigz's scheme): raw deflate
// primed with the 32 KB of filtered scanlines before the band, ended with a sync flush (a
// byte-aligned empty stored block) so that the bands' outputs concatenate into one stream;
// the last band ends the stream instead. Each band also sums its bytes for the zlib trailer.
struct Band
{
    int firstRow = 0;
    int endRow = 0;
    bool last = false;
    QByteArray deflated;
    uLong adler = 1;
    qsizetype rawBytes = 0;
    bool ok = false;
};

class Scanlines
{
public:
    explicit Scanlines(const VideoFrame &frame)
        : m_frame(frame)
        , m_rowBytes(qsizetype(frame.width) * 3)
        , m_pixels(m_rowBytes)
        , m_previous(m_rowBytes)
    {
    }

    qsizetype lineBytes() const { return m_rowBytes + 1; }

    // Writes row @p y with the "up" filter (each byte minus the byte above it; the row above
    // the first is zeros) into @p out, lineBytes() long.
    void filtered(int y, unsigned char *out)
    {
        const unsigned char *current = rgb(y, m_pixels.data());
        out[0] = kFilterUp;
        if (y == 0) {
            std::memcpy(out + 1, current, size_t(m_rowBytes));
            return;
        }
        const unsigned char *above = rgb(y - 1, m_previous.data());
        for (qsizetype i = 0; i < m_rowBytes; ++i) {
            out[i + 1] = static_cast<unsigned char>(current[i] - above[i]);
        }
    }

private:
    // Row @p y as packed RGB: the frame's own bytes for Rgb888, else repacked into @p buffer.
    const unsigned char *rgb(int y, unsigned char *buffer) const
    {
        const auto *row = reinterpret_cast<const unsigned char *>(
            m_frame.rgba.constData() + qsizetype(y) * m_frame.stride);
        if (m_frame.format == VideoFrame::Format::Rgb888) {
            return row;
        }
        for (int x = 0; x < m_frame.width; ++x) {
            std::memcpy(buffer + x * 3, row + x * 4, 3);
        }
        return buffer;
    }

    const VideoFrame &m_frame;
    qsizetype m_rowBytes;
    std::vector<unsigned char> m_pixels;
    std::vector<unsigned char> m_previous;
};

void deflateBand(const VideoFrame &frame, Band *band)
{
    Scanlines lines(frame);
    const qsizetype lineBytes = lines.lineBytes();
    std::vector<unsigned char> line(static_cast<size_t>(lineBytes));
    z_stream zs {};
    if (deflateInit2(&zs, kCompressionLevel, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY)
        != Z_OK) {
        return;
    }
    if (band->firstRow > 0) {
        const int primeRows =
            int(std::min<qsizetype>(band->firstRow, (kWindowBytes + lineBytes - 1) / lineBytes));
        std::vector<unsigned char> window(size_t(primeRows * lineBytes));
        for (int i = 0; i < primeRows; ++i) {
            lines.filtered(band->firstRow - primeRows + i, window.data() + i * lineBytes);
        }
        const qsizetype use = std::min<qsizetype>(kWindowBytes, qsizetype(window.size()));
        deflateSetDictionary(&zs, window.data() + window.size() - size_t(use), uInt(use));
    }
    band->rawBytes = lineBytes * (band->endRow - band->firstRow);
    // Never touched beyond what deflate writes, so the generous bound costs no page faults.
    band->deflated =
        QByteArray(qsizetype(deflateBound(&zs, uLong(band->rawBytes))) + 64, Qt::Uninitialized);
    zs.next_out = reinterpret_cast<Bytef *>(band->deflated.data());
    zs.avail_out = uInt(band->deflated.size());
    uLong adler = adler32(0, nullptr, 0);
    bool ok = true;
    for (int y = band->firstRow; y < band->endRow && ok; ++y) {
        lines.filtered(y, line.data());
        adler = adler32(adler, line.data(), uInt(lineBytes));
        zs.next_in = line.data();
        zs.avail_in = uInt(lineBytes);
        const bool lastLine = y + 1 == band->endRow;
        const int flush = !lastLine ? Z_NO_FLUSH : band->last ? Z_FINISH : Z_SYNC_FLUSH;
        const int result = deflate(&zs, flush);
        ok = zs.avail_in == 0 && (result == Z_OK || result == Z_STREAM_END)
            && (flush != Z_FINISH || result == Z_STREAM_END);
    }
    band->deflated.truncate(qsizetype(zs.total_out));
    deflateEnd(&zs);
    band->adler = adler;
    band->ok = ok;
}

void appendChunk(QByteArray *png, const char type[4], const QByteArray &data)
{
    char length[4];
    qToBigEndian(quint32(data.size()), length);
    png->append(length, 4);
    const qsizetype start = png->size();
    png->append(type, 4);
    png->append(data);
    const uLong crc = crc32(
        0, reinterpret_cast<const Bytef *>(png->constData() + start), uInt(png->size() - start));
    char crcBytes[4];
    qToBigEndian(quint32(crc), crcBytes);
    png->append(crcBytes, 4);
}

} // namespace

QByteArray encode(const VideoFrame &frame, QString *error)
{
    if (frame.isNull() || frame.stride < frame.width * frame.bytesPerPixel()
        || frame.rgba.size() < qsizetype(frame.stride) * frame.height) {
        fail(error, QStringLiteral("There is no picture to write."));
        return {};
    }
    // An 8-bit RGB PNG (colour type 2) with one zlib stream over the filtered scanlines.
    // Writing it with zlib directly instead of FFmpeg's PNG encoder lets a large picture be
    // compressed in bands on several cores, and reads Rgb888 frames without any copy.
    const qsizetype lineBytes = qsizetype(frame.width) * 3 + 1;
    const qsizetype rawBytes = lineBytes * frame.height;
    const int cores = int(std::max(1U, std::thread::hardware_concurrency()));
    const int parts = int(std::clamp<qsizetype>(
        std::min<qsizetype>(rawBytes / kMinBytesPerPart, std::min(cores, kMaxParts)), 1,
        frame.height));
    std::vector<Band> bands(static_cast<size_t>(parts));
    for (int i = 0; i < parts; ++i) {
        bands[size_t(i)].firstRow = int(qint64(frame.height) * i / parts);
        bands[size_t(i)].endRow = int(qint64(frame.height) * (i + 1) / parts);
        bands[size_t(i)].last = i + 1 == parts;
    }
    {
        std::vector<std::jthread> helpers;
        for (int i = 1; i < parts; ++i) {
            try {
                helpers.emplace_back(deflateBand, std::cref(frame), &bands[size_t(i)]);
            } catch (const std::system_error &) {
                deflateBand(frame, &bands[size_t(i)]); // no thread to be had: do it here
            }
        }
        deflateBand(frame, &bands[0]);
    }
    QByteArray idat;
    idat.reserve(2 + 4
        + std::accumulate(bands.begin(), bands.end(), qsizetype(0),
            [](qsizetype sum, const Band &b) { return sum + b.deflated.size(); }));
    // zlib header: deflate with a 32 KB window, "fast" compression level, no dictionary.
    idat.append(char(0x78));
    idat.append(char(0x5e));
    uLong adler = adler32(0, nullptr, 0);
    for (const Band &band : bands) {
        if (!band.ok) {
            fail(error, QStringLiteral("The PNG cannot be encoded (zlib failed)."));
            return {};
        }
        idat.append(band.deflated);
        adler = adler32_combine(adler, band.adler, z_off_t(band.rawBytes));
    }
    char trailer[4];
    qToBigEndian(quint32(adler), trailer);
    idat.append(trailer, 4);

    QByteArray header(13, Qt::Uninitialized);
    qToBigEndian(quint32(frame.width), header.data());
    qToBigEndian(quint32(frame.height), header.data() + 4);
    header[8] = 8; // bits per sample
    header[9] = 2; // colour type: RGB
    header[10] = 0; // deflate
    header[11] = 0; // adaptive filtering (each row names its filter)
    header[12] = 0; // not interlaced

    QByteArray png;
    png.reserve(8 + 25 + idat.size() + 12 + 12);
    png.append("\x89PNG\r\n\x1a\n", 8);
    appendChunk(&png, "IHDR", header);
    appendChunk(&png, "IDAT", idat);
    appendChunk(&png, "IEND", QByteArray());
    return png;
}

bool write(const VideoFrame &frame, const QString &path, QString *error)
{
    const QByteArray png = encode(frame, error);
    if (png.isEmpty()) {
        return false;
    }
    return writeFileAtomically(path, png, error);
}

std::optional<VideoFrame> decode(const QByteArray &png, QString *error)
{
    installLogBridge();
    const AVCodec *codec = avcodec_find_decoder(AV_CODEC_ID_PNG);
    CodecContextPtr ctx(codec ? avcodec_alloc_context3(codec) : nullptr);
    if (!ctx) {
        fail(error, QStringLiteral("This FFmpeg has no PNG decoder."));
        return std::nullopt;
    }
    ctx->max_pixels = 16384LL * 16384;
    int err = avcodec_open2(ctx.get(), codec, nullptr);
    PacketPtr packet = makePacket();
    FramePtr picture = makeFrame();
    if (err >= 0) {
        // The decoder reads up to AV_INPUT_BUFFER_PADDING_SIZE bytes past the end.
        QByteArray padded = png;
        padded.append(QByteArray(AV_INPUT_BUFFER_PADDING_SIZE, '\0'));
        packet->data = reinterpret_cast<uint8_t *>(padded.data());
        packet->size = static_cast<int>(png.size());
        err = avcodec_send_packet(ctx.get(), packet.get());
        if (err >= 0) {
            err = avcodec_receive_frame(ctx.get(), picture.get());
        }
        packet->data = nullptr;
        packet->size = 0;
    }
    if (err < 0) {
        fail(error, QStringLiteral("The data is not a readable PNG (%1).").arg(errorString(err)));
        return std::nullopt;
    }
    FrameConverter converter;
    VideoFrame frame = converter.convert(picture.get(), FrameConverter::Target {}, error);
    if (frame.isNull()) {
        return std::nullopt;
    }
    return frame;
}

} // namespace Cuepoint::Core::Png
