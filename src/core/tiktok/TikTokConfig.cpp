// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/tiktok/TikTokConfig.h"

#include "cuepoint/core/support/Settings.h"
#include "cuepoint/core/support/TokenStore.h"

namespace Cuepoint::Core {

QUrl TikTokConfig::endpoint(const QString &path) const
{
    QString base = apiBase.trimmed();
    while (base.endsWith(QLatin1Char('/'))) {
        base.chop(1);
    }
    return QUrl(base + path);
}

TikTokConfig TikTokConfig::resolve(
    const Settings *settings, TokenStore *tokens, const QProcessEnvironment &env, QString *note)
{
    TikTokConfig config;
    const auto pick = [&env](const char *variable, const QString &fromSettings,
                          const QString &fallback) {
        const QString fromEnv = env.value(QLatin1String(variable)).trimmed();
        if (!fromEnv.isEmpty()) {
            return fromEnv;
        }
        return fromSettings.trimmed().isEmpty() ? fallback : fromSettings.trimmed();
    };
    config.apiBase = pick("CUEPOINT_TIKTOK_API_BASE",
        settings ? settings->value(Settings::TikTokApiBase) : QString(), config.apiBase);
    config.authUrl = pick("CUEPOINT_TIKTOK_AUTH_URL",
        settings ? settings->value(Settings::TikTokAuthUrl) : QString(), config.authUrl);
    config.clientKey = pick("CUEPOINT_TIKTOK_CLIENT_KEY",
        settings ? settings->value(Settings::TikTokClientKey) : QString(), QString());
    const QString secretFromEnv = env.value(QStringLiteral("CUEPOINT_TIKTOK_CLIENT_SECRET"));
    if (!secretFromEnv.isEmpty()) {
        config.clientSecret = secretFromEnv.toUtf8();
    } else if (tokens) {
        const TokenStore::ReadResult read = tokens->read(QString::fromLatin1(kClientSecretKey));
        if (read.status == TokenStore::ReadResult::Status::Found) {
            config.clientSecret = read.secret;
        } else if (read.status == TokenStore::ReadResult::Status::Error && note) {
            *note = read.error;
        }
    }
    return config;
}

} // namespace Cuepoint::Core
