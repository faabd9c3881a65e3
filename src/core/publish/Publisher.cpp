// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "publish/Publisher.h"

#include "cuepoint/core/media/VideoProbe.h"
#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/Logging.h"
#include "cuepoint/core/tiktok/ApiError.h"
#include "cuepoint/core/tiktok/ChunkPlan.h"
#include "cuepoint/core/tiktok/RateLimiter.h"
#include "cuepoint/core/tiktok/TikTokClient.h"
#include "cuepoint/core/tiktok/TokenKeeper.h"

#include <QFileInfo>
#include <QLocale>
#include <QRandomGenerator>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace Cuepoint::Core {

namespace {

/// How late a claim may come and still count as "at the minute".
constexpr qint64 kOnTimeMs = 60'000;

const QString kScopePublish = QStringLiteral("video.publish");
const QString kScopeUpload = QStringLiteral("video.upload");

QString sizeInWords(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString durationInWords(qint64 ms)
{
    const qint64 minutes = ms / 60'000;
    if (minutes < 1) {
        return QStringLiteral("%1 seconds").arg(std::max<qint64>(1, ms / 1000));
    }
    if (minutes < 120) {
        return minutes == 1 ? QStringLiteral("1 minute")
                            : QStringLiteral("%1 minutes").arg(minutes);
    }
    return QStringLiteral("%1 hours").arg(minutes / 60);
}

/// A creator_info answer that means "this creator cannot post now" rather than "try again".
bool creatorCannotPost(const ApiError &error)
{
    const QString code = error.code();
    return code.startsWith(QLatin1String("spam_risk"))
        || code == QLatin1String("reached_active_user_cap")
        || error.category() == ErrorCategory::UserAction
        || error.category() == ErrorCategory::NeverRetry;
}

/// Whether an error means the profile's authorization is gone (reconnect needed).
bool authorizationLost(const ApiError &error)
{
    const QString code = error.code();
    return code == QLatin1String("invalid_grant") || code == QLatin1String("access_token_invalid")
        || code == QLatin1String("scope_not_authorized") || code == QLatin1String("invalid_client");
}

} // namespace

qint64 ProbeCache::durationMs(const QString &path, QString *error)
{
    const QFileInfo info(path);
    const qint64 size = info.size();
    const qint64 modified = info.lastModified().toMSecsSinceEpoch();
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_entries.constFind(path);
        if (it != m_entries.cend() && std::get<0>(*it) == size && std::get<1>(*it) == modified) {
            *error = std::get<3>(*it);
            return std::get<2>(*it);
        }
    }
    const VideoInfo video = VideoProbe::probe(path);
    const QString why = video.isReadable() ? QString() : video.errorMessage;
    QMutexLocker lock(&m_mutex);
    if (m_entries.size() > 1000) {
        m_entries.clear(); // a bound, not an LRU: probing again is cheap
    }
    m_entries.insert(path, { size, modified, video.durationMs, why });
    *error = why;
    return video.durationMs;
}

struct Publisher::Job
{
    PostTarget target;
    Post post;
    Account account;
    QByteArray access;
    QStringList scopes;
    bool refreshed = false; ///< one refresh after a 401 per job
    qint64 fileSize = 0;
    QList<PublishNotice> notices;
    qint64 accountWaitMs = 0;
    qint64 uploadStartedAtMs = 0;
};

Publisher::Publisher(PublisherContext context)
    : m_ctx(context)
{
}

qint64 Publisher::pollDelayMs(const PublishEngineOptions &options, int round)
{
    const double delay = static_cast<double>(options.firstPollMs)
        * std::pow(options.pollGrowth, static_cast<double>(std::max(0, round)));
    return static_cast<qint64>(std::min(delay, static_cast<double>(options.maxPollMs)));
}

Publisher::SendResult Publisher::send(qint64 targetId)
{
    Job job;
    const std::optional<PostTarget> target = m_ctx.posts.target(targetId);
    if (!target || target->state != TargetState::Publishing) {
        return {};
    }
    job.target = *target;
    const std::optional<Post> post = m_ctx.posts.post(target->postId);
    const std::optional<Account> account = m_ctx.accounts.account(target->accountId);
    if (!post || !account) {
        return {};
    }
    job.post = *post;
    job.account = *account;
    try {
        sendUnchecked(job);
    } catch (const ApiError &e) {
        handleSendError(job, e);
    }
    return { job.notices, job.accountWaitMs, job.uploadStartedAtMs };
}

