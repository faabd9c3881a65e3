// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Every documented TikTok error code and fail_reason maps to a category and a sentence; the
// body decides, whatever the HTTP status.
#include "cuepoint/core/tiktok/ApiError.h"

#include "FakeTransport.h"

#include <gtest/gtest.h>

using namespace Cuepoint::Core;
using Cuepoint::Test::apiJson;

namespace {

struct CodeCase
{
    const char *code;
    int documentedHttp; ///< the status tiktok-api.md gives it (0 = none documented)
    ErrorCategory category;
};

// tiktok-api.md §1.8 (OAuth), §3.1–3.7 and §4.1.
const CodeCase kCases[] = {
    { "access_denied", 0, ErrorCategory::UserAction },
    { "invalid_client", 0, ErrorCategory::UserAction },
    { "invalid_grant", 0, ErrorCategory::UserAction },
    { "invalid_request", 0, ErrorCategory::NeverRetry },
    { "invalid_scope", 0, ErrorCategory::UserAction },
    { "unauthorized_client", 0, ErrorCategory::UserAction },
    { "unsupported_grant_type", 0, ErrorCategory::NeverRetry },
    { "unsupported_response_type", 0, ErrorCategory::NeverRetry },
    { "server_error", 0, ErrorCategory::RetryLater },
    { "temporarily_unavailable", 0, ErrorCategory::RetryLater },
    { "invalid_param", 400, ErrorCategory::NeverRetry },
    { "invalid_params", 400, ErrorCategory::NeverRetry },
    { "invalid_file_upload", 400, ErrorCategory::NeverRetry },
    { "access_token_invalid", 401, ErrorCategory::RefreshThenRetry },
    { "scope_not_authorized", 401, ErrorCategory::UserAction },
    { "scope_permission_missed", 400, ErrorCategory::UserAction },
    { "rate_limit_exceeded", 429, ErrorCategory::RetryLater },
    { "spam_risk_too_many_posts", 403, ErrorCategory::RetryLater },
    { "spam_risk_user_banned_from_posting", 403, ErrorCategory::NeverRetry },
    { "spam_risk_too_many_pending_share", 403, ErrorCategory::UserAction },
    { "reached_active_user_cap", 403, ErrorCategory::RetryLater },
    { "unaudited_client_can_only_post_to_private_accounts", 403, ErrorCategory::UserAction },
    { "url_ownership_unverified", 403, ErrorCategory::UserAction },
    { "privacy_level_option_mismatch", 403, ErrorCategory::UserAction },
    { "invalid_publish_id", 400, ErrorCategory::NeverRetry },
    { "token_not_authorized_for_specified_publish_id", 400, ErrorCategory::NeverRetry },
    { "publish_not_cancellable", 400, ErrorCategory::NeverRetry },
    { "internal_error", 500, ErrorCategory::RetryLater },
};

QByteArray envelope(const char *code)
{
    return QByteArrayLiteral(R"({"data":{},"error":{"code":")") + code
        + QByteArrayLiteral(R"(","message":"m","log_id":"LOG123"}})");
}

QByteArray flat(const char *code)
{
    return QByteArrayLiteral(R"({"error":")") + code
        + QByteArrayLiteral(R"(","error_description":"d","log_id":"LOG456"})");
}

} // namespace

TEST(ApiErrorTest, EveryDocumentedCodeHasItsCategoryAndASentence)
{
    for (const CodeCase &c : kCases) {
        const QString code = QLatin1String(c.code);
        EXPECT_EQ(categoryForCode(code, c.documentedHttp), c.category) << c.code;
        // The category comes from the code, not from the status it happened to arrive with.
        EXPECT_EQ(categoryForCode(code, 200), c.category) << c.code;
        EXPECT_FALSE(sentenceForCode(code).isEmpty()) << c.code;
        EXPECT_TRUE(sentenceForCode(code).endsWith(QLatin1Char('.'))) << c.code;
    }
    // The library's own list is exactly the documented one.
    QStringList expected;
    for (const CodeCase &c : kCases) {
        expected << QLatin1String(c.code);
    }
    QStringList listed = documentedErrorCodes();
    listed.removeAll(QStringLiteral("app_version_check_failed")); // a field report (Postiz)
    listed.sort();
    expected.sort();
    EXPECT_EQ(listed, expected);
}

TEST(ApiErrorTest, EnvelopeErrorsFailEvenWithHttp200)
{
    for (const CodeCase &c : kCases) {
        for (const int status : { 200, c.documentedHttp == 0 ? 400 : c.documentedHttp }) {
            const auto error = errorFromResponse(status, envelope(c.code));
            ASSERT_TRUE(error.has_value()) << c.code << " HTTP " << status;
            EXPECT_EQ(error->code(), QLatin1String(c.code));
            EXPECT_EQ(error->category(), c.category) << c.code << " HTTP " << status;
            EXPECT_EQ(error->logId(), QStringLiteral("LOG123"));
            EXPECT_EQ(error->httpStatus(), status);
            EXPECT_EQ(error->message(), QStringLiteral("m"));
            EXPECT_FALSE(error->userMessage().isEmpty());
        }
    }
}

