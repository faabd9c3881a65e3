// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TikTokEnvironment.h"

#include "SandboxServer.h"

#include "cuepoint/core/support/Logging.h"
#include "cuepoint/core/support/Profile.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QThread>

#include <exception>

namespace Cuepoint::Cli {

namespace {

/// How long a process waits for the sandbox of the process holding the profile's sandbox lock
/// to answer (it may be starting it right now).
constexpr int kSharedSandboxWaitMs = 5000;

QString lockPath(const QString &dir)
{
    return dir + QStringLiteral("/sandbox.lock");
}

/// The port the running sandbox wrote into its folder, or 0.
int portInDir(const QString &dir)
{
    QFile f(dir + QStringLiteral("/port"));
    if (!f.open(QIODevice::ReadOnly)) {
        return 0;
    }
    bool ok = false;
    const int port = QString::fromUtf8(f.readAll()).trimmed().toInt(&ok);
    return ok && port > 0 && port < 65536 ? port : 0;
}

/// True when the sandbox of process @p pid answers at 127.0.0.1:@p port.
bool answers(int port, qint64 pid)
{
    const nlohmann::json health = Sandbox::probeSandbox("127.0.0.1", port, 1000);
    return health.is_object() && (pid <= 0 || health.value("pid", std::int64_t(0)) == pid);
}

QString baseUrlOf(int port)
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port);
}

} // namespace

TikTokEnvironment::TikTokEnvironment() = default;

std::unique_ptr<TikTokEnvironment> TikTokEnvironment::create(const Core::Profile *profile,
    const Core::Settings *settings, Core::TokenStore *tokens, QString *error,
    const QProcessEnvironment &env)
{
    std::unique_ptr<TikTokEnvironment> self(new TikTokEnvironment);
    QString note;
    self->m_config = Core::TikTokConfig::resolve(settings, tokens, env, &note);
    if (!note.isEmpty()) {
        qCWarning(lcTikTok).noquote() << "the TikTok client secret could not be read:" << note;
    }
    if (!self->m_config.hasClientKey()) {
        // No TikTok app of the user's own: the built-in sandbox stands in for TikTok.
        QString why;
        if (!self->attachSandbox(profile, &why)) {
            if (error) {
                *error = QStringLiteral("No TikTok client key is configured and the built-in "
                                        "sandbox could not start: %1")
                             .arg(why);
            }
            return nullptr;
        }
        const Sandbox::SandboxConfig defaults = Sandbox::SandboxConfig::defaults();
        const Sandbox::SandboxClientApp &app = defaults.clients.front();
        self->m_config.clientKey = QString::fromStdString(app.clientKey);
        self->m_config.clientSecret = QByteArray::fromStdString(app.clientSecret);
        self->m_config.sandbox = true;
    }
    self->m_limiter = std::make_unique<Core::RateLimiter>(self->m_clock);
    self->m_transport = Core::createCurlTransport();
    self->m_client = std::make_unique<Core::TikTokClient>(
        self->m_config, *self->m_transport, *self->m_limiter, self->m_clock);
    return self;
}

bool TikTokEnvironment::attachSandbox(const Core::Profile *profile, QString *error)
{
    int port = 0;
    if (!profile) {
        // No profile, no state to keep: a private in-memory sandbox on a free port.
        try {
            m_sandbox = std::make_unique<Sandbox::SandboxServer>();
            port = m_sandbox->start("127.0.0.1", 0);
        } catch (const std::exception &e) {
            m_sandbox.reset();
            *error = QString::fromUtf8(e.what());
            return false;
        }
        qCInfo(lcTikTok).noquote() << "no TikTok client key configured: using an in-memory "
                                      "built-in sandbox at"
                                   << baseUrlOf(port);
    } else {
        m_sandboxDir = profile->sandboxDir();
        if (!QDir().mkpath(m_sandboxDir)
            || !QFile::setPermissions(m_sandboxDir,
                QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner)) {
            *error = QStringLiteral("cannot create the folder %1").arg(m_sandboxDir);
            return false;
        }
        // Whoever holds the lock runs the sandbox; everyone else uses it. The holder may be
        // starting it right now, so a process that finds the lock held waits a little for it.
        const QDeadlineTimer deadline(kSharedSandboxWaitMs);
        QString why;
        for (;;) {
            bool held = false;
            if (startOwnedSandbox(0, &held, &why)) {
                port = m_sandbox->port();
                qCInfo(lcTikTok).noquote()
                    << "no TikTok client key configured: running the profile's built-in sandbox "
                       "at"
                    << baseUrlOf(port) << "with its state in" << m_sandboxDir;
                break;
            }
            if (!held) {
                *error = why;
                return false;
            }
            QLockFile probe(lockPath(m_sandboxDir));
            qint64 pid = 0;
            QString host;
            QString app;
            const int running = portInDir(m_sandboxDir);
            if (probe.getLockInfo(&pid, &host, &app) && running > 0 && answers(running, pid)) {
                port = running;
                m_sharedPort = running;
                qCInfo(lcTikTok).noquote()
                    << QStringLiteral("no TikTok client key configured: using the built-in "
                                      "sandbox of process %1 (%2) at %3")
                           .arg(QString::number(pid), app, baseUrlOf(port));
                break;
            }
            if (deadline.hasExpired()) {
                *error = QStringLiteral("the sandbox of this profile belongs to process %1 (%2 on "
                                        "%3), which does not answer (its lock is %4)")
                             .arg(QString::number(pid), app, host, lockPath(m_sandboxDir));
                return false;
            }
            QThread::msleep(100);
        }
    }
    const QString base = baseUrlOf(port);
    m_config.apiBase = base;
    m_config.authUrl = base + QStringLiteral("/v2/auth/authorize/");
    return true;
}

