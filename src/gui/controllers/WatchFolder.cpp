// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "controllers/WatchFolder.h"

#include "cuepoint/core/media/MediaImporter.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

namespace Cuepoint::Gui {

namespace {

qint64 monotonicMs()
{
    static QElapsedTimer clock;
    if (!clock.isValid()) {
        clock.start();
    }
    return clock.elapsed();
}

} // namespace

WatchFolder::WatchFolder(QObject *parent)
    : QObject(parent)
    , m_watcher(new QFileSystemWatcher(this))
    , m_recheck(new QTimer(this))
{
    m_recheck->setSingleShot(true);
    connect(m_recheck, &QTimer::timeout, this, &WatchFolder::scan);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        // A burst of changes (a copy writes many times): one look soon after.
        if (!m_recheck->isActive() || m_recheck->remainingTime() > 200) {
            m_recheck->start(200);
        }
    });
}

WatchFolder::~WatchFolder() = default;

void WatchFolder::setFolder(const QString &folder, int settleMs)
{
    if (!m_watcher->directories().isEmpty()) {
        m_watcher->removePaths(m_watcher->directories());
    }
    m_seen.clear();
    m_recheck->stop();
    m_folder = folder.isEmpty() ? QString() : QFileInfo(folder).absoluteFilePath();
    m_settleMs = settleMs;
    if (!m_folder.isEmpty()) {
        scan();
    }
}

void WatchFolder::scan()
{
    if (m_folder.isEmpty() || !QFileInfo(m_folder).isDir()) {
        return;
    }
    QStringList dirs { m_folder };
    QDirIterator subdirs(m_folder, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (subdirs.hasNext()) {
        dirs << subdirs.next();
    }
    const QStringList watched = m_watcher->directories();
    for (const QString &dir : dirs) {
        if (!watched.contains(dir)) {
            m_watcher->addPath(dir);
        }
    }

    const qint64 now = monotonicMs();
    QStringList ready;
    bool settling = false;
    QHash<QString, Seen> next;
    for (const QString &file : Core::MediaImporter::collect({ m_folder })) {
        const QFileInfo fi(file);
        Seen seen = m_seen.value(file);
        if (seen.size != fi.size() || seen.modified != fi.lastModified()) {
            // New or still being written: the settle time starts again.
            seen.size = fi.size();
            seen.modified = fi.lastModified();
            seen.stableSinceMs = now;
            seen.reported = false;
        }
        if (!seen.reported) {
            if (seen.size > 0 && now - seen.stableSinceMs >= m_settleMs) {
                seen.reported = true;
                ready << file;
            } else {
                settling = true;
            }
        }
        next.insert(file, seen);
    }
    m_seen = std::move(next);
    if (settling) {
        m_recheck->start(qMax(100, m_settleMs / 4));
    }
    if (!ready.isEmpty()) {
        Q_EMIT filesReady(ready);
    }
}

} // namespace Cuepoint::Gui
