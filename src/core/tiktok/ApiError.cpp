// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/tiktok/ApiError.h"

#include <nlohmann/json.hpp>

namespace Cuepoint::Core {

namespace {

using Cat = ErrorCategory;

struct CodeInfo
{
    const char *code;
    Cat category;
    const char *sentence;
};

// Every code of tiktok-api.md §1.8 (OAuth), §3.1–3.7 and §4.1, plus our transport codes.
constexpr CodeInfo kCodes[] = {
    // OAuth (flat errors)
    { "access_denied", Cat::UserAction,
        "TikTok access was not granted. Connect the account again and allow access." },
    { "invalid_client", Cat::UserAction,
        "TikTok did not accept the app's client key or secret. Check them in Settings." },
    { "invalid_grant", Cat::UserAction,
        "TikTok no longer accepts this sign-in (expired or revoked). Reconnect the account." },
    { "invalid_request", Cat::NeverRetry,
        "TikTok refused the sign-in request as malformed. This is a bug in Cuepoint." },
    { "invalid_scope", Cat::UserAction,
        "The TikTok app is not approved for the permissions Cuepoint asks for. Enable them in "
        "the TikTok developer portal." },
    { "unauthorized_client", Cat::UserAction,
        "This TikTok app may not use this sign-in method. Check its Login Kit settings in the "
        "TikTok developer portal." },
    { "unsupported_grant_type", Cat::NeverRetry,
        "TikTok refused the sign-in request type. This is a bug in Cuepoint." },
    { "unsupported_response_type", Cat::NeverRetry,
        "TikTok refused the sign-in request type. This is a bug in Cuepoint." },
    { "server_error", Cat::RetryLater, "TikTok's sign-in service failed. Try again later." },
    { "temporarily_unavailable", Cat::RetryLater,
        "TikTok's sign-in service is busy. Try again in a few minutes." },
    // v2 envelope codes
    { "invalid_param", Cat::NeverRetry,
        "TikTok refused the request's parameters. This is a bug in Cuepoint." },
    { "invalid_params", Cat::NeverRetry,
        "TikTok refused the request's parameters. This is a bug in Cuepoint." },
    { "invalid_file_upload", Cat::NeverRetry,
        "TikTok refused the uploaded file. Check the video file and post it again." },
    { "access_token_invalid", Cat::RefreshThenRetry,
        "The TikTok sign-in expired; Cuepoint renews it and tries again." },
    { "scope_not_authorized", Cat::UserAction,
        "The account did not grant Cuepoint permission to post. Reconnect the account and "
        "allow posting." },
    { "scope_permission_missed", Cat::UserAction,
        "The account did not grant a permission this action needs. Reconnect the account and "
        "allow every permission." },
    { "rate_limit_exceeded", Cat::RetryLater,
        "TikTok asked Cuepoint to slow down. It will try again shortly." },
    { "spam_risk_too_many_posts", Cat::RetryLater,
        "This account reached TikTok's daily limit of posts through apps. Try again tomorrow, "
        "or post from the TikTok app." },
    { "spam_risk_user_banned_from_posting", Cat::NeverRetry,
        "TikTok does not allow this account to post new content." },
    { "spam_risk_too_many_pending_share", Cat::UserAction,
        "Five drafts are already waiting in this account's TikTok inbox. Post or delete them "
        "in the TikTok app, then try again." },
    { "reached_active_user_cap", Cat::RetryLater,
        "This TikTok app reached its daily limit of posting accounts. Try again tomorrow." },
    { "unaudited_client_can_only_post_to_private_accounts", Cat::UserAction,
        "This TikTok app is not yet audited, so it can only post to private accounts. Make the "
        "TikTok account private in the TikTok app, then post again." },
    { "url_ownership_unverified", Cat::UserAction,
        "The video's web address is not verified for this TikTok app. Verify the domain in the "
        "TikTok developer portal." },
    { "privacy_level_option_mismatch", Cat::UserAction,
        "The chosen privacy is not offered for this account any more. Choose the privacy "
        "again." },
    { "invalid_publish_id", Cat::NeverRetry, "TikTok does not know this post." },
    { "token_not_authorized_for_specified_publish_id", Cat::NeverRetry,
        "This post belongs to another TikTok account or app." },
    { "publish_not_cancellable", Cat::NeverRetry, "TikTok cannot cancel this post any more." },
    { "internal_error", Cat::RetryLater, "TikTok had an internal error. Try again later." },
    { "app_version_check_failed", Cat::UserAction,
        "The TikTok app on the phone is too old for drafts. Update the TikTok app." },
    // Our own codes
    { ApiError::kNetworkError, Cat::RetryLater,
        "Cannot reach TikTok. Check the internet connection; Cuepoint will try again." },
    { ApiError::kTimeout, Cat::RetryLater,
        "TikTok did not answer in time. Cuepoint will try again." },
    { ApiError::kTlsError, Cat::NeverRetry,
        "The secure connection to TikTok could not be verified, so nothing was sent. Check the "
        "computer's date and network (a proxy may be intercepting the connection)." },
    { ApiError::kCancelled, Cat::NeverRetry, "Cancelled." },
    { ApiError::kInsecureUrl, Cat::NeverRetry,
        "The TikTok address in the settings is not secure (https). Fix it in Settings." },
    { ApiError::kBadResponse, Cat::RetryLater,
        "TikTok sent an answer Cuepoint cannot read. Try again later." },
    { ApiError::kStateMismatch, Cat::NeverRetry,
        "The sign-in answer did not belong to this attempt, so it was refused. Connect "
        "again." },
    { ApiError::kAuthTimeout, Cat::UserAction,
        "No answer came from the browser in time. Connect again and finish the sign-in in the "
        "browser." },
    { ApiError::kLocalRateLimit, Cat::RetryLater,
        "TikTok allows only a few of these calls per minute. Cuepoint will try again shortly." },
    { ApiError::kUploadExpired, Cat::RetryLater,
        "TikTok's upload address expired before the video was sent. Cuepoint must start the "
        "upload again." },
    { ApiError::kUploadTaskMissing, Cat::RetryLater,
        "TikTok no longer knows this upload. Cuepoint must start the upload again." },
    { ApiError::kUploadRejected, Cat::NeverRetry,
        "TikTok refused the uploaded data. This is a bug in Cuepoint." },
    { ApiError::kVideoTooLarge, Cat::UserAction,
        "The video is larger than TikTok's 4 GB limit. Export it smaller and post again." },
    { ApiError::kFileReadError, Cat::UserAction,
        "Cannot read the video file. Check that it still exists and is readable." },
    { ApiError::kTokenStoreError, Cat::UserAction,
        "Cuepoint cannot read or save the TikTok sign-in in the keychain. Check the keychain "
        "(or the token file) and try again." },
    { ApiError::kNotConfigured, Cat::UserAction,
        "No TikTok app is configured. Enter the client key and secret in Settings "
        "(see docs/TIKTOK-SETUP.md)." },
};

// The OAuth and envelope codes TikTok documents (not our own ones).
constexpr int kDocumentedCount = 29;

struct FailInfo
{
    const char *reason;
    Cat category;
    const char *sentence;
};

constexpr FailInfo kFailReasons[] = {
    { "file_format_check_failed", Cat::UserAction,
        "TikTok could not read the video format. Export it as an H.264 MP4 and post again." },
    { "duration_check_failed", Cat::UserAction,
        "The video is too long or too short for this account. Trim it and post again." },
    { "frame_rate_check_failed", Cat::UserAction,
        "TikTok accepts 23 to 60 frames per second. Export the video at another frame rate." },
    { "picture_size_check_failed", Cat::UserAction,
        "TikTok accepts 360 to 4096 pixels on each side. Resize the video and post again." },
    { "internal", Cat::RetryLater, "TikTok had an internal problem. Cuepoint will try again." },
    { "video_pull_failed", Cat::RetryLater, "TikTok could not download the video. Try again." },
    { "photo_pull_failed", Cat::RetryLater, "TikTok could not download the photos. Try again." },
    { "publish_cancelled", Cat::NeverRetry, "The post was cancelled." },
    { "auth_removed", Cat::NeverRetry,
        "The account removed Cuepoint's access while the post was processing. Reconnect the "
        "account to post again." },
    { "spam_risk_too_many_posts", Cat::NeverRetry,
        "This account reached TikTok's daily limit of posts through apps; post it from the "
        "TikTok app instead." },
    { "spam_risk_user_banned_from_posting", Cat::NeverRetry,
        "TikTok does not allow this account to post new content." },
    { "spam_risk_text", Cat::UserAction,
        "TikTok judged the caption as spam. Change the caption and post again." },
    { "spam_risk", Cat::NeverRetry, "TikTok judged this post as risky and refused it." },
};

const CodeInfo *findCode(const QString &code)
{
    for (const CodeInfo &info : kCodes) {
        if (code == QLatin1String(info.code)) {
            return &info;
        }
    }
    return nullptr;
}

QString jsonString(const nlohmann::json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) {
        return {};
    }
    return QString::fromStdString(it->get<std::string>());
}

} // namespace

