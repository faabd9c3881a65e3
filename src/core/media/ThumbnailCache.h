// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to the core's media code: the on-disk cache of ThumbnailStrip.

#include "cuepoint/core/media/FrameGrabber.h"
#include "cuepoint/core/media/VideoFrame.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Cuepoint::Core {

enum class ThumbnailMode : quint8;

/// Thumbnails as small files `<dir>/<sha1>.thumb`: a header, then raw RGBA rows, with a CRC
/// over both. Raw pixels instead of PNG because reading one back must cost less than
/// decoding a keyframe (about 0.2 ms for 180x320 against 10 ms), and a cache hit should not
/// need a PNG decoder. Files are written atomically (temporary file + rename); anything
/// unreadable, short, of another version or with a wrong CRC is a miss and is rewritten.
class ThumbnailCache final
{
public:
    /// An unusable cache (every lookup misses, stores do nothing) when @p dir is empty.
    explicit ThumbnailCache(const QString &dir);

    /// Identity of a file's content without reading all of it: SHA-1 over its size, its
    /// modification time and its first and last MiB. Renaming or copying (with the time kept)
    /// keeps the key; any edit that changes the size, the time or the container's header or
    /// index (at the start or end of an MP4/WebM) changes it. Empty when the file is unreadable.
    static QByteArray contentKey(const QString &path);

    /// The file name of one entry.
    QString entryPath(
        const QByteArray &contentKey, qint64 timestampMs, FrameSize size, ThumbnailMode mode) const;

    bool isEnabled() const { return !m_dir.isEmpty(); }
    std::optional<VideoFrame> load(const QString &entryPath) const;
    /// Returns false (and logs) when the entry cannot be written; the cache is an optimisation.
    bool store(const QString &entryPath, const VideoFrame &frame) const;

private:
    QString m_dir;
};

} // namespace Cuepoint::Core