void Publisher::sendUnchecked(Job &job)
{
    if (job.target.finalChunkSent) {
        // A previous run may have delivered the whole video: only the status may be asked now.
        m_ctx.posts.transition(job.target.id, TargetState::Publishing, TargetState::Processing,
            QStringLiteral("Resumed after an interruption: the final chunk may have reached "
                           "TikTok, so Cuepoint asks TikTok for the status instead of uploading "
                           "again."));
        return;
    }
    const bool fresh = job.target.publishId.isEmpty();
    if (fresh && checkMissed(job)) {
        return;
    }
    const TokenSet tokenSet = tokens(job);
    job.access = tokenSet.accessToken;
    job.scopes = tokenSet.scopes;
    const bool automatic = job.post.mode == PublishMode::Automatic;
    const QString &scope = automatic ? kScopePublish : kScopeUpload;
    if (!job.scopes.isEmpty() && !job.scopes.contains(scope)) {
        hold(job, QStringLiteral("scope_not_authorized"),
            QStringLiteral("%1 did not allow Cuepoint to %2 (the %3 permission). Connect the "
                           "profile again and allow it, then retry.")
                .arg(job.account.handle(),
                    automatic ? QStringLiteral("publish videos")
                              : QStringLiteral("send videos to the TikTok inbox"),
                    scope));
        return;
    }
    const QFileInfo file(job.post.videoPath);
    if (!file.isFile() || !file.isReadable()) {
        hold(job, QStringLiteral("video_missing"),
            QStringLiteral("The video %1 is missing or cannot be read. Put it back (or pick "
                           "another video), then retry.")
                .arg(job.post.videoPath));
        return;
    }
    job.fileSize = file.size();
    if (!fresh && job.target.totalBytes != job.fileSize) {
        // The file changed during the upload; nothing final was sent, so start over.
        qCInfo(lcPublish) << "target" << job.target.id << "video changed size; new upload";
        job.target.publishId.clear();
        job.target.uploadUrl.clear();
        job.target.uploadedBytes = 0;
    }
    if (job.target.publishId.isEmpty()) {
        const RateLimitedEndpoint endpoint =
            automatic ? RateLimitedEndpoint::VideoInit : RateLimitedEndpoint::InboxInit;
        if (const qint64 wait = m_ctx.limiter.waitFor(job.access, endpoint); wait > 0) {
            retryLater(job, QString::fromLatin1(ApiError::kLocalRateLimit),
                QStringLiteral("TikTok accepts %1 new uploads per minute for each profile; this "
                               "one waits its turn.")
                    .arg(RateLimiter::limitFor(endpoint)),
                wait, false, {});
            return;
        }
        if (checkCreator(job)) {
            return;
        }
        init(job);
    }
    upload(job);
    const QString detail = automatic
        ? QStringLiteral("Uploaded %1 to TikTok (publish_id %2); TikTok is processing it.")
              .arg(sizeInWords(job.fileSize), job.target.publishId)
        : QStringLiteral("Uploaded %1 for %2's TikTok inbox (publish_id %3); waiting for TikTok "
                         "to deliver it.")
              .arg(sizeInWords(job.fileSize), job.account.handle(), job.target.publishId);
    PostStore::TargetUpdate update;
    update.uploadedBytes = job.fileSize;
    update.lastErrorCode = QString();
    update.lastError = QString();
    m_ctx.posts.transition(
        job.target.id, TargetState::Publishing, TargetState::Processing, detail, update);
}