TEST(ApiErrorTest, FlatOAuthErrorsFailEvenWithHttp200)
{
    for (const CodeCase &c : kCases) {
        const auto error = errorFromResponse(200, flat(c.code));
        ASSERT_TRUE(error.has_value()) << c.code;
        EXPECT_EQ(error->code(), QLatin1String(c.code));
        EXPECT_EQ(error->category(), c.category);
        EXPECT_EQ(error->logId(), QStringLiteral("LOG456"));
        EXPECT_EQ(error->message(), QStringLiteral("d"));
    }
    const auto recorded = errorFromResponse(200, apiJson("token_invalid_grant_200.json"));
    ASSERT_TRUE(recorded);
    EXPECT_EQ(recorded->code(), QStringLiteral("invalid_grant"));
    EXPECT_EQ(recorded->category(), ErrorCategory::UserAction);
    EXPECT_EQ(recorded->logId(), QStringLiteral("202206221854370101130062072500FFA2"));
}

TEST(ApiErrorTest, SuccessBodiesAreNotErrors)
{
    EXPECT_FALSE(errorFromResponse(200, apiJson("creator_info_ok.json")));
    EXPECT_FALSE(errorFromResponse(200, apiJson("token_ok.json")));
    EXPECT_FALSE(errorFromResponse(200, QByteArray())); // revoke: empty success
    EXPECT_FALSE(errorFromResponse(200, QByteArrayLiteral(R"({"error":""})")));
    // A FAILED post arrives inside an ok envelope: the call succeeded.
    EXPECT_FALSE(errorFromResponse(200, apiJson("status_failed_in_ok_envelope.json")));
}

TEST(ApiErrorTest, StatusDecidesOnlyWithoutABody)
{
    const auto gateway = errorFromResponse(502, QByteArrayLiteral("<html>Bad gateway</html>"));
    ASSERT_TRUE(gateway);
    EXPECT_EQ(gateway->code(), QStringLiteral("http_502"));
    EXPECT_EQ(gateway->category(), ErrorCategory::RetryLater);
    const auto unauthorized = errorFromResponse(401, QByteArray());
    ASSERT_TRUE(unauthorized);
    EXPECT_EQ(unauthorized->category(), ErrorCategory::RefreshThenRetry);
    const auto notFound = errorFromResponse(404, QByteArrayLiteral("{}"));
    ASSERT_TRUE(notFound);
    EXPECT_EQ(notFound->category(), ErrorCategory::NeverRetry);
    // An unknown code is judged by its status.
    EXPECT_EQ(categoryForCode(QStringLiteral("brand_new_code"), 503), ErrorCategory::RetryLater);
    EXPECT_EQ(categoryForCode(QStringLiteral("brand_new_code"), 400), ErrorCategory::NeverRetry);
}

TEST(ApiErrorTest, EveryFailReasonIsMapped)
{
    const struct
    {
        const char *reason;
        ErrorCategory category;
    } cases[] = {
        { "file_format_check_failed", ErrorCategory::UserAction },
        { "duration_check_failed", ErrorCategory::UserAction },
        { "frame_rate_check_failed", ErrorCategory::UserAction },
        { "picture_size_check_failed", ErrorCategory::UserAction },
        { "internal", ErrorCategory::RetryLater },
        { "video_pull_failed", ErrorCategory::RetryLater },
        { "photo_pull_failed", ErrorCategory::RetryLater },
        { "publish_cancelled", ErrorCategory::NeverRetry },
        { "auth_removed", ErrorCategory::NeverRetry },
        { "spam_risk_too_many_posts", ErrorCategory::NeverRetry },
        { "spam_risk_user_banned_from_posting", ErrorCategory::NeverRetry },
        { "spam_risk_text", ErrorCategory::UserAction },
        { "spam_risk", ErrorCategory::NeverRetry },
    };
    QStringList expected;
    for (const auto &c : cases) {
        EXPECT_EQ(categoryForFailReason(QLatin1String(c.reason)), c.category) << c.reason;
        EXPECT_NE(sentenceForFailReason(QLatin1String(c.reason)),
            QStringLiteral("TikTok could not publish the post (%1).").arg(QLatin1String(c.reason)))
            << "a documented reason gets its own sentence: " << c.reason;
        expected << QLatin1String(c.reason);
    }
    QStringList listed = documentedFailReasons();
    listed.sort();
    expected.sort();
    EXPECT_EQ(listed, expected);
    EXPECT_EQ(categoryForFailReason(QStringLiteral("something_new")), ErrorCategory::NeverRetry);
}

TEST(ApiErrorTest, DescribeCarriesEverythingButNoSecret)
{
    const ApiError e(QStringLiteral("access_token_invalid"), QStringLiteral("expired"),
        QStringLiteral("LOG9"), 401);
    EXPECT_EQ(e.describe(),
        QStringLiteral(
            "access_token_invalid (HTTP 401, log_id LOG9, refresh_then_retry): expired"));
    EXPECT_EQ(toString(ErrorCategory::UserAction), QStringLiteral("user_action"));
}
