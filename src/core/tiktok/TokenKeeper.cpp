// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/tiktok/TokenKeeper.h"

#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/Logging.h"
#include "cuepoint/core/support/TokenStore.h"
#include "cuepoint/core/tiktok/ApiError.h"
#include "cuepoint/core/tiktok/TikTokClient.h"

namespace Cuepoint::Core {

TokenKeeper::TokenKeeper(TokenStore &store, TikTokClient &client, const Clock &clock)
    : m_store(store)
    , m_client(client)
    , m_clock(clock)
{
}

std::optional<TokenSet> TokenKeeper::load(const QString &key)
{
    const TokenStore::ReadResult read = m_store.read(key);
    if (read.status == TokenStore::ReadResult::Status::NotFound) {
        return std::nullopt;
    }
    if (read.status == TokenStore::ReadResult::Status::Error) {
        throw ApiError(QString::fromLatin1(ApiError::kTokenStoreError), read.error);
    }
    return TokenSet::fromJson(read.secret);
}

void TokenKeeper::save(const QString &key, const TokenSet &tokens)
{
    QString error;
    if (!m_store.write(key, tokens.toJson(), &error)) {
        throw ApiError(QString::fromLatin1(ApiError::kTokenStoreError), error);
    }
}

void TokenKeeper::remove(const QString &key)
{
    QString error;
    if (!m_store.remove(key, &error)) {
        throw ApiError(QString::fromLatin1(ApiError::kTokenStoreError), error);
    }
}

TokenSet TokenKeeper::refresh(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    const std::optional<TokenSet> current = load(key);
    if (!current || current->refreshToken.isEmpty()) {
        throw ApiError(QStringLiteral("invalid_grant"), QStringLiteral("no refresh token stored"));
    }
    TokenSet fresh;
    try {
        fresh = m_client.refreshTokens(current->refreshToken);
    } catch (const ApiError &e) {
        // Another process (the window, cuepoint-cli schedule, the daemon) may have rotated
        // the refresh token a moment ago: TikTok then refuses ours, and the store holds the
        // new tokens. Use them instead of calling the account disconnected.
        if (e.category() == ErrorCategory::RetryLater) {
            throw;
        }
        if (const std::optional<TokenSet> now = load(key);
            now && now->refreshToken != current->refreshToken) {
            qCInfo(lcTikTok).noquote() << "tokens for" << key << "were refreshed elsewhere";
            return *now;
        }
        throw;
    }
    // The token answer may omit what did not change.
    if (fresh.openId.isEmpty()) {
        fresh.openId = current->openId;
    }
    if (fresh.scopes.isEmpty()) {
        fresh.scopes = current->scopes;
    }
    // Rotation: the new refresh token replaces the old one in the store before anything uses
    // it. If storing fails the old token may already be dead at TikTok, so say so loudly.
    try {
        save(key, fresh);
    } catch (const ApiError &e) {
        qCCritical(lcTikTok).noquote()
            << "TikTok issued new tokens but they could not be stored:" << e.message();
        throw;
    }
    qCInfo(lcTikTok).noquote() << "tokens refreshed for" << key << "(access valid until"
                               << fresh.accessExpiresAt.toString(Qt::ISODate) << ")";
    return fresh;
}

TokenSet TokenKeeper::fresh(const QString &key, qint64 marginMs)
{
    const std::optional<TokenSet> current = load(key);
    if (!current) {
        throw ApiError(QStringLiteral("invalid_grant"), QStringLiteral("no tokens stored"));
    }
    if (current->accessExpiresAt.isValid()
        && m_clock.nowUtc().addMSecs(marginMs) < current->accessExpiresAt) {
        return *current;
    }
    return refresh(key);
}

} // namespace Cuepoint::Core
