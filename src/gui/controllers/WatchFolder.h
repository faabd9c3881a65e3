// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QStringList>

class QFileSystemWatcher;
class QTimer;

namespace Cuepoint::Gui {

/// Reports the videos that appear in a folder (an editor's export folder, a synced Dropbox or
/// OneDrive folder), once each, when they are complete: a file counts as complete when its size
/// and modification time have not changed for settleMs, so a half-written export is never
/// probed. Watches the folder and its subfolders with QFileSystemWatcher, looks again while
/// files are still settling, and rescans the whole folder when started.
///
/// Walks folders, so it belongs on a worker thread (LibraryController moves it there).
class WatchFolder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WatchFolder)

public:
    static constexpr int kDefaultSettleMs = 2000;

    explicit WatchFolder(QObject *parent = nullptr);
    ~WatchFolder() override;

    /// Watches @p folder (empty: stops watching) and scans it at once.
    void setFolder(const QString &folder, int settleMs = kDefaultSettleMs);
    QString folder() const { return m_folder; }
    /// Looks at the folder now (the file system watcher calls this too).
    void scan();

Q_SIGNALS:
    /// Video files that are complete and were not reported before (absolute paths).
    void filesReady(const QStringList &files);

private:
    struct Seen
    {
        qint64 size = -1;
        QDateTime modified;
        qint64 stableSinceMs = 0; ///< when the size and time were first seen as they are
        bool reported = false;
    };

    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_recheck = nullptr;
    QString m_folder;
    int m_settleMs = kDefaultSettleMs;
    QHash<QString, Seen> m_seen;
};

} // namespace Cuepoint::Gui
