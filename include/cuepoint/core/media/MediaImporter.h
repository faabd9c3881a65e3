// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <stop_token>

namespace Cuepoint::Core {

class MediaStore;

/// How MediaImporter works.
struct ImportOptions
{
    /// Copy each new video into @ref libraryDir and keep the copy (the original stays where it
    /// is either way).
    bool copyIntoLibrary = false;
    QString libraryDir; ///< the profile's library folder (Profile::rootDir() + "/library")
    QString coverDir; ///< where covers go as <hash>.png (in the profile's cache); empty: none
    int threads = 0; ///< worker threads for hashing, probing and covers; 0: cores, at most 4
};

/// What happened to one file.
enum class ImportOutcome {
    Added, ///< a new asset
    Duplicate, ///< the same content is already in the library (or earlier in this import)
    Relinked, ///< the content was in the library but its file was missing: it points here now
    Failed, ///< unreadable, not a video, or the copy failed; see message
};

struct ImportItem
{
    QString sourcePath; ///< the file as found
    ImportOutcome outcome = ImportOutcome::Failed;
    qint64 assetId = 0; ///< the asset added, relinked or already holding the content
    QString message; ///< why it failed (one sentence), else empty
};

/// The result of one import.
struct ImportReport
{
    QList<ImportItem> items; ///< in the order the files finished
    int skipped = 0; ///< files that are not videos by their extension
    bool cancelled = false; ///< stopped before every file was looked at
    int count(ImportOutcome outcome) const;
    /// "3 added, 2 already in the library, 1 skipped (not a video)." for the user.
    QString summary() const;
};

/// Imports video files and folders into the media library: each new file is hashed
/// (ContentHash), probed (VideoProbe + SpecRules) and given a cover (a keyframe near 1 s, a PNG
/// in ImportOptions::coverDir) on a few worker threads; the caller's thread writes the assets
/// through its MediaStore, so a store is only ever used on the thread that made it. Content
/// already in the library is not added twice; content whose asset is missing is relinked.
/// Usable without a window (`cuepoint-cli library import`).
class MediaImporter final
{
public:
    /// Called on the caller's thread after each file: @p done of @p total files.
    using Progress = std::function<void(int done, int total, const ImportItem &item)>;

    MediaImporter(MediaStore &store, ImportOptions options);

    /// Imports @p paths (files, and folders walked recursively). Blocks until done or until
    /// @p stop is requested (work already running finishes; the rest is left).
    ImportReport run(const QStringList &paths, std::stop_token stop = {}, Progress progress = {});

    /// Whether @p fileName has a video extension the library takes (mp4, mov, m4v, webm, mkv).
    static bool isVideoFileName(const QString &fileName);
    /// The video files of @p paths (folders walked recursively, hidden files left out), sorted;
    /// @p skipped counts the other files.
    static QStringList collect(const QStringList &paths, int *skipped = nullptr);
    /// Where the cover of the content @p contentHash is kept in @p coverDir.
    static QString coverPath(const QString &coverDir, const QString &contentHash);

    /// What a look at the library's files found.
    struct FileCheck
    {
        QList<qint64> nowMissing; ///< assets whose file is gone since the last look
        QList<qint64> backAgain; ///< assets whose file is at its path again
    };
    /// Looks whether every asset's file is still at its path and updates the missing marks.
    static FileCheck checkFiles(MediaStore &store);

private:
    MediaStore &m_store;
    ImportOptions m_options;
};

} // namespace Cuepoint::Core
