// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/TargetState.h"
#include "cuepoint/core/tiktok/TikTokConfig.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

class QFileSystemWatcher;
class QThreadPool;
class QTimer;

namespace Cuepoint::Core {

class AccountStore;
class Clock;
class Database;
class HttpTransport;
class PostStore;
class PublishNotifier;
class RateLimiter;
class Scheduler;
class TokenStore;
class WakeTimer;
struct PublishNotice;

/// The user's publishing rules, read again whenever the engine looks for due targets (the
/// window may change them while it runs).
struct PublishPolicy
{
    bool approvalRequired = false;
    std::chrono::minutes gracePeriod { 120 };

    /// The rules as the profile's settings file says now (Settings::ApprovalRequired and
    /// Settings::GracePeriodMinutes).
    static PublishPolicy fromSettings(const QString &settingsPath);
};

/// Engine behaviour not chosen by the user. Tests shorten the delays.
struct PublishEngineOptions
{
    /// Worker threads uploading at once.
    int maxConcurrentUploads = 8;
    /// Targets claimed at once: claimed at their minute (in one transaction), they wait for a
    /// free worker.
    int maxClaimedTargets = 512;
    /// Targets of one profile in flight at once (TikTok takes 6 new uploads per minute).
    int maxUploadsPerAccount = 6;
    /// Tokens that expire within this are refreshed before publishing.
    qint64 tokenRefreshMarginMs = 60 * 60 * 1000;
    /// Tries of one target (network errors, 5xx, 429, `internal`) before it is `failed`.
    int maxAttempts = 5;
    /// The first wait before a retry, doubled per attempt with +-20 % jitter, at most retryMaxMs.
    qint64 retryBaseMs = 30'000;
    qint64 retryMaxMs = 15 * 60 * 1000;
    /// Status polling: first wait after the upload, growth factor, longest wait. The defaults
    /// stay far below TikTok's 30 status calls per minute per profile.
    qint64 firstPollMs = 3'000;
    double pollGrowth = 1.5;
    qint64 maxPollMs = 60'000;
    /// How long TikTok may process an upload before the target becomes `unconfirmed`.
    qint64 processingDeadlineMs = 2 * 60 * 60 * 1000;
    /// Attempts and first delay for one chunk within an upload (TikTokClient).
    int chunkAttempts = 5;
    int chunkRetryBaseMs = 500;
    /// The preferred chunk size (ChunkPlan clamps it into TikTok's rules).
    qint64 chunkSize = 16 * 1024 * 1024;
    /// A fresh HTTP transport for each worker thread; empty: libcurl.
    std::function<std::unique_ptr<HttpTransport>()> transportFactory;
    /// The user's rules; empty: the defaults of PublishPolicy.
    std::function<PublishPolicy()> policy;
    /// The name this engine claims targets under (journal: "claimed by ...").
    QString workerName = QStringLiteral("publisher");
};

/// Publishes every due target of one profile, exactly once: the Scheduler says when something
/// falls due, the engine claims due targets and runs each one's state machine (Publisher) on a
/// worker thread, polls TikTok for the outcome, and tells the user through a PublishNotifier.
///
/// It lives on the thread that creates it (the CLI's main thread, or a thread of its own in
/// the window) and needs that thread's event loop. Every network call, SQLite write of a
/// publish and file read happens on its worker threads, each with its own database connection
/// and HTTP transport. Hold the PublisherLock of the profile before start(): the engine
/// assumes that no one else publishes from this database.
class PublishEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PublishEngine)

