// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QString>
#include <QStringList>

namespace Cuepoint::Gui {

/// What checking a video against TikTok's rules found.
struct VideoCheckResult
{
    QString path;
    bool readable = false;
    qint64 durationMs = -1;
    double fps = 0.0; ///< average frame rate (0 when unknown): the composer's one-frame step
    QStringList problems; ///< one plain sentence each (the spec's violations)
    QStringList warnings;
};

/// Probes @p path with the core's VideoProbe and checks it with SpecRules, on a pool thread
/// (reading the headers of a file on a slow disk must not freeze the window).
QFuture<VideoCheckResult> checkVideo(const QString &path);

/// The caption's problems against the spec (length), immediately (no I/O).
QStringList checkCaption(const QString &caption);

} // namespace Cuepoint::Gui
