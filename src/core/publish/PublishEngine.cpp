// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/publish/PublishEngine.h"

#include "publish/Publisher.h"

#include "cuepoint/core/publish/PublishNotifier.h"
#include "cuepoint/core/publish/Scheduler.h"
#include "cuepoint/core/publish/WakeTimer.h"
#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/Logging.h"
#include "cuepoint/core/support/Settings.h"
#include "cuepoint/core/tiktok/HttpTransport.h"
#include "cuepoint/core/tiktok/RateLimiter.h"
#include "cuepoint/core/tiktok/TikTokClient.h"

#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QMutex>
#include <QThreadPool>
#include <QThreadStorage>
#include <QTimer>

#include <exception>
#include <limits>

namespace Cuepoint::Core {

namespace {

/// How long a claim is valid in the database; the PublisherLock is what really keeps other
/// publishers away, the lease only says who works on a target.
constexpr std::chrono::minutes kClaimLease { 10 };

/// A claimed target's place in its profile's minute counts from the claim plus this margin
/// until its send reports when TikTok accepted the upload (usually within a second or two).
constexpr qint64 kUploadStartMarginMs = 1'000;
/// Past the reported instant (taken just after TikTok answered, so never early), so that a
/// precise timer never finds the place still taken.
constexpr qint64 kUploadStartExactMarginMs = 5;

/// The engine's connections sync only the commit exactly-once depends on: the final-chunk flag
/// (PostStore::updateTarget marks it), and with it every commit before it. A power cut may undo
/// a later claim, publish_id, checkpoint or state; each is redone safely from the row that
/// remains (claimed again; a new upload when no final chunk can have been sent; TikTok's status
/// asked again after one). A crash of the process loses nothing: those commits are in the OS's
/// cache.
Database::Options engineDatabaseOptions()
{
    Database::Options options;
    options.syncEveryCommit = false;
    return options;
}

/// Coalesces the change notifications of the database files (every commit of every connection,
/// this engine's own included, causes some) into one look at the schedule; another process's
/// change is seen within this delay.
constexpr int kWakeDelayMs = 250;

} // namespace

/// What the worker threads share: configuration, the rate limiter, the token lock, and each
/// thread's own database connection and HTTP transport.
struct PublishEngine::Shared
{
    struct ThreadResources
    {
        std::unique_ptr<Database> db;
        std::unique_ptr<PostStore> posts;
        std::unique_ptr<AccountStore> accounts;
        std::unique_ptr<HttpTransport> transport;
        std::unique_ptr<TikTokClient> client;
    };

    Shared(QString path, TikTokConfig config, TokenStore &tokens, const Clock &clock,
        RateLimiter &limiter, PublishEngineOptions options, const std::atomic_bool &stopping)
        : databasePath(std::move(path))
        , config(std::move(config))
        , tokens(tokens)
        , clock(clock)
        , limiter(limiter)
        , options(std::move(options))
        , stopping(stopping)
    {
    }

    ThreadResources &local()
    {
        if (!resources.hasLocalData()) {
            auto *r = new ThreadResources;
            r->db = Database::open(databasePath, engineDatabaseOptions());
            r->posts = std::make_unique<PostStore>(*r->db, clock);
            r->accounts = std::make_unique<AccountStore>(*r->db, clock);
            r->transport =
                options.transportFactory ? options.transportFactory() : createCurlTransport();
            TikTokClientOptions clientOptions;
            // Waits are the engine's business (timers, not sleeping threads): a call the rate
            // limiter or a 429 would hold comes back at once as "retry later".
            clientOptions.maxRateLimitWaitMs = 0;
            clientOptions.max429Retries = 0;
            r->client = std::make_unique<TikTokClient>(
                config, *r->transport, limiter, clock, clientOptions);
            r->client->setCancelFlag(&stopping);
            resources.setLocalData(r);
        }
        return *resources.localData();
    }

    PublisherContext context(const PublishPolicy &policy)
    {
        ThreadResources &r = local();
        return PublisherContext { *r.posts, *r.accounts, *r.client, tokens, limiter, clock, options,
            policy, tokenMutex, stopping, probes };
    }

