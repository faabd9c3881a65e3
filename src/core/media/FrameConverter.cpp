// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "FrameConverter.h"

extern "C" {
#include <libavutil/frame.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <cmath>
#include <cstring>

namespace Cuepoint::Core {

namespace {

// Largest side we ever produce; anything larger is a caller error or a hostile request.
constexpr int kMaxOutputSide = 16384;
// Row alignment of the scaler's output, so libswscale can use its SIMD paths.
constexpr int kRowAlignment = 32;
// Slack after the scaler's output buffer (see convert()).
constexpr int kSimdTail = 256;

int alignedStride(int width, int bytesPerPixel)
{
    return (width * bytesPerPixel + kRowAlignment - 1) / kRowAlignment * kRowAlignment;
}

// RGBA rows -> RGB rows with the aligned stride of 3-byte pixels (padding cleared).
QByteArray dropAlpha(const QByteArray &rgba, int width, int height, int stride)
{
    const int outStride = alignedStride(width, 3);
    QByteArray out(qsizetype(outStride) * height, '\0');
    for (int y = 0; y < height; ++y) {
        const char *src = rgba.constData() + qsizetype(y) * stride;
        char *dst = out.data() + qsizetype(y) * outStride;
        for (int x = 0; x < width; ++x) {
            std::memcpy(dst + x * 3, src + x * 4, 3);
        }
    }
    return out;
}

// Turns or mirrors a packed picture of BPP bytes per pixel (a template, so that the pixel
// copy is one 3- or 4-byte move, not a memcpy call).
template<int BPP>
void turn(const char *src, int srcW, int srcH, int srcStride, char *dst, int dstStride,
    int rotationCw, bool mirrored)
{
    for (int y = 0; y < srcH; ++y) {
        const char *row = src + qsizetype(y) * srcStride;
        for (int x = 0; x < srcW; ++x) {
            const int sx = mirrored ? srcW - 1 - x : x;
            int dx = sx;
            int dy = y;
            switch (rotationCw) {
            case 90: // top-left goes to top-right
                dx = srcH - 1 - y;
                dy = sx;
                break;
            case 180:
                dx = srcW - 1 - sx;
                dy = srcH - 1 - y;
                break;
            case 270: // top-left goes to bottom-left
                dx = y;
                dy = srcW - 1 - sx;
                break;
            default:
                break;
            }
            std::memcpy(dst + qsizetype(dy) * dstStride + qsizetype(dx) * BPP, row + x * BPP, BPP);
        }
    }
}

} // namespace

FrameConverter::~FrameConverter()
{
    sws_freeContext(m_sws);
}

QSize FrameConverter::displaySize(
    int codedWidth, int codedHeight, int sarNum, int sarDen, int rotationCw)
{
    qint64 width = codedWidth;
    if (sarNum > 0 && sarDen > 0 && sarNum != sarDen) {
        width = std::llround(double(codedWidth) * sarNum / sarDen);
    }
    width = std::clamp<qint64>(width, 1, kMaxOutputSide);
    const int height = std::clamp(codedHeight, 1, kMaxOutputSide);
    if (rotationCw == 90 || rotationCw == 270) {
        return QSize(height, static_cast<int>(width));
    }
    return QSize(static_cast<int>(width), height);
}

QSize FrameConverter::fit(QSize display, int width, int height)
{
    const double dw = std::max(1, display.width());
    const double dh = std::max(1, display.height());
    double ow = dw;
    double oh = dh;
    if (width > 0 && height > 0) {
        const double scale = std::min(width / dw, height / dh);
        ow = dw * scale;
        oh = dh * scale;
    } else if (width > 0) {
        ow = width;
        oh = dh * width / dw;
    } else if (height > 0) {
        oh = height;
        ow = dw * height / dh;
    }
    const auto side = [](double v) {
        return static_cast<int>(std::clamp<double>(std::lround(v), 1, kMaxOutputSide));
    };
    return QSize(side(ow), side(oh));
}

qint64 FrameConverter::outputPixels(int displayWidth, int displayHeight, int width, int height)
{
    const QSize out = fit(QSize(displayWidth, displayHeight), width, height);
    return qint64(out.width()) * out.height();
}

VideoFrame FrameConverter::convert(const AVFrame *frame, const Target &target, QString *error)
{
    const auto format = static_cast<AVPixelFormat>(frame->format);
    if (frame->width <= 0 || frame->height <= 0 || !sws_isSupportedInput(format)) {
        if (error) {
            const char *name = av_get_pix_fmt_name(format);
            *error = QStringLiteral("The video's pixel format %1 cannot be converted.")
                         .arg(QString::fromUtf8(name ? name : "(unknown)"));
        }
        return {};
    }
    const bool sideways = target.rotationCw == 90 || target.rotationCw == 270;
    const QSize display =
        displaySize(frame->width, frame->height, target.sarNum, target.sarDen, target.rotationCw);
    const QSize out = fit(display, target.width, target.height);
    // The scaler works in the coded orientation; turning comes after, on the small picture.
    const int scaledW = sideways ? out.height() : out.width();
    const int scaledH = sideways ? out.width() : out.height();

    // Area averaging for real downscales (thumbnails, no aliasing), bicubic otherwise (what the
    // ffmpeg CLI uses, so full-size pictures match its output).
    const qint64 inPixels = qint64(frame->width) * frame->height;
    const qint64 outPixels = qint64(scaledW) * scaledH;
    const int flags = outPixels * 2 <= inPixels ? SWS_AREA : SWS_BICUBIC;
    const bool rgb = target.format == VideoFrame::Format::Rgb888;
    // The pixels must not depend on the layout asked for. libswscale's unscaled 8-bit 4:2:0
    // converters give RGB24 and RGBA the same R, G and B (checked on every fixture and the
    // 1080x1920 benchmark frames), so there it writes RGB24 directly and saves a 1080p
    // picture a repacking pass. Its scaling and high-bit-depth paths round differently for the
    // two layouts, so those go through RGBA, as for every other caller, and are repacked.
    const bool directRgb =
        rgb && format == AV_PIX_FMT_YUV420P && scaledW == frame->width && scaledH == frame->height;
    const int bpp = rgb ? 3 : 4;
    const int scaledBpp = directRgb ? 3 : 4;
    m_sws = sws_getCachedContext(m_sws, frame->width, frame->height, format, scaledW, scaledH,
        directRgb ? AV_PIX_FMT_RGB24 : AV_PIX_FMT_RGBA, flags, nullptr, nullptr, nullptr);
    if (!m_sws) {
        if (error) {
            *error =
                QStringLiteral("The picture cannot be scaled to %1x%2.").arg(scaledW).arg(scaledH);
        }
        return {};
    }
    // Untagged video: BT.709 for HD, BT.601 below (what players assume, media.md §3.5).
    int colorspace = frame->colorspace;
    if (colorspace == AVCOL_SPC_UNSPECIFIED || colorspace == AVCOL_SPC_RESERVED) {
        colorspace = frame->height >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601;
    }
    const bool fullRange = frame->color_range == AVCOL_RANGE_JPEG;
    sws_setColorspaceDetails(m_sws, sws_getCoefficients(colorspace), fullRange ? 1 : 0,
        sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);

    int scaledStride = alignedStride(scaledW, scaledBpp);
    // libswscale's SIMD output writes up to a few dozen bytes past the last pixel (seen with
    // valgrind on the unscaled yuv420p -> rgba path), so allocate a tail and cut it off
    // afterwards (shrinking a QByteArray keeps its allocation). Not zero-filled: the scaler
    // writes every pixel, and filling 8 MB first costs page faults twice (~5 ms at 1080p);
    // only the row padding is cleared, so that equal pictures compare and hash equal.
    const qsizetype scaledBytes = qsizetype(scaledStride) * scaledH;
    QByteArray scaled(scaledBytes + kSimdTail, Qt::Uninitialized);
    if (scaledStride > scaledW * scaledBpp) {
        for (int y = 0; y < scaledH; ++y) {
            std::memset(scaled.data() + qsizetype(y) * scaledStride + scaledW * scaledBpp, 0,
                size_t(scaledStride - scaledW * scaledBpp));
        }
    }
    uint8_t *dst[4] = { reinterpret_cast<uint8_t *>(scaled.data()), nullptr, nullptr, nullptr };
    const int dstStride[4] = { scaledStride, 0, 0, 0 };
    const int rows =
        sws_scale(m_sws, frame->data, frame->linesize, 0, frame->height, dst, dstStride);
    scaled.truncate(scaledBytes);
    if (rows != scaledH) {
        if (error) {
            *error = QStringLiteral("The picture could not be converted.");
        }
        return {};
    }

    if (rgb && !directRgb) {
        scaled = dropAlpha(scaled, scaledW, scaledH, scaledStride);
        scaledStride = alignedStride(scaledW, 3);
    }

    VideoFrame result;
    result.format = target.format;
    if (target.rotationCw == 0 && !target.mirrored) {
        result.width = scaledW;
        result.height = scaledH;
        result.stride = scaledStride;
        result.rgba = std::move(scaled);
        return result;
    }

    const int outW = out.width();
    const int outH = out.height();
    const int outStride = outW * bpp;
    QByteArray turned(qsizetype(outStride) * outH, Qt::Uninitialized);
    if (rgb) {
        turn<3>(scaled.constData(), scaledW, scaledH, scaledStride, turned.data(), outStride,
            target.rotationCw, target.mirrored);
    } else {
        turn<4>(scaled.constData(), scaledW, scaledH, scaledStride, turned.data(), outStride,
            target.rotationCw, target.mirrored);
    }
    result.width = outW;
    result.height = outH;
    result.stride = outStride;
    result.rgba = std::move(turned);
    return result;
}

} // namespace Cuepoint::Core
