// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// TikTokClient over real HTTP (libcurl) against the local sandbox (cuepoint-sandbox): the
// OAuth round trip and its refusals, token rotation, errors, chunk plans, a faulty 300 MB
// upload with bounded memory, and a 429 waited out.
#include "BrowserEmulation.h"
#include "SandboxProcess.h"

#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/tiktok/ApiError.h"
#include "cuepoint/core/tiktok/HttpTransport.h"
#include "cuepoint/core/tiktok/TikTokClient.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>
#include <QUrlQuery>

#include <gtest/gtest.h>
#include <httplib.h>

#include <cstring>
#include <iostream>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;

namespace {

TikTokConfig sandboxConfig(const SandboxProcess &sandbox)
{
    TikTokConfig c;
    c.apiBase = sandbox.baseUrlQ();
    c.authUrl = sandbox.baseUrlQ() + QStringLiteral("/v2/auth/authorize/");
    c.clientKey = QStringLiteral("sandbox-client");
    c.clientSecret = "sandbox-secret";
    c.sandbox = true;
    return c;
}

/// The client and its parts, talking to @p sandbox.
struct Live
{
    SystemClock clock;
    RateLimiter limiter { clock };
    std::unique_ptr<HttpTransport> transport = createCurlTransport();
    TikTokClient client;

    explicit Live(const SandboxProcess &sandbox, TikTokClientOptions options = {})
        : client(sandboxConfig(sandbox), *transport, limiter, clock, std::move(options))
    {
    }
};

QByteArray tokenOf(const nlohmann::json &issued)
{
    return QByteArray::fromStdString(issued.at("access_token").get<std::string>());
}

qint64 procStatusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field)) {
            return line.mid(static_cast<qsizetype>(std::strlen(field)))
                .replace("kB", "")
                .trimmed()
                .toLongLong();
        }
    }
    return -1;
}

DirectPostInfo privatePost()
{
    DirectPostInfo post;
    post.privacyLevel = QStringLiteral("SELF_ONLY");
    post.title = QStringLiteral("sandbox test #cuepoint");
    return post;
}

} // namespace