    QString databasePath;
    TikTokConfig config;
    TokenStore &tokens;
    const Clock &clock;
    RateLimiter &limiter;
    PublishEngineOptions options;
    const std::atomic_bool &stopping;
    QMutex tokenMutex;
    ProbeCache probes;
    QThreadStorage<ThreadResources *> resources;
};

PublishEngine::PublishEngine(QString databasePath, TikTokConfig config, TokenStore &tokens,
    const Clock &clock, std::unique_ptr<WakeTimer> timer, PublishNotifier *notifier,
    PublishEngineOptions options, QObject *parent)
    : QObject(parent)
    , m_databasePath(std::move(databasePath))
    , m_config(std::move(config))
    , m_tokens(tokens)
    , m_clock(clock)
    , m_timer(std::move(timer))
    , m_notifier(notifier)
    , m_options(std::move(options))
{
    m_limiter = std::make_unique<RateLimiter>(m_clock);
    m_shared = std::make_shared<Shared>(
        m_databasePath, m_config, m_tokens, m_clock, *m_limiter, m_options, m_stopping);
    m_pool = std::make_unique<QThreadPool>();
    // Uploads plus a few threads for status polls, which are short.
    m_pool->setMaxThreadCount(std::max(1, m_options.maxConcurrentUploads) + 4);
    m_pool->setExpiryTimeout(-1); // keep each thread's connection for the engine's life
    m_wakeSoon = new QTimer(this);
    m_wakeSoon->setSingleShot(true);
    m_wakeSoon->setInterval(kWakeDelayMs);
    connect(m_wakeSoon, &QTimer::timeout, this, &PublishEngine::wake);
    m_unblockTimer = new QTimer(this);
    m_unblockTimer->setSingleShot(true);
    m_unblockTimer->setTimerType(Qt::PreciseTimer);
    connect(m_unblockTimer, &QTimer::timeout, this, &PublishEngine::wake);
}

PublishEngine::~PublishEngine()
{
    stop(std::chrono::seconds(30));
    // The pool's threads end here, each closing its own database connection.
    m_pool.reset();
    m_scheduler.reset();
}

void PublishEngine::start()
{
    if (m_running) {
        return;
    }
    m_stopping = false;
    m_db = Database::open(m_databasePath, engineDatabaseOptions());
    m_posts = std::make_unique<PostStore>(*m_db, m_clock);
    m_scheduler = std::make_unique<Scheduler>(*m_posts, m_clock, *m_timer);
    connect(m_scheduler.get(), &Scheduler::targetsDue, this, &PublishEngine::pump);
    m_running = true;
    watchDatabase();
    m_policy = currentPolicy();
    recover();
    m_scheduler->start();
    pump();
}

void PublishEngine::stop(std::chrono::milliseconds wait)
{
    if (!m_running) {
        return;
    }
    m_running = false;
    m_stopping = true;
    if (m_scheduler) {
        m_scheduler->stop();
    }
    m_wakeSoon->stop();
    for (QTimer *timer : std::as_const(m_pollTimers)) {
        timer->stop();
        timer->deleteLater();
    }
    m_pollTimers.clear();
    if (!m_pool->waitForDone(static_cast<int>(wait.count()))) {
        qCWarning(lcPublish) << "workers still busy after" << wait.count() << "ms";
    }
    m_sending.clear();
    m_polling.clear();
    delete m_watcher;
    m_watcher = nullptr;
    qCInfo(lcPublish) << "publisher stopped";
}

bool PublishEngine::isIdle() const
{
    if (!m_sending.isEmpty() || !m_polling.isEmpty() || !m_pollTimers.isEmpty()) {
        return false;
    }
    return !m_posts || !m_posts->hasWorkPending();
}

void PublishEngine::wake()
{
    if (!m_running) {
        return;
    }
    m_scheduler->rearm();
    pump();
}

void PublishEngine::recover()
{
    // The PublisherLock is ours, so whoever left these behind is gone: continue them from their
    // checkpoints. Publisher decides from each row what may still be done.
    for (const PostTarget &t : m_posts->targetsInState(TargetState::Publishing)) {
        qCInfo(lcPublish) << "resuming target" << t.id << "(publishing, publish_id"
                          << (t.publishId.isEmpty() ? QStringLiteral("none") : t.publishId)
                          << ", final chunk sent:" << t.finalChunkSent << ")";
        startSend(t.id, t.accountId);
    }
    for (const PostTarget &t : m_posts->targetsInState(TargetState::Processing)) {
        qCInfo(lcPublish) << "resuming the status checks of target" << t.id;
        schedulePoll(t.id, 0, 0);
    }
}

PublishPolicy PublishPolicy::fromSettings(const QString &settingsPath)
{
    const Settings settings(settingsPath);
    PublishPolicy policy;
    policy.approvalRequired = settings.value(Settings::ApprovalRequired);
    policy.gracePeriod =
        std::chrono::minutes(std::max(0, settings.value(Settings::GracePeriodMinutes)));
    return policy;
}

PublishPolicy PublishEngine::currentPolicy() const
{
    return m_options.policy ? m_options.policy() : PublishPolicy {};
}

void PublishEngine::pump()
{
    if (!m_running || m_pumping) {
        return;
    }
    m_pumping = true;
    try {
        m_policy = currentPolicy();
        if (m_policy.approvalRequired) {
            holdUnapproved();
        }
        const int room = std::max(1, m_options.maxClaimedTargets) - m_sending.size();
        if (room > 0) {
            const qint64 now = m_clock.nowMs();
            PostStore::ClaimLimits limits;
            limits.maxTargets = room;
            limits.perAccount = std::max(1, m_options.maxUploadsPerAccount);
            // holdUnapproved() ran a moment ago; a post that fell due since must not slip by.
            limits.approvalRequired = m_policy.approvalRequired;
            for (const qint64 accountId : std::as_const(m_sending)) {
                limits.roomPerAccount[accountId] =
                    limits.roomPerAccount.value(accountId, limits.perAccount) - 1;
            }
            qint64 wakeAt = 0;
            for (const qint64 accountId : rateLimitedAccounts(now, &wakeAt)) {
                limits.roomPerAccount[accountId] = 0;
            }
            const qint64 turn = limitUploadStarts(limits.roomPerAccount, limits.perAccount, now);
            if (turn > 0 && (wakeAt == 0 || turn < wakeAt)) {
                wakeAt = turn;
            }
            if (wakeAt > 0) {
                // Look again the moment the first profile may go on (a precise timer, a few ms
                // late rather than early: a coarse one may find the profile still waiting).
                m_unblockTimer->start(static_cast<int>(std::max<qint64>(0, wakeAt - now)) + 5);
            }
            for (const PostTarget &claimed :
                m_posts->claimDueTargets(m_options.workerName, kClaimLease, limits)) {
                if (claimed.publishId.isEmpty()) {
                    // A new upload begins within moments (after a creator check).
                    m_uploadSlots[claimed.accountId].append(
                        { claimed.id, now + RateLimiter::kWindowMs + kUploadStartMarginMs });
                }
                startSend(claimed.id, claimed.accountId);
            }
        }
    } catch (const StorageError &e) {
        // A busy or failing database: try again shortly rather than lose the wake-up.
        qCWarning(lcPublish) << "could not claim due targets:" << e.what();
        m_wakeSoon->start(1000);
    }
    m_pumping = false;
    checkIdle();
}

QList<qint64> PublishEngine::rateLimitedAccounts(qint64 now, qint64 *earliest)
{
    QList<qint64> accounts;
    for (auto it = m_accountBlockedUntil.begin(); it != m_accountBlockedUntil.end();) {
        if (it.value() <= now) {
            it = m_accountBlockedUntil.erase(it);
        } else {
            accounts << it.key();
            *earliest = *earliest == 0 ? it.value() : std::min(*earliest, it.value());
            ++it;
        }
    }
    return accounts;
}

qint64 PublishEngine::limitUploadStarts(
    QHash<qint64, int> &roomPerAccount, int perAccount, qint64 now)
{
    const int limit = RateLimiter::limitFor(RateLimitedEndpoint::VideoInit);
    qint64 firstTurn = 0;
    for (auto it = m_uploadSlots.begin(); it != m_uploadSlots.end();) {
        QList<UploadSlot> &slots = it.value();
        slots.removeIf([now](const UploadSlot &slot) { return slot.freeAtMs <= now; });
        if (slots.isEmpty()) {
            it = m_uploadSlots.erase(it);
            continue;
        }
        const int left = std::max(0, limit - static_cast<int>(slots.size()));
        if (left == 0) {
            for (const UploadSlot &slot : std::as_const(slots)) {
                firstTurn = firstTurn == 0 ? slot.freeAtMs : std::min(firstTurn, slot.freeAtMs);
            }
        }
        roomPerAccount[it.key()] = std::min(roomPerAccount.value(it.key(), perAccount), left);
        ++it;
    }
    return firstTurn;
}

void PublishEngine::holdUnapproved()
{
    for (const PostTarget &t : m_posts->dueTargetsWithoutApproval()) {
        const QString why = QStringLiteral("Due, but approval is required: it is published as "
                                           "soon as it is approved (within the grace period).");
        if (m_posts->transition(t.id, TargetState::Scheduled, TargetState::AwaitingApproval, why)) {
            Q_EMIT targetChanged(t.postId, t.id, TargetState::AwaitingApproval);
            PublishNotice n;
            n.postId = t.postId;
            n.targetId = t.id;
            n.state = TargetState::AwaitingApproval;
            n.title = QStringLiteral("A post waits for approval");
            n.body = why;
            deliver({ n });
        }
    }
}

void PublishEngine::startSend(qint64 targetId, qint64 accountId)
{
    m_sending.insert(targetId, accountId);
    const PublishPolicy policy = m_policy;
    std::shared_ptr<Shared> shared = m_shared;
    m_pool->start([this, shared, targetId, accountId, policy] {
        Publisher::SendResult result;
        try {
            Publisher publisher(shared->context(policy));
            result = publisher.send(targetId);
        } catch (const std::exception &e) {
            // Storage trouble: the target keeps its row and checkpoint; it is tried again.
            qCWarning(lcPublish) << "target" << targetId << "interrupted:" << e.what();
        }
        QMetaObject::invokeMethod(
            this,
            [this, targetId, accountId, result] {
                onSendFinished(targetId, accountId, result.notices, result.accountWaitMs,
                    result.uploadStartedAtMs);
            },
            Qt::QueuedConnection);
    });
}

void PublishEngine::onSendFinished(qint64 targetId, qint64 accountId, QList<PublishNotice> notices,
    qint64 accountWaitMs, qint64 uploadStartedAtMs)
{
    m_sending.remove(targetId);
    deliver(notices);
    if (!m_running) {
        return;
    }
    if (accountWaitMs > 0) {
        // The profile's per-minute limit is reached: leave its other targets alone until then
        // (pump() arms the wake-up).
        m_accountBlockedUntil.insert(accountId, m_clock.nowMs() + accountWaitMs);
    }
    if (const auto slots = m_uploadSlots.find(accountId); slots != m_uploadSlots.end()) {
        for (qsizetype i = 0; i < slots->size(); ++i) {
            if ((*slots)[i].targetId != targetId) {
                continue;
            }
            if (uploadStartedAtMs > 0) {
                (*slots)[i].freeAtMs =
                    uploadStartedAtMs + RateLimiter::kWindowMs + kUploadStartExactMarginMs;
            } else {
                slots->removeAt(i); // no upload began: the place was not used
            }
            break;
        }
    }
    const std::optional<PostTarget> target = m_posts->target(targetId);
    if (target) {
        Q_EMIT targetChanged(target->postId, target->id, target->state);
        if (target->state == TargetState::Processing) {
            schedulePoll(targetId, m_options.firstPollMs, 0);
        } else if (target->state == TargetState::Publishing) {
            // Interrupted without a decision (the database was busy, say): try again soon,
            // keeping the profile busy meanwhile.
            m_sending.insert(targetId, accountId);
            QTimer::singleShot(m_options.firstPollMs, this, [this, targetId, accountId] {
                m_sending.remove(targetId);
                if (m_running) {
                    startSend(targetId, accountId);
                }
            });
        }
    }
    if (!target || target->state == TargetState::Scheduled) {
        // Back to the schedule with a retry time (or gone): the next due instant may have
        // changed. A target that moved on can only make it later, and a timer that fires early
        // finds nothing due.
        m_scheduler->rearm();
    }
    pump();
}

void PublishEngine::schedulePoll(qint64 targetId, qint64 delayMs, int round)
{
    if (!m_running) {
        return;
    }
    if (QTimer *old = m_pollTimers.take(targetId)) {
        old->deleteLater();
    }
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::CoarseTimer);
    m_pollTimers.insert(targetId, timer);
    connect(timer, &QTimer::timeout, this, [this, targetId, round, timer] {
        if (m_pollTimers.value(targetId) == timer) {
            m_pollTimers.remove(targetId);
        }
        timer->deleteLater();
        startPoll(targetId, round);
    });
    timer->start(static_cast<int>(std::min<qint64>(delayMs, std::numeric_limits<int>::max())));
}