public:
    PublishEngine(QString databasePath, TikTokConfig config, TokenStore &tokens, const Clock &clock,
        std::unique_ptr<WakeTimer> timer, PublishNotifier *notifier,
        PublishEngineOptions options = {}, QObject *parent = nullptr);
    ~PublishEngine() override;

    /// Resumes what a previous run left in `publishing` or `processing`, then publishes what
    /// is due and waits for the rest. Throws StorageError when the database cannot be opened.
    void start();
    /// Stops claiming, cancels the transfers in flight (they keep their checkpoints and resume
    /// on the next start) and waits up to @p wait for the workers.
    void stop(std::chrono::milliseconds wait = std::chrono::seconds(10));
    bool isRunning() const { return m_running; }

    /// Nothing in flight, no poll pending and no target due now or waiting for a retry.
    bool isIdle() const;
    /// Targets being uploaded or polled right now.
    int activeCount() const { return static_cast<int>(m_sending.size() + m_polling.size()); }

    /// Looks for due targets now (also done on every change of the database).
    void wake();

Q_SIGNALS:
    /// A target changed state because of the engine.
    void targetChanged(qint64 postId, qint64 targetId, Cuepoint::Core::TargetState state);
    /// Emitted after work finished when nothing is left to do now (see isIdle()).
    void idle();

private:
    struct Poll;

    void recover();
    void pump();
    void holdUnapproved();
    void startSend(qint64 targetId, qint64 accountId);
    void onSendFinished(qint64 targetId, qint64 accountId, QList<PublishNotice> notices,
        qint64 accountWaitMs, qint64 uploadStartedAtMs);
    /// Profiles that must wait (a 429, a bounce); @p earliest becomes when the first may go on.
    QList<qint64> rateLimitedAccounts(qint64 now, qint64 *earliest);
    /// Lowers @p roomPerAccount to the room for new uploads each profile has under TikTok's
    /// per-minute limit, as far as this engine knows. Returns when the first full profile gets
    /// room again (0: none is full).
    qint64 limitUploadStarts(QHash<qint64, int> &roomPerAccount, int perAccount, qint64 now);
    void schedulePoll(qint64 targetId, qint64 delayMs, int round);
    void startPoll(qint64 targetId, int round);
    void onPollFinished(
        qint64 targetId, int round, qint64 nextDelayMs, QList<PublishNotice> notices);
    void deliver(const QList<PublishNotice> &notices);
    void reportTarget(qint64 targetId);
    void checkIdle();
    void watchDatabase();
    PublishPolicy currentPolicy() const;
    PublishPolicy m_policy; // read once per pump(), used by the sends and polls it starts

    QString m_databasePath;
    TikTokConfig m_config;
    TokenStore &m_tokens;
    const Clock &m_clock;
    std::unique_ptr<WakeTimer> m_timer;
    PublishNotifier *m_notifier;
    PublishEngineOptions m_options;

    std::unique_ptr<Database> m_db; // this thread's connection
    std::unique_ptr<PostStore> m_posts;
    std::unique_ptr<Scheduler> m_scheduler;
    std::unique_ptr<RateLimiter> m_limiter;
    std::unique_ptr<QThreadPool> m_pool;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_wakeSoon = nullptr;
    QTimer *m_unblockTimer = nullptr;

    struct Shared;
    std::shared_ptr<Shared> m_shared; // what worker threads use
    std::atomic_bool m_stopping { false };
    bool m_running = false;
    bool m_pumping = false;

    QHash<qint64, qint64> m_sending; // target id -> account id
    QHash<qint64, qint64> m_accountBlockedUntil; // account id -> ms since epoch (rate limit)
    /// A place in a profile's per-minute allowance of new uploads: taken by a claimed target
    /// (provisionally, until its send tells when its upload began), free again at freeAtMs.
    struct UploadSlot
    {
        qint64 targetId = 0;
        qint64 freeAtMs = 0;
    };
    /// Account id -> the places its uploads of the last minute hold: a profile gets no more
    /// claims than it has room for, so targets are not claimed only to be put back.
    QHash<qint64, QList<UploadSlot>> m_uploadSlots;
    QHash<qint64, QTimer *> m_pollTimers; // target id -> its next poll
    QSet<qint64> m_polling; // polls running now
};

} // namespace Cuepoint::Core