TEST(TikTokSandboxTest, OAuthRoundTrip)
{
    SandboxProcess sandbox;
    ASSERT_TRUE(sandbox.isRunning());
    Live live(sandbox);
    AuthSession session(live.client.config());
    QString error;
    ASSERT_TRUE(session.start(&error)) << error.toStdString();
    const QUrlQuery redirect = browse(session.authorizeUrl());
    EXPECT_EQ(
        redirect.queryItemValue(QStringLiteral("state")), QString::fromLatin1(session.state()));
    const AuthorizationCode code = session.waitForCode(10'000);
    EXPECT_FALSE(code.code.isEmpty());
    EXPECT_TRUE(code.grantedScopes.contains(QStringLiteral("video.publish")));

    const TokenSet tokens =
        live.client.exchangeCode(code.code, session.codeVerifier(), session.redirectUri());
    EXPECT_FALSE(tokens.accessToken.isEmpty());
    EXPECT_FALSE(tokens.refreshToken.isEmpty());
    EXPECT_FALSE(tokens.openId.isEmpty());
    EXPECT_TRUE(tokens.scopes.contains(QStringLiteral("video.upload")));
    EXPECT_GT(tokens.accessExpiresAt, QDateTime::currentDateTimeUtc().addSecs(86'000));

    const UserInfo user = live.client.userInfo(tokens.accessToken, tokens.scopes);
    EXPECT_EQ(user.openId, tokens.openId);
    EXPECT_FALSE(user.displayName.isEmpty());
    const CreatorInfo creator = live.client.creatorInfo(tokens.accessToken);
    EXPECT_EQ(creator.username, QStringLiteral("sandbox_creator"));
    EXPECT_FALSE(creator.privacyLevelOptions.isEmpty());

    // A code is single-use.
    try {
        live.client.exchangeCode(code.code, session.codeVerifier(), session.redirectUri());
        FAIL() << "a reused code must be refused";
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QStringLiteral("invalid_grant"));
        EXPECT_EQ(e.category(), ErrorCategory::UserAction);
    }

    // Revoke: the token stops working (401 access_token_invalid).
    live.client.revoke(tokens.accessToken);
    try {
        live.client.creatorInfo(tokens.accessToken);
        FAIL() << "a revoked token must be refused";
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QStringLiteral("access_token_invalid"));
        EXPECT_EQ(e.httpStatus(), 401);
        EXPECT_EQ(e.category(), ErrorCategory::RefreshThenRetry);
    }
}

TEST(TikTokSandboxTest, WrongStateIsRefused)
{
    SandboxProcess sandbox;
    ASSERT_TRUE(sandbox.isRunning());
    Live live(sandbox);
    AuthSession session(live.client.config());
    QString error;
    ASSERT_TRUE(session.start(&error));
    browse(session.authorizeUrl(), [](QUrlQuery &q) {
        q.removeAllQueryItems(QStringLiteral("state"));
        q.addQueryItem(QStringLiteral("state"), QStringLiteral("forged"));
    });
    try {
        session.waitForCode(10'000);
        FAIL() << "a forged state must be refused";
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QLatin1String(ApiError::kStateMismatch));
    }
}

TEST(TikTokSandboxTest, WrongVerifierIsRefused)
{
    SandboxProcess sandbox;
    ASSERT_TRUE(sandbox.isRunning());
    Live live(sandbox);
    AuthSession session(live.client.config());
    QString error;
    ASSERT_TRUE(session.start(&error));
    browse(session.authorizeUrl());
    const AuthorizationCode code = session.waitForCode(10'000);
    for (const QByteArray &wrong : { Pkce::generateVerifier(),
             // RFC 7636's base64url challenge rule would give another value than TikTok's hex.
             QByteArray(session.codeVerifier()).append('x') }) {
        try {
            live.client.exchangeCode(code.code, wrong, session.redirectUri());
            FAIL() << "a wrong verifier must be refused";
        } catch (const ApiError &e) {
            EXPECT_EQ(e.code(), QStringLiteral("invalid_request"));
            EXPECT_EQ(e.httpStatus(), 200); // the sandbox sends OAuth errors with HTTP 200
            EXPECT_EQ(e.message(), QStringLiteral("Code verifier or code challenge is invalid."));
        }
    }
    // The right verifier still works: the refusals did not burn the code.
    EXPECT_FALSE(live.client.exchangeCode(code.code, session.codeVerifier(), session.redirectUri())
                     .accessToken.isEmpty());
}

TEST(TikTokSandboxTest, UserDenialIsReported)
{
    SandboxProcess sandbox;
    ASSERT_TRUE(sandbox.isRunning());
    Live live(sandbox);
    AuthSession session(live.client.config());
    QString error;
    ASSERT_TRUE(session.start(&error));
    QUrl url = session.authorizeUrl();
    QUrlQuery q(url);
    q.addQueryItem(QStringLiteral("sandbox_deny"), QStringLiteral("1"));
    url.setQuery(q);
    browse(url);
    try {
        session.waitForCode(10'000);
        FAIL();
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QStringLiteral("access_denied"));
        EXPECT_EQ(e.category(), ErrorCategory::UserAction);
    }
}

TEST(TikTokSandboxTest, RefreshRotatesAndTheOldTokenDies)
{
    SandboxProcess sandbox;
    ASSERT_TRUE(sandbox.isRunning());
    Live live(sandbox);
    const auto issued = sandbox.issueTokens("sandbox_creator");
    const QByteArray oldRefresh =
        QByteArray::fromStdString(issued.at("refresh_token").get<std::string>());
    const TokenSet rotated = live.client.refreshTokens(oldRefresh);
    EXPECT_NE(rotated.refreshToken, oldRefresh);
    EXPECT_NE(rotated.accessToken, tokenOf(issued));
    EXPECT_FALSE(live.client.creatorInfo(rotated.accessToken).nickname.isEmpty());
    try {
        live.client.refreshTokens(oldRefresh);
        FAIL() << "the old refresh token must no longer work";
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QStringLiteral("invalid_grant"));
        EXPECT_EQ(e.category(), ErrorCategory::UserAction);
    }
    EXPECT_FALSE(live.client.refreshTokens(rotated.refreshToken).accessToken.isEmpty());
}

TEST(TikTokSandboxTest, ErrorsFromTheSandboxAreCategorised)
{
    SandboxProcess sandbox;
    ASSERT_TRUE(sandbox.isRunning());
    Live live(sandbox);
    // A public account with the unaudited client: the account must be made private.
    const QByteArray publicToken = tokenOf(sandbox.issueTokens("sandbox_public"));
    const auto plan = ChunkPlan::make(1000);
    try {
        live.client.initDirectPost(publicToken, privatePost(), *plan);
        FAIL();
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QStringLiteral("unaudited_client_can_only_post_to_private_accounts"));
        EXPECT_EQ(e.httpStatus(), 403);
        EXPECT_EQ(e.category(), ErrorCategory::UserAction);
        EXPECT_FALSE(e.logId().isEmpty());
    }
    // A privacy level the creator is not offered.
    const QByteArray token = tokenOf(sandbox.issueTokens("sandbox_creator"));
    DirectPostInfo post = privatePost();
    post.privacyLevel = QStringLiteral("PUBLIC_TO_EVERYONE");
    try {
        live.client.initDirectPost(token, post, *plan);
        FAIL();
    } catch (const ApiError &e) {
        EXPECT_EQ(e.category(), ErrorCategory::UserAction) << e.describe().toStdString();
    }
    // A token without video.publish.
    const QByteArray basic = tokenOf(sandbox.issueTokens("sandbox_creator", "user.info.basic"));
    try {
        live.client.creatorInfo(basic);
        FAIL();
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QStringLiteral("scope_not_authorized"));
        EXPECT_EQ(e.category(), ErrorCategory::UserAction);
    }
    // An unknown publish id.
    try {
        live.client.fetchStatus(token, QStringLiteral("v_pub_file~nope"));
        FAIL();
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QStringLiteral("invalid_publish_id"));
        EXPECT_EQ(e.category(), ErrorCategory::NeverRetry);
    }
    // A wrong client secret: a flat OAuth error.
    TikTokConfig wrong = sandboxConfig(sandbox);
    wrong.clientSecret = "not-the-secret";
    TikTokClient wrongClient(wrong, *live.transport, live.limiter, live.clock);
    try {
        wrongClient.refreshTokens("rft.whatever");
        FAIL();
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QStringLiteral("invalid_client"));
        EXPECT_EQ(e.category(), ErrorCategory::UserAction);
    }
}

