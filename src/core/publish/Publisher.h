// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/Account.h"
#include "cuepoint/core/domain/Post.h"
#include "cuepoint/core/publish/PublishEngine.h"
#include "cuepoint/core/publish/PublishNotifier.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/tiktok/OAuth.h"

#include <QHash>
#include <QList>
#include <QMutex>

#include <atomic>
#include <tuple>

namespace Cuepoint::Core {

class AccountStore;
class ApiError;
class Clock;
class RateLimiter;
class TikTokClient;
class TokenStore;

/// What one worker thread works with: its own connection and stores, its own TikTok client.
/// Durations of videos already probed (path, size, modification time), shared by all
/// workers: a video posted to fifty profiles is probed once.
class ProbeCache
{
public:
    /// The container duration of @p path in ms; -1 when unknown. Sets @p error when the file
    /// is not readable as a video.
    qint64 durationMs(const QString &path, QString *error);

private:
    QMutex m_mutex;
    QHash<QString, std::tuple<qint64, qint64, qint64, QString>> m_entries;
};

struct PublisherContext
{
    PostStore &posts;
    AccountStore &accounts;
    TikTokClient &client;
    TokenStore &tokens;
    RateLimiter &limiter;
    const Clock &clock;
    const PublishEngineOptions &options;
    PublishPolicy policy;
    /// Serialises token refreshes of all workers: with rotation, two refreshes with one
    /// refresh token would leave the second one refused.
    QMutex &tokenMutex;
    const std::atomic_bool &stopping;
    ProbeCache &probes;
};

/// The state machine of one target (architecture.md, "Target states"), run on a worker
/// thread. Every decision is taken from the target's row, so the same code continues a target
/// after a crash: `publishing` without a publish_id starts from the creator check, with one
/// it continues the upload from its checkpoint, and once `final_chunk_sent` is committed it
/// only ever asks TikTok for the status. Each state change is one PostStore::transition().
class Publisher final
{
public:
    explicit Publisher(PublisherContext context);

    /// Takes a claimed (`publishing`) target as far as it goes now: `processing` after the
    /// upload, `scheduled` again for a retry, `held`, `failed`. Returns what the user should
    /// hear about.
    struct SendResult
    {
        QList<PublishNotice> notices;
        /// > 0: the profile may start no new upload for this long (TikTok's per-minute limit):
        /// the engine leaves its other targets alone meanwhile instead of claiming each one
        /// only to put it back.
        qint64 accountWaitMs = 0;
        /// When TikTok accepted a new upload of this target (ms since the epoch; 0: none began),
        /// so that the engine knows when the place it took in the profile's minute frees up.
        qint64 uploadStartedAtMs = 0;
    };
    SendResult send(qint64 targetId);

    struct PollResult
    {
        qint64 nextDelayMs = -1; ///< -1: done (the target left `processing`)
        QList<PublishNotice> notices;
    };
    /// Asks TikTok how a `processing` target is doing; @p round counts the polls so far.
    PollResult poll(qint64 targetId, int round);

    /// The wait before poll number @p round.
    static qint64 pollDelayMs(const PublishEngineOptions &options, int round);

private:
    struct Job;

    void sendUnchecked(Job &job);
    bool checkMissed(Job &job);
    bool checkCreator(Job &job);
    void init(Job &job);
    void upload(Job &job);
    void handleSendError(Job &job, const ApiError &error);
    void retryLater(Job &job, const QString &code, const QString &why, qint64 delayMs,
        bool countAttempt, PostStore::TargetUpdate update);
    qint64 backoffMs(int attempts) const;
    void restartExpiredUpload(Job &job, qint64 tiktokHas, PollResult &result);
    bool hold(Job &job, const QString &code, const QString &why);
    bool fail(Job &job, const QString &code, const QString &why);
    /// Ends the run in @p state (held or failed) with the reason, and tells the user.
    bool stopWith(
        Job &job, TargetState state, const QString &code, const QString &why, const QString &title);
    TokenSet tokens(Job &job);
    QByteArray refreshAfter401(Job &job, const QByteArray &rejected);
    void markReconnectNeeded(const Job &job);
    PublishNotice notice(
        const Job &job, TargetState state, const QString &title, const QString &body) const;
    QString localTime(const Job &job, const QDateTime &utc) const;

    PublisherContext m_ctx;
};

} // namespace Cuepoint::Core
