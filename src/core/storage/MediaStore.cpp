// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/storage/MediaStore.h"

#include "storage/Sql.h"

#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/support/Clock.h"

#include <QFileInfo>

#include <algorithm>

namespace Cuepoint::Core {

using Storage::Sql;
using Storage::utcFromMs;

namespace {

const QString kSelect = QStringLiteral(
    "SELECT id, path, content_hash, size_bytes, duration_ms, width, height, fps, video_codec, "
    "is_valid, probe_json, tags, missing, imported_at_ms FROM media_assets ");

MediaAsset readAsset(const Sql &q)
{
    MediaAsset m;
    m.id = q.value(0).toLongLong();
    m.path = q.value(1).toString();
    m.contentHash = q.value(2).toString();
    m.sizeBytes = q.value(3).toLongLong();
    m.durationMs = q.value(4).toLongLong();
    m.width = q.value(5).toInt();
    m.height = q.value(6).toInt();
    m.fps = q.value(7).toDouble();
    m.videoCodec = q.value(8).toString();
    if (!q.value(9).isNull()) {
        m.valid = q.value(9).toBool();
    }
    m.probeJson = q.value(10).toString();
    m.tags = q.value(11).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    m.missing = q.value(12).toBool();
    m.importedAt = utcFromMs(q.value(13));
    return m;
}

void bindAsset(Sql &q, const MediaAsset &m)
{
    q.bind(QStringLiteral(":path"), m.path)
        .bind(QStringLiteral(":hash"), m.contentHash)
        .bind(QStringLiteral(":size"), m.sizeBytes)
        .bind(QStringLiteral(":duration"), m.durationMs)
        .bind(QStringLiteral(":width"), m.width)
        .bind(QStringLiteral(":height"), m.height)
        .bind(QStringLiteral(":fps"), m.fps)
        .bind(QStringLiteral(":codec"), m.videoCodec)
        .bind(QStringLiteral(":valid"),
            m.valid ? QVariant(int(*m.valid)) : QVariant(QMetaType::fromType<int>()))
        .bind(QStringLiteral(":probe"), m.probeJson)
        .bind(QStringLiteral(":tags"), m.tags.join(QLatin1Char(',')))
        .bind(QStringLiteral(":missing"), int(m.missing));
}

} // namespace

MediaStore::MediaStore(Database &db, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
{
}

qint64 MediaStore::add(const MediaAsset &asset)
{
    if (assetByContentHash(asset.contentHash)) {
        throw StorageError(StorageError::Kind::Constraint,
            QStringLiteral("%1 is already in the library.").arg(QFileInfo(asset.path).fileName()));
    }
    Sql q(m_db,
        QStringLiteral(
            "INSERT INTO media_assets (path, content_hash, size_bytes, duration_ms, width, height, "
            "fps, video_codec, is_valid, probe_json, tags, missing, imported_at_ms) VALUES (:path, "
            ":hash, :size, :duration, :width, :height, :fps, :codec, :valid, :probe, :tags, "
            ":missing, :now)"));
    bindAsset(q, asset);
    q.bind(QStringLiteral(":now"), m_clock.nowMs()).exec();
    const qint64 id = q.lastInsertId();
    Q_EMIT assetAdded(id);
    return id;
}

void MediaStore::update(const MediaAsset &asset)
{
    Sql q(m_db,
        QStringLiteral(
            "UPDATE media_assets SET path = :path, content_hash = :hash, size_bytes = :size, "
            "duration_ms = :duration, width = :width, height = :height, fps = :fps, video_codec = "
            ":codec, is_valid = :valid, probe_json = :probe, tags = :tags, missing = :missing "
            "WHERE id = :id"));
    bindAsset(q, asset);
    q.bind(QStringLiteral(":id"), asset.id).exec();
    if (q.rowsAffected() != 1) {
        throw StorageError(StorageError::Kind::Constraint,
            QStringLiteral("Video %1 is not in the library.").arg(asset.id));
    }
    Q_EMIT assetChanged(asset.id);
}

std::optional<MediaAsset> MediaStore::asset(qint64 id) const
{
    Sql q(m_db, kSelect + QStringLiteral("WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    return q.next() ? std::optional(readAsset(q)) : std::nullopt;
}

std::optional<MediaAsset> MediaStore::assetByContentHash(const QString &hash) const
{
    Sql q(m_db, kSelect + QStringLiteral("WHERE content_hash = :hash"));
    q.bind(QStringLiteral(":hash"), hash).exec();
    return q.next() ? std::optional(readAsset(q)) : std::nullopt;
}

QList<MediaAsset> MediaStore::assets(const Filter &filter) const
{
    QSet<qint64> published;
    if (filter.publication != Publication::All) {
        published = publishedAssetIds();
    }
    Sql q(m_db, kSelect + QStringLiteral("ORDER BY imported_at_ms DESC, id DESC"));
    q.exec();
    QList<MediaAsset> result;
    while (q.next()) {
        MediaAsset m = readAsset(q);
        if (filter.publication != Publication::All
            && published.contains(m.id) != (filter.publication == Publication::Published)) {
            continue;
        }
        if (!filter.tag.isEmpty() && !m.tags.contains(filter.tag, Qt::CaseInsensitive)) {
            continue;
        }
        if (!filter.search.isEmpty()
            && !QFileInfo(m.path).fileName().contains(filter.search, Qt::CaseInsensitive)
            && m.tags.filter(filter.search, Qt::CaseInsensitive).isEmpty()) {
            continue;
        }
        result.append(std::move(m));
    }
    return result;
}

void MediaStore::setMissing(qint64 id, bool missing)
{
    Sql q(m_db, QStringLiteral("UPDATE media_assets SET missing = :m WHERE id = :id"));
    q.bind(QStringLiteral(":m"), int(missing)).bind(QStringLiteral(":id"), id).exec();
    if (q.rowsAffected() == 1) {
        Q_EMIT assetChanged(id);
    }
}

void MediaStore::remove(qint64 id)
{
    Sql q(m_db, QStringLiteral("DELETE FROM media_assets WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    if (q.rowsAffected() == 1) {
        Q_EMIT assetRemoved(id);
    }
}

QSet<qint64> MediaStore::publishedAssetIds() const
{
    // A post made before the library knew the file still counts through its path.
    Sql q(m_db,
        QStringLiteral("SELECT DISTINCT a.id FROM media_assets a JOIN posts p ON "
                       "(p.media_asset_id = a.id OR p.video_path = a.path) JOIN targets t ON "
                       "t.post_id = p.id WHERE t.state = 'published'"));
    q.exec();
    QSet<qint64> ids;
    while (q.next()) {
        ids.insert(q.value(0).toLongLong());
    }
    return ids;
}

bool MediaStore::AssetPost::needsFile() const
{
    return std::any_of(states.cbegin(), states.cend(), [](TargetState s) {
        return s == TargetState::Draft || s == TargetState::Scheduled
            || s == TargetState::AwaitingApproval || s == TargetState::Held;
    });
}

QList<MediaStore::AssetPost> MediaStore::postsUsing(const MediaAsset &asset) const
{
    Sql q(m_db,
        QStringLiteral("SELECT p.id, p.scheduled_at_ms, p.time_zone, p.caption, t.state FROM posts "
                       "p LEFT JOIN targets t ON t.post_id = p.id WHERE p.media_asset_id = :id OR "
                       "p.video_path = :path ORDER BY p.scheduled_at_ms, p.id, t.id"));
    q.bind(QStringLiteral(":id"), asset.id).bind(QStringLiteral(":path"), asset.path).exec();
    QList<AssetPost> result;
    while (q.next()) {
        const qint64 postId = q.value(0).toLongLong();
        if (result.isEmpty() || result.last().postId != postId) {
            AssetPost p;
            p.postId = postId;
            p.scheduledAt = utcFromMs(q.value(1));
            p.timeZoneId = q.value(2).toString();
            p.caption = q.value(3).toString();
            result.append(p);
        }
        if (const auto state = targetStateFromString(q.value(4).toString())) {
            result.last().states.append(*state);
        }
    }
    return result;
}

void MediaStore::relink(qint64 id, const QString &newPath)
{
    const std::optional<MediaAsset> old = asset(id);
    if (!old) {
        throw StorageError(StorageError::Kind::Constraint,
            QStringLiteral("Video %1 is not in the library.").arg(id));
    }
    {
        Database::Transaction tx(m_db);
        Sql q(m_db,
            QStringLiteral("UPDATE media_assets SET path = :path, missing = 0 WHERE id = :id"));
        q.bind(QStringLiteral(":path"), newPath).bind(QStringLiteral(":id"), id).exec();
        // Posts already sent keep the path they were sent from (their history); the others
        // follow the file.
        Sql posts(m_db,
            QStringLiteral("UPDATE posts SET video_path = :path WHERE (media_asset_id = :id OR "
                           "video_path = :old) AND NOT EXISTS (SELECT 1 FROM targets t WHERE "
                           "t.post_id = posts.id AND t.state IN ('publishing', 'processing', "
                           "'published', 'sent_to_inbox'))"));
        posts.bind(QStringLiteral(":path"), newPath)
            .bind(QStringLiteral(":id"), id)
            .bind(QStringLiteral(":old"), old->path)
            .exec();
        tx.commit();
    }
    Q_EMIT assetChanged(id);
}

} // namespace Cuepoint::Core