bool Publisher::checkMissed(Job &job)
{
    if (job.target.lateAllowed) {
        return false;
    }
    QDateTime due = job.post.scheduledAt;
    if (job.target.nextAttemptAt.isValid() && job.target.nextAttemptAt > due) {
        due = job.target.nextAttemptAt;
    }
    const QDateTime now = m_ctx.clock.nowUtc();
    const qint64 lateMs = due.msecsTo(now);
    const qint64 graceMs = std::chrono::milliseconds(m_ctx.policy.gracePeriod).count();
    // Within its minute a post is on time, whatever the grace period (even none): the engine
    // claims a moment after the instant, more so on a busy machine.
    if (lateMs <= std::max(graceMs, kOnTimeMs)) {
        return false;
    }
    const bool approvedLate =
        m_ctx.policy.approvalRequired && job.post.approval == ApprovalState::Approved;
    const QString why = approvedLate
        ? QStringLiteral("This post was due at %1 and was approved only now (%2), past the "
                         "grace period of %3, so Cuepoint did not post it late on its own. Retry "
                         "to publish it now, or choose a new time.")
        : QStringLiteral("This post was due at %1, but nothing was publishing then. It is now "
                         "%2, past the grace period of %3, so Cuepoint did not post it late on "
                         "its own. Retry to publish it now, or choose a new time.");
    return hold(job, QStringLiteral("missed"),
        why.arg(
            localTime(job, job.post.scheduledAt), localTime(job, now), durationInWords(graceMs)));
}

bool Publisher::checkCreator(Job &job)
{
    CreatorInfo info;
    try {
        info = [&] {
            try {
                return m_ctx.client.creatorInfo(job.access);
            } catch (const ApiError &e) {
                if (e.category() != ErrorCategory::RefreshThenRetry || job.refreshed) {
                    throw;
                }
                job.access = refreshAfter401(job, job.access);
                return m_ctx.client.creatorInfo(job.access);
            }
        }();
    } catch (const ApiError &e) {
        if (!creatorCannotPost(e) || authorizationLost(e)) {
            throw;
        }
        return hold(job, e.code(),
            QStringLiteral("%1 cannot post now: %2").arg(job.account.handle(), e.userMessage()));
    }
    const QString who = job.account.handle();
    if (job.post.mode == PublishMode::Automatic) {
        if (!info.privacyLevelOptions.contains(job.post.privacyLevel)) {
            return hold(job, QStringLiteral("privacy_level_unavailable"),
                QStringLiteral("%1 no longer offers the privacy level %2 (TikTok offers %3 now). "
                               "Choose one of them, then retry.")
                    .arg(who,
                        job.post.privacyLevel.isEmpty() ? QStringLiteral("(none chosen)")
                                                        : job.post.privacyLevel,
                        info.privacyLevelOptions.join(QStringLiteral(", "))));
        }
        const auto disabled = [&](bool allowed, bool off, const char *what) {
            if (!allowed || !off) {
                return false;
            }
            return hold(job, QStringLiteral("interaction_disabled"),
                QStringLiteral("The post allows %1, but %2 has turned %1 off in TikTok. Change "
                               "the post's settings (Cuepoint does not change them for you), then "
                               "retry.")
                    .arg(QLatin1String(what), who));
        };
        if (disabled(job.post.allowComments, info.commentDisabled, "comments")
            || disabled(job.post.allowDuet, info.duetDisabled, "duets")
            || disabled(job.post.allowStitch, info.stitchDisabled, "stitches")) {
            return true;
        }
    }
    if (info.maxVideoPostDurationSec > 0) {
        QString unreadable;
        const qint64 durationMs = m_ctx.probes.durationMs(job.post.videoPath, &unreadable);
        if (!unreadable.isEmpty()) {
            return hold(job, QStringLiteral("video_unreadable"), unreadable);
        }
        if (durationMs > static_cast<qint64>(info.maxVideoPostDurationSec) * 1000) {
            return hold(job, QStringLiteral("video_too_long"),
                QStringLiteral("The video runs %1 s; %2 can post videos of at most %3 s. Trim it "
                               "or choose another video, then retry.")
                    .arg(QString::number(static_cast<double>(durationMs) / 1000.0, 'f', 1), who)
                    .arg(info.maxVideoPostDurationSec));
        }
    }
    return false;
}