TEST(TikTokSandboxTest, ChunkPlansAtEveryBoundaryAreAccepted)
{
    SandboxProcess sandbox;
    ASSERT_TRUE(sandbox.isRunning());
    constexpr qint64 kMB = 1'000'000;
    constexpr qint64 kMiB = 1024 * 1024;
    const qint64 sizes[] = { 1, 5 * kMB - 1, 5 * kMB, 5 * kMB + 1, 5 * kMiB - 1, 5 * kMiB,
        5 * kMiB + 1, 64 * kMB - 1, 64 * kMB, 64 * kMB + 1, 64 * kMiB - 1, 64 * kMiB + 1, 128 * kMB,
        128 * kMiB, 1024 * kMiB, 4'000'000'000LL };
    for (const qint64 size : sizes) {
        // A fresh sandbox day and a fresh limiter: the 6/min and daily caps are not the point.
        sandbox.reset();
        Live live(sandbox);
        const QByteArray token = tokenOf(sandbox.issueTokens("sandbox_creator"));
        const auto plan = ChunkPlan::make(size);
        ASSERT_TRUE(plan) << size;
        try {
            const UploadInit init = live.client.initDirectPost(token, privatePost(), *plan);
            EXPECT_FALSE(init.publishId.isEmpty());
            EXPECT_TRUE(init.uploadUrl.isValid());
        } catch (const ApiError &e) {
            ADD_FAILURE() << "size " << size << " chunk " << plan->chunkSize << " count "
                          << plan->totalChunkCount << ": " << e.describe().toStdString();
        }
    }
    // The most chunks a TikTok-sized file (4 GB, read as 4 x 10^9: the sandbox refuses 4 GiB)
    // can have, and a ceiling-division plan the sandbox refuses (what we never send). More
    // than 1000 chunks needs files beyond TikTok's limit: ChunkPlanTest covers that rule.
    sandbox.reset();
    Live live(sandbox);
    const QByteArray token = tokenOf(sandbox.issueTokens("sandbox_creator"));
    const auto largest = ChunkPlan::make(4'000'000'000LL, 5 * kMiB);
    ASSERT_TRUE(largest);
    EXPECT_EQ(largest->totalChunkCount, 762);
    EXPECT_NO_THROW(live.client.initInboxUpload(token, *largest));
    try {
        live.client.initInboxUpload(token, ChunkPlan { 100 * kMB, 10 * kMB + 1, 10 });
        FAIL() << "a ceiling-division count must be refused";
    } catch (const ApiError &e) {
        EXPECT_TRUE(e.code().startsWith(QStringLiteral("invalid_param")));
        EXPECT_EQ(e.category(), ErrorCategory::NeverRetry);
    }
}

TEST(TikTokSandboxTest, FaultyUploadOf300MBCompletesWithBoundedMemory)
{
    SandboxProcess sandbox;
    ASSERT_TRUE(sandbox.isRunning());
    QTemporaryDir dir;
    const qint64 size = 300'000'000;
    const QString path = dir.filePath(QStringLiteral("big.mp4"));
    QByteArray expectedHash;
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        QCryptographicHash hash(QCryptographicHash::Sha256);
        QByteArray block(1 << 20, '\0');
        for (qint64 written = 0, n = 0; written < size; ++n) {
            for (int i = 0; i + 8 <= block.size(); i += 64) {
                const qint64 v = n * 1'000'003 + i;
                std::memcpy(block.data() + i, &v, sizeof v);
            }
            const qint64 len = std::min<qint64>(block.size(), size - written);
            ASSERT_EQ(f.write(block.constData(), len), len);
            hash.addData(QByteArrayView(block.constData(), len));
            written += len;
        }
        expectedHash = hash.result().toHex();
    }
    sandbox.setFaults({ { "chunk_5xx", { 3 } }, { "chunk_drop", { 5 } } });
    Live live(sandbox);
    const QByteArray token = tokenOf(sandbox.issueTokens("sandbox_creator"));
    const ChunkPlan plan = *ChunkPlan::make(size);
    ASSERT_GE(plan.totalChunkCount, 6);
    const UploadInit init = live.client.initDirectPost(token, privatePost(), plan);

    // Reset the peak RSS to the current RSS, so VmHWM afterwards is the upload's own peak.
    const bool peakReset = [] {
        QFile clear(QStringLiteral("/proc/self/clear_refs"));
        return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
    }();
    const qint64 rssBefore = procStatusKb("VmRSS:");
    qint64 progressCalls = 0;
    qint64 lastProgress = 0;
    UploadOptions options;
    options.retryBaseDelayMs = 100;
    options.onProgress = [&](qint64 done, qint64 total) {
        ++progressCalls;
        EXPECT_EQ(total, size);
        lastProgress = done;
    };
    const UploadResult result = live.client.uploadFile(init.uploadUrl, path, plan, options);
    const qint64 peak = procStatusKb("VmHWM:");
    EXPECT_EQ(result.finalStatus, 201);
    EXPECT_GE(result.retries, 2); // the 5xx on chunk 3 and the drop on chunk 5
    EXPECT_EQ(lastProgress, size);
    EXPECT_GT(progressCalls, plan.totalChunkCount);

    const auto summary = sandbox.summary();
    const auto &publishes = summary.at("publishes");
    ASSERT_EQ(publishes.size(), 1u);
    EXPECT_EQ(publishes[0].at("uploaded_bytes").get<qint64>(), size);
    EXPECT_EQ(
        QByteArray::fromStdString(publishes[0].at("sha256").get<std::string>()), expectedHash);
    EXPECT_EQ(publishes[0].at("inits").get<int>(), 1);

    if (peakReset) {
        const qint64 growthKb = peak - rssBefore;
        std::cout << "[ upload   ] peak RSS growth during the 300 MB upload: " << growthKb
                  << " kB (" << result.requests << " PUTs, " << result.retries << " retries)\n";
        // Far below the file: at most one 64 MB chunk plus slack, though streaming uses far less.
        EXPECT_LT(growthKb, (64 + 16) * 1024);
        // The instrument works: touching 32 MB more does raise the peak.
        QByteArray ballast(32 * 1024 * 1024, 'x');
        EXPECT_GE(procStatusKb("VmHWM:") - peak, 30 * 1024) << ballast.size();
    } else {
        ADD_FAILURE() << "cannot reset VmHWM (/proc/self/clear_refs): memory not measured";
    }

    // Status until the sandbox finishes processing: a private post has no public id.
    PublishStatus status;
    for (int i = 0; i < 100; ++i) {
        status = live.client.fetchStatus(token, init.publishId);
        if (status.state != PublishState::ProcessingUpload) {
            break;
        }
        QThread::msleep(100);
    }
    EXPECT_EQ(status.state, PublishState::PublishComplete) << status.status.toStdString();
    EXPECT_TRUE(status.postIds.isEmpty());
}

TEST(TikTokSandboxTest, A429IsWaitedOut)
{
    SandboxProcess sandbox;
    ASSERT_TRUE(sandbox.isRunning());
    TikTokClientOptions options;
    options.rateLimitBackoffMs = 300;
    Live live(sandbox, options);
    const QByteArray token = tokenOf(sandbox.issueTokens("sandbox_creator"));
    sandbox.setFaults({ { "status_429_next", 2 } });
    QElapsedTimer timer;
    timer.start();
    const CreatorInfo info = live.client.creatorInfo(token);
    EXPECT_FALSE(info.nickname.isEmpty());
    EXPECT_GE(timer.elapsed(), 300 + 600); // two waits, the second twice the first
}
