// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TestProfile.h"

#include <QProcess>
#include <QRegularExpression>
#include <QUrl>

namespace Cuepoint::Test {

/// The environment of a cuepoint-cli with no TikTok app configured (so the built-in sandbox)
/// and the token file instead of the keychain.
inline QProcessEnvironment sandboxOnlyEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CUEPOINT_TOKEN_STORE"), QStringLiteral("file"));
    for (const char *name : { "CUEPOINT_TIKTOK_CLIENT_KEY", "CUEPOINT_TIKTOK_CLIENT_SECRET",
             "CUEPOINT_TIKTOK_API_BASE", "CUEPOINT_TIKTOK_AUTH_URL" }) {
        env.remove(QLatin1String(name));
    }
    return env;
}

/// A running `cuepoint-cli account connect --no-browser`, up to the moment it printed the URL:
/// a real process that holds its TikTok environment (and maybe the sandbox) meanwhile.
class ConnectProcess
{
public:
    ConnectProcess(const TestProfile &profile, const QProcessEnvironment &env, int timeoutSec = 30)
    {
        m_process.setProcessEnvironment(env);
        m_process.start(QStringLiteral(CUEPOINT_CLI_PATH),
            { QStringLiteral("--profile"), profile.profile().rootDir(), QStringLiteral("account"),
                QStringLiteral("connect"), QStringLiteral("--no-browser"),
                QStringLiteral("--timeout"), QString::number(timeoutSec) });
        static const QRegularExpression line(QStringLiteral("^Open this URL to authorize: (\\S+)$"),
            QRegularExpression::MultilineOption);
        for (int i = 0; i < 300 && !m_url.isValid(); ++i) {
            m_process.waitForReadyRead(100);
            m_out += QString::fromUtf8(m_process.readAllStandardOutput());
            const QRegularExpressionMatch m = line.match(m_out);
            if (m.hasMatch()) {
                m_url = QUrl(m.captured(1), QUrl::StrictMode);
            }
            if (m_process.state() == QProcess::NotRunning) {
                break;
            }
        }
    }
    ~ConnectProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    ConnectProcess(const ConnectProcess &) = delete;
    ConnectProcess &operator=(const ConnectProcess &) = delete;

    QUrl url() const { return m_url; }
    QProcess &process() { return m_process; }
    /// Waits for the end; returns the exit code (-1 when it did not end).
    int finish(QString *out, QString *err)
    {
        if (!m_process.waitForFinished(30'000)) {
            return -1;
        }
        *out = m_out + QString::fromUtf8(m_process.readAllStandardOutput());
        *err = QString::fromUtf8(m_process.readAllStandardError());
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -2;
    }

private:
    QProcess m_process;
    QString m_out;
    QUrl m_url;
};

} // namespace Cuepoint::Test
