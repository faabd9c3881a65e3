// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/tiktok/TikTokConfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QStringList>
#include <QUrl>

#include <atomic>
#include <memory>
#include <optional>

namespace Cuepoint::Core {

/// PKCE and state values for TikTok's desktop flow (tiktok-api.md §1.2).
namespace Pkce {
/// A fresh random verifier over [A-Za-z0-9-._~], @p length 43 to 128 (from the system CSPRNG).
QByteArray generateVerifier(int length = 64);
/// TikTok's desktop rule: the lowercase hex SHA-256 of the verifier (not RFC 7636 base64url).
QByteArray challengeFor(const QByteArray &verifier);
/// A fresh random state (CSRF token), 32 hex characters.
QByteArray generateState();
/// Whether @p verifier has the allowed length and characters.
bool isValidVerifier(const QByteArray &verifier);
} // namespace Pkce

/// The scopes Cuepoint asks for.
QStringList defaultScopes();

/// An access token with its refresh token, as the token endpoint returned them.
struct TokenSet
{
    QByteArray accessToken;
    QByteArray refreshToken;
    QString openId;
    QStringList scopes;
    QDateTime accessExpiresAt; ///< UTC
    QDateTime refreshExpiresAt; ///< UTC
    QString tokenType;

    /// The JSON blob kept in the TokenStore (tokens and expiries).
    QByteArray toJson() const;
    static std::optional<TokenSet> fromJson(const QByteArray &json);
    bool operator==(const TokenSet &) const = default;
};

/// What the redirect brought back.
struct AuthorizationCode
{
    QString code; ///< already URL-decoded once
    QStringList grantedScopes; ///< the "scopes" parameter
};

/// One authorization attempt of the desktop flow: a fresh verifier and state, and a one-shot
/// listener on 127.0.0.1 with a random port for the redirect
/// http://127.0.0.1:PORT/callback/. The listener serves /callback/ once, checks state and
/// shows a small "you can close this tab" page.
class AuthSession final
{
public:
    AuthSession(TikTokConfig config, QStringList scopes = defaultScopes());
    ~AuthSession();
    AuthSession(const AuthSession &) = delete;
    AuthSession &operator=(const AuthSession &) = delete;

    /// Binds the listener. Returns false with a sentence in @p error when it cannot.
    bool start(QString *error);
    quint16 port() const;
    QString redirectUri() const;
    /// The page the user opens in a browser.
    QUrl authorizeUrl() const;
    QByteArray codeVerifier() const { return m_verifier; }
    QByteArray state() const { return m_state; }

    /// Waits for the redirect. Throws ApiError: access_denied (or TikTok's error) when the
    /// user refused, state_mismatch for a wrong state, authorization_timeout, cancelled.
    /// The listener is closed when this returns.
    AuthorizationCode waitForCode(int timeoutMs, const std::atomic_bool *cancel = nullptr);

private:
    struct Listener;
    TikTokConfig m_config;
    QStringList m_scopes;
    QByteArray m_verifier;
    QByteArray m_state;
    std::unique_ptr<Listener> m_listener;
};

} // namespace Cuepoint::Core
