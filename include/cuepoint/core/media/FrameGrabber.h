// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/media/VideoFrame.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>
#include <stop_token>

namespace Cuepoint::Core {

/// The size of the picture a FrameGrabber returns, in upright (displayed) pixels.
struct FrameSize
{
    int width = 0; ///< 0: derived from @ref height and the aspect ratio
    int height = 0; ///< 0: derived from @ref width and the aspect ratio
    // Both 0: the displayed size (sample aspect ratio and rotation applied). Both set: the
    // largest size with the video's aspect ratio that fits in width x height.
};

/// Pictures from one video: the exact frame shown at a time, or a keyframe near it.
///
/// Exact frames follow media.md §3.2: seek to the keyframe at or before the target, then
/// decode forward, skipping frames that nothing references while they are before the target.
/// The answer is the last frame whose start is at or before the time ("on screen at t").
/// Times are milliseconds on the file's timeline, whose zero is the format's start time,
/// so `exactFrame(frame.coverTimestampMs)` returns that same frame (media.md §3.9).
///
/// Not thread-safe: use one FrameGrabber per thread (each owns its demuxer and decoders).
/// Every method returns an error sentence for the user instead of throwing, and never crashes
/// or hangs on damaged input.
class FrameGrabber final
{
public:
    FrameGrabber();
    ~FrameGrabber();
    FrameGrabber(const FrameGrabber &) = delete;
    FrameGrabber &operator=(const FrameGrabber &) = delete;

    /// Opens the video at @p path (MP4/MOV or Matroska/WebM). Returns false with one sentence
    /// in @p error for a missing path, a folder, an empty or unreadable file, something that
    /// is not a video (image, text, audio, audio with cover art) or a damaged header.
    bool open(const QString &path, QString *error = nullptr);
    /// Opens a video held in memory (read through a custom AVIOContext; the bytes are shared,
    /// not copied). Same checks and messages as open().
    bool openMemory(const QByteArray &bytes, QString *error = nullptr);
    /// Releases the file and the decoders.
    void close();
    bool isOpen() const;

    /// Length of the file's timeline in ms (the format's duration), or 0 when unknown.
    qint64 durationMs() const;
    /// Upright displayed size: sample aspect ratio applied, swapped for +-90 degree rotation.
    int displayWidth() const;
    int displayHeight() const;
    /// Clockwise rotation in degrees (0, 90, 180, 270) applied to every picture.
    int rotation() const;
    /// The time base of the video stream's pts (num / den seconds per tick).
    int timeBaseNum() const;
    int timeBaseDen() const;

    /// The frame on screen at @p atMs (clamped to the timeline: before the first frame gives
    /// the first frame, past the end the last one), scaled to @p size. Returns std::nullopt
    /// with a sentence in @p error when nothing can be decoded there (a truncated file) or
    /// when @p stop is requested (error "Cancelled."), which is checked between packets.
    std::optional<VideoFrame> exactFrame(
        qint64 atMs, FrameSize size = {}, QString *error = nullptr, std::stop_token stop = {});

    /// The keyframe nearest to @p atMs (using the container's index when it has one, otherwise
    /// the keyframe at or before @p atMs). Decodes one picture only: about 10 ms for
    /// 1080x1920 H.264, for instant feedback while scrubbing. The result has
    /// Kind::Keyframe, and its coverTimestampMs selects that keyframe exactly.
    std::optional<VideoFrame> keyframeNear(
        qint64 atMs, FrameSize size = {}, QString *error = nullptr);
    /// Like keyframeNear(), but always the keyframe at or before @p atMs.
    std::optional<VideoFrame> keyframeAtOrBefore(
        qint64 atMs, FrameSize size = {}, QString *error = nullptr);

    /// Decoder threads for exact frames (0: FFmpeg's choice, cores + 1). Keyframes always use
    /// one thread, which is faster for single pictures (media.md §3.4). Set before decoding.
    void setThreadCount(int threads);

    /// Pixel layout of the pictures returned from now on (default Rgba8888). Rgb888 is for
    /// callers that only write PNGs (`cuepoint-cli frame`): libswscale writes the PNG's
    /// pixels directly, without an RGBA picture to repack.
    void setFormat(VideoFrame::Format format);

    /// Work counters since open(), for tests and benchmarks.
    struct Counters
    {
        int seeks = 0; ///< demuxer seeks
        int packetsSent = 0; ///< video packets given to a decoder
        int framesDecoded = 0; ///< pictures received from a decoder
        int framesConverted = 0; ///< pictures scaled into a VideoFrame
        int keyframeReuses = 0; ///< keyframe requests answered from the last keyframe
    };
    Counters counters() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Cuepoint::Core
