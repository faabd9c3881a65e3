// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "controllers/WatchFolder.h"
#include "models/MediaLibraryModel.h"

#include "cuepoint/core/storage/MediaStore.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>
#include <stop_token>

class QThread;
class QTimer;

namespace Cuepoint::Gui {

class LibraryWorker;

/// Where the library lives (from the profile).
struct LibraryServices
{
    QString databasePath; ///< the controller opens its own connections to it
    QString coverDir; ///< covers as <hash>.png (Profile::cacheDir() + "/library")
    QString libraryDir; ///< copies of imported videos (Profile::rootDir() + "/library")
};

/// The media library's work, off the GUI thread: reading the assets (with their covers) and
/// writing tags and removals on a worker thread with its own Database connection; imports
/// (MediaImporter) on a thread of their own, so the page stays usable and keeps reading while
/// one runs; a watch folder (WatchFolder) whose settled files are imported; and the check for
/// moved or deleted files (at start, every few minutes, and when a folder holding assets
/// changes), which names the posts that need a missing file before their time.
class LibraryController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LibraryController)

public:
    static constexpr int kCheckIntervalMs = 5 * 60 * 1000;

    explicit LibraryController(LibraryServices services, QObject *parent = nullptr);
    /// Stops an import in progress (work already running finishes), then ends the threads.
    ~LibraryController() override;

    const LibraryServices &services() const { return m_services; }

    /// Reads the assets matching @p filter; answered by loaded() (only the latest request).
    void load(const Core::MediaStore::Filter &filter);
    /// Imports files and folders (queued behind an import in progress).
    void import(const QStringList &paths, bool copyIntoLibrary);
    /// Stops the import in progress and the ones queued behind it.
    void cancelImport();
    bool isImporting() const { return m_importing; }
    void setTags(qint64 assetId, const QStringList &tags);
    /// Takes the asset out of the library (the file stays where it is).
    void remove(qint64 assetId);
    /// Reads the posts that use @p assetId; answered by postsLoaded().
    void loadPosts(qint64 assetId);
    /// Looks now whether the assets' files are where the library thinks.
    void checkFiles();
    /// Imports what appears in @p folder (empty: none), after @p settleMs without change.
    void setWatchFolder(const QString &folder, bool copyIntoLibrary = false,
        int settleMs = WatchFolder::kDefaultSettleMs);
    /// Jobs asked of the worker thread and not done yet (tests wait for 0).
    int pending() const { return m_pending->load(); }

Q_SIGNALS:
    void loaded(const QList<Cuepoint::Gui::LibraryItem> &items, const QStringList &allTags);
    void importStarted(int total);
    void importProgress(int done, int total);
    /// @p summary: "3 added, 2 already in the library." for the user.
    void importFinished(const QString &summary, int added, int duplicates);
    void postsLoaded(qint64 assetId, const QList<Cuepoint::Core::MediaStore::AssetPost> &posts);
    /// The library changed (an import, a tag, a removal, a file gone or found): load again.
    void libraryChanged();
    /// Files that posts still need went missing: @p message names them and the posts.
    void videosMissing(const QString &message, const QList<qint64> &postIds);
    /// Something could not be done; a sentence for the user.
    void failed(const QString &message);

private:
    friend class LibraryWorker;
    void importWatched(const QStringList &files);
    void runOnWorker(std::function<void(LibraryWorker &)> job);
    void startNextImport();

    LibraryServices m_services;
    QThread *m_thread = nullptr;
    LibraryWorker *m_worker = nullptr;
    QThread *m_importThread = nullptr;
    std::stop_source m_importStop;
    QList<QPair<QStringList, bool>> m_importQueue;
    bool m_importing = false;
    bool m_copyWatched = false;
    std::shared_ptr<std::atomic<int>> m_pending = std::make_shared<std::atomic<int>>(0);
    std::shared_ptr<std::atomic<quint64>> m_latestLoad = std::make_shared<std::atomic<quint64>>(0);
};

} // namespace Cuepoint::Gui
