// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/Account.h"
#include "cuepoint/core/domain/JournalEntry.h"
#include "cuepoint/core/domain/Post.h"

#include <QHash>
#include <QString>

#include <nlohmann/json.hpp>

namespace Cuepoint::Cli {

/// The JSON shapes the CLI prints (`--json`): stable names, UTC instants in ISO 8601,
/// 64-bit ids of TikTok as strings.
nlohmann::json toJson(const Core::Post &post, const QHash<qint64, Core::Account> &accounts);
nlohmann::json toJson(const Core::Account &account);
/// One journal row: {"id", "at" (UTC), "from" (null for the first), "to", "detail"}.
nlohmann::json toJson(const Core::JournalEntry &entry);
/// The post as toJson(post, accounts) with each target's "journal" (oldest first), keyed by
/// target id in @p journals.
nlohmann::json toJson(const Core::Post &post, const QHash<qint64, Core::Account> &accounts,
    const QHash<qint64, QList<Core::JournalEntry>> &journals);

inline std::string str(const QString &s)
{
    return s.toStdString();
}

/// An instant as ISO 8601 in UTC ("2026-03-29T01:30:00Z"), or null.
nlohmann::json isoUtc(const QDateTime &t);

/// Prints @p value with a trailing newline.
void printJson(QTextStream &out, const nlohmann::json &value);

} // namespace Cuepoint::Cli
