// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace Cuepoint::Core {

/// A video in the media library. The file stays where the user keeps it; the asset remembers
/// what probing found so the library can show it without opening the file again.
struct MediaAsset
{
    qint64 id = 0;
    QString path;
    QString contentHash; ///< identifies the content, to recognise duplicates and moves
    qint64 sizeBytes = 0;
    qint64 durationMs = 0;
    int width = 0; ///< displayed width (rotation and SAR applied)
    int height = 0;
    double fps = 0.0;
    QString videoCodec;
    std::optional<bool> valid; ///< against the spec; nullopt until probed
    QString probeJson; ///< the probe's full result, for details views
    QStringList tags;
    bool missing = false; ///< the file was moved or deleted
    QDateTime importedAt;

    bool operator==(const MediaAsset &) const = default;
};

} // namespace Cuepoint::Core
