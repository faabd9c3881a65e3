// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QtGlobal>

namespace Cuepoint::Core {

/// One decoded video picture as plain data, so that it can leave the GUI-free core. The GUI
/// wraps it without a copy: `QImage(frame.rgba.constData(), frame.width, frame.height,
/// frame.stride, QImage::Format_RGBA8888)` (keep the VideoFrame alive while the image is).
///
/// The picture is already upright: the container's rotation (display matrix) and the sample
/// aspect ratio are applied, so width x height is what a viewer sees (possibly scaled).
struct VideoFrame
{
    /// How the picture was obtained.
    enum class Kind : quint8 {
        Exact, ///< the frame on screen at the requested time (decoded forward from a keyframe)
        Keyframe, ///< a keyframe near the requested time (fast, for scrubbing and strips)
    };
    /// How the pixels are laid out in @ref rgba.
    enum class Format : quint8 {
        Rgba8888, ///< R G B A, alpha always 255: what the GUI and the thumbnail cache use
        Rgb888, ///< R G B, no alpha: for writing PNGs without repacking a 1080p picture
    };

    int width = 0; ///< pixels per row
    int height = 0; ///< rows
    int stride = 0; ///< bytes per row in @ref rgba (at least bytesPerPixel() * width)
    /// height * stride bytes, R G B A byte order with alpha always 255 (R G B for
    /// Format::Rgb888, which only callers that ask for it get, see FrameGrabber::setFormat).
    QByteArray rgba;
    Format format = Format::Rgba8888;

    /// Start of the frame in milliseconds on the file's timeline (whose zero is the format's
    /// start time, the zero `ffmpeg -ss` counts from), rounded down. For display and sorting.
    qint64 ptsMs = 0;
    /// The value to send as TikTok's `video_cover_timestamp_ms` to get exactly this frame
    /// (media.md §3.9): the frame's start rounded up to a whole millisecond, clamped to
    /// [0, duration - 1]. FrameGrabber::exactFrame(coverTimestampMs) returns this same frame.
    qint64 coverTimestampMs = 0;
    /// The frame's presentation timestamp in the stream's time base (for frame stepping).
    qint64 pts = 0;
    Kind kind = Kind::Exact;

    /// True when no picture is held (default-constructed).
    bool isNull() const { return rgba.isEmpty() || width <= 0 || height <= 0; }
    /// True when this is the exact frame for the requested time, not a keyframe stand-in.
    bool isExact() const { return kind == Kind::Exact; }
    int bytesPerPixel() const { return format == Format::Rgb888 ? 3 : 4; }
    /// Byte offset of pixel (x, y) in @ref rgba; the caller keeps x and y in range.
    qsizetype offsetOf(int x, int y) const
    {
        return static_cast<qsizetype>(y) * stride + static_cast<qsizetype>(x) * bytesPerPixel();
    }
};

} // namespace Cuepoint::Core

Q_DECLARE_METATYPE(Cuepoint::Core::VideoFrame)