QString toString(ErrorCategory category)
{
    switch (category) {
    case ErrorCategory::RetryLater:
        return QStringLiteral("retry_later");
    case ErrorCategory::RefreshThenRetry:
        return QStringLiteral("refresh_then_retry");
    case ErrorCategory::UserAction:
        return QStringLiteral("user_action");
    case ErrorCategory::NeverRetry:
        return QStringLiteral("never_retry");
    }
    return {};
}

ApiError::ApiError(QString code, QString message, QString logId, int httpStatus)
    : std::runtime_error(QStringLiteral("TikTok error %1: %2").arg(code, message).toStdString())
    , m_code(std::move(code))
    , m_message(std::move(message))
    , m_logId(std::move(logId))
    , m_httpStatus(httpStatus)
    , m_category(categoryForCode(m_code, httpStatus))
{
}

QString ApiError::userMessage() const
{
    const QString sentence = sentenceForCode(m_code);
    if (!sentence.isEmpty()) {
        return sentence;
    }
    switch (m_category) {
    case ErrorCategory::RetryLater:
        return QStringLiteral("TikTok is not available right now (%1). Cuepoint will try again.")
            .arg(m_code);
    case ErrorCategory::RefreshThenRetry:
        return QStringLiteral("The TikTok sign-in must be renewed.");
    case ErrorCategory::UserAction:
    case ErrorCategory::NeverRetry:
        break;
    }
    return QStringLiteral("TikTok refused the request (%1): %2").arg(m_code, m_message);
}

