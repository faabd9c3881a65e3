// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/tiktok/TikTokClient.h"

#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/Logging.h"
#include "cuepoint/core/tiktok/ApiError.h"
#include "cuepoint/core/tiktok/HttpTransport.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QThread>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace Cuepoint::Core {

namespace {

using nlohmann::json;

ApiError transportError(const HttpResponse &response)
{
    const auto make = [&response](const char *code) {
        return ApiError(QString::fromLatin1(code), response.failureText, {}, response.status);
    };
    switch (response.failure) {
    case HttpResponse::Failure::None:
        break;
    case HttpResponse::Failure::Refused:
        return make(ApiError::kInsecureUrl);
    case HttpResponse::Failure::Connect:
    case HttpResponse::Failure::Dropped:
        return make(ApiError::kNetworkError);
    case HttpResponse::Failure::Tls:
        return make(ApiError::kTlsError);
    case HttpResponse::Failure::Timeout:
        return make(ApiError::kTimeout);
    case HttpResponse::Failure::Cancelled:
        return make(ApiError::kCancelled);
    case HttpResponse::Failure::Local:
        return make(ApiError::kFileReadError);
    }
    return make(ApiError::kNetworkError);
}

json parseObject(const QByteArray &body)
{
    json doc = json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (!doc.is_object()) {
        throw ApiError(QString::fromLatin1(ApiError::kBadResponse),
            QStringLiteral("the answer is not a JSON object"));
    }
    return doc;
}

/// The "data" object of a v2 envelope (an empty object when absent).
json dataOf(const json &doc)
{
    const auto it = doc.find("data");
    return it != doc.end() && it->is_object() ? *it : json::object();
}

QString str(const json &o, const char *key)
{
    const auto it = o.find(key);
    if (it == o.end() || it->is_null()) {
        return {};
    }
    if (it->is_string()) {
        return QString::fromStdString(it->get<std::string>());
    }
    return QString::fromStdString(it->dump());
}

qint64 int64(const json &o, const char *key, qint64 fallback)
{
    const auto it = o.find(key);
    if (it == o.end()) {
        return fallback;
    }
    if (it->is_number_integer()) {
        return it->get<qint64>();
    }
    if (it->is_number()) {
        return static_cast<qint64>(it->get<double>());
    }
    if (it->is_string()) {
        bool ok = false;
        const qint64 v = QString::fromStdString(it->get<std::string>()).toLongLong(&ok);
        return ok ? v : fallback;
    }
    return fallback;
}

bool boolean(const json &o, const char *key)
{
    const auto it = o.find(key);
    return it != o.end() && it->is_boolean() && it->get<bool>();
}

QByteArray formEncode(const QList<QPair<QString, QByteArray>> &fields)
{
    QByteArray body;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty()) {
            body += '&';
        }
        // Every value is form-encoded: TikTok's tokens contain '!' and '.'.
        body += QUrl::toPercentEncoding(name) + '=' + value.toPercentEncoding();
    }
    return body;
}

/// Content-Range "bytes FIRST-LAST/TOTAL" (or "bytes */TOTAL"): the next byte expected, or
/// -1 when the header is missing or malformed.
qint64 nextByteFrom(const QByteArray &contentRange)
{
    static const QRegularExpression range(QStringLiteral(R"re(bytes\s+(\d+)-(\d+)/(\d+|\*))re"));
    static const QRegularExpression none(QStringLiteral(R"re(bytes\s+\*/\d+)re"));
    const QString value = QString::fromLatin1(contentRange);
    if (none.match(value).hasMatch()) {
        return 0;
    }
    const QRegularExpressionMatch m = range.match(value);
    if (!m.hasMatch()) {
        return -1;
    }
    return m.captured(2).toLongLong() + 1;
}

json sourceInfo(const ChunkPlan &plan)
{
    if (plan.videoSize > ChunkPlan::kMaxVideoSize) {
        throw ApiError(QString::fromLatin1(ApiError::kVideoTooLarge),
            QStringLiteral("%1 bytes; TikTok accepts at most 4 GB").arg(plan.videoSize));
    }
    return {
        { "source", "FILE_UPLOAD" },
        { "video_size", plan.videoSize },
        { "chunk_size", plan.chunkSize },
        { "total_chunk_count", plan.totalChunkCount },
    };
}