bool TikTokEnvironment::startOwnedSandbox(int requiredPort, bool *held, QString *error)
{
    *held = false;
    auto lock = std::make_unique<QLockFile>(lockPath(m_sandboxDir));
    // Only a dead owner makes the lock stale, never its age: the window may run for weeks.
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0)) {
        if (lock->error() == QLockFile::LockFailedError) {
            *held = true;
            *error = QStringLiteral("the sandbox lock is held by another process");
        } else {
            *error = QStringLiteral("cannot take the sandbox lock %1").arg(lockPath(m_sandboxDir));
        }
        return false;
    }
    try {
        Sandbox::SandboxConfig config = Sandbox::SandboxConfig::defaults();
        config.stateDir = QFile::encodeName(m_sandboxDir).toStdString();
        config.persist = true;
        config.logger = [](const std::string &line) {
            // The sandbox never puts a token into these lines.
            qCWarning(lcTikTok).noquote() << "sandbox:" << QString::fromStdString(line);
        };
        auto server = std::make_unique<Sandbox::SandboxServer>(std::move(config));
        if (requiredPort > 0) {
            try {
                server->start("127.0.0.1", requiredPort);
            } catch (const std::runtime_error &) {
                *error = QStringLiteral("its port %1 is taken by another program; restart this "
                                        "process to use the sandbox on a new port")
                             .arg(requiredPort);
                return false;
            }
        } else {
            server->start("127.0.0.1", 0); // the saved port first, else a free one
        }
        m_sandbox = std::move(server);
        m_sandboxLock = std::move(lock);
        return true;
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
}

bool TikTokEnvironment::ensureSandbox(QString *error)
{
    if (!isSandbox() || m_sandbox || m_sharedPort <= 0) {
        return true;
    }
    QLockFile probe(lockPath(m_sandboxDir));
    qint64 pid = 0;
    QString host;
    QString app;
    if (probe.getLockInfo(&pid, &host, &app) && answers(m_sharedPort, pid)) {
        return true;
    }
    // The owner has gone (or is going): take over on the same port, so the base URL this
    // process's client uses stays right.
    const QDeadlineTimer deadline(kSharedSandboxWaitMs);
    QString why;
    for (;;) {
        bool held = false;
        if (startOwnedSandbox(m_sharedPort, &held, &why)) {
            qCInfo(lcTikTok).noquote() << "the process that ran the built-in sandbox has gone: "
                                          "running it here, at"
                                       << baseUrlOf(m_sharedPort);
            m_sharedPort = 0;
            return true;
        }
        if (held && answers(m_sharedPort, 0)) {
            return true; // another process took it over on the same port
        }
        if (!held || deadline.hasExpired()) {
            if (error) {
                *error = QStringLiteral("The built-in sandbox at %1 is gone: %2")
                             .arg(baseUrlOf(m_sharedPort), why);
            }
            return false;
        }
        QThread::msleep(100);
    }
}

TikTokEnvironment::~TikTokEnvironment()
{
    // The client must not outlive the sandbox it talks to, and its transport goes too: an
    // idle keep-alive connection would hold a sandbox worker (and the stop) for seconds. The
    // lock goes last, once the sandbox has saved its state and let go of it.
    m_client.reset();
    m_transport.reset();
    if (m_sandbox) {
        m_sandbox->stop();
        m_sandbox.reset();
    }
    if (m_sandboxLock) {
        m_sandboxLock->unlock();
    }
}

QString TikTokEnvironment::label() const
{
    if (!isSandbox()) {
        return QStringLiteral("TikTok");
    }
    return QStringLiteral("Sandbox (local TikTok emulator at %1)").arg(m_config.apiBase);
}

QString TikTokEnvironment::problem() const
{
    if (m_config.hasClientKey() && m_config.clientSecret.isEmpty()) {
        return QStringLiteral("A TikTok client key is configured but no client secret: set "
                              "CUEPOINT_TIKTOK_CLIENT_SECRET or store it from the Settings page "
                              "(see docs/TIKTOK-SETUP.md).");
    }
    return {};
}

} // namespace Cuepoint::Cli
