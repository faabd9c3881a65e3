// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/Account.h"

#include <QAbstractListModel>
#include <QList>

namespace Cuepoint::Core {
class AccountStore;
class Clock;
} // namespace Cuepoint::Core

namespace Cuepoint::Gui {

/// The TikTok profiles of the AccountStore, one row each, kept current from the store's
/// signals. Besides the account itself it gives the words the Accounts page shows.
class AccountListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountListModel)

public:
    enum Role : int {
        IdRole = Qt::UserRole + 1, ///< qint64
        UsernameRole, ///< "@handle", or empty
        InitialsRole, ///< one or two letters for the avatar placeholder
        IsSandboxRole, ///< bool
        StatusRole, ///< int(Core::AccountStatus), after expiry is taken into account
        StatusTextRole, ///< "Connected", "Reconnect needed", "Disconnected"
        ExpiryTextRole, ///< the sign-in's expiry in words, or empty
    };

    /// @p store and @p clock must outlive the model.
    AccountListModel(
        Core::AccountStore &store, const Core::Clock &clock, QObject *parent = nullptr);
    ~AccountListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// The account of @p row.
    const Core::Account &account(int row) const { return m_accounts.at(row); }
    /// Reads the list from the store again.
    void reload();

    /// One or two capital letters of a name ("Sandbox Creator" gives "SC").
    static QString initialsOf(const QString &name);
    /// A span of time in words: "5 minutes", "23 hours", "12 months".
    static QString durationInWords(qint64 seconds);
    /// The status an account really has at @p now: a connected account whose sign-in (refresh
    /// token) has expired needs reconnecting.
    static Core::AccountStatus effectiveStatus(const Core::Account &account, const QDateTime &now);
    /// "Sign-in expires in 12 months", "Sign-in expired 3 days ago", or empty.
    static QString expiryText(const Core::Account &account, const QDateTime &now);

private:
    Core::AccountStore &m_store;
    const Core::Clock &m_clock;
    QList<Core::Account> m_accounts;
};

} // namespace Cuepoint::Gui
