// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/Account.h"

#include <QObject>

#include <optional>

namespace Cuepoint::Core {

class Clock;
class Database;

/// The TikTok profiles Cuepoint posts to. Tokens are not stored here (see TokenStore).
class AccountStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountStore)

public:
    AccountStore(Database &db, const Clock &clock, QObject *parent = nullptr);

    /// Adds @p account, or updates the one with the same open_id. Returns its id.
    qint64 save(const Account &account);
    std::optional<Account> account(qint64 id) const;
    std::optional<Account> accountByOpenId(const QString &openId) const;
    /// The account whose username, display name or open_id is @p name (case-insensitive).
    std::optional<Account> findByName(const QString &name) const;
    QList<Account> accounts() const;
    void setStatus(qint64 id, AccountStatus status);
    /// Removes an account. Throws StorageError(Constraint) while posts still target it.
    void remove(qint64 id);

Q_SIGNALS:
    void accountAdded(qint64 id);
    void accountChanged(qint64 id);
    void accountRemoved(qint64 id);

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace Cuepoint::Core