void PublishEngine::startPoll(qint64 targetId, int round)
{
    if (!m_running) {
        return;
    }
    m_polling.insert(targetId);
    const PublishPolicy policy = m_policy;
    std::shared_ptr<Shared> shared = m_shared;
    m_pool->start([this, shared, targetId, round, policy] {
        Publisher::PollResult result;
        try {
            Publisher publisher(shared->context(policy));
            result = publisher.poll(targetId, round);
        } catch (const std::exception &e) {
            qCWarning(lcPublish) << "status check of target" << targetId << "failed:" << e.what();
            result.nextDelayMs = Publisher::pollDelayMs(shared->options, round);
        }
        QMetaObject::invokeMethod(
            this,
            [this, targetId, round, result] {
                onPollFinished(targetId, round, result.nextDelayMs, result.notices);
            },
            Qt::QueuedConnection);
    });
}

void PublishEngine::onPollFinished(
    qint64 targetId, int round, qint64 nextDelayMs, QList<PublishNotice> notices)
{
    m_polling.remove(targetId);
    deliver(notices);
    if (!m_running) {
        return;
    }
    const std::optional<PostTarget> target = m_posts->target(targetId);
    if (target) {
        if (!notices.isEmpty() || nextDelayMs < 0) {
            Q_EMIT targetChanged(target->postId, target->id, target->state);
        }
        if (nextDelayMs >= 0 && target->state == TargetState::Processing) {
            schedulePoll(targetId, nextDelayMs, round + 1);
        }
    }
    if (!target || target->state == TargetState::Scheduled) {
        m_scheduler->rearm(); // a new upload was scheduled (an expired link)
    }
    checkIdle();
}

