// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/storage/AccountStore.h"

#include "storage/Sql.h"

#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/support/Clock.h"

namespace Cuepoint::Core {

using Storage::msOrNull;
using Storage::Sql;
using Storage::utcFromMs;

namespace {

const QString kSelect = QStringLiteral(
    "SELECT id, open_id, username, display_name, avatar_url, scopes, access_expires_at_ms, "
    "refresh_expires_at_ms, status, is_sandbox, created_at_ms, updated_at_ms FROM accounts ");

Account readAccount(const Sql &q)
{
    Account a;
    a.id = q.value(0).toLongLong();
    a.openId = q.value(1).toString();
    a.username = q.value(2).toString();
    a.displayName = q.value(3).toString();
    a.avatarUrl = q.value(4).toString();
    a.scopes = q.value(5).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    a.accessTokenExpiresAt = utcFromMs(q.value(6));
    a.refreshTokenExpiresAt = utcFromMs(q.value(7));
    a.status = accountStatusFromString(q.value(8).toString()).value_or(AccountStatus::Disconnected);
    a.isSandbox = q.value(9).toBool();
    a.createdAt = utcFromMs(q.value(10));
    a.updatedAt = utcFromMs(q.value(11));
    return a;
}

} // namespace

AccountStore::AccountStore(Database &db, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
{
}

qint64 AccountStore::save(const Account &account)
{
    if (account.openId.isEmpty()) {
        throw StorageError(
            StorageError::Kind::Constraint, QStringLiteral("An account needs TikTok's open_id."));
    }
    const std::optional<Account> existing = accountByOpenId(account.openId);
    const qint64 now = m_clock.nowMs();
    Sql q(m_db,
        existing ? QStringLiteral(
            "UPDATE accounts SET username = :username, display_name = :display, avatar_url "
            "= :avatar, scopes = :scopes, access_expires_at_ms = :access, "
            "refresh_expires_at_ms = :refresh, status = :status, is_sandbox = :sandbox, "
            "updated_at_ms = :now WHERE open_id = :open_id")
                 : QStringLiteral(
                     "INSERT INTO accounts (open_id, username, display_name, avatar_url, scopes, "
                     "access_expires_at_ms, refresh_expires_at_ms, status, is_sandbox, "
                     "created_at_ms, updated_at_ms) VALUES (:open_id, :username, :display, "
                     ":avatar, :scopes, :access, :refresh, :status, :sandbox, :now, :now)"));
    q.bind(QStringLiteral(":open_id"), account.openId)
        .bind(QStringLiteral(":username"), account.username)
        .bind(QStringLiteral(":display"), account.displayName)
        .bind(QStringLiteral(":avatar"), account.avatarUrl)
        .bind(QStringLiteral(":scopes"), account.scopes.join(QLatin1Char(',')))
        .bind(QStringLiteral(":access"), msOrNull(account.accessTokenExpiresAt))
        .bind(QStringLiteral(":refresh"), msOrNull(account.refreshTokenExpiresAt))
        .bind(QStringLiteral(":status"), toString(account.status))
        .bind(QStringLiteral(":sandbox"), int(account.isSandbox))
        .bind(QStringLiteral(":now"), now)
        .exec();
    const qint64 id = existing ? existing->id : q.lastInsertId();
    if (existing) {
        Q_EMIT accountChanged(id);
    } else {
        Q_EMIT accountAdded(id);
    }
    return id;
}

std::optional<Account> AccountStore::account(qint64 id) const
{
    Sql q(m_db, kSelect + QStringLiteral("WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    return q.next() ? std::optional(readAccount(q)) : std::nullopt;
}

std::optional<Account> AccountStore::accountByOpenId(const QString &openId) const
{
    Sql q(m_db, kSelect + QStringLiteral("WHERE open_id = :open_id"));
    q.bind(QStringLiteral(":open_id"), openId).exec();
    return q.next() ? std::optional(readAccount(q)) : std::nullopt;
}

std::optional<Account> AccountStore::findByName(const QString &name) const
{
    for (const Account &a : accounts()) {
        for (const QString &candidate : { a.username, a.displayName, a.openId }) {
            if (!candidate.isEmpty() && candidate.compare(name, Qt::CaseInsensitive) == 0) {
                return a;
            }
        }
    }
    return std::nullopt;
}

QList<Account> AccountStore::accounts() const
{
    Sql q(m_db, kSelect + QStringLiteral("ORDER BY lower(display_name), id"));
    q.exec();
    QList<Account> result;
    while (q.next()) {
        result.append(readAccount(q));
    }
    return result;
}

void AccountStore::setStatus(qint64 id, AccountStatus status)
{
    Sql q(m_db,
        QStringLiteral("UPDATE accounts SET status = :s, updated_at_ms = :now WHERE id = :id"));
    q.bind(QStringLiteral(":s"), toString(status))
        .bind(QStringLiteral(":now"), m_clock.nowMs())
        .bind(QStringLiteral(":id"), id)
        .exec();
    if (q.rowsAffected() == 1) {
        Q_EMIT accountChanged(id);
    }
}

void AccountStore::remove(qint64 id)
{
    Sql used(m_db, QStringLiteral("SELECT count(*) FROM targets WHERE account_id = :id"));
    used.bind(QStringLiteral(":id"), id).exec();
    if (used.next() && used.value(0).toInt() > 0) {
        throw StorageError(StorageError::Kind::Constraint,
            QStringLiteral("This account still has %1 post(s); cancel or delete "
                           "them first, or disconnect the account instead.")
                .arg(used.value(0).toInt()));
    }
    Sql q(m_db, QStringLiteral("DELETE FROM accounts WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    if (q.rowsAffected() == 1) {
        Q_EMIT accountRemoved(id);
    }
}

} // namespace Cuepoint::Core
