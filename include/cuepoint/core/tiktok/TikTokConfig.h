// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace Cuepoint::Core {

class Settings;
class TokenStore;

/// Where Cuepoint talks to TikTok and as which developer app.
struct TikTokConfig
{
    static constexpr const char *kDefaultApiBase = "https://open.tiktokapis.com";
    static constexpr const char *kDefaultAuthUrl = "https://www.tiktok.com/v2/auth/authorize/";
    /// The TokenStore key under which the client secret is kept (never in settings).
    static constexpr const char *kClientSecretKey = "tiktok/client_secret";

    QString apiBase = QString::fromLatin1(kDefaultApiBase);
    QString authUrl = QString::fromLatin1(kDefaultAuthUrl);
    QString clientKey;
    QByteArray clientSecret; ///< never logged
    bool sandbox = false; ///< the built-in local sandbox, not TikTok

    bool hasClientKey() const { return !clientKey.trimmed().isEmpty(); }
    /// apiBase joined with an API path such as "/v2/oauth/token/".
    QUrl endpoint(const QString &path) const;

    /// The configuration of a profile. Each value comes from the environment when set there
    /// (CUEPOINT_TIKTOK_API_BASE, CUEPOINT_TIKTOK_AUTH_URL, CUEPOINT_TIKTOK_CLIENT_KEY,
    /// CUEPOINT_TIKTOK_CLIENT_SECRET), else from @p settings (the secret from @p tokens under
    /// kClientSecretKey), else TikTok's defaults. @p settings and @p tokens may be null.
    /// @p note gets a sentence when the secret could not be read.
    static TikTokConfig resolve(const Settings *settings, TokenStore *tokens,
        const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
        QString *note = nullptr);
};

} // namespace Cuepoint::Core