void PublishEngine::deliver(const QList<PublishNotice> &notices)
{
    if (!m_notifier) {
        return;
    }
    for (const PublishNotice &n : notices) {
        m_notifier->notify(n);
    }
}

void PublishEngine::checkIdle()
{
    if (m_running && isIdle()) {
        Q_EMIT idle();
    }
}

void PublishEngine::watchDatabase()
{
    // Another process (cuepoint-cli schedule, the window) may add or change posts: every
    // commit touches the database or its write-ahead log, and the scheduler looks again.
    m_watcher = new QFileSystemWatcher(this);
    const QStringList files = { m_databasePath, m_databasePath + QStringLiteral("-wal") };
    for (const QString &file : files) {
        if (QFileInfo::exists(file)) {
            m_watcher->addPath(file);
        }
    }
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this, files](const QString &) {
        // Every write of every connection, this engine's own included, lands here: while a
        // wake-up is pending there is nothing more to do.
        if (m_wakeSoon->isActive()) {
            return;
        }
        // A file that was replaced or removed drops out of the watch list: add it back.
        if (m_watcher->files().size() < files.size()) {
            for (const QString &file : files) {
                if (!m_watcher->files().contains(file) && QFileInfo::exists(file)) {
                    m_watcher->addPath(file);
                }
            }
        }
        m_wakeSoon->start(kWakeDelayMs);
    });
}

} // namespace Cuepoint::Core
