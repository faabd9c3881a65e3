// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/tiktok/OAuth.h"

#include <QMutex>
#include <QString>

#include <optional>

namespace Cuepoint::Core {

class Clock;
class TikTokClient;
class TokenStore;

/// Keeps the tokens of accounts in the TokenStore (a JSON blob per Account::tokenKey()) and
/// refreshes them with rotation: the refresh token TikTok returns is written to the store
/// before the new tokens are used and before the old ones are dropped, so a crash right after
/// a refresh never loses the only valid refresh token.
class TokenKeeper final
{
public:
    TokenKeeper(TokenStore &store, TikTokClient &client, const Clock &clock);

    /// The stored tokens under @p key; empty when none. Throws ApiError(token_store_error)
    /// when the store fails.
    std::optional<TokenSet> load(const QString &key);
    /// Throws ApiError(token_store_error) when the store refuses.
    void save(const QString &key, const TokenSet &tokens);
    /// Removes the tokens (removing missing tokens succeeds).
    void remove(const QString &key);

    /// Refreshes the tokens under @p key now and returns them once stored.
    TokenSet refresh(const QString &key);
    /// Tokens whose access token is valid for at least @p marginMs more; refreshes otherwise.
    TokenSet fresh(const QString &key, qint64 marginMs = 10 * 60 * 1000);

private:
    TokenStore &m_store;
    TikTokClient &m_client;
    const Clock &m_clock;
    QMutex m_mutex;
};

} // namespace Cuepoint::Core