PublishState stateFor(const QString &status)
{
    if (status == QLatin1String("PROCESSING_UPLOAD")) {
        return PublishState::ProcessingUpload;
    }
    if (status == QLatin1String("PROCESSING_DOWNLOAD")) {
        return PublishState::ProcessingDownload;
    }
    if (status == QLatin1String("SEND_TO_USER_INBOX")) {
        return PublishState::SendToUserInbox;
    }
    if (status == QLatin1String("PUBLISH_COMPLETE")) {
        return PublishState::PublishComplete;
    }
    if (status == QLatin1String("FAILED")) {
        return PublishState::Failed;
    }
    return PublishState::Unknown;
}

} // namespace

TikTokClient::TikTokClient(TikTokConfig config, HttpTransport &transport, RateLimiter &limiter,
    const Clock &clock, TikTokClientOptions options)
    : m_config(std::move(config))
    , m_transport(transport)
    , m_limiter(limiter)
    , m_clock(clock)
    , m_options(std::move(options))
{
}

void TikTokClient::sleepMs(qint64 ms)
{
    if (ms <= 0) {
        return;
    }
    if (m_options.sleeper) {
        m_options.sleeper(ms);
        return;
    }
    // Sleep in slices so that a cancel is noticed within 50 ms.
    const qint64 end = QDateTime::currentMSecsSinceEpoch() + ms;
    for (qint64 left = ms; left > 0; left = end - QDateTime::currentMSecsSinceEpoch()) {
        if (cancelled()) {
            throw ApiError(QString::fromLatin1(ApiError::kCancelled), QStringLiteral("cancelled"));
        }
        QThread::msleep(static_cast<unsigned long>(std::min<qint64>(left, 50)));
    }
}

void TikTokClient::holdForRateLimit(const QByteArray &accessToken, RateLimitedEndpoint endpoint)
{
    qint64 waited = 0;
    for (;;) {
        const qint64 wait = m_limiter.tryAcquire(accessToken, endpoint);
        if (wait <= 0) {
            return;
        }
        if (waited + wait > m_options.maxRateLimitWaitMs) {
            ApiError error(QString::fromLatin1(ApiError::kLocalRateLimit),
                QStringLiteral("%1 calls per minute allowed").arg(RateLimiter::limitFor(endpoint)));
            error.setRetryAfterMs(wait);
            throw error;
        }
        qCDebug(lcTikTok) << "holding a call for" << wait << "ms (rate limit)";
        sleepMs(wait);
        waited += wait;
    }
}

QByteArray TikTokClient::postForm(
    const QString &path, const QList<QPair<QString, QByteArray>> &fields)
{
    HttpRequest request;
    request.method = "POST";
    request.url = m_config.endpoint(path);
    request.headers = { { "Content-Type", "application/x-www-form-urlencoded" },
        { "Cache-Control", "no-cache" } };
    request.body = formEncode(fields);
    request.cancel = m_cancel;
    request.totalTimeoutMs = m_options.callTimeoutMs;
    const HttpResponse response = m_transport.send(request);
    if (!response.ok()) {
        throw transportError(response);
    }
    // OAuth errors are flat and may come with HTTP 200: the body decides.
    if (auto error = errorFromResponse(response.status, response.body)) {
        qCInfo(lcTikTok).noquote() << "POST" << path << "failed:" << error->describe();
        throw *error;
    }
    return response.body;
}

