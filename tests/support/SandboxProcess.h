// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QThread>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>

#if __has_include("SandboxServer.h")
#include "SandboxServer.h" // cuepoint_sandbox_lib: the in-process alternative below
#define CUEPOINT_HAVE_SANDBOX_LIB 1
#endif

namespace Cuepoint::Test {

/// Runs the build's own cuepoint-sandbox (CUEPOINT_SANDBOX_PATH) on a free loopback port with a
/// temporary --state-dir, for as long as the object lives. Admin helpers talk to /_sandbox/...
/// (docs/SANDBOX.md). Usage:
///     SandboxProcess sandbox;                       // or SandboxProcess sandbox({"--audited"});
///     ASSERT_TRUE(sandbox.isRunning());
///     auto tokens = sandbox.issueTokens("sandbox_creator", "user.info.basic,video.publish");
///     sandbox.setFaults({{"chunk_5xx", {3}}, {"chunk_drop", {5}}});
///     ... point the client at sandbox.baseUrl() ...
///     auto summary = sandbox.summary();
class SandboxProcess
{
public:
    explicit SandboxProcess(const QStringList &extraArgs = {}, int startTimeoutMs = 15000)
    {
        if (!m_dir.isValid()) {
            ADD_FAILURE() << "no temporary folder for the sandbox";
            return;
        }
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral(CUEPOINT_SANDBOX_PATH),
            QStringList { QStringLiteral("--port"), QStringLiteral("0"),
                QStringLiteral("--state-dir"), m_dir.path() }
                + extraArgs);
        if (!m_process.waitForStarted(startTimeoutMs)) {
            ADD_FAILURE() << "cuepoint-sandbox did not start: "
                          << m_process.errorString().toStdString();
            return;
        }
        const QString portFile = m_dir.filePath(QStringLiteral("port"));
        QDeadlineTimer deadline(startTimeoutMs);
        while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
            QFile f(portFile);
            if (f.open(QIODevice::ReadOnly)) {
                bool ok = false;
                const int port = QString::fromUtf8(f.readAll()).trimmed().toInt(&ok);
                if (ok && port > 0) {
                    m_port = port;
                    break;
                }
            }
            QThread::msleep(20);
        }
        if (m_port <= 0)
            ADD_FAILURE() << "cuepoint-sandbox wrote no port file in " << startTimeoutMs << " ms";
    }

    ~SandboxProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate(); // SIGTERM: clean shutdown
            if (!m_process.waitForFinished(5000)) {
                m_process.kill();
                m_process.waitForFinished(2000);
            }
        }
    }

    SandboxProcess(const SandboxProcess &) = delete;
    SandboxProcess &operator=(const SandboxProcess &) = delete;

    bool isRunning() const { return m_port > 0 && m_process.state() == QProcess::Running; }
    int port() const { return m_port; }
    /// "http://127.0.0.1:PORT": API host, authorize page and upload host.
    std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    QString baseUrlQ() const { return QString::fromStdString(baseUrl()); }
    /// The --state-dir (uploads/, requests.jsonl, summary.json, port).
    QString stateDir() const { return m_dir.path(); }
    QProcess &process() { return m_process; }

    /// Calls the admin API; returns the parsed JSON body (null on a transport error, which is
    /// also reported as a test failure).
    nlohmann::json admin(const std::string &method, const std::string &path,
        const nlohmann::json &body = nlohmann::json::object()) const
    {
        httplib::Client cli("127.0.0.1", m_port);
        cli.set_read_timeout(30, 0);
        httplib::Result res = method == "GET"
            ? cli.Get(path.c_str())
            : cli.Post(path.c_str(), body.dump(), "application/json");
        if (!res) {
            ADD_FAILURE() << "sandbox admin " << method << ' ' << path
                          << " failed: " << httplib::to_string(res.error());
            return nullptr;
        }
        EXPECT_EQ(res->status, 200) << method << ' ' << path << ": " << res->body;
        return nlohmann::json::parse(res->body, nullptr, false);
    }

    /// Merges faults, e.g. {"chunk_5xx":[3],"chunk_drop":[5],"token_ttl_sec":5}.
    nlohmann::json setFaults(const nlohmann::json &faults) const
    {
        return admin("POST", "/_sandbox/faults", faults);
    }
    nlohmann::json log() const { return admin("GET", "/_sandbox/log"); }
    nlohmann::json summary() const { return admin("GET", "/_sandbox/summary"); }
    void reset() const { admin("POST", "/_sandbox/reset"); }
    void advanceClockMs(long long ms) const
    {
        admin("POST", "/_sandbox/clock", { { "advance_ms", ms } });
    }
    /// Tokens for @p creator without the browser step: the token endpoint's JSON answer.
    nlohmann::json issueTokens(const std::string &creator,
        const std::string &scopes = "user.info.basic,video.publish,video.upload") const
    {
        return admin("POST", "/_sandbox/tokens", { { "creator", creator }, { "scope", scopes } });
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    int m_port = 0;
};

#ifdef CUEPOINT_HAVE_SANDBOX_LIB
/// The same sandbox inside the test process (no executable, no port file): faster, and the
/// clock is the test's. Usage:
///     InProcessSandbox sandbox;                     // system clock, temp upload folder
///     sandbox.server().setFaults({{"chunk_5xx", {3}}});
///     sandbox.server().advanceClock(std::chrono::minutes(61));
///     auto summary = sandbox.server().publishSummary();
class InProcessSandbox
{
public:
    explicit InProcessSandbox(Sandbox::SandboxConfig config = Sandbox::SandboxConfig::defaults())
        : m_server(std::make_unique<Sandbox::SandboxServer>(std::move(config)))
    {
        m_port = m_server->start("127.0.0.1", 0);
    }
    int port() const { return m_port; }
    std::string baseUrl() const { return m_server->baseUrl(); }
    QString baseUrlQ() const { return QString::fromStdString(baseUrl()); }
    Sandbox::SandboxServer &server() { return *m_server; }

private:
    std::unique_ptr<Sandbox::SandboxServer> m_server;
    int m_port = 0;
};
#endif

} // namespace Cuepoint::Test
