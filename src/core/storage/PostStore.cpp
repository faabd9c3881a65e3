// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/storage/PostStore.h"

#include "storage/Sql.h"

#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/support/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Cuepoint::Core {

using Storage::msOrNull;
using Storage::Sql;
using Storage::textOrNull;
using Storage::utcFromMs;

namespace {

const QString kPostColumns = QStringLiteral(
    "id, caption, video_path, media_asset_id, cover_timestamp_ms, scheduled_at_ms, time_zone, "
    "mode, privacy_level, allow_comments, allow_duet, allow_stitch, brand_organic, "
    "branded_content, ai_generated, approval, created_at_ms, updated_at_ms");

const QString kTargetColumns = QStringLiteral(
    "id, post_id, account_id, state, publish_id, uploaded_bytes, total_bytes, attempts, "
    "last_error_code, last_error, tiktok_post_id, next_attempt_at_ms, state_changed_at_ms, "
    "upload_url, final_chunk_sent, late_ok");

Post readPost(const Sql &q)
{
    Post p;
    p.id = q.value(0).toLongLong();
    p.caption = q.value(1).toString();
    p.videoPath = q.value(2).toString();
    if (!q.value(3).isNull()) {
        p.mediaAssetId = q.value(3).toLongLong();
    }
    p.coverTimestampMs = q.value(4).toLongLong();
    p.scheduledAt = utcFromMs(q.value(5));
    p.timeZoneId = q.value(6).toString();
    p.mode = publishModeFromString(q.value(7).toString()).value_or(PublishMode::Automatic);
    p.privacyLevel = q.value(8).toString();
    p.allowComments = q.value(9).toBool();
    p.allowDuet = q.value(10).toBool();
    p.allowStitch = q.value(11).toBool();
    p.brandOrganic = q.value(12).toBool();
    p.brandedContent = q.value(13).toBool();
    p.aiGenerated = q.value(14).toBool();
    p.approval = approvalStateFromString(q.value(15).toString()).value_or(ApprovalState::None);
    p.createdAt = utcFromMs(q.value(16));
    p.updatedAt = utcFromMs(q.value(17));
    return p;
}

PostTarget readTarget(const Sql &q)
{
    PostTarget t;
    t.id = q.value(0).toLongLong();
    t.postId = q.value(1).toLongLong();
    t.accountId = q.value(2).toLongLong();
    t.state = targetStateFromString(q.value(3).toString()).value_or(TargetState::Held);
    t.publishId = q.value(4).toString();
    t.uploadedBytes = q.value(5).toLongLong();
    t.totalBytes = q.value(6).toLongLong();
    t.attempts = q.value(7).toInt();
    t.lastErrorCode = q.value(8).toString();
    t.lastError = q.value(9).toString();
    t.tiktokPostId = q.value(10).toString();
    t.nextAttemptAt = utcFromMs(q.value(11));
    t.stateChangedAt = utcFromMs(q.value(12));
    t.uploadUrl = q.value(13).toString();
    t.finalChunkSent = q.value(14).toBool();
    t.lateAllowed = q.value(15).toBool();
    return t;
}

/// ", column = :placeholder" for every field @p update carries.
QString updateAssignments(const PostStore::TargetUpdate &update)
{
    QString sets;
    const auto add = [&sets](bool present, const char *column, const char *placeholder) {
        if (present) {
            sets +=
                QStringLiteral(", %1 = %2").arg(QLatin1String(column), QLatin1String(placeholder));
        }
    };
    add(update.publishId.has_value(), "publish_id", ":publish_id");
    add(update.uploadedBytes.has_value(), "uploaded_bytes", ":uploaded");
    add(update.totalBytes.has_value(), "total_bytes", ":total");
    add(update.lastErrorCode.has_value(), "last_error_code", ":error_code");
    add(update.lastError.has_value(), "last_error", ":error");
    add(update.tiktokPostId.has_value(), "tiktok_post_id", ":post_id");
    add(update.nextAttemptAt.has_value(), "next_attempt_at_ms", ":next");
    add(update.uploadUrl.has_value(), "upload_url", ":upload_url");
    add(update.finalChunkSent.has_value(), "final_chunk_sent", ":final_sent");
    add(update.lateAllowed.has_value(), "late_ok", ":late_ok");
    add(update.attempts.has_value(), "attempts", ":attempts");
    return sets;
}

void bindUpdate(Sql &q, const PostStore::TargetUpdate &update)
{
    if (update.publishId) {
        q.bind(QStringLiteral(":publish_id"), textOrNull(*update.publishId));
    }
    if (update.uploadedBytes) {
        q.bind(QStringLiteral(":uploaded"), *update.uploadedBytes);
    }
    if (update.totalBytes) {
        q.bind(QStringLiteral(":total"), *update.totalBytes);
    }
    if (update.lastErrorCode) {
        q.bind(QStringLiteral(":error_code"), *update.lastErrorCode);
    }
    if (update.lastError) {
        q.bind(QStringLiteral(":error"), *update.lastError);
    }
    if (update.tiktokPostId) {
        q.bind(QStringLiteral(":post_id"), textOrNull(*update.tiktokPostId));
    }
    if (update.nextAttemptAt) {
        q.bind(QStringLiteral(":next"), msOrNull(*update.nextAttemptAt));
    }
    if (update.uploadUrl) {
        q.bind(QStringLiteral(":upload_url"), textOrNull(*update.uploadUrl));
    }
    if (update.finalChunkSent) {
        q.bind(QStringLiteral(":final_sent"), *update.finalChunkSent ? 1 : 0);
    }
    if (update.lateAllowed) {
        q.bind(QStringLiteral(":late_ok"), *update.lateAllowed ? 1 : 0);
    }
    if (update.attempts) {
        q.bind(QStringLiteral(":attempts"), *update.attempts);
    }
}

void bindContent(Sql &q, const Post &post)
{
    q.bind(QStringLiteral(":caption"), post.caption)
        .bind(QStringLiteral(":video_path"), post.videoPath)
        .bind(QStringLiteral(":media_asset_id"),
            post.mediaAssetId ? QVariant(*post.mediaAssetId)
                              : QVariant(QMetaType::fromType<qint64>()))
        .bind(QStringLiteral(":cover"), post.coverTimestampMs)
        .bind(QStringLiteral(":at"), msOrNull(post.scheduledAt))
        .bind(QStringLiteral(":zone"), post.timeZoneId)
        .bind(QStringLiteral(":mode"), toString(post.mode))
        .bind(QStringLiteral(":privacy"), post.privacyLevel)
        .bind(QStringLiteral(":comments"), int(post.allowComments))
        .bind(QStringLiteral(":duet"), int(post.allowDuet))
        .bind(QStringLiteral(":stitch"), int(post.allowStitch))
        .bind(QStringLiteral(":organic"), int(post.brandOrganic))
        .bind(QStringLiteral(":branded"), int(post.brandedContent))
        .bind(QStringLiteral(":ai"), int(post.aiGenerated));
}

void appendJournal(Database &db, qint64 targetId, qint64 atMs, std::optional<TargetState> from,
    TargetState to, const QString &detail)
{
    Sql q(db,
        QStringLiteral("INSERT INTO journal (target_id, at_ms, from_state, to_state, detail) "
                       "VALUES (:target, :at, :from, :to, :detail)"));
    q.bind(QStringLiteral(":target"), targetId)
        .bind(QStringLiteral(":at"), atMs)
        .bind(QStringLiteral(":from"),
            from ? QVariant(toString(*from)) : QVariant(QMetaType::fromType<QString>()))
        .bind(QStringLiteral(":to"), toString(to))
        .bind(QStringLiteral(":detail"), detail)
        .exec();
}

void requireTime(const Post &post)
{
    if (!post.scheduledAt.isValid()) {
        throw StorageError(
            StorageError::Kind::Constraint, QStringLiteral("A post needs a date and time."));
    }
    if (post.videoPath.isEmpty()) {
        throw StorageError(StorageError::Kind::Constraint, QStringLiteral("A post needs a video."));
    }
}

} // namespace

