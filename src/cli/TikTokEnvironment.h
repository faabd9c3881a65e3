// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/tiktok/HttpTransport.h"
#include "cuepoint/core/tiktok/RateLimiter.h"
#include "cuepoint/core/tiktok/TikTokClient.h"
#include "cuepoint/core/tiktok/TikTokConfig.h"

#include <QProcessEnvironment>
#include <QString>

#include <memory>

class QLockFile;

namespace Cuepoint::Core {
class Profile;
class Settings;
class TokenStore;
} // namespace Cuepoint::Core

namespace Cuepoint::Sandbox {
class SandboxServer;
}

namespace Cuepoint::Cli {

/// Which TikTok Cuepoint talks to, decided once per process: TikTok itself when a client key
/// is configured (settings or CUEPOINT_TIKTOK_CLIENT_KEY), otherwise the built-in sandbox, so a
/// new user can try the whole flow offline. Accounts connected through the sandbox are marked
/// Account::isSandbox. Usable by the CLI and the window alike (it needs only the core and
/// cuepoint_sandbox_lib).
///
/// With a profile, the sandbox keeps its state in Profile::sandboxDir() (0700) across runs
/// and one process per profile runs it: the one holding `sandbox.lock` there (a QLockFile;
/// the lock of a dead process is taken over). Another process on the same profile finds the
/// lock held and talks to the running sandbox at the port written in the folder, after
/// checking that it answers (docs/SANDBOX.md, "Persistence"). Without a profile the sandbox
/// lives in memory on a free port, as long as this object.
class TikTokEnvironment final
{
public:
    /// Resolves the configuration (see TikTokConfig::resolve) and starts the sandbox when no
    /// client key is set. Returns null with a sentence in @p error when the sandbox cannot
    /// start. @p profile (where the sandbox keeps its state), @p settings and @p tokens may be
    /// null.
    static std::unique_ptr<TikTokEnvironment> create(const Core::Profile *profile,
        const Core::Settings *settings, Core::TokenStore *tokens, QString *error,
        const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    ~TikTokEnvironment();
    TikTokEnvironment(const TikTokEnvironment &) = delete;
    TikTokEnvironment &operator=(const TikTokEnvironment &) = delete;

    const Core::TikTokConfig &config() const { return m_config; }
    /// True when this is the built-in sandbox, not TikTok.
    bool isSandbox() const { return m_config.sandbox; }
    /// "TikTok" or "Sandbox (local TikTok emulator at http://127.0.0.1:PORT)", for messages.
    QString label() const;
    /// Why the configuration is incomplete (a client key without a secret), or empty.
    QString problem() const;
    Core::TikTokClient &client() { return *m_client; }
    /// The embedded sandbox this process runs, or null (TikTok, or another process's sandbox).
    Sandbox::SandboxServer *sandbox() { return m_sandbox.get(); }
    /// True when the sandbox in use belongs to another process on the same profile.
    bool usesSharedSandbox() const { return m_sharedPort > 0; }
    /// For long-lived users of a shared sandbox (a publisher, say), before work: true when the
    /// sandbox at config().apiBase answers. When its owner has gone, this process takes the
    /// profile's sandbox over on the same port (the saved one); false with a sentence in
    /// @p error when that is impossible (the port is taken: restart the process). Always true
    /// for TikTok and for a sandbox this process runs.
    bool ensureSandbox(QString *error = nullptr);

private:
    TikTokEnvironment();
    /// Starts the profile's sandbox or attaches to the running one; sets m_config's URLs.
    bool attachSandbox(const Core::Profile *profile, QString *error);
    /// Takes the sandbox lock and starts a persistent sandbox; false with the reason when the
    /// lock is held by a live process (@p held set) or the sandbox cannot start.
    bool startOwnedSandbox(int requiredPort, bool *held, QString *error);

    Core::TikTokConfig m_config;
    QString m_sandboxDir; ///< the profile's sandbox folder; empty without a profile
    std::unique_ptr<QLockFile> m_sandboxLock; ///< held while this process runs the sandbox
    int m_sharedPort = 0; ///< > 0: the sandbox of another process, at this port
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    Core::SystemClock m_clock;
    std::unique_ptr<Core::RateLimiter> m_limiter;
    std::unique_ptr<Core::HttpTransport> m_transport;
    std::unique_ptr<Core::TikTokClient> m_client;
};

} // namespace Cuepoint::Cli
