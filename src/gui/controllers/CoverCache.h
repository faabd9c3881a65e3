// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCache>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QString>
#include <QThreadPool>

namespace Cuepoint::Gui {

/// Small cover pictures for the calendar's cards: decoded off the GUI thread (the keyframe
/// nearest the post's cover time, through the core's FrameGrabber), kept in memory, and kept
/// on disk as PNG files in the profile's cache, keyed by the file's path, size and modification
/// time and the cover time, so a restart does not decode them again.
class CoverCache final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CoverCache)

public:
    /// @p cacheDir: the folder for PNG files (empty: memory only).
    explicit CoverCache(const QString &cacheDir, QObject *parent = nullptr);
    /// Waits for the pictures being decoded.
    ~CoverCache() override;

    /// The cover of @p videoPath at @p coverMs if it is ready; otherwise a null image, and the
    /// picture is made in the background (coverReady() says when).
    QImage cover(const QString &videoPath, qint64 coverMs);
    /// Blocks until no picture is being made (tests, benchmarks).
    void waitForDone();

Q_SIGNALS:
    void coverReady(const QString &videoPath);

private:
    QString m_cacheDir;
    QCache<QString, QImage> m_images;
    QSet<QString> m_pending;
    QSet<QString> m_failed;
    QThreadPool m_pool;
};

} // namespace Cuepoint::Gui