PostStore::PostStore(Database &db, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
{
}

qint64 PostStore::add(const Post &post)
{
    requireTime(post);
    const qint64 now = m_clock.nowMs();
    Database::Transaction tx(m_db);
    Sql insert(m_db,
        QStringLiteral(
            "INSERT INTO posts (caption, video_path, media_asset_id, cover_timestamp_ms, "
            "scheduled_at_ms, time_zone, mode, privacy_level, allow_comments, allow_duet, "
            "allow_stitch, brand_organic, branded_content, ai_generated, approval, created_at_ms, "
            "updated_at_ms) VALUES (:caption, :video_path, :media_asset_id, :cover, :at, :zone, "
            ":mode, :privacy, :comments, :duet, :stitch, :organic, :branded, :ai, :approval, :now, "
            ":now)"));
    bindContent(insert, post);
    insert.bind(QStringLiteral(":approval"), toString(post.approval))
        .bind(QStringLiteral(":now"), now)
        .exec();
    const qint64 postId = insert.lastInsertId();
    for (const PostTarget &target : post.targets) {
        Sql t(m_db,
            QStringLiteral("INSERT INTO targets (post_id, account_id, state, "
                           "state_changed_at_ms) VALUES (:post, :account, :state, :now)"));
        t.bind(QStringLiteral(":post"), postId)
            .bind(QStringLiteral(":account"), target.accountId)
            .bind(QStringLiteral(":state"), toString(target.state))
            .bind(QStringLiteral(":now"), now)
            .exec();
        appendJournal(
            m_db, t.lastInsertId(), now, std::nullopt, target.state, QStringLiteral("created"));
    }
    tx.commit();
    Q_EMIT postAdded(postId);
    return postId;
}

std::optional<Post> PostStore::post(qint64 id) const
{
    Sql q(m_db, QStringLiteral("SELECT %1 FROM posts WHERE id = :id").arg(kPostColumns));
    q.bind(QStringLiteral(":id"), id).exec();
    if (!q.next()) {
        return std::nullopt;
    }
    Post p = readPost(q);
    Sql t(m_db,
        QStringLiteral("SELECT %1 FROM targets WHERE post_id = :id ORDER BY id")
            .arg(kTargetColumns));
    t.bind(QStringLiteral(":id"), id).exec();
    while (t.next()) {
        p.targets.append(readTarget(t));
    }
    return p;
}

QList<Post> PostStore::posts(const Filter &filter) const
{
    QString where = QStringLiteral("1 = 1");
    if (filter.from.isValid()) {
        where += QStringLiteral(" AND p.scheduled_at_ms >= :from");
    }
    if (filter.to.isValid()) {
        where += QStringLiteral(" AND p.scheduled_at_ms < :to");
    }
    if (filter.accountId) {
        where += QStringLiteral(
            " AND EXISTS (SELECT 1 FROM targets x WHERE x.post_id = p.id AND x.account_id = :acc)");
    }
    const auto bindFilter = [&](Sql &q) {
        if (filter.from.isValid()) {
            q.bind(QStringLiteral(":from"), filter.from.toMSecsSinceEpoch());
        }
        if (filter.to.isValid()) {
            q.bind(QStringLiteral(":to"), filter.to.toMSecsSinceEpoch());
        }
        if (filter.accountId) {
            q.bind(QStringLiteral(":acc"), *filter.accountId);
        }
    };
    QList<Post> result;
    QHash<qint64, qsizetype> indexById;
    Sql q(m_db,
        QStringLiteral("SELECT %1 FROM posts p WHERE %2 ORDER BY p.scheduled_at_ms, p.id")
            .arg(kPostColumns, where));
    bindFilter(q);
    q.exec();
    while (q.next()) {
        indexById.insert(q.value(0).toLongLong(), result.size());
        result.append(readPost(q));
    }
    if (result.isEmpty()) {
        return result;
    }
    Sql t(m_db,
        QStringLiteral("SELECT %1 FROM targets WHERE post_id IN (SELECT p.id FROM posts p "
                       "WHERE %2) ORDER BY id")
            .arg(kTargetColumns, where));
    bindFilter(t);
    t.exec();
    while (t.next()) {
        const PostTarget target = readTarget(t);
        const auto it = indexById.constFind(target.postId);
        if (it != indexById.constEnd()) {
            result[*it].targets.append(target);
        }
    }
    return result;
}

void PostStore::requireEditable(qint64 postId) const
{
    Sql q(m_db,
        QStringLiteral("SELECT count(*) FROM targets WHERE post_id = :id AND state IN "
                       "('publishing', 'processing', 'published', 'sent_to_inbox')"));
    q.bind(QStringLiteral(":id"), postId).exec();
    if (q.next() && q.value(0).toInt() > 0) {
        throw StorageError(StorageError::Kind::Constraint,
            QStringLiteral("This post is already being published or was published; "
                           "it can no longer be changed."));
    }
}

void PostStore::updateContent(const Post &post)
{
    requireTime(post);
    {
        Database::Transaction tx(m_db);
        requireEditable(post.id);
        Sql q(m_db,
            QStringLiteral(
                "UPDATE posts SET caption = :caption, video_path = :video_path, media_asset_id = "
                ":media_asset_id, cover_timestamp_ms = :cover, scheduled_at_ms = :at, time_zone = "
                ":zone, mode = :mode, privacy_level = :privacy, allow_comments = :comments, "
                "allow_duet = :duet, allow_stitch = :stitch, brand_organic = :organic, "
                "branded_content = :branded, ai_generated = :ai, updated_at_ms = :now WHERE id = "
                ":id"));
        bindContent(q, post);
        q.bind(QStringLiteral(":now"), m_clock.nowMs()).bind(QStringLiteral(":id"), post.id).exec();
        if (q.rowsAffected() != 1) {
            throw StorageError(StorageError::Kind::Constraint,
                QStringLiteral("Post %1 does not exist.").arg(post.id));
        }
        tx.commit();
    }
    Q_EMIT postChanged(post.id);
}

void PostStore::reschedule(qint64 postId, const QDateTime &at, const QString &timeZoneId)
{
    std::optional<Post> current = post(postId);
    if (!current) {
        throw StorageError(
            StorageError::Kind::Constraint, QStringLiteral("Post %1 does not exist.").arg(postId));
    }
    current->scheduledAt = at.toUTC();
    current->timeZoneId = timeZoneId;
    updateContent(*current);
}

void PostStore::setApproval(qint64 postId, ApprovalState approval)
{
    Sql q(m_db,
        QStringLiteral("UPDATE posts SET approval = :a, updated_at_ms = :now WHERE id = :id"));
    q.bind(QStringLiteral(":a"), toString(approval))
        .bind(QStringLiteral(":now"), m_clock.nowMs())
        .bind(QStringLiteral(":id"), postId)
        .exec();
    if (q.rowsAffected() != 1) {
        throw StorageError(
            StorageError::Kind::Constraint, QStringLiteral("Post %1 does not exist.").arg(postId));
    }
    Q_EMIT postChanged(postId);
}

void PostStore::remove(qint64 postId)
{
    {
        Database::Transaction tx(m_db);
        Sql busy(m_db,
            QStringLiteral("SELECT count(*) FROM targets WHERE post_id = :id AND state "
                           "IN ('publishing', 'processing')"));
        busy.bind(QStringLiteral(":id"), postId).exec();
        if (busy.next() && busy.value(0).toInt() > 0) {
            throw StorageError(StorageError::Kind::Constraint,
                QStringLiteral("This post is being published right now; cancel "
                               "it or wait until it is done."));
        }
        Sql q(m_db, QStringLiteral("DELETE FROM posts WHERE id = :id"));
        q.bind(QStringLiteral(":id"), postId).exec();
        if (q.rowsAffected() != 1) {
            throw StorageError(StorageError::Kind::Constraint,
                QStringLiteral("Post %1 does not exist.").arg(postId));
        }
        tx.commit();
    }
    Q_EMIT postRemoved(postId);
}

std::optional<PostTarget> PostStore::target(qint64 targetId) const
{
    Sql q(m_db, QStringLiteral("SELECT %1 FROM targets WHERE id = :id").arg(kTargetColumns));
    q.bind(QStringLiteral(":id"), targetId).exec();
    if (!q.next()) {
        return std::nullopt;
    }
    return readTarget(q);
}

bool PostStore::transition(qint64 targetId, TargetState from, TargetState to, const QString &detail,
    const TargetUpdate &update)
{
    if (!isAllowedTransition(from, to)) {
        throw StorageError(StorageError::Kind::Constraint,
            QStringLiteral("A post cannot go from %1 to %2.").arg(toString(from), toString(to)));
    }
    QString sets = QStringLiteral("state = :to, state_changed_at_ms = :now");
    sets += updateAssignments(update);
    // Leaving `publishing`/`processing` ends the publisher's lease.
    if (to != TargetState::Publishing && to != TargetState::Processing) {
        sets += QStringLiteral(", claimed_by = NULL, lease_until_ms = NULL");
    }
    const qint64 now = m_clock.nowMs();
    qint64 postId = 0;
    {
        Database::Transaction tx(m_db);
        Sql q(m_db,
            QStringLiteral("UPDATE targets SET %1 WHERE id = :id AND state = :from%2 "
                           "RETURNING post_id")
                .arg(sets,
                    // TikTok may already have the whole video: it cannot be cancelled or held.
                    to == TargetState::Cancelled || to == TargetState::Held
                        ? QStringLiteral(" AND final_chunk_sent = 0")
                        : QString()));
        q.bind(QStringLiteral(":to"), toString(to))
            .bind(QStringLiteral(":now"), now)
            .bind(QStringLiteral(":id"), targetId)
            .bind(QStringLiteral(":from"), toString(from));
        bindUpdate(q, update);
        q.exec();
        if (!q.next()) {
            return false; // someone else moved it first; the transaction rolls back (no-op)
        }
        postId = q.value(0).toLongLong();
        q.finish(); // a RETURNING statement must be done before COMMIT
        appendJournal(m_db, targetId, now, from, to, detail);
        tx.commit();
    }
    Q_EMIT targetChanged(postId, targetId);
    return true;
}

std::optional<PostTarget> PostStore::claimDueTarget(
    const QString &worker, std::chrono::milliseconds lease, const QList<qint64> &busyAccounts)
{
    ClaimLimits limits;
    limits.maxTargets = 1;
    for (const qint64 accountId : busyAccounts) {
        limits.roomPerAccount.insert(accountId, 0);
    }
    const QList<PostTarget> claimed = claimDueTargets(worker, lease, limits);
    return claimed.isEmpty() ? std::nullopt : std::optional<PostTarget>(claimed.first());
}

QList<PostTarget> PostStore::claimDueTargets(
    const QString &worker, std::chrono::milliseconds lease, ClaimLimits limits)
{
    // The next target to claim: due, not waiting for a retry, of an account with room left
    // (the full ones come as one JSON array, so that the statements' texts never change and
    // are prepared once per connection) and, when approval is required, approved or not
    // published automatically.
    static const QString candidate =
        QStringLiteral("SELECT t.id FROM targets t JOIN posts p ON p.id = t.post_id "
                       "WHERE t.state = 'scheduled' AND p.scheduled_at_ms <= :now "
                       "AND (t.next_attempt_at_ms IS NULL OR t.next_attempt_at_ms <= :now) "
                       "AND t.account_id NOT IN (SELECT value FROM json_each(:excluded)) "
                       "AND (:approval = 0 OR p.mode <> 'auto' OR p.approval = 'approved') "
                       "ORDER BY p.scheduled_at_ms, t.id LIMIT 1");
    const qint64 now = m_clock.nowMs();
    const auto bindCandidate = [&](Sql &q) {
        QJsonArray excluded;
        for (auto it = limits.roomPerAccount.cbegin(); it != limits.roomPerAccount.cend(); ++it) {
            if (it.value() <= 0) {
                excluded.append(it.key());
            }
        }
        q.bind(QStringLiteral(":now"), now)
            .bind(QStringLiteral(":excluded"),
                QString::fromUtf8(QJsonDocument(excluded).toJson(QJsonDocument::Compact)))
            .bind(QStringLiteral(":approval"), limits.approvalRequired ? 1 : 0);
    };
    {
        // Most looks find nothing to claim (everything waits for its turn): they take no write
        // lock from the workers.
        Sql probe(m_db, candidate);
        bindCandidate(probe);
        probe.exec();
        if (!probe.next()) {
            return {};
        }
    }
    QList<PostTarget> claimed;
    {
        // One transaction for the whole batch: one commit (one fsync) instead of one per
        // target when many fall due together.
        Database::Transaction tx(m_db);
        while (claimed.size() < limits.maxTargets) {
            // One statement picks and takes the target; the `state = 'scheduled'` guard in the
            // outer WHERE makes a second claimer's UPDATE match nothing.
            Sql q(m_db,
                QStringLiteral(
                    "UPDATE targets SET state = 'publishing', claimed_by = :worker, "
                    "lease_until_ms = :lease, state_changed_at_ms = :now, attempts = attempts + 1 "
                    "WHERE state = 'scheduled' AND id = (%2) RETURNING %1")
                    .arg(kTargetColumns, candidate));
            bindCandidate(q);
            q.bind(QStringLiteral(":worker"), worker)
                .bind(QStringLiteral(":lease"), now + lease.count())
                .exec();
            if (!q.next()) {
                break;
            }
            const PostTarget target = readTarget(q);
            q.finish();
            appendJournal(m_db, target.id, now, TargetState::Scheduled, TargetState::Publishing,
                QStringLiteral("claimed by %1").arg(worker));
            const int room = limits.roomPerAccount.value(target.accountId, limits.perAccount);
            limits.roomPerAccount.insert(target.accountId, room - 1);
            claimed << target;
        }
        if (claimed.isEmpty()) {
            return claimed;
        }
        tx.commit();
    }
    for (const PostTarget &t : std::as_const(claimed)) {
        Q_EMIT targetChanged(t.postId, t.id);
    }
    return claimed;
}

QList<PostTarget> PostStore::dueTargetsWithoutApproval() const
{
    Sql q(m_db,
        QStringLiteral("SELECT %1 FROM targets WHERE id IN (SELECT t.id FROM targets t JOIN posts "
                       "p ON p.id = t.post_id WHERE t.state = 'scheduled' AND p.mode = 'auto' AND "
                       "p.approval <> 'approved' AND p.scheduled_at_ms <= :now) ORDER BY id")
            .arg(kTargetColumns));
    q.bind(QStringLiteral(":now"), m_clock.nowMs()).exec();
    QList<PostTarget> targets;
    while (q.next()) {
        targets << readTarget(q);
    }
    return targets;
}

bool PostStore::hasWorkPending() const
{
    Sql q(m_db,
        QStringLiteral("SELECT EXISTS (SELECT 1 FROM targets t JOIN posts p ON p.id = t.post_id "
                       "WHERE t.state IN ('publishing', 'processing') OR (t.state = 'scheduled' "
                       "AND (t.next_attempt_at_ms IS NOT NULL OR p.scheduled_at_ms <= :now)))"));
    q.bind(QStringLiteral(":now"), m_clock.nowMs()).exec();
    return q.next() && q.value(0).toBool();
}

QDateTime PostStore::nextDueAt() const
{
    Sql q(m_db,
        QStringLiteral(
            "SELECT MIN(CASE WHEN t.next_attempt_at_ms > p.scheduled_at_ms THEN "
            "t.next_attempt_at_ms "
            "ELSE p.scheduled_at_ms END) FROM targets t JOIN posts p ON p.id = t.post_id "
            "WHERE t.state = 'scheduled'"));
    q.exec();
    return q.next() ? utcFromMs(q.value(0)) : QDateTime();
}

void PostStore::checkpointUpload(qint64 targetId, qint64 uploadedBytes)
{
    Sql q(m_db,
        QStringLiteral("UPDATE targets SET uploaded_bytes = :b WHERE id = :id RETURNING post_id"));
    q.bind(QStringLiteral(":b"), uploadedBytes).bind(QStringLiteral(":id"), targetId).exec();
    if (q.next()) {
        const qint64 postId = q.value(0).toLongLong();
        q.finish();
        Q_EMIT targetChanged(postId, targetId);
    }
}

bool PostStore::updateTarget(qint64 targetId, TargetState state, const TargetUpdate &update)
{
    const QString sets = updateAssignments(update);
    if (sets.isEmpty()) {
        return target(targetId).has_value();
    }
    // The final-chunk flag decides, after a power cut, between uploading again and only asking
    // TikTok: it reaches the disk before the final chunk is sent (and with it every earlier
    // commit, since the write-ahead log is synced in order).
    std::optional<Database::DurableCommits> durable;
    if (update.finalChunkSent.value_or(false)) {
        durable.emplace(m_db);
    }
    Sql q(m_db,
        QStringLiteral("UPDATE targets SET %1 WHERE id = :id AND state = :state RETURNING post_id")
            .arg(sets.mid(2)));
    q.bind(QStringLiteral(":id"), targetId).bind(QStringLiteral(":state"), toString(state));
    bindUpdate(q, update);
    q.exec();
    if (!q.next()) {
        return false;
    }
    const qint64 postId = q.value(0).toLongLong();
    q.finish();
    Q_EMIT targetChanged(postId, targetId);
    return true;
}

void PostStore::approve(qint64 postId, const QString &detail)
{
    const qint64 now = m_clock.nowMs();
    QList<qint64> released;
    {
        Database::Transaction tx(m_db);
        Sql a(m_db,
            QStringLiteral("UPDATE posts SET approval = 'approved', updated_at_ms = :now "
                           "WHERE id = :id"));
        a.bind(QStringLiteral(":now"), now).bind(QStringLiteral(":id"), postId).exec();
        if (a.rowsAffected() != 1) {
            throw StorageError(StorageError::Kind::Constraint,
                QStringLiteral("Post %1 does not exist.").arg(postId));
        }
        Sql q(m_db,
            QStringLiteral("UPDATE targets SET state = 'scheduled', state_changed_at_ms = :now "
                           "WHERE post_id = :id AND state = 'awaiting_approval' RETURNING id"));
        q.bind(QStringLiteral(":now"), now).bind(QStringLiteral(":id"), postId).exec();
        while (q.next()) {
            released << q.value(0).toLongLong();
        }
        q.finish();
        for (const qint64 targetId : std::as_const(released)) {
            appendJournal(
                m_db, targetId, now, TargetState::AwaitingApproval, TargetState::Scheduled, detail);
        }
        tx.commit();
    }
    Q_EMIT postChanged(postId);
    for (const qint64 targetId : std::as_const(released)) {
        Q_EMIT targetChanged(postId, targetId);
    }
}

QList<PostTarget> PostStore::targetsInState(TargetState state) const
{
    Sql q(m_db,
        QStringLiteral("SELECT %1 FROM targets WHERE state = :state ORDER BY "
                       "state_changed_at_ms, id")
            .arg(kTargetColumns));
    q.bind(QStringLiteral(":state"), toString(state)).exec();
    QList<PostTarget> targets;
    while (q.next()) {
        targets << readTarget(q);
    }
    return targets;
}

QList<JournalEntry> PostStore::journal(qint64 targetId) const
{
    Sql q(m_db,
        QStringLiteral("SELECT id, target_id, at_ms, from_state, to_state, detail FROM "
                       "journal WHERE target_id = :id ORDER BY id"));
    q.bind(QStringLiteral(":id"), targetId).exec();
    QList<JournalEntry> entries;
    while (q.next()) {
        JournalEntry e;
        e.id = q.value(0).toLongLong();
        e.targetId = q.value(1).toLongLong();
        e.at = utcFromMs(q.value(2));
        if (!q.value(3).isNull()) {
            e.from = targetStateFromString(q.value(3).toString());
        }
        e.to = targetStateFromString(q.value(4).toString()).value_or(TargetState::Held);
        e.detail = q.value(5).toString();
        entries.append(e);
    }
    return entries;
}

PostStore::PendingWork PostStore::pendingWork(const QDateTime &from, const QDateTime &until) const
{
    PendingWork work;
    Sql q(m_db,
        QStringLiteral("SELECT COUNT(*) FROM targets WHERE state IN ('publishing', 'processing')"));
    q.exec();
    work.inFlight = q.next() ? q.value(0).toInt() : 0;
    q.finish();
    Sql due(m_db,
        QStringLiteral("SELECT COUNT(*), MIN(due_ms) FROM (SELECT CASE WHEN "
                       "t.next_attempt_at_ms > p.scheduled_at_ms THEN t.next_attempt_at_ms ELSE "
                       "p.scheduled_at_ms END AS due_ms FROM targets t JOIN posts p ON p.id = "
                       "t.post_id WHERE t.state = 'scheduled') AS d WHERE due_ms BETWEEN :from "
                       "AND :until"));
    due.bind(QStringLiteral(":from"), from.toMSecsSinceEpoch())
        .bind(QStringLiteral(":until"), until.toMSecsSinceEpoch())
        .exec();
    if (due.next()) {
        work.scheduled = due.value(0).toInt();
        work.next = utcFromMs(due.value(1));
    }
    return work;
}

bool PostStore::restoreCancelled(qint64 targetId, TargetState to, const QString &detail)
{
    if (to == TargetState::Cancelled || to == TargetState::Publishing
        || to == TargetState::Processing || isFinal(to)) {
        throw StorageError(StorageError::Kind::Constraint,
            QStringLiteral("A cancelled post cannot go back to %1.").arg(toString(to)));
    }
    const qint64 now = m_clock.nowMs();
    qint64 postId = 0;
    {
        Database::Transaction tx(m_db);
        Sql q(m_db,
            QStringLiteral(
                "UPDATE targets SET state = :to, state_changed_at_ms = :now WHERE id = "
                ":id AND state = 'cancelled' AND final_chunk_sent = 0 RETURNING post_id"));
        q.bind(QStringLiteral(":to"), toString(to))
            .bind(QStringLiteral(":now"), now)
            .bind(QStringLiteral(":id"), targetId)
            .exec();
        if (!q.next()) {
            return false;
        }
        postId = q.value(0).toLongLong();
        q.finish();
        appendJournal(m_db, targetId, now, TargetState::Cancelled, to, detail);
        tx.commit();
    }
    Q_EMIT targetChanged(postId, targetId);
    return true;
}

PostStore::TargetUpdate PostStore::retryUpdate()
{
    TargetUpdate update;
    update.nextAttemptAt = QDateTime();
    update.publishId = QString();
    update.uploadUrl = QString();
    update.finalChunkSent = false;
    update.uploadedBytes = 0;
    update.attempts = 0;
    update.lateAllowed = true;
    update.lastError = QString();
    update.lastErrorCode = QString();
    return update;
}

bool PostStore::isRetryable(TargetState state, bool forced)
{
    return state == TargetState::Failed || state == TargetState::Held
        || (state == TargetState::Unconfirmed && forced);
}

QList<Post> PostStore::calendarPosts(const QDateTime &from, const QDateTime &to) const
{
    // Forward-only: a month of a busy profile is a thousand rows, read once, not cached.
    const QString statement = QStringLiteral(
        "SELECT p.id, p.caption, p.video_path, p.cover_timestamp_ms, p.scheduled_at_ms, "
        "p.time_zone, p.mode, p.approval, t.id, t.account_id, t.state, t.uploaded_bytes, "
        "t.total_bytes, t.last_error, t.tiktok_post_id FROM posts p LEFT JOIN targets t ON "
        "t.post_id = p.id WHERE p.scheduled_at_ms >= :from AND p.scheduled_at_ms < :to "
        "ORDER BY p.scheduled_at_ms, p.id, t.id");
    QSqlQuery q(Storage::connectionOf(m_db));
    q.setForwardOnly(true);
    if (!q.prepare(statement)) {
        Storage::throwSqlError(q.lastError(), statement);
    }
    q.bindValue(QStringLiteral(":from"), from.toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":to"), to.toMSecsSinceEpoch());
    if (!q.exec()) {
        Storage::throwSqlError(q.lastError(), statement);
    }
    QList<Post> result;
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        if (result.isEmpty() || result.last().id != id) {
            Post p;
            p.id = id;
            p.caption = q.value(1).toString();
            p.videoPath = q.value(2).toString();
            p.coverTimestampMs = q.value(3).toLongLong();
            p.scheduledAt = utcFromMs(q.value(4));
            p.timeZoneId = q.value(5).toString();
            p.mode = publishModeFromString(q.value(6).toString()).value_or(PublishMode::Automatic);
            p.approval =
                approvalStateFromString(q.value(7).toString()).value_or(ApprovalState::None);
            result.append(std::move(p));
        }
        if (q.value(8).isNull()) {
            continue; // a post without targets
        }
        PostTarget t;
        t.id = q.value(8).toLongLong();
        t.postId = id;
        t.accountId = q.value(9).toLongLong();
        t.state = targetStateFromString(q.value(10).toString()).value_or(TargetState::Held);
        t.uploadedBytes = q.value(11).toLongLong();
        t.totalBytes = q.value(12).toLongLong();
        t.lastError = q.value(13).toString();
        t.tiktokPostId = q.value(14).toString();
        result.last().targets.append(std::move(t));
    }
    return result;
}

} // namespace Cuepoint::Core
