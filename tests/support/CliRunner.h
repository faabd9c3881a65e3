// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

#include <gtest/gtest.h>

namespace Cuepoint::Test {

/// What one run of the real cuepoint-cli executable printed and returned.
struct CliRun
{
    int exitCode = -1; ///< -1 when it did not finish in time
    QString out;
    QString err;
};

/// Runs cuepoint-cli (the build's own, CUEPOINT_CLI_PATH) with @p args and waits for it.
/// A crash is a test failure: the CLI must always end with an exit code and a message.
inline CliRun runCli(const QStringList &args,
    const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
    int timeoutMs = 60000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CUEPOINT_CLI_PATH), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        ADD_FAILURE() << "cuepoint-cli did not finish: "
                      << args.join(QLatin1Char(' ')).toStdString();
        return {};
    }
    EXPECT_EQ(p.exitStatus(), QProcess::NormalExit)
        << "cuepoint-cli crashed: " << args.join(QLatin1Char(' ')).toStdString();
    return { p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
        QString::fromUtf8(p.readAllStandardError()) };
}

} // namespace Cuepoint::Test
