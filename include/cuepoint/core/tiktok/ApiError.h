// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <stdexcept>

namespace Cuepoint::Core {

/// What the caller should do about a failed TikTok call (or a failed post).
enum class ErrorCategory {
    RetryLater, ///< transient: wait (see ApiError::retryAfterMs) and try the same call again
    RefreshThenRetry, ///< the access token is no longer accepted: refresh it, then retry once
    UserAction, ///< only the user can fix it; ApiError::userMessage() says how
    NeverRetry, ///< the request itself is wrong or refused for good: retrying cannot help
};

/// "retry_later", "refresh_then_retry", "user_action", "never_retry".
QString toString(ErrorCategory category);

/// A failed TikTok call. The response body decides, not the HTTP status: an error.code other
/// than "ok" is a failure even with HTTP 200, and OAuth errors come flat
/// (`{"error","error_description","log_id"}`). Transport failures use the codes below.
class ApiError : public std::runtime_error
{
public:
    /// Codes of our own for failures TikTok never sent a body for.
    static constexpr const char *kNetworkError = "network_error"; ///< no connection, dropped
    static constexpr const char *kTimeout = "timeout"; ///< connect timeout or stalled transfer
    static constexpr const char *kTlsError = "tls_error"; ///< certificate or handshake refused
    static constexpr const char *kCancelled = "cancelled"; ///< the caller cancelled
    static constexpr const char *kInsecureUrl = "insecure_url"; ///< plain http off loopback
    static constexpr const char *kBadResponse = "bad_response"; ///< unparseable body
    static constexpr const char *kStateMismatch = "state_mismatch"; ///< OAuth CSRF check
    static constexpr const char *kAuthTimeout = "authorization_timeout"; ///< no redirect came
    static constexpr const char *kLocalRateLimit = "local_rate_limit"; ///< held on our side
    static constexpr const char *kUploadExpired = "upload_url_expired"; ///< PUT answered 403
    static constexpr const char *kUploadTaskMissing = "upload_task_missing"; ///< PUT gave 404
    static constexpr const char *kUploadRejected = "upload_rejected"; ///< PUT gave another 4xx
    static constexpr const char *kVideoTooLarge = "video_too_large"; ///< above 4 GB
    static constexpr const char *kFileReadError = "file_read_error"; ///< the video is unreadable
    static constexpr const char *kTokenStoreError = "token_store_error"; ///< cannot keep tokens
    static constexpr const char *kNotConfigured = "not_configured"; ///< no client key/secret

    ApiError(QString code, QString message, QString logId = {}, int httpStatus = 0);

    QString code() const { return m_code; }
    /// TikTok's own message (error.message or error_description), for logs and diagnostics.
    QString message() const { return m_message; }
    QString logId() const { return m_logId; }
    /// The HTTP status, 0 when no response arrived.
    int httpStatus() const { return m_httpStatus; }
    ErrorCategory category() const { return m_category; }
    /// A plain sentence for the user (what happened and, for UserAction, what to do).
    QString userMessage() const;
    /// How long to wait before retrying (RetryLater), from Retry-After or our rate limiter;
    /// 0 when unknown.
    qint64 retryAfterMs() const { return m_retryAfterMs; }
    void setRetryAfterMs(qint64 ms) { m_retryAfterMs = ms; }
    /// Overrides the category derived from the code (used for fail_reason mapping).
    void setCategory(ErrorCategory category) { m_category = category; }

    /// One line for logs: code, HTTP status, log_id and message (never a token).
    QString describe() const;

private:
    QString m_code;
    QString m_message;
    QString m_logId;
    int m_httpStatus = 0;
    ErrorCategory m_category = ErrorCategory::NeverRetry;
    qint64 m_retryAfterMs = 0;
};

/// The category of an error.code (or OAuth `error`) value as TikTok documents it; unknown
/// codes are decided by @p httpStatus (5xx and 429 retry later, others never retry).
ErrorCategory categoryForCode(const QString &code, int httpStatus);

/// The plain sentence shown to the user for an error.code; empty for unknown codes.
QString sentenceForCode(const QString &code);

/// How a status/fetch fail_reason is handled: the same categories as errors.
ErrorCategory categoryForFailReason(const QString &failReason);

/// The plain sentence for a fail_reason; a generic one for unknown reasons.
QString sentenceForFailReason(const QString &failReason);

/// Every error.code and OAuth error TikTok documents (tiktok-api.md §1.8, §3.x, §4.1), for
/// tests and diagnostics.
QStringList documentedErrorCodes();
/// Every documented fail_reason (tiktok-api.md §3.6).
QStringList documentedFailReasons();

/// The error carried by a response, if any: the body decides. @p body may be a v2 envelope
/// (`{"data":…,"error":{"code","message","log_id"}}`) or a flat OAuth error. Empty when the
/// body reports success. A body without an error field counts as an error only for HTTP
/// status >= 300.
std::optional<ApiError> errorFromResponse(int httpStatus, const QByteArray &body);

} // namespace Cuepoint::Core
