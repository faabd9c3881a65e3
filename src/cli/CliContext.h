// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/support/Profile.h"

#include <QStringList>
#include <QTextStream>

#include <memory>

namespace Cuepoint::Core {
class Database;
}

namespace Cuepoint::Cli {

/// The exit codes every command uses.
enum ExitCode : int {
    ExitSuccess = 0, ///< the command ran and found nothing wrong
    ExitProblems = 1, ///< the command ran and found problems (violations, an unhealthy profile)
    ExitUsage = 2, ///< usage or input error: bad arguments, unreadable input, unusable profile
};

/// Thrown by a command to stop with a one-line message on stderr and an exit code.
struct CliExit
{
    int code;
    QString message;
};

/// What a command gets: its arguments, the streams to write to and the profile to work on.
class CliContext final
{
public:
    CliContext(QTextStream &out, QTextStream &err, const QString &profileDir);
    ~CliContext();

    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }
    const Core::Profile &profile() const { return m_profile; }

    /// The profile's database, opened (and migrated) on first use. Throws CliExit(2) with the
    /// database's own sentence when it cannot be opened.
    Core::Database &database();

    /// Writes @p message as one line on stderr and returns @p code, for `return ctx.fail(...)`.
    int fail(int code, const QString &message);

private:
    QTextStream &m_out;
    QTextStream &m_err;
    Core::Profile m_profile;
    std::unique_ptr<Core::Database> m_database;
};

} // namespace Cuepoint::Cli