void Publisher::init(Job &job)
{
    QString why;
    const std::optional<ChunkPlan> plan =
        ChunkPlan::make(job.fileSize, m_ctx.options.chunkSize, &why);
    if (!plan) {
        throw ApiError(QString::fromLatin1(ApiError::kVideoTooLarge), why);
    }
    const auto call = [&](const QByteArray &token) {
        if (job.post.mode == PublishMode::Notify) {
            return m_ctx.client.initInboxUpload(token, *plan);
        }
        DirectPostInfo info;
        info.privacyLevel = job.post.privacyLevel;
        info.title = job.post.caption;
        info.disableComment = !job.post.allowComments;
        info.disableDuet = !job.post.allowDuet;
        info.disableStitch = !job.post.allowStitch;
        info.coverTimestampMs = job.post.coverTimestampMs;
        info.brandContentToggle = job.post.brandedContent;
        info.brandOrganicToggle = job.post.brandOrganic;
        info.isAigc = job.post.aiGenerated;
        return m_ctx.client.initDirectPost(token, info, *plan);
    };
    UploadInit created;
    try {
        created = call(job.access);
    } catch (const ApiError &e) {
        if (e.category() != ErrorCategory::RefreshThenRetry || job.refreshed) {
            throw;
        }
        job.access = refreshAfter401(job, job.access);
        created = call(job.access);
    }
    job.uploadStartedAtMs = m_ctx.clock.nowMs();
    // Committed before the first byte: a crash of the process from here on resumes this
    // upload. (Not synced to disk at once: after a power cut that undoes it, nothing final was
    // sent yet — the final-chunk flag is synced — so a new upload is safe.)
    PostStore::TargetUpdate update;
    update.publishId = created.publishId;
    update.uploadUrl = created.uploadUrl.toString(QUrl::FullyEncoded);
    update.totalBytes = job.fileSize;
    update.uploadedBytes = 0;
    update.finalChunkSent = false;
    if (!m_ctx.posts.updateTarget(job.target.id, TargetState::Publishing, update)) {
        throw ApiError(QString::fromLatin1(ApiError::kCancelled),
            QStringLiteral("the target left publishing during init"));
    }
    job.target.publishId = created.publishId;
    job.target.uploadUrl = *update.uploadUrl;
    job.target.totalBytes = job.fileSize;
    job.target.uploadedBytes = 0;
    qCInfo(lcPublish).noquote() << "target" << job.target.id << "initialised, publish_id"
                                << created.publishId;
}

void Publisher::upload(Job &job)
{
    QString why;
    const std::optional<ChunkPlan> plan =
        ChunkPlan::make(job.fileSize, m_ctx.options.chunkSize, &why);
    if (!plan) {
        throw ApiError(QString::fromLatin1(ApiError::kVideoTooLarge), why);
    }
    UploadOptions options;
    options.contentType = TikTokClient::contentTypeFor(job.post.videoPath);
    options.cancel = &m_ctx.stopping;
    options.maxAttemptsPerChunk = m_ctx.options.chunkAttempts;
    options.retryBaseDelayMs = m_ctx.options.chunkRetryBaseMs;
    options.startOffset =
        plan->chunkStartingAt(job.target.uploadedBytes) >= 0 ? job.target.uploadedBytes : 0;
    options.beforeChunk = [this, &job](qint64, qint64, bool finalChunk) {
        if (!finalChunk || job.target.finalChunkSent) {
            return;
        }
        PostStore::TargetUpdate update;
        update.finalChunkSent = true;
        if (!m_ctx.posts.updateTarget(job.target.id, job.target.state, update)) {
            throw ApiError(QString::fromLatin1(ApiError::kCancelled),
                QStringLiteral("the target changed state during the upload"));
        }
        job.target.finalChunkSent = true;
    };
    options.onConfirmed = [this, &job](qint64 confirmed) {
        // The whole file is recorded with the move to `processing` that follows at once.
        if (confirmed < job.fileSize) {
            m_ctx.posts.checkpointUpload(job.target.id, confirmed);
        }
        job.target.uploadedBytes = confirmed;
    };
    m_ctx.client.uploadFile(
        QUrl(job.target.uploadUrl, QUrl::StrictMode), job.post.videoPath, *plan, options);
}