QByteArray TikTokClient::callJson(const QByteArray &method, const QString &pathAndQuery,
    const QByteArray &accessToken, const QByteArray &jsonBody,
    std::optional<RateLimitedEndpoint> endpoint)
{
    for (int attempt = 0;; ++attempt) {
        if (endpoint) {
            holdForRateLimit(accessToken, *endpoint);
        }
        HttpRequest request;
        request.method = method;
        request.url = m_config.endpoint(pathAndQuery);
        request.headers = { { "Authorization", "Bearer " + accessToken },
            { "Content-Type", "application/json; charset=UTF-8" } };
        request.body = jsonBody;
        request.cancel = m_cancel;
        request.totalTimeoutMs = m_options.callTimeoutMs;
        const HttpResponse response = m_transport.send(request);
        if (!response.ok()) {
            throw transportError(response);
        }
        std::optional<ApiError> error = errorFromResponse(response.status, response.body);
        if (!error) {
            return response.body;
        }
        const QString path = pathAndQuery.section(QLatin1Char('?'), 0, 0);
        qCInfo(lcTikTok).noquote() << method << path << "failed:" << error->describe();
        const bool limited =
            response.status == 429 || error->code() == QLatin1String("rate_limit_exceeded");
        if (limited) {
            // Retry-After in seconds when TikTok sends it, else exponential backoff.
            bool ok = false;
            const qint64 retryAfter = response.header("Retry-After").trimmed().toLongLong(&ok);
            qint64 wait = ok ? retryAfter * 1000
                             : static_cast<qint64>(m_options.rateLimitBackoffMs) << attempt;
            wait = std::clamp<qint64>(wait, 0, m_options.maxRetryAfterMs);
            error->setRetryAfterMs(wait);
            if (attempt < m_options.max429Retries) {
                sleepMs(wait);
                continue;
            }
        }
        throw *error;
    }
}