QString ApiError::describe() const
{
    return QStringLiteral("%1 (HTTP %2, log_id %3, %4): %5")
        .arg(m_code, QString::number(m_httpStatus),
            m_logId.isEmpty() ? QStringLiteral("-") : m_logId, toString(m_category), m_message);
}

ErrorCategory categoryForCode(const QString &code, int httpStatus)
{
    if (const CodeInfo *info = findCode(code)) {
        return info->category;
    }
    if (httpStatus == 429 || httpStatus >= 500) {
        return ErrorCategory::RetryLater;
    }
    if (httpStatus == 401) {
        return ErrorCategory::RefreshThenRetry;
    }
    return ErrorCategory::NeverRetry;
}

QString sentenceForCode(const QString &code)
{
    const CodeInfo *info = findCode(code);
    return info ? QString::fromUtf8(info->sentence) : QString();
}

ErrorCategory categoryForFailReason(const QString &failReason)
{
    for (const FailInfo &info : kFailReasons) {
        if (failReason == QLatin1String(info.reason)) {
            return info.category;
        }
    }
    // Undocumented reasons: not known to be transient, so do not retry blindly.
    return ErrorCategory::NeverRetry;
}

QString sentenceForFailReason(const QString &failReason)
{
    for (const FailInfo &info : kFailReasons) {
        if (failReason == QLatin1String(info.reason)) {
            return QString::fromUtf8(info.sentence);
        }
    }
    return QStringLiteral("TikTok could not publish the post (%1).").arg(failReason);
}

QStringList documentedErrorCodes()
{
    QStringList codes;
    for (int i = 0; i < kDocumentedCount; ++i) {
        codes << QString::fromLatin1(kCodes[i].code);
    }
    return codes;
}

QStringList documentedFailReasons()
{
    QStringList reasons;
    for (const FailInfo &info : kFailReasons) {
        reasons << QString::fromLatin1(info.reason);
    }
    return reasons;
}

std::optional<ApiError> errorFromResponse(int httpStatus, const QByteArray &body)
{
    const nlohmann::json doc =
        nlohmann::json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (doc.is_object()) {
        const auto it = doc.find("error");
        if (it != doc.end() && it->is_object()) {
            // v2 envelope: error.code decides, whatever the HTTP status.
            const QString code = jsonString(*it, "code");
            if (code == QLatin1String("ok")) {
                return std::nullopt;
            }
            if (!code.isEmpty() || httpStatus >= 300) {
                return ApiError(code.isEmpty() ? QStringLiteral("http_%1").arg(httpStatus) : code,
                    jsonString(*it, "message"), jsonString(*it, "log_id"), httpStatus);
            }
        } else if (it != doc.end() && it->is_string() && !it->get<std::string>().empty()) {
            // Flat OAuth error (often with HTTP 200).
            return ApiError(QString::fromStdString(it->get<std::string>()),
                jsonString(doc, "error_description"), jsonString(doc, "log_id"), httpStatus);
        }
        if (httpStatus >= 300) {
            return ApiError(QStringLiteral("http_%1").arg(httpStatus), jsonString(doc, "message"),
                jsonString(doc, "log_id"), httpStatus);
        }
        return std::nullopt;
    }
    if (httpStatus >= 300) {
        return ApiError(QStringLiteral("http_%1").arg(httpStatus),
            QString::fromUtf8(body.left(200)).simplified(), {}, httpStatus);
    }
    if (httpStatus == 0) {
        return ApiError(
            QString::fromLatin1(ApiError::kNetworkError), QStringLiteral("no response"));
    }
    return std::nullopt;
}

} // namespace Cuepoint::Core
