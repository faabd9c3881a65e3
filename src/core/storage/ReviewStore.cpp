// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/storage/ReviewStore.h"

#include "storage/Sql.h"

#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/support/Clock.h"

namespace Cuepoint::Core {

using Storage::msOrNull;
using Storage::Sql;
using Storage::utcFromMs;

namespace {

const QString kSelect = QStringLiteral(
    "SELECT id, token_hash, label, range_from_ms, range_to_ms, created_at_ms, expires_at_ms, "
    "revoked_at_ms, last_used_at_ms FROM review_links ");

ReviewLink readLink(const Database &db, const Sql &q)
{
    ReviewLink l;
    l.id = q.value(0).toLongLong();
    l.tokenHash = q.value(1).toString();
    l.label = q.value(2).toString();
    l.rangeFrom = utcFromMs(q.value(3));
    l.rangeTo = utcFromMs(q.value(4));
    l.createdAt = utcFromMs(q.value(5));
    l.expiresAt = utcFromMs(q.value(6));
    l.revokedAt = utcFromMs(q.value(7));
    l.lastUsedAt = utcFromMs(q.value(8));
    Sql accounts(db,
        QStringLiteral("SELECT account_id FROM review_link_accounts WHERE link_id = "
                       ":id ORDER BY account_id"));
    accounts.bind(QStringLiteral(":id"), l.id).exec();
    while (accounts.next()) {
        l.accountIds.append(accounts.value(0).toLongLong());
    }
    return l;
}

} // namespace

ReviewStore::ReviewStore(Database &db, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
{
}

qint64 ReviewStore::addLink(const ReviewLink &link)
{
    if (link.tokenHash.size() != 64) {
        throw StorageError(StorageError::Kind::Constraint,
            QStringLiteral("A review link is stored by the SHA-256 of its token."));
    }
    qint64 id = 0;
    {
        Database::Transaction tx(m_db);
        Sql q(m_db,
            QStringLiteral("INSERT INTO review_links (token_hash, label, range_from_ms, "
                           "range_to_ms, created_at_ms, expires_at_ms) VALUES (:hash, "
                           ":label, :from, :to, :now, :expires)"));
        q.bind(QStringLiteral(":hash"), link.tokenHash)
            .bind(QStringLiteral(":label"), link.label)
            .bind(QStringLiteral(":from"), msOrNull(link.rangeFrom))
            .bind(QStringLiteral(":to"), msOrNull(link.rangeTo))
            .bind(QStringLiteral(":now"), m_clock.nowMs())
            .bind(QStringLiteral(":expires"), msOrNull(link.expiresAt))
            .exec();
        id = q.lastInsertId();
        for (const qint64 accountId : link.accountIds) {
            Sql a(m_db,
                QStringLiteral("INSERT INTO review_link_accounts (link_id, account_id) "
                               "VALUES (:link, :account)"));
            a.bind(QStringLiteral(":link"), id).bind(QStringLiteral(":account"), accountId).exec();
        }
        tx.commit();
    }
    Q_EMIT linksChanged();
    return id;
}

std::optional<ReviewLink> ReviewStore::link(qint64 id) const
{
    Sql q(m_db, kSelect + QStringLiteral("WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    return q.next() ? std::optional(readLink(m_db, q)) : std::nullopt;
}

std::optional<ReviewLink> ReviewStore::linkByTokenHash(const QString &tokenHash) const
{
    Sql q(m_db, kSelect + QStringLiteral("WHERE token_hash = :hash"));
    q.bind(QStringLiteral(":hash"), tokenHash).exec();
    return q.next() ? std::optional(readLink(m_db, q)) : std::nullopt;
}

QList<ReviewLink> ReviewStore::links() const
{
    Sql q(m_db, kSelect + QStringLiteral("ORDER BY created_at_ms DESC, id DESC"));
    q.exec();
    QList<ReviewLink> result;
    while (q.next()) {
        result.append(readLink(m_db, q));
    }
    return result;
}

void ReviewStore::revoke(qint64 id)
{
    Sql q(m_db,
        QStringLiteral("UPDATE review_links SET revoked_at_ms = :now WHERE id = :id AND "
                       "revoked_at_ms IS NULL"));
    q.bind(QStringLiteral(":now"), m_clock.nowMs()).bind(QStringLiteral(":id"), id).exec();
    Q_EMIT linksChanged();
}

void ReviewStore::markUsed(qint64 id)
{
    Sql q(m_db, QStringLiteral("UPDATE review_links SET last_used_at_ms = :now WHERE id = :id"));
    q.bind(QStringLiteral(":now"), m_clock.nowMs()).bind(QStringLiteral(":id"), id).exec();
}

qint64 ReviewStore::addFeedback(const ReviewFeedback &feedback)
{
    Sql q(m_db,
        QStringLiteral("INSERT INTO review_feedback (post_id, link_id, reviewer_name, "
                       "decision, comment, created_at_ms) VALUES (:post, :link, :name, "
                       ":decision, :comment, :now)"));
    q.bind(QStringLiteral(":post"), feedback.postId)
        .bind(QStringLiteral(":link"),
            feedback.linkId ? QVariant(*feedback.linkId) : QVariant(QMetaType::fromType<qint64>()))
        .bind(QStringLiteral(":name"), feedback.reviewerName)
        .bind(QStringLiteral(":decision"), toString(feedback.decision))
        .bind(QStringLiteral(":comment"), feedback.comment)
        .bind(QStringLiteral(":now"), m_clock.nowMs())
        .exec();
    const qint64 id = q.lastInsertId();
    Q_EMIT feedbackAdded(feedback.postId, id);
    return id;
}

QList<ReviewFeedback> ReviewStore::feedbackForPost(qint64 postId) const
{
    Sql q(m_db,
        QStringLiteral("SELECT id, post_id, link_id, reviewer_name, decision, comment, "
                       "created_at_ms FROM review_feedback WHERE post_id = :id ORDER BY id"));
    q.bind(QStringLiteral(":id"), postId).exec();
    QList<ReviewFeedback> result;
    while (q.next()) {
        ReviewFeedback f;
        f.id = q.value(0).toLongLong();
        f.postId = q.value(1).toLongLong();
        if (!q.value(2).isNull()) {
            f.linkId = q.value(2).toLongLong();
        }
        f.reviewerName = q.value(3).toString();
        f.decision =
            reviewDecisionFromString(q.value(4).toString()).value_or(ReviewDecision::Comment);
        f.comment = q.value(5).toString();
        f.createdAt = utcFromMs(q.value(6));
        result.append(f);
    }
    return result;
}

} // namespace Cuepoint::Core