TokenSet TikTokClient::parseTokens(const QByteArray &body)
{
    json doc = parseObject(body);
    // The v2 token answer is flat; accept a "data" wrapper too (older v1 shape).
    if (!doc.contains("access_token") && dataOf(doc).contains("access_token")) {
        doc = dataOf(doc);
    }
    TokenSet tokens;
    tokens.accessToken = str(doc, "access_token").toUtf8();
    tokens.refreshToken = str(doc, "refresh_token").toUtf8();
    tokens.openId = str(doc, "open_id");
    tokens.scopes = str(doc, "scope").split(QLatin1Char(','), Qt::SkipEmptyParts);
    tokens.tokenType = str(doc, "token_type");
    const QDateTime now = m_clock.nowUtc();
    tokens.accessExpiresAt = now.addSecs(int64(doc, "expires_in", 86'400));
    tokens.refreshExpiresAt = now.addSecs(int64(doc, "refresh_expires_in", 31'536'000));
    if (tokens.accessToken.isEmpty() || tokens.refreshToken.isEmpty()) {
        throw ApiError(QString::fromLatin1(ApiError::kBadResponse),
            QStringLiteral("the token answer has no access or refresh token"));
    }
    return tokens;
}

TokenSet TikTokClient::exchangeCode(
    const QString &code, const QByteArray &codeVerifier, const QString &redirectUri)
{
    if (!m_config.hasClientKey() || m_config.clientSecret.isEmpty()) {
        throw ApiError(QString::fromLatin1(ApiError::kNotConfigured),
            QStringLiteral("the client key or secret is missing"));
    }
    return parseTokens(postForm(QStringLiteral("/v2/oauth/token/"),
        {
            { QStringLiteral("client_key"), m_config.clientKey.toUtf8() },
            { QStringLiteral("client_secret"), m_config.clientSecret },
            { QStringLiteral("code"), code.toUtf8() },
            { QStringLiteral("grant_type"), "authorization_code" },
            { QStringLiteral("redirect_uri"), redirectUri.toUtf8() },
            { QStringLiteral("code_verifier"), codeVerifier },
        }));
}

TokenSet TikTokClient::refreshTokens(const QByteArray &refreshToken)
{
    if (!m_config.hasClientKey() || m_config.clientSecret.isEmpty()) {
        throw ApiError(QString::fromLatin1(ApiError::kNotConfigured),
            QStringLiteral("the client key or secret is missing"));
    }
    return parseTokens(postForm(QStringLiteral("/v2/oauth/token/"),
        {
            { QStringLiteral("client_key"), m_config.clientKey.toUtf8() },
            { QStringLiteral("client_secret"), m_config.clientSecret },
            { QStringLiteral("grant_type"), "refresh_token" },
            { QStringLiteral("refresh_token"), refreshToken },
        }));
}

void TikTokClient::revoke(const QByteArray &accessToken)
{
    postForm(QStringLiteral("/v2/oauth/revoke/"),
        {
            { QStringLiteral("client_key"), m_config.clientKey.toUtf8() },
            { QStringLiteral("client_secret"), m_config.clientSecret },
            { QStringLiteral("token"), accessToken },
        });
}

UserInfo TikTokClient::userInfo(const QByteArray &accessToken, const QStringList &grantedScopes)
{
    bool withUsername = grantedScopes.contains(QStringLiteral("user.info.profile"));
    for (;;) {
        const QString fields = withUsername
            ? QStringLiteral("open_id,union_id,avatar_url,display_name,username")
            : QStringLiteral("open_id,union_id,avatar_url,display_name");
        QByteArray body;
        try {
            body = callJson("GET", QStringLiteral("/v2/user/info/?fields=") + fields, accessToken,
                {}, RateLimitedEndpoint::UserInfo);
        } catch (const ApiError &e) {
            // Asking for username may be refused instead of silently ignored (UNCONFIRMED):
            // ask again without it.
            if (withUsername && e.code() == QLatin1String("scope_not_authorized")) {
                withUsername = false;
                continue;
            }
            throw;
        }
        const json doc = parseObject(body);
        const json data = dataOf(doc);
        const auto userIt = data.find("user");
        const json user = userIt != data.end() && userIt->is_object() ? *userIt : json::object();
        UserInfo info;
        info.openId = str(user, "open_id");
        info.unionId = str(user, "union_id");
        info.displayName = str(user, "display_name");
        info.avatarUrl = str(user, "avatar_url");
        info.username = str(user, "username");
        return info;
    }
}

CreatorInfo TikTokClient::creatorInfo(const QByteArray &accessToken)
{
    const json data =
        dataOf(parseObject(callJson("POST", QStringLiteral("/v2/post/publish/creator_info/query/"),
            accessToken, {}, RateLimitedEndpoint::CreatorInfo)));
    CreatorInfo info;
    info.avatarUrl = str(data, "creator_avatar_url");
    info.username = str(data, "creator_username");
    info.nickname = str(data, "creator_nickname");
    const auto options = data.find("privacy_level_options");
    if (options != data.end() && options->is_array()) {
        for (const json &option : *options) {
            if (option.is_string()) {
                info.privacyLevelOptions << QString::fromStdString(option.get<std::string>());
            }
        }
    }
    info.commentDisabled = boolean(data, "comment_disabled");
    info.duetDisabled = boolean(data, "duet_disabled");
    info.stitchDisabled = boolean(data, "stitch_disabled");
    info.maxVideoPostDurationSec = static_cast<int>(int64(data, "max_video_post_duration_sec", 0));
    return info;
}

UploadInit TikTokClient::parseInit(const QByteArray &body)
{
    const json data = dataOf(parseObject(body));
    UploadInit init { str(data, "publish_id"), QUrl(str(data, "upload_url")) };
    if (init.publishId.isEmpty()) {
        throw ApiError(QString::fromLatin1(ApiError::kBadResponse),
            QStringLiteral("the init answer has no publish_id"));
    }
    return init;
}

UploadInit TikTokClient::initDirectPost(
    const QByteArray &accessToken, const DirectPostInfo &post, const ChunkPlan &plan)
{
    json postInfo = {
        { "privacy_level", post.privacyLevel.toStdString() },
        { "disable_duet", post.disableDuet },
        { "disable_stitch", post.disableStitch },
        { "disable_comment", post.disableComment },
        { "brand_content_toggle", post.brandContentToggle },
        { "brand_organic_toggle", post.brandOrganicToggle },
        { "is_aigc", post.isAigc },
    };
    if (!post.title.isEmpty()) {
        postInfo["title"] = post.title.toStdString();
    }
    if (post.coverTimestampMs) {
        postInfo["video_cover_timestamp_ms"] = *post.coverTimestampMs;
    }
    const json body = { { "post_info", postInfo }, { "source_info", sourceInfo(plan) } };
    return parseInit(callJson("POST", QStringLiteral("/v2/post/publish/video/init/"), accessToken,
        QByteArray::fromStdString(body.dump()), RateLimitedEndpoint::VideoInit));
}

UploadInit TikTokClient::initInboxUpload(const QByteArray &accessToken, const ChunkPlan &plan)
{
    // The inbox endpoint documents only source_info: no post_info is sent.
    const json body = { { "source_info", sourceInfo(plan) } };
    return parseInit(callJson("POST", QStringLiteral("/v2/post/publish/inbox/video/init/"),
        accessToken, QByteArray::fromStdString(body.dump()), RateLimitedEndpoint::InboxInit));
}

PublishStatus TikTokClient::fetchStatus(const QByteArray &accessToken, const QString &publishId)
{
    const json body = { { "publish_id", publishId.toStdString() } };
    const json data = dataOf(
        parseObject(callJson("POST", QStringLiteral("/v2/post/publish/status/fetch/"), accessToken,
            QByteArray::fromStdString(body.dump()), RateLimitedEndpoint::StatusFetch)));
    PublishStatus status;
    status.status = str(data, "status");
    status.state = stateFor(status.status);
    status.failReason = str(data, "fail_reason");
    status.uploadedBytes = int64(data, "uploaded_bytes", -1);
    status.downloadedBytes = int64(data, "downloaded_bytes", -1);
    // TikTok's spelling first; the correct spelling too, in case it is ever fixed.
    for (const char *key : { "publicaly_available_post_id", "publicly_available_post_id" }) {
        const auto ids = data.find(key);
        if (ids == data.end() || !ids->is_array()) {
            continue;
        }
        for (const json &id : *ids) {
            // nlohmann keeps integers as int64/uint64, so dump() is exact (no double).
            status.postIds << (id.is_string() ? QString::fromStdString(id.get<std::string>())
                                              : QString::fromStdString(id.dump()));
        }
        break;
    }
    return status;
}

QString TikTokClient::contentTypeFor(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("mov") || suffix == QLatin1String("qt")) {
        return QStringLiteral("video/quicktime");
    }
    if (suffix == QLatin1String("webm")) {
        return QStringLiteral("video/webm");
    }
    return QStringLiteral("video/mp4");
}

UploadResult TikTokClient::uploadFile(
    const QUrl &uploadUrl, const QString &path, const ChunkPlan &plan, const UploadOptions &options)
{
    const QFileInfo info(path);
    if (!info.isFile() || info.size() != plan.videoSize) {
        throw ApiError(QString::fromLatin1(ApiError::kFileReadError),
            QStringLiteral("%1 is missing or no longer %2 bytes").arg(path).arg(plan.videoSize));
    }
    qint64 index = plan.chunkStartingAt(options.startOffset);
    if (index < 0) {
        throw ApiError(QString::fromLatin1(ApiError::kUploadRejected),
            QStringLiteral("byte %1 is not the start of a chunk").arg(options.startOffset));
    }
    const std::atomic_bool *cancel = options.cancel ? options.cancel : m_cancel;
    const auto isCancelled = [cancel] { return cancel && cancel->load(); };
    UploadResult result;
    int attempts = 0;
    while (index < plan.totalChunkCount) {
        if (isCancelled()) {
            throw ApiError(QString::fromLatin1(ApiError::kCancelled), QStringLiteral("cancelled"));
        }
        const ChunkPlan::Range range = plan.chunk(index);
        FileRangeSource source(path, range.offset, range.length);
        if (!source.isOpen()) {
            throw ApiError(QString::fromLatin1(ApiError::kFileReadError), source.errorString());
        }
        HttpRequest request;
        request.method = "PUT";
        request.url = uploadUrl;
        request.headers = {
            { "Content-Type", options.contentType.toLatin1() },
            { "Content-Range",
                QStringLiteral("bytes %1-%2/%3")
                    .arg(range.offset)
                    .arg(range.last())
                    .arg(plan.videoSize)
                    .toLatin1() },
        };
        request.source = &source;
        request.cancel = cancel;
        if (options.onProgress) {
            request.onProgress = [&options, &range, &plan](qint64 sent, qint64) {
                options.onProgress(range.offset + sent, plan.videoSize);
            };
        }
        if (options.beforeChunk) {
            options.beforeChunk(range.offset, range.length, index == plan.totalChunkCount - 1);
        }
        ++attempts;
        ++result.requests;
        const HttpResponse response = m_transport.send(request);
        const auto retryOrThrow = [&](const ApiError &error) {
            if (attempts >= options.maxAttemptsPerChunk) {
                throw error;
            }
            ++result.retries;
            qCInfo(lcTikTok).noquote() << "chunk" << index + 1 << "of" << plan.totalChunkCount
                                       << "failed, sending it again:" << error.describe();
            const qint64 delay = static_cast<qint64>(options.retryBaseDelayMs) << (attempts - 1);
            sleepMs(std::min<qint64>(delay, 30'000));
        };
        if (!response.ok()) {
            if (response.failure == HttpResponse::Failure::Cancelled || isCancelled()) {
                throw ApiError(
                    QString::fromLatin1(ApiError::kCancelled), QStringLiteral("cancelled"));
            }
            const ApiError error = transportError(response);
            if (response.failure == HttpResponse::Failure::Dropped
                || response.failure == HttpResponse::Failure::Timeout
                || response.failure == HttpResponse::Failure::Connect) {
                retryOrThrow(error);
                continue;
            }
            throw error;
        }
        const int status = response.status;
        if (status == 201 || status == 200) {
            result.finalStatus = status;
            if (options.onProgress) {
                options.onProgress(plan.videoSize, plan.videoSize);
            }
            return result;
        }
        if (status == 206 || status == 416) {
            const qint64 next = nextByteFrom(response.header("Content-Range"));
            if (status == 416) {
                ++result.resyncs;
                qCInfo(lcTikTok) << "upload out of step; the server has" << next << "bytes";
            }
            if (next < 0) {
                throw ApiError(QString::fromLatin1(ApiError::kUploadRejected),
                    QStringLiteral("HTTP %1 without a usable Content-Range").arg(status), {},
                    status);
            }
            if (next >= plan.videoSize) {
                // Everything arrived (the 201 of an earlier attempt was lost).
                result.finalStatus = status;
                return result;
            }
            const qint64 nextIndex = plan.chunkStartingAt(next);
            if (nextIndex < 0) {
                throw ApiError(QString::fromLatin1(ApiError::kUploadRejected),
                    QStringLiteral("the server holds %1 bytes, not a chunk boundary").arg(next), {},
                    status);
            }
            index = nextIndex;
            attempts = 0;
            if (options.onConfirmed) {
                options.onConfirmed(next);
            }
            if (options.onProgress) {
                options.onProgress(next, plan.videoSize);
            }
            continue;
        }
        if (status >= 500) {
            retryOrThrow(ApiError(QStringLiteral("http_%1").arg(status),
                QString::fromUtf8(response.body.left(200)), {}, status));
            continue;
        }
        const QString message = QString::fromUtf8(response.body.left(300)).simplified();
        if (status == 403) {
            throw ApiError(QString::fromLatin1(ApiError::kUploadExpired), message, {}, status);
        }
        if (status == 404) {
            throw ApiError(QString::fromLatin1(ApiError::kUploadTaskMissing), message, {}, status);
        }
        throw ApiError(QString::fromLatin1(ApiError::kUploadRejected),
            QStringLiteral("HTTP %1: %2").arg(status).arg(message), {}, status);
    }
    throw ApiError(QString::fromLatin1(ApiError::kUploadRejected),
        QStringLiteral("every chunk was sent but the server never confirmed the upload"));
}

} // namespace Cuepoint::Core
