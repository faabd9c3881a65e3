// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/AccountListModel.h"

#include "GuiLogging.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/support/Clock.h"

namespace Cuepoint::Gui {

namespace {

constexpr qint64 kMinute = 60;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr qint64 kMonth = 30 * kDay;
constexpr qint64 kYear = 365 * kDay;

QString count(qint64 n, const QString &one, const QString &many)
{
    return n == 1 ? one : many.arg(n);
}

} // namespace

AccountListModel::AccountListModel(
    Core::AccountStore &store, const Core::Clock &clock, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
    , m_clock(clock)
{
    // The lists are short (a handful of profiles): reading them again is simpler than patching.
    connect(&m_store, &Core::AccountStore::accountAdded, this, &AccountListModel::reload);
    connect(&m_store, &Core::AccountStore::accountChanged, this, &AccountListModel::reload);
    connect(&m_store, &Core::AccountStore::accountRemoved, this, &AccountListModel::reload);
    reload();
}

AccountListModel::~AccountListModel() = default;

int AccountListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_accounts.size());
}

QVariant AccountListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Core::Account &a = m_accounts.at(index.row());
    const QDateTime now = m_clock.nowUtc();
    switch (role) {
    case Qt::DisplayRole:
        return a.displayName.isEmpty() ? (a.username.isEmpty() ? a.openId : a.username)
                                       : a.displayName;
    case Qt::ToolTipRole:
        return tr("Access token until %1, sign-in until %2")
            .arg(QLocale().toString(a.accessTokenExpiresAt.toLocalTime(), QLocale::ShortFormat),
                QLocale().toString(a.refreshTokenExpiresAt.toLocalTime(), QLocale::ShortFormat));
    case IdRole:
        return a.id;
    case UsernameRole:
        return a.username.isEmpty() ? QString() : QLatin1Char('@') + a.username;
    case InitialsRole:
        return initialsOf(a.displayName.isEmpty() ? a.username : a.displayName);
    case IsSandboxRole:
        return a.isSandbox;
    case StatusRole:
        return static_cast<int>(effectiveStatus(a, now));
    case StatusTextRole:
        switch (effectiveStatus(a, now)) {
        case Core::AccountStatus::Connected:
            return tr("Connected");
        case Core::AccountStatus::ReconnectNeeded:
            return tr("Reconnect needed");
        case Core::AccountStatus::Disconnected:
            return tr("Disconnected");
        }
        return {};
    case ExpiryTextRole:
        return expiryText(a, now);
    default:
        return {};
    }
}

QHash<int, QByteArray> AccountListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "accountId");
    names.insert(UsernameRole, "username");
    names.insert(InitialsRole, "initials");
    names.insert(IsSandboxRole, "isSandbox");
    names.insert(StatusRole, "status");
    names.insert(StatusTextRole, "statusText");
    names.insert(ExpiryTextRole, "expiryText");
    return names;
}

void AccountListModel::reload()
{
    QList<Core::Account> accounts;
    try {
        accounts = m_store.accounts();
    } catch (const Core::StorageError &e) {
        qCWarning(lcGui).noquote() << "cannot read the accounts:" << e.message();
    }
    beginResetModel();
    m_accounts = std::move(accounts);
    endResetModel();
}

QString AccountListModel::initialsOf(const QString &name)
{
    QString initials;
    for (const QString &word : name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const auto letter =
            std::find_if(word.cbegin(), word.cend(), [](QChar c) { return c.isLetterOrNumber(); });
        if (letter != word.cend()) {
            initials += letter->toUpper();
        }
        if (initials.size() == 2) {
            break;
        }
    }
    return initials.isEmpty() ? QStringLiteral("?") : initials;
}

QString AccountListModel::durationInWords(qint64 seconds)
{
    seconds = qAbs(seconds);
    if (seconds < kMinute) {
        return tr("less than a minute");
    }
    if (seconds < kHour) {
        return count(seconds / kMinute, tr("1 minute"), tr("%1 minutes"));
    }
    if (seconds < 2 * kDay) {
        return count(seconds / kHour, tr("1 hour"), tr("%1 hours"));
    }
    if (seconds < 2 * kMonth) {
        return count(seconds / kDay, tr("1 day"), tr("%1 days"));
    }
    if (seconds < 2 * kYear) {
        return count(seconds / kMonth, tr("1 month"), tr("%1 months"));
    }
    return count(seconds / kYear, tr("1 year"), tr("%1 years"));
}

Core::AccountStatus AccountListModel::effectiveStatus(
    const Core::Account &account, const QDateTime &now)
{
    if (account.status == Core::AccountStatus::Connected && account.refreshTokenExpiresAt.isValid()
        && account.refreshTokenExpiresAt <= now) {
        return Core::AccountStatus::ReconnectNeeded;
    }
    return account.status;
}

QString AccountListModel::expiryText(const Core::Account &account, const QDateTime &now)
{
    // The access token renews by itself every day; what the user must act on is the sign-in
    // (the refresh token), which lasts a year.
    const QDateTime until = account.refreshTokenExpiresAt;
    if (account.status == Core::AccountStatus::Disconnected || !until.isValid()) {
        return {};
    }
    const qint64 seconds = now.secsTo(until);
    if (seconds <= 0) {
        return tr("Sign-in expired %1 ago").arg(durationInWords(seconds));
    }
    return tr("Sign-in expires in %1").arg(durationInWords(seconds));
}

} // namespace Cuepoint::Gui
