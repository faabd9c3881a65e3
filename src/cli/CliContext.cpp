// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliContext.h"

#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/support/Logging.h"

namespace Cuepoint::Cli {

CliContext::CliContext(QTextStream &out, QTextStream &err, const QString &profileDir)
    : m_out(out)
    , m_err(err)
    , m_profile(Core::Profile::resolve(profileDir))
{
}

CliContext::~CliContext() = default;

Core::Database &CliContext::database()
{
    if (m_database) {
        return *m_database;
    }
    QString error;
    if (!m_profile.ensureExists(&error)) {
        throw CliExit { ExitUsage, error };
    }
    // From here on the profile exists: log to its rotating file. The user sees each failure
    // as the command's one-line message, so the log's warnings are not echoed.
    Core::Logging::installFileLogger(
        m_profile.logsDir(), QStringLiteral("cuepoint-cli"), &error, false);
    try {
        m_database = Core::Database::open(m_profile.databasePath());
    } catch (const Core::StorageError &e) {
        throw CliExit { ExitUsage, e.message() };
    }
    return *m_database;
}

int CliContext::fail(int code, const QString &message)
{
    m_out.flush();
    m_err << message << '\n';
    m_err.flush();
    return code;
}

} // namespace Cuepoint::Cli
