// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/MediaAsset.h"
#include "cuepoint/core/domain/TargetState.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QSet>

#include <optional>

namespace Cuepoint::Core {

class Clock;
class Database;

/// The media library: videos the user imported, with what probing found.
class MediaStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MediaStore)

public:
    MediaStore(Database &db, const Clock &clock, QObject *parent = nullptr);

    /// Adds @p asset. Throws StorageError(Constraint) when the same content is already in
    /// the library (use assetByContentHash() to find it).
    qint64 add(const MediaAsset &asset);
    void update(const MediaAsset &asset);
    std::optional<MediaAsset> asset(qint64 id) const;
    std::optional<MediaAsset> assetByContentHash(const QString &hash) const;

    /// Whether a video went out: published = one of the posts using it (by media_asset_id or
    /// by the same path) has a target in state published.
    enum class Publication { All, NotPublished, Published };

    struct Filter
    {
        QString search; ///< part of the file name or a tag, case-insensitive
        QString tag; ///< exactly this tag
        Publication publication = Publication::All;
    };
    QList<MediaAsset> assets(const Filter &filter) const;
    QList<MediaAsset> assets() const { return assets(Filter {}); }
    void setMissing(qint64 id, bool missing);
    void remove(qint64 id);

    /// The assets that have a published post (see Publication).
    QSet<qint64> publishedAssetIds() const;

    /// A post that uses an asset, with the states of its targets.
    struct AssetPost
    {
        qint64 postId = 0;
        QDateTime scheduledAt; ///< UTC
        QString timeZoneId;
        QString caption;
        QList<TargetState> states; ///< one per target, in target order
        /// Whether a target still waits to be sent (draft, scheduled, awaiting approval, held):
        /// such a post needs its file.
        bool needsFile() const;
    };
    /// The posts that use @p asset (by media_asset_id or by its path), by time.
    QList<AssetPost> postsUsing(const MediaAsset &asset) const;

    /// Points asset @p id at @p newPath (a moved file found again by its content), clears its
    /// missing mark and moves the posts that used the old path (or the asset) to the new one,
    /// in one transaction.
    void relink(qint64 id, const QString &newPath);

Q_SIGNALS:
    void assetAdded(qint64 id);
    void assetChanged(qint64 id);
    void assetRemoved(qint64 id);

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace Cuepoint::Core