void Publisher::handleSendError(Job &job, const ApiError &error)
{
    const QString code = error.code();
    if (code == QLatin1String(ApiError::kCancelled) && m_ctx.stopping.load()) {
        qCInfo(lcPublish) << "target" << job.target.id << "interrupted by shutdown; it resumes "
                          << "from its checkpoint on the next start";
        return;
    }
    qCWarning(lcPublish).noquote() << "target" << job.target.id << "failed:" << error.describe();
    if (job.target.finalChunkSent) {
        // Never init again: TikTok may hold the whole video. Only the status can tell.
        PostStore::TargetUpdate update;
        update.lastErrorCode = code;
        update.lastError = error.userMessage();
        m_ctx.posts.transition(job.target.id, TargetState::Publishing, TargetState::Processing,
            QStringLiteral("The upload was interrupted after the final chunk may have reached "
                           "TikTok (%1). Cuepoint asks TikTok for the status instead of "
                           "uploading again.")
                .arg(error.userMessage()),
            update);
        return;
    }
    if (code == QLatin1String(ApiError::kUploadExpired)
        || code == QLatin1String(ApiError::kUploadTaskMissing)) {
        PostStore::TargetUpdate restart;
        restart.publishId = QString();
        restart.uploadUrl = QString();
        restart.uploadedBytes = 0;
        restart.totalBytes = 0;
        retryLater(job, code,
            QStringLiteral("TikTok's upload link expired before the upload finished (no part of "
                           "the video was published); starting a new upload."),
            0, true, restart);
        return;
    }
    if (code == QLatin1String(ApiError::kLocalRateLimit)
        || code == QLatin1String("rate_limit_exceeded")) {
        // TikTok counts a call when it arrives, we when we send it, so its window can close a
        // moment after ours: a 429 is a turn to wait for, not a failed attempt.
        retryLater(job, code, error.userMessage(), std::max<qint64>(error.retryAfterMs(), 1'000),
            false, {});
        return;
    }
    if (code == QLatin1String(ApiError::kFileReadError)) {
        hold(job, QStringLiteral("video_missing"),
            QStringLiteral("The video %1 could not be read (%2). Put it back, then retry.")
                .arg(job.post.videoPath, error.message()));
        return;
    }
    if (authorizationLost(error) || error.category() == ErrorCategory::RefreshThenRetry) {
        markReconnectNeeded(job);
        hold(job, code,
            QStringLiteral("TikTok no longer accepts Cuepoint's authorization for %1. Connect "
                           "the profile again in Accounts, then retry.")
                .arg(job.account.handle()));
        return;
    }
    switch (error.category()) {
    case ErrorCategory::RetryLater:
        retryLater(job, code, error.userMessage(), error.retryAfterMs(), true, {});
        return;
    case ErrorCategory::UserAction:
        hold(job, code, error.userMessage());
        return;
    case ErrorCategory::RefreshThenRetry:
    case ErrorCategory::NeverRetry:
        fail(job, code, error.userMessage());
        return;
    }
}

void Publisher::retryLater(Job &job, const QString &code, const QString &why, qint64 delayMs,
    bool countAttempt, PostStore::TargetUpdate update)
{
    const int attempts = job.target.attempts;
    if (countAttempt && attempts >= m_ctx.options.maxAttempts) {
        fail(job, code,
            QStringLiteral("%1 Cuepoint gave up after %2 attempts.").arg(why).arg(attempts));
        return;
    }
    qint64 delay = std::max<qint64>(0, delayMs);
    if (countAttempt) {
        delay = std::max(delay, backoffMs(attempts));
        if (update.publishId && update.publishId->isEmpty() && delayMs == 0) {
            delay = 0; // a new upload (expired link) needs no backoff
        }
    } else {
        update.attempts = std::max(0, attempts - 1); // waiting for a turn is not a failure
        job.accountWaitMs = std::max(job.accountWaitMs, delay);
    }
    const QDateTime next = m_ctx.clock.nowUtc().addMSecs(delay);
    update.nextAttemptAt = next;
    update.lastErrorCode = code;
    update.lastError = why;
    const QString when =
        delay < 1000 ? QStringLiteral("now") : QStringLiteral("at %1").arg(localTime(job, next));
    const QString detail = countAttempt
        ? QStringLiteral("%1 Next try %2 (attempt %3 of %4 failed).")
              .arg(why, when)
              .arg(attempts)
              .arg(m_ctx.options.maxAttempts)
        : QStringLiteral("%1 Next try %2.").arg(why, when);
    m_ctx.posts.transition(
        job.target.id, TargetState::Publishing, TargetState::Scheduled, detail, update);
}

qint64 Publisher::backoffMs(int attempts) const
{
    const int shift = std::clamp(attempts - 1, 0, 20);
    const qint64 backoff =
        std::min<qint64>(m_ctx.options.retryMaxMs, m_ctx.options.retryBaseMs << shift);
    // +-20 % jitter, so that many targets that failed together do not retry together.
    const double jitter = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
    return static_cast<qint64>(static_cast<double>(backoff) * jitter);
}

bool Publisher::hold(Job &job, const QString &code, const QString &why)
{
    return stopWith(job, TargetState::Held, code, why, QStringLiteral("A post needs you"));
}

bool Publisher::fail(Job &job, const QString &code, const QString &why)
{
    return stopWith(job, TargetState::Failed, code, why, QStringLiteral("A post failed"));
}

bool Publisher::stopWith(
    Job &job, TargetState state, const QString &code, const QString &why, const QString &title)
{
    PostStore::TargetUpdate update;
    update.lastErrorCode = code;
    update.lastError = why;
    if (m_ctx.posts.transition(job.target.id, job.target.state, state, why, update)) {
        job.notices << notice(job, state, title, why);
    }
    return true;
}

TokenSet Publisher::tokens(Job &job)
{
    QMutexLocker lock(&m_ctx.tokenMutex);
    TokenKeeper keeper(m_ctx.tokens, m_ctx.client, m_ctx.clock);
    return keeper.fresh(job.account.tokenKey(), m_ctx.options.tokenRefreshMarginMs);
}

QByteArray Publisher::refreshAfter401(Job &job, const QByteArray &rejected)
{
    job.refreshed = true;
    QMutexLocker lock(&m_ctx.tokenMutex);
    TokenKeeper keeper(m_ctx.tokens, m_ctx.client, m_ctx.clock);
    // Another worker may have refreshed meanwhile: use its tokens rather than rotate again.
    if (const std::optional<TokenSet> stored = keeper.load(job.account.tokenKey());
        stored && stored->accessToken != rejected) {
        return stored->accessToken;
    }
    qCInfo(lcPublish) << "TikTok refused the access token of account" << job.account.id
                      << "; refreshing once";
    return keeper.refresh(job.account.tokenKey()).accessToken;
}

void Publisher::markReconnectNeeded(const Job &job)
{
    try {
        m_ctx.accounts.setStatus(job.account.id, AccountStatus::ReconnectNeeded);
    } catch (const StorageError &e) {
        qCWarning(lcPublish) << "could not mark the account for reconnection:" << e.what();
    }
}

Publisher::PollResult Publisher::poll(qint64 targetId, int round)
{
    PollResult result;
    Job job;
    const std::optional<PostTarget> target = m_ctx.posts.target(targetId);
    if (!target || target->state != TargetState::Processing) {
        return result;
    }
    job.target = *target;
    const std::optional<Post> post = m_ctx.posts.post(target->postId);
    const std::optional<Account> account = m_ctx.accounts.account(target->accountId);
    if (!post || !account) {
        return result;
    }
    job.post = *post;
    job.account = *account;
    const QDateTime now = m_ctx.clock.nowUtc();
    const QString who = job.account.handle();
    const auto unconfirmed = [&](const QString &why) {
        PostStore::TargetUpdate update;
        update.lastErrorCode = QStringLiteral("unconfirmed");
        update.lastError = why;
        if (m_ctx.posts.transition(
                job.target.id, TargetState::Processing, TargetState::Unconfirmed, why, update)) {
            job.notices << notice(
                job, TargetState::Unconfirmed, QStringLiteral("Check a post on TikTok"), why);
        }
        result.notices = job.notices;
        return result;
    };
    if (job.target.stateChangedAt.isValid()
        && job.target.stateChangedAt.msecsTo(now) > m_ctx.options.processingDeadlineMs) {
        return unconfirmed(
            QStringLiteral("TikTok has not confirmed the post within %1. Look at %2 on TikTok "
                           "before retrying: retrying may post the video twice.")
                .arg(durationInWords(m_ctx.options.processingDeadlineMs), who));
    }
    result.nextDelayMs = pollDelayMs(m_ctx.options, round);
    try {
        job.access = tokens(job).accessToken;
        PublishStatus status;
        try {
            status = m_ctx.client.fetchStatus(job.access, job.target.publishId);
        } catch (const ApiError &e) {
            if (e.category() != ErrorCategory::RefreshThenRetry) {
                throw;
            }
            job.access = refreshAfter401(job, job.access);
            status = m_ctx.client.fetchStatus(job.access, job.target.publishId);
        }
        switch (status.state) {
        case PublishState::PublishComplete: {
            PostStore::TargetUpdate update;
            update.tiktokPostId = status.postIds.value(0);
            update.lastErrorCode = QString();
            update.lastError = QString();
            const QString detail = status.postIds.isEmpty()
                ? QStringLiteral("TikTok published it on %1.").arg(who)
                : QStringLiteral("TikTok published it on %1 (post %2).")
                      .arg(who, status.postIds.first());
            if (m_ctx.posts.transition(job.target.id, TargetState::Processing,
                    TargetState::Published, detail, update)) {
                job.notices << notice(
                    job, TargetState::Published, QStringLiteral("Published"), detail);
            }
            result.nextDelayMs = -1;
            break;
        }
        case PublishState::SendToUserInbox:
            if (job.post.mode == PublishMode::Notify) {
                const QString detail =
                    QStringLiteral("The video is in %1's TikTok inbox: TikTok notifies them on "
                                   "the phone to add sounds or effects and post it. The caption "
                                   "is ready to copy.")
                        .arg(who);
                if (m_ctx.posts.transition(
                        job.target.id, TargetState::Processing, TargetState::SentToInbox, detail)) {
                    PublishNotice n = notice(job, TargetState::SentToInbox,
                        QStringLiteral("Finish your post on the phone"), detail);
                    n.caption = job.post.caption;
                    job.notices << n;
                }
                result.nextDelayMs = -1;
            }
            break;
        case PublishState::Failed: {
            const QString why = sentenceForFailReason(status.failReason);
            const bool worthRetry =
                categoryForFailReason(status.failReason) == ErrorCategory::RetryLater;
            PostStore::TargetUpdate update;
            update.lastErrorCode = status.failReason;
            update.lastError = why;
            result.nextDelayMs = -1;
            if (worthRetry && job.target.attempts < m_ctx.options.maxAttempts) {
                // FAILED means nothing was published: a new upload is safe.
                const QDateTime next = now.addMSecs(backoffMs(job.target.attempts));
                update.publishId = QString();
                update.uploadUrl = QString();
                update.finalChunkSent = false;
                update.uploadedBytes = 0;
                update.totalBytes = 0;
                update.nextAttemptAt = next;
                m_ctx.posts.transition(job.target.id, TargetState::Processing,
                    TargetState::Scheduled,
                    QStringLiteral("TikTok could not publish it: %1 Nothing was published; next "
                                   "try at %2 (attempt %3 of %4 failed).")
                        .arg(why, localTime(job, next))
                        .arg(job.target.attempts)
                        .arg(m_ctx.options.maxAttempts),
                    update);
                break;
            }
            const QString detail = worthRetry
                ? QStringLiteral("TikTok could not publish it: %1 Cuepoint gave up after %2 "
                                 "attempts.")
                      .arg(why)
                      .arg(job.target.attempts)
                : QStringLiteral("TikTok could not publish it: %1").arg(why);
            if (m_ctx.posts.transition(
                    job.target.id, TargetState::Processing, TargetState::Failed, detail, update)) {
                job.notices << notice(
                    job, TargetState::Failed, QStringLiteral("A post failed"), detail);
            }
            break;
        }
        case PublishState::ProcessingUpload:
            // The final chunk may never have left (we stopped right before sending it): finish
            // the same upload. This never creates a second post; only init could.
            if (job.target.uploadedBytes < job.target.totalBytes && !job.target.uploadUrl.isEmpty()
                && (status.uploadedBytes < 0 || status.uploadedBytes < job.target.totalBytes)) {
                const QFileInfo file(job.post.videoPath);
                job.fileSize = file.size();
                if (file.isFile() && job.fileSize == job.target.totalBytes) {
                    try {
                        upload(job);
                        PostStore::TargetUpdate update;
                        update.uploadedBytes = job.fileSize;
                        m_ctx.posts.updateTarget(job.target.id, TargetState::Processing, update);
                        qCInfo(lcPublish) << "target" << job.target.id << "upload completed";
                        result.nextDelayMs = pollDelayMs(m_ctx.options, 0);
                    } catch (const ApiError &e) {
                        qCInfo(lcPublish).noquote()
                            << "target" << job.target.id
                            << "could not finish its upload:" << e.describe();
                        const bool linkGone = e.code() == QLatin1String(ApiError::kUploadExpired)
                            || e.code() == QLatin1String(ApiError::kUploadTaskMissing);
                        if (linkGone && status.uploadedBytes >= 0
                            && status.uploadedBytes < job.target.totalBytes) {
                            // TikTok says it lacks part of the video and will take no more on
                            // this link: this publish_id can never become a post, so a new
                            // upload is safe.
                            restartExpiredUpload(job, status.uploadedBytes, result);
                        }
                    }
                }
            }
            break;
        case PublishState::ProcessingDownload:
        case PublishState::Unknown:
            break;
        }
    } catch (const ApiError &e) {
        if (e.code() == QLatin1String(ApiError::kCancelled) && m_ctx.stopping.load()) {
            result.nextDelayMs = -1;
            return result;
        }
        qCWarning(lcPublish).noquote()
            << "status of target" << job.target.id << "failed:" << e.describe();
        if (authorizationLost(e) || e.category() == ErrorCategory::RefreshThenRetry) {
            markReconnectNeeded(job);
            return unconfirmed(
                QStringLiteral("Cuepoint can no longer ask TikTok about this post because %1 "
                               "must be connected again. Look on TikTok before retrying: "
                               "retrying may post the video twice.")
                    .arg(who));
        }
        if (e.category() == ErrorCategory::RetryLater) {
            result.nextDelayMs = std::max(result.nextDelayMs, e.retryAfterMs());
        } else {
            return unconfirmed(
                QStringLiteral("TikTok would not say what became of the post (%1). Look at %2 "
                               "on TikTok before retrying: retrying may post the video twice.")
                    .arg(e.userMessage(), who));
        }
    }
    result.notices = job.notices;
    return result;
}

void Publisher::restartExpiredUpload(Job &job, qint64 tiktokHas, PollResult &result)
{
    const QString why =
        QStringLiteral("TikTok's upload link expired before the whole video arrived (TikTok has "
                       "%1 of %2), so nothing was published.")
            .arg(sizeInWords(tiktokHas), sizeInWords(job.target.totalBytes));
    PostStore::TargetUpdate update;
    update.lastErrorCode = QString::fromLatin1(ApiError::kUploadExpired);
    update.lastError = why;
    result.nextDelayMs = -1;
    if (job.target.attempts >= m_ctx.options.maxAttempts) {
        if (m_ctx.posts.transition(job.target.id, TargetState::Processing, TargetState::Failed,
                QStringLiteral("%1 Cuepoint gave up after %2 attempts.")
                    .arg(why)
                    .arg(job.target.attempts),
                update)) {
            job.notices << notice(job, TargetState::Failed, QStringLiteral("A post failed"), why);
        }
        return;
    }
    update.publishId = QString();
    update.uploadUrl = QString();
    update.finalChunkSent = false;
    update.uploadedBytes = 0;
    update.totalBytes = 0;
    update.nextAttemptAt = m_ctx.clock.nowUtc();
    m_ctx.posts.transition(job.target.id, TargetState::Processing, TargetState::Scheduled,
        QStringLiteral("%1 Starting a new upload.").arg(why), update);
}

PublishNotice Publisher::notice(
    const Job &job, TargetState state, const QString &title, const QString &body) const
{
    PublishNotice n;
    n.postId = job.post.id;
    n.targetId = job.target.id;
    n.state = state;
    n.account = job.account.handle();
    n.title = title;
    n.body = body;
    return n;
}

QString Publisher::localTime(const Job &job, const QDateTime &utc) const
{
    const QTimeZone zone(job.post.timeZoneId.toUtf8());
    const QDateTime local = zone.isValid() ? utc.toTimeZone(zone) : utc.toUTC();
    return local.toString(QStringLiteral("yyyy-MM-dd HH:mm"))
        + (zone.isValid() ? QString() : QStringLiteral(" UTC"));
}

} // namespace Cuepoint::Core
