// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

/// Exact conversions between a frame's timestamp and the milliseconds of TikTok's
/// `video_cover_timestamp_ms` (media.md §3.9). All arithmetic is exact (128-bit), so that the
/// round trip "frame -> milliseconds -> frame" never drifts, whatever the time base.
namespace Cuepoint::Core::CoverTime {

/// A stream time base: one tick lasts num / den seconds (FFmpeg's AVRational).
struct TimeBase
{
    int num = 1;
    int den = 1;
};

/// The start of the frame at @p pts in milliseconds after @p zeroUs (the format's start time
/// in microseconds), rounded **up**: the value to send as `video_cover_timestamp_ms`. It lies
/// in [start, start + 1 ms), so it selects this frame under "on screen at t" (last frame with
/// pts <= t), ffmpeg's `-ss` rule (first frame with pts >= t) and "nearest" alike.
/// Clamped to [0, durationMs - 1] when @p durationMs > 0 (TikTok treats out-of-range values
/// as "first frame").
qint64 coverTimestampMs(qint64 pts, TimeBase timeBase, qint64 zeroUs, qint64 durationMs = 0);

/// The start of the frame at @p pts in milliseconds after @p zeroUs, rounded down (for
/// display). May be negative for frames before the format's zero.
qint64 frameStartMs(qint64 pts, TimeBase timeBase, qint64 zeroUs);

/// The largest stream tick at or before @p ms milliseconds after @p zeroUs: the target of an
/// exact seek, whose answer is the last frame with pts <= this value ("on screen at t").
qint64 targetPts(qint64 ms, TimeBase timeBase, qint64 zeroUs);

} // namespace Cuepoint::Core::CoverTime
