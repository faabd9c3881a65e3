// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/Account.h"

#include <QHash>
#include <QList>
#include <QString>

namespace Cuepoint::Cli {

/// How the CLI names an account in one line: "@username", else the display name, else the
/// open_id.
QString accountLabel(const Core::Account &account);
/// The label of account @p id, or "#id" when it is not in @p accounts.
QString accountLabel(const QHash<qint64, Core::Account> &accounts, qint64 id);

/// The accounts by id.
QHash<qint64, Core::Account> accountsById(const QList<Core::Account> &accounts);

/// The one account of @p accounts whose username, display name or open_id is @p name
/// (case-insensitive; a leading @ is ignored). Throws CliExit(2) with a sentence naming the
/// connected accounts when none matches, or the candidates when several do.
Core::Account resolveAccount(const QList<Core::Account> &accounts, const QString &name);

} // namespace Cuepoint::Cli
