// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/tiktok/ChunkPlan.h"
#include "cuepoint/core/tiktok/OAuth.h"
#include "cuepoint/core/tiktok/RateLimiter.h"
#include "cuepoint/core/tiktok/TikTokConfig.h"

#include <QStringList>
#include <QUrl>

#include <atomic>
#include <functional>
#include <optional>

namespace Cuepoint::Core {

class Clock;
class HttpTransport;
struct HttpResponse;

/// The connected user (GET /v2/user/info/).
struct UserInfo
{
    QString openId;
    QString unionId;
    QString displayName;
    QString avatarUrl;
    QString username; ///< only with the user.info.profile scope; may be empty
};

/// What the creator may post now (creator_info/query), to be fetched when composing.
struct CreatorInfo
{
    QString avatarUrl;
    QString username;
    QString nickname;
    QStringList privacyLevelOptions;
    bool commentDisabled = false;
    bool duetDisabled = false;
    bool stitchDisabled = false;
    int maxVideoPostDurationSec = 0;
};

/// The post_info of a Direct Post. Every field is chosen by the user; none has a default.
struct DirectPostInfo
{
    QString privacyLevel;
    QString title;
    bool disableDuet = false;
    bool disableStitch = false;
    bool disableComment = false;
    std::optional<qint64> coverTimestampMs;
    bool brandContentToggle = false;
    bool brandOrganicToggle = false;
    bool isAigc = false;
};

/// What an init returned.
struct UploadInit
{
    QString publishId;
    QUrl uploadUrl;
};

/// The states of status/fetch.
enum class PublishState {
    ProcessingUpload,
    ProcessingDownload,
    SendToUserInbox,
    PublishComplete,
    Failed,
    Unknown, ///< a status TikTok does not document; keep polling
};

/// One answer of status/fetch. A FAILED post arrives inside an "ok" envelope.
struct PublishStatus
{
    PublishState state = PublishState::Unknown;
    QString status; ///< TikTok's raw value
    QString failReason;
    qint64 uploadedBytes = -1; ///< -1 when absent
    qint64 downloadedBytes = -1;
    /// publicaly_available_post_id, each a 64-bit id kept exact as a decimal string.
    QStringList postIds;
};

/// How one file upload behaves.
struct UploadOptions
{
    QString contentType = QStringLiteral("video/mp4");
    /// (bytes confirmed or in flight, total bytes); called from the uploading thread.
    std::function<void(qint64, qint64)> onProgress;
    const std::atomic_bool *cancel = nullptr;
    /// Attempts for one chunk on 5xx or a dropped connection before giving up.
    int maxAttemptsPerChunk = 5;
    /// The first delay between attempts, doubled each time.
    int retryBaseDelayMs = 500;
    /// Resume from this byte (must be a chunk boundary of the plan).
    qint64 startOffset = 0;
    /// Called before every PUT (each attempt) with the chunk's range and whether it is the
    /// final one, on the uploading thread. The publisher commits "the final chunk may reach
    /// TikTok" here before the final chunk leaves. An exception thrown here stops the upload
    /// before that chunk is sent.
    std::function<void(qint64 offset, qint64 length, bool finalChunk)> beforeChunk;
    /// Called when the server confirmed every byte before @p confirmedBytes (after a 206 or a
    /// 416 resynchronisation): a checkpoint to resume from.
    std::function<void(qint64 confirmedBytes)> onConfirmed;
};

/// What an upload did.
struct UploadResult
{
    int finalStatus = 0; ///< 201 (or 200)
    int retries = 0; ///< chunks sent again after a 5xx or a dropped connection
    int resyncs = 0; ///< 416 answers followed
    int requests = 0;
};

/// Client behaviour not given by TikTok.
struct TikTokClientOptions
{
    /// The longest our own rate limiter may hold a call before it fails with
    /// local_rate_limit (RetryLater with retryAfterMs).
    qint64 maxRateLimitWaitMs = 65'000;
    /// How often a 429 from TikTok is waited out before the error is returned.
    int max429Retries = 3;
    /// The wait after a 429 without Retry-After, doubled each time.
    int rateLimitBackoffMs = 2'000;
    /// The longest single wait after a 429.
    qint64 maxRetryAfterMs = 65'000;
    /// Timeout of each JSON call.
    int callTimeoutMs = 60'000;
    /// How the client waits (rate limits, backoff); empty = really sleep, checking the cancel
    /// flag. Tests pass one that advances a fake clock.
    std::function<void(qint64)> sleeper;
};

/// TikTok's Login Kit (desktop) and Content Posting API over an HttpTransport. Calls block
/// (run them off the GUI thread) and throw ApiError; setCancelFlag() aborts any of them.
/// Tokens and the client secret are never logged.
class TikTokClient final
{
public:
    TikTokClient(TikTokConfig config, HttpTransport &transport, RateLimiter &limiter,
        const Clock &clock, TikTokClientOptions options = {});

