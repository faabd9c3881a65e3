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
/// is configured (settings or CUEPOINT_TIKTOK_CLIENT_KEY), otherwise the built-in sandbox,
/// started in-process on a free loopback port so a new user can try the whole flow offline.
/// Accounts connected through the sandbox are marked Account::isSandbox. Usable by the CLI and
/// the window alike (it needs only the core and cuepoint_sandbox_lib).
class TikTokEnvironment final
{
public:
    /// Resolves the configuration (see TikTokConfig::resolve) and starts the sandbox when no
    /// client key is set. Returns null with a sentence in @p error when the sandbox cannot
    /// start. @p profile (where the sandbox keeps its state), @p settings and @p tokens may be
    /// null.
    static std::unique_ptr<TikTokEnvironment> create(const Core::Profile *profile,
        const Core::Settings *settings,
        Core::TokenStore *tokens, QString *error,
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
    /// The embedded sandbox, or null.
    Sandbox::SandboxServer *sandbox() { return m_sandbox.get(); }

private:
    TikTokEnvironment() = default;

    Core::TikTokConfig m_config;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    Core::SystemClock m_clock;
    std::unique_ptr<Core::RateLimiter> m_limiter;
    std::unique_ptr<Core::HttpTransport> m_transport;
    std::unique_ptr<Core::TikTokClient> m_client;
};

} // namespace Cuepoint::Cli
