// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace Cuepoint::Core {

/// The state of a connected TikTok profile.
enum class AccountStatus {
    Connected,
    ReconnectNeeded, ///< the refresh token expired or was revoked
    Disconnected,
};
QString toString(AccountStatus status);
std::optional<AccountStatus> accountStatusFromString(const QString &name);

/// A TikTok profile Cuepoint may post to. Its tokens are never here: they live in the
/// TokenStore under tokenKey().
struct Account
{
    qint64 id = 0;
    QString openId; ///< TikTok's open_id for our client
    QString username;
    QString displayName;
    QString avatarUrl;
    QStringList scopes;
    QDateTime accessTokenExpiresAt; ///< UTC
    QDateTime refreshTokenExpiresAt; ///< UTC
    AccountStatus status = AccountStatus::Connected;
    bool isSandbox = false; ///< a profile of the built-in local TikTok sandbox
    QDateTime createdAt;
    QDateTime updatedAt;

    /// How the user knows the profile: "@username", else its display name, else its open_id.
    QString handle() const
    {
        if (!username.isEmpty()) {
            return QLatin1Char('@') + username;
        }
        return displayName.isEmpty() ? openId : displayName;
    }

    /// The TokenStore key of this account's tokens.
    QString tokenKey() const { return QStringLiteral("account/") + openId; }

    bool operator==(const Account &) const = default;
};

} // namespace Cuepoint::Core
