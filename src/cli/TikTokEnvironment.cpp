// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TikTokEnvironment.h"

#include "SandboxServer.h"

#include "cuepoint/core/support/Logging.h"

#include <exception>

namespace Cuepoint::Cli {

std::unique_ptr<TikTokEnvironment> TikTokEnvironment::create(const Core::Profile *profile,
    const Core::Settings *settings,
    Core::TokenStore *tokens, QString *error, const QProcessEnvironment &env)
{
    Q_UNUSED(profile); // the sandbox's state folder (profile->sandboxDir()) comes next
    std::unique_ptr<TikTokEnvironment> self(new TikTokEnvironment);
    QString note;
    self->m_config = Core::TikTokConfig::resolve(settings, tokens, env, &note);
    if (!note.isEmpty()) {
        qCWarning(lcTikTok).noquote() << "the TikTok client secret could not be read:" << note;
    }
    if (!self->m_config.hasClientKey()) {
        // No TikTok app of the user's own: the built-in sandbox stands in for TikTok.
        try {
            auto server = std::make_unique<Sandbox::SandboxServer>();
            server->start("127.0.0.1", 0);
            const QString base = QString::fromStdString(server->baseUrl());
            const Sandbox::SandboxConfig defaults = Sandbox::SandboxConfig::defaults();
            const Sandbox::SandboxClientApp &app = defaults.clients.front();
            self->m_config.apiBase = base;
            self->m_config.authUrl = base + QStringLiteral("/v2/auth/authorize/");
            self->m_config.clientKey = QString::fromStdString(app.clientKey);
            self->m_config.clientSecret = QByteArray::fromStdString(app.clientSecret);
            self->m_config.sandbox = true;
            self->m_sandbox = std::move(server);
            qCInfo(lcTikTok).noquote() << "no TikTok client key configured: using the built-in "
                                          "sandbox at"
                                       << base;
        } catch (const std::exception &e) {
            if (error) {
                *error = QStringLiteral("No TikTok client key is configured and the built-in "
                                        "sandbox could not start: %1")
                             .arg(QString::fromUtf8(e.what()));
            }
            return nullptr;
        }
    }
    self->m_limiter = std::make_unique<Core::RateLimiter>(self->m_clock);
    self->m_transport = Core::createCurlTransport();
    self->m_client = std::make_unique<Core::TikTokClient>(
        self->m_config, *self->m_transport, *self->m_limiter, self->m_clock);
    return self;
}

TikTokEnvironment::~TikTokEnvironment()
{
    // The client must not outlive the sandbox it talks to.
    m_client.reset();
    if (m_sandbox) {
        m_sandbox->stop();
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
