// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to the core's media code: decoded AVFrame -> upright, scaled RGBA (or RGB) VideoFrame.

#include "cuepoint/core/media/VideoFrame.h"

#include <QSize>
#include <QString>

extern "C" {
struct AVFrame;
struct SwsContext;
}

namespace Cuepoint::Core {

/// Scales a decoded picture with libswscale into RGBA or RGB (colour matrix and range from the
/// frame, media.md §3.5), then turns and mirrors it upright. Keeps one cached scaler, so use
/// one converter per thread.
class FrameConverter final
{
public:
    struct Target
    {
        int width = 0; ///< requested upright width, 0 = from height and aspect ratio
        int height = 0; ///< requested upright height, 0 = from width and aspect ratio
        int sarNum = 0; ///< sample aspect ratio (0/x: square pixels)
        int sarDen = 1;
        int rotationCw = 0; ///< 0, 90, 180 or 270 degrees clockwise
        bool mirrored = false; ///< flip horizontally (before turning)
        VideoFrame::Format format = VideoFrame::Format::Rgba8888;
    };

    FrameConverter() = default;
    ~FrameConverter();
    FrameConverter(const FrameConverter &) = delete;
    FrameConverter &operator=(const FrameConverter &) = delete;

    /// Upright displayed size of a coded picture: SAR applied to the width, swapped for 90/270.
    static QSize displaySize(
        int codedWidth, int codedHeight, int sarNum, int sarDen, int rotationCw);
    /// The output size for a displayed size and a request (see FrameSize), each side >= 1.
    static QSize fit(QSize display, int width, int height);
    /// Pixels of fit(), for decisions about filters.
    static qint64 outputPixels(int displayWidth, int displayHeight, int width, int height);

    /// Converts @p frame; returns a null VideoFrame with a sentence in @p error when the
    /// pixel format cannot be converted. Times and kind are left for the caller to fill.
    VideoFrame convert(const AVFrame *frame, const Target &target, QString *error);

private:
    SwsContext *m_sws = nullptr;
};

} // namespace Cuepoint::Core
