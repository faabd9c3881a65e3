// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/Account.h"
#include "cuepoint/core/tiktok/TikTokClient.h"
#include "cuepoint/core/tiktok/TikTokConfig.h"

#include <QMutex>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <optional>

namespace Cuepoint::Core {
class TokenStore;
class RateLimiter;
class SystemClock;
} // namespace Cuepoint::Core

namespace Cuepoint::Gui {

/// What TikTok said about a creator when asked (creator_info/query).
struct CreatorInfoAnswer
{
    std::optional<Core::CreatorInfo> info; ///< set on success
    QString error; ///< one sentence for the user when TikTok could not be asked or refused
    bool cannotPost = false; ///< TikTok says the creator cannot post now (spam_risk_…, caps)
    /// > 0: asking again after this long may get an answer (TikTok not ready yet, a network
    /// failure, a rate limit); 0: only the user can change the outcome.
    int retryAfterMs = 0;
};

/// Where the composer gets a fresh creator_info for a profile. fetch() blocks and is called on
/// worker threads (never the GUI thread), possibly several at once.
class CreatorInfoSource
{
public:
    virtual ~CreatorInfoSource() = default;
    virtual CreatorInfoAnswer fetch(const Core::Account &account) = 0;
};

/// The real source: TikTok (or the built-in sandbox) through the profile's tokens, refreshed
/// with TokenKeeper when they are about to expire or TikTok refuses them (401). Until the
/// application knows which TikTok it talks to, fetch() answers that TikTok is not ready.
/// Thread-safe. Tokens are never logged.
class TikTokCreatorInfoSource final : public CreatorInfoSource
{
public:
    TikTokCreatorInfoSource();
    ~TikTokCreatorInfoSource() override;
    Q_DISABLE_COPY_MOVE(TikTokCreatorInfoSource)

    /// TikTok is ready: @p config and the profile's token store.
    void setTikTok(const Core::TikTokConfig &config, std::shared_ptr<Core::TokenStore> tokens);
    /// TikTok cannot be used; fetch() answers @p reason.
    void setUnavailable(const QString &reason);

    CreatorInfoAnswer fetch(const Core::Account &account) override;

private:
    QMutex m_mutex;
    std::optional<Core::TikTokConfig> m_config;
    std::shared_ptr<Core::TokenStore> m_tokens;
    QString m_unavailable;
    std::unique_ptr<Core::SystemClock> m_clock;
    std::unique_ptr<Core::RateLimiter> m_limiter; ///< shared by every fetch (thread-safe)
};

/// Asks a CreatorInfoSource about profiles on a pool of its own and reports each answer on the
/// GUI thread. Answers to a request made before reset() are dropped.
class CreatorInfoLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreatorInfoLoader)

public:
    explicit CreatorInfoLoader(
        std::shared_ptr<CreatorInfoSource> source, QObject *parent = nullptr);
    /// Waits for the fetches under way (their answers are dropped).
    ~CreatorInfoLoader() override;

    bool hasSource() const { return m_source != nullptr; }
    /// Starts fetching @p account's creator_info; loaded() follows.
    void load(const Core::Account &account);
    /// Blocks until no fetch runs (tests).
    void waitForDone();

Q_SIGNALS:
    void loaded(qint64 accountId, const Cuepoint::Gui::CreatorInfoAnswer &answer);

private:
    std::shared_ptr<CreatorInfoSource> m_source;
    std::shared_ptr<std::atomic_bool> m_alive;
    QThreadPool m_pool;
};

} // namespace Cuepoint::Gui

Q_DECLARE_METATYPE(Cuepoint::Gui::CreatorInfoAnswer)
