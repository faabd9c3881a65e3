// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliAccounts.h"

#include "CliContext.h"

#include <QStringList>

namespace Cuepoint::Cli {

namespace {

/// "@maya (Maya)" for lists of accounts in sentences.
QString longLabel(const Core::Account &a)
{
    const QString label = accountLabel(a);
    if (!a.username.isEmpty() && !a.displayName.isEmpty()
        && a.displayName.compare(a.username, Qt::CaseInsensitive) != 0) {
        return QStringLiteral("%1 (%2)").arg(label, a.displayName);
    }
    return label;
}

QString joinLabels(const QList<Core::Account> &accounts)
{
    QStringList labels;
    for (const Core::Account &a : accounts) {
        labels << longLabel(a);
    }
    return labels.join(QStringLiteral(", "));
}

} // namespace

QString accountLabel(const Core::Account &account)
{
    return account.handle();
}

QString accountLabel(const QHash<qint64, Core::Account> &accounts, qint64 id)
{
    const auto it = accounts.constFind(id);
    return it == accounts.constEnd() ? QStringLiteral("#%1").arg(id) : accountLabel(*it);
}

QHash<qint64, Core::Account> accountsById(const QList<Core::Account> &accounts)
{
    QHash<qint64, Core::Account> byId;
    for (const Core::Account &a : accounts) {
        byId.insert(a.id, a);
    }
    return byId;
}

Core::Account resolveAccount(const QList<Core::Account> &accounts, const QString &name)
{
    QString wanted = name.trimmed();
    if (wanted.startsWith(QLatin1Char('@'))) {
        wanted.remove(0, 1);
    }
    QList<Core::Account> matches;
    for (const Core::Account &a : accounts) {
        const auto same = [&wanted](const QString &s) {
            return !s.isEmpty() && s.compare(wanted, Qt::CaseInsensitive) == 0;
        };
        if (same(a.username) || same(a.displayName) || same(a.openId)) {
            matches << a;
        }
    }
    if (matches.size() == 1) {
        return matches.first();
    }
    if (matches.size() > 1) {
        throw CliExit { ExitUsage,
            QStringLiteral("'%1' names %2 accounts: %3. Use the username or the open_id "
                           "(cuepoint-cli account list shows them).")
                .arg(name)
                .arg(matches.size())
                .arg(joinLabels(matches)) };
    }
    QList<Core::Account> connected;
    for (const Core::Account &a : accounts) {
        if (a.status == Core::AccountStatus::Connected) {
            connected << a;
        }
    }
    if (connected.isEmpty()) {
        throw CliExit { ExitUsage,
            QStringLiteral("No TikTok account named '%1'; no account is connected. Connect one "
                           "with: cuepoint-cli account connect")
                .arg(name) };
    }
    throw CliExit { ExitUsage,
        QStringLiteral("No TikTok account named '%1'. Connected accounts: %2.")
            .arg(name, joinLabels(connected)) };
}

} // namespace Cuepoint::Cli