    const TikTokConfig &config() const { return m_config; }
    /// A flag checked during every call (and every wait); null to clear.
    void setCancelFlag(const std::atomic_bool *cancel) { m_cancel = cancel; }

    // --- OAuth (tiktok-api.md §1)
    /// The authorization_code grant. @p code must already be URL-decoded (once).
    TokenSet exchangeCode(
        const QString &code, const QByteArray &codeVerifier, const QString &redirectUri);
    /// The refresh_token grant. The returned refresh token may differ from @p refreshToken
    /// and must then replace it (TokenKeeper does that before using it).
    TokenSet refreshTokens(const QByteArray &refreshToken);
    /// Revokes the access token (disconnect).
    void revoke(const QByteArray &accessToken);
    /// The connected user. username is asked for only with @p grantedScopes containing
    /// user.info.profile.
    UserInfo userInfo(const QByteArray &accessToken, const QStringList &grantedScopes);

    // --- Content Posting (tiktok-api.md §3)
    CreatorInfo creatorInfo(const QByteArray &accessToken);
    UploadInit initDirectPost(
        const QByteArray &accessToken, const DirectPostInfo &post, const ChunkPlan &plan);
    UploadInit initInboxUpload(const QByteArray &accessToken, const ChunkPlan &plan);
    /// Sends @p path to @p uploadUrl chunk by chunk as @p plan says, streamed from disk with
    /// Content-Range, Content-Type and Content-Length. A chunk is sent again on 5xx or a
    /// dropped connection; a 416 resynchronises from the server's Content-Range. Throws
    /// ApiError (upload_url_expired, upload_task_missing, cancelled, ...).
    UploadResult uploadFile(const QUrl &uploadUrl, const QString &path, const ChunkPlan &plan,
        const UploadOptions &options = {});
    PublishStatus fetchStatus(const QByteArray &accessToken, const QString &publishId);

    /// The Content-Type of a video file by its extension (mp4, mov, webm).
    static QString contentTypeFor(const QString &path);

private:
    QByteArray postForm(const QString &path, const QList<QPair<QString, QByteArray>> &fields);
    QByteArray callJson(const QByteArray &method, const QString &pathAndQuery,
        const QByteArray &accessToken, const QByteArray &jsonBody,
        std::optional<RateLimitedEndpoint> endpoint);
    void holdForRateLimit(const QByteArray &accessToken, RateLimitedEndpoint endpoint);
    void sleepMs(qint64 ms);
    UploadInit parseInit(const QByteArray &body);
    TokenSet parseTokens(const QByteArray &body);
    bool cancelled() const { return m_cancel && m_cancel->load(); }

    TikTokConfig m_config;
    HttpTransport &m_transport;
    RateLimiter &m_limiter;
    const Clock &m_clock;
    TikTokClientOptions m_options;
    const std::atomic_bool *m_cancel = nullptr;
};

} // namespace Cuepoint::Core
