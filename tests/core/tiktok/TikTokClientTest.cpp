// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// TikTokClient against recorded responses (a fake transport): requests as TikTok documents
// them, parsing, PKCE, the URL policy, log redaction, token rotation and chunk retries.
#include "cuepoint/core/tiktok/TikTokClient.h"

#include "FakeClock.h"
#include "FakeTransport.h"
#include "TestProfile.h"
#include "tiktok/CurlDebug.h"

#include "cuepoint/core/support/Settings.h"
#include "cuepoint/core/support/TokenStore.h"
#include "cuepoint/core/tiktok/ApiError.h"
#include "cuepoint/core/tiktok/TokenKeeper.h"

#include <QTemporaryDir>
#include <QUrlQuery>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;
using namespace std::chrono_literals;

namespace {

QMap<QString, QString> formOf(const QByteArray &body)
{
    QMap<QString, QString> map;
    for (const QByteArray &pair : body.split('&')) {
        const qsizetype eq = pair.indexOf('=');
        map.insert(
            QUrl::fromPercentEncoding(pair.left(eq)), QUrl::fromPercentEncoding(pair.mid(eq + 1)));
    }
    return map;
}

struct ClientFixture
{
    FakeClock clock;
    RateLimiter limiter { clock };
    FakeTransport transport;
    qint64 slept = 0;
    TikTokClient client;

    ClientFixture()
        : client(config(), transport, limiter, clock, options())
    {
    }
    static TikTokConfig config()
    {
        TikTokConfig c;
        c.clientKey = QStringLiteral("aw1234key");
        c.clientSecret = "s3cr3t!&=";
        return c;
    }
    TikTokClientOptions options()
    {
        TikTokClientOptions o;
        o.sleeper = [this](qint64 ms) {
            slept += ms;
            clock.advance(std::chrono::milliseconds(ms));
        };
        return o;
    }
};

/// A file of @p size bytes with a position-dependent pattern.
QString makeFile(const QTemporaryDir &dir, qint64 size)
{
    const QString path = dir.filePath(QStringLiteral("video.mp4"));
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    QByteArray block(1 << 20, '\0');
    for (qint64 written = 0, n = 0; written < size; ++n) {
        for (int i = 0; i + 8 <= block.size(); i += 8) {
            const qint64 v = n * 1'000'003 + i;
            std::memcpy(block.data() + i, &v, sizeof v);
        }
        const qint64 len = std::min<qint64>(block.size(), size - written);
        f.write(block.constData(), len);
        written += len;
    }
    return path;
}

/// An in-memory TokenStore that records the order of writes.
class MemoryTokenStore final : public TokenStore
{
public:
    QString description() const override { return QStringLiteral("memory"); }
    ReadResult read(const QString &key) override
    {
        ReadResult r;
        if (m_map.contains(key)) {
            r.status = ReadResult::Status::Found;
            r.secret = m_map.value(key);
        }
        return r;
    }
    bool write(const QString &key, const QByteArray &secret, QString *error) override
    {
        if (failWrites) {
            *error = QStringLiteral("the keychain is locked");
            return false;
        }
        m_map.insert(key, secret);
        ++writes;
        return true;
    }
    bool remove(const QString &key, QString *) override
    {
        m_map.remove(key);
        return true;
    }
    QHash<QString, QByteArray> m_map;
    int writes = 0;
    bool failWrites = false;
};

} // namespace

TEST(TikTokClientTest, PkceUsesLowercaseHexSha256)
{
    // RFC 7636's sample verifier, hashed the TikTok desktop way (hex, not base64url).
    EXPECT_EQ(Pkce::challengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
        QByteArrayLiteral("13d31e961a1ad8ec2f16b10c4c982e0876a878ad6df144566ee1894acb70f9c3"));
    const QByteArray a = Pkce::generateVerifier();
    const QByteArray b = Pkce::generateVerifier();
    EXPECT_NE(a, b);
    EXPECT_TRUE(Pkce::isValidVerifier(a));
    EXPECT_EQ(Pkce::generateVerifier(10).size(), 43);
    EXPECT_EQ(Pkce::generateVerifier(500).size(), 128);
    EXPECT_FALSE(Pkce::isValidVerifier("short"));
    EXPECT_FALSE(Pkce::isValidVerifier(QByteArray(50, '+')));
    EXPECT_NE(Pkce::generateState(), Pkce::generateState());
    EXPECT_EQ(Pkce::generateState().size(), 32);
}

TEST(TikTokClientTest, AuthorizeUrlCarriesEveryParameter)
{
    TikTokConfig config = ClientFixture::config();
    AuthSession first(config);
    AuthSession second(config);
    QString error;
    ASSERT_TRUE(first.start(&error)) << error.toStdString();
    EXPECT_NE(first.codeVerifier(), second.codeVerifier()); // fresh per attempt
    EXPECT_NE(first.state(), second.state());
    EXPECT_GT(first.port(), 0);
    EXPECT_EQ(
        first.redirectUri(), QStringLiteral("http://127.0.0.1:%1/callback/").arg(first.port()));
    const QUrl url = first.authorizeUrl();
    EXPECT_EQ(url.toString(QUrl::RemoveQuery),
        QStringLiteral("https://www.tiktok.com/v2/auth/authorize/"));
    const QUrlQuery q(url);
    EXPECT_EQ(q.queryItemValue(QStringLiteral("client_key")), QStringLiteral("aw1234key"));
    EXPECT_EQ(q.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded),
        QStringLiteral("user.info.basic,video.publish,video.upload"));
    EXPECT_EQ(
        q.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded), first.redirectUri());
    EXPECT_EQ(q.queryItemValue(QStringLiteral("state")), QString::fromLatin1(first.state()));
    EXPECT_EQ(q.queryItemValue(QStringLiteral("response_type")), QStringLiteral("code"));
    EXPECT_EQ(q.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    EXPECT_EQ(q.queryItemValue(QStringLiteral("code_challenge")),
        QString::fromLatin1(Pkce::challengeFor(first.codeVerifier())));
    // Nothing came: the wait times out.
    try {
        first.waitForCode(200);
        FAIL() << "no redirect arrived";
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QLatin1String(ApiError::kAuthTimeout));
    }
}

TEST(TikTokClientTest, TokenExchangeSendsAnEncodedFormAndParsesExpiries)
{
    ClientFixture f;
    f.transport.enqueue(200, apiJson("token_ok.json"));
    const TokenSet tokens = f.client.exchangeCode(QStringLiteral("code with/odd+chars"),
        "verifier-123", QStringLiteral("http://127.0.0.1:4567/callback/"));
    ASSERT_EQ(f.transport.requests.size(), 1u);
    const SentRequest &sent = f.transport.requests.front();
    EXPECT_EQ(sent.method, "POST");
    EXPECT_EQ(sent.url.toString(), QStringLiteral("https://open.tiktokapis.com/v2/oauth/token/"));
    EXPECT_EQ(sent.header("Content-Type"), "application/x-www-form-urlencoded");
    EXPECT_TRUE(sent.header("Authorization").isEmpty());
    const auto form = formOf(sent.body);
    EXPECT_EQ(form.value(QStringLiteral("client_key")), QStringLiteral("aw1234key"));
    EXPECT_EQ(form.value(QStringLiteral("client_secret")), QStringLiteral("s3cr3t!&="));
    EXPECT_EQ(form.value(QStringLiteral("code")), QStringLiteral("code with/odd+chars"));
    EXPECT_EQ(form.value(QStringLiteral("grant_type")), QStringLiteral("authorization_code"));
    EXPECT_EQ(form.value(QStringLiteral("redirect_uri")),
        QStringLiteral("http://127.0.0.1:4567/callback/"));
    EXPECT_EQ(form.value(QStringLiteral("code_verifier")), QStringLiteral("verifier-123"));
    EXPECT_EQ(tokens.accessToken, "act.example12345Example12345Example!5259");
    EXPECT_EQ(tokens.refreshToken, "rft.example12345Example12345Example!5260");
    EXPECT_EQ(tokens.openId, QStringLiteral("afd97af1-b87b-48b9-ac98-410aghda5344"));
    EXPECT_EQ(tokens.scopes,
        (QStringList { QStringLiteral("user.info.basic"), QStringLiteral("video.publish") }));
    EXPECT_EQ(tokens.accessExpiresAt, f.clock.nowUtc().addSecs(86400));
    EXPECT_EQ(tokens.refreshExpiresAt, f.clock.nowUtc().addSecs(31536000));
    // The JSON blob for the TokenStore round-trips.
    EXPECT_EQ(TokenSet::fromJson(tokens.toJson()), tokens);
}

TEST(TikTokClientTest, OAuthErrorsWithHttp200AreFailures)
{
    ClientFixture f;
    f.transport.enqueue(200, apiJson("token_invalid_request_verifier.json"));
    try {
        f.client.exchangeCode(
            QStringLiteral("c"), "v", QStringLiteral("http://127.0.0.1:1/callback/"));
        FAIL() << "an error body with HTTP 200 is a failure";
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QStringLiteral("invalid_request"));
        EXPECT_EQ(e.httpStatus(), 200);
        EXPECT_EQ(e.message(), QStringLiteral("Code verifier or code challenge is invalid."));
        EXPECT_EQ(e.category(), ErrorCategory::NeverRetry);
    }
}

TEST(TikTokClientTest, UserInfoAsksForUsernameOnlyWithItsScope)
{
    ClientFixture f;
    f.transport.enqueue(200, apiJson("user_info_ok.json"));
    const UserInfo basic = f.client.userInfo("act.u", { QStringLiteral("user.info.basic") });
    EXPECT_EQ(basic.openId, QStringLiteral("723f24d7-e717-40f8-a2b6-cb8464cd23b4"));
    EXPECT_EQ(basic.displayName, QStringLiteral("Tik Toker"));
    EXPECT_EQ(f.transport.requests.back().method, "GET");
    EXPECT_EQ(f.transport.requests.back().url.query(),
        QStringLiteral("fields=open_id,union_id,avatar_url,display_name"));
    // With user.info.profile granted, username is asked for; if TikTok refuses the field
    // instead of omitting it (UNCONFIRMED which), the call is made again without it.
    f.transport.enqueue(
        401, R"({"data":{},"error":{"code":"scope_not_authorized","message":"","log_id":"L"}})");
    f.transport.enqueue(200, apiJson("user_info_ok.json"));
    const UserInfo profile = f.client.userInfo(
        "act.u", { QStringLiteral("user.info.basic"), QStringLiteral("user.info.profile") });
    EXPECT_EQ(profile.displayName, QStringLiteral("Tik Toker"));
    ASSERT_EQ(f.transport.requests.size(), 3u);
    EXPECT_TRUE(f.transport.requests[1].url.query().endsWith(QStringLiteral(",username")));
    EXPECT_FALSE(f.transport.requests[2].url.query().contains(QStringLiteral("username")));
}

TEST(TikTokClientTest, CreatorInfoAndItsHttp200Refusal)
{
    ClientFixture f;
    f.transport.enqueue(200, apiJson("creator_info_ok.json"));
    const CreatorInfo info = f.client.creatorInfo("act.tok");
    const SentRequest &sent = f.transport.requests.front();
    EXPECT_EQ(sent.url.path(), QStringLiteral("/v2/post/publish/creator_info/query/"));
    EXPECT_EQ(sent.header("Authorization"), "Bearer act.tok");
    EXPECT_EQ(sent.header("Content-Type"), "application/json; charset=UTF-8");
    EXPECT_EQ(info.nickname, QStringLiteral("TikTok Official"));
    EXPECT_EQ(info.username, QStringLiteral("tiktok"));
    EXPECT_EQ(info.privacyLevelOptions.size(), 3);
    EXPECT_TRUE(info.stitchDisabled);
    EXPECT_FALSE(info.duetDisabled);
    EXPECT_EQ(info.maxVideoPostDurationSec, 300);

    f.transport.enqueue(200, apiJson("creator_info_spam_risk_200.json"));
    try {
        f.client.creatorInfo("act.tok");
        FAIL();
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QStringLiteral("spam_risk_too_many_posts"));
        EXPECT_EQ(e.category(), ErrorCategory::RetryLater);
        EXPECT_EQ(e.httpStatus(), 200);
    }
}

TEST(TikTokClientTest, DirectPostAndInboxInitBodies)
{
    ClientFixture f;
    const ChunkPlan plan { 100'000'000, 16'777'216, 5 };
    DirectPostInfo post;
    post.privacyLevel = QStringLiteral("SELF_ONLY");
    post.title = QStringLiteral("hello #fyp");
    post.disableComment = true;
    post.coverTimestampMs = 1500;
    f.transport.enqueue(200, apiJson("video_init_ok.json"));
    const UploadInit init = f.client.initDirectPost("act.t", post, plan);
    EXPECT_EQ(init.publishId, QStringLiteral("v_pub_file~v2-1.123456789"));
    EXPECT_EQ(init.uploadUrl.host(), QStringLiteral("open-upload.tiktokapis.com"));
    const auto body = nlohmann::json::parse(f.transport.requests.back().body.toStdString());
    EXPECT_EQ(body["post_info"]["privacy_level"], "SELF_ONLY");
    EXPECT_EQ(body["post_info"]["title"], "hello #fyp");
    EXPECT_EQ(body["post_info"]["disable_comment"], true);
    EXPECT_EQ(body["post_info"]["video_cover_timestamp_ms"], 1500);
    EXPECT_EQ(body["post_info"]["brand_content_toggle"], false);
    EXPECT_EQ(body["source_info"]["source"], "FILE_UPLOAD");
    EXPECT_EQ(body["source_info"]["video_size"], 100'000'000);
    EXPECT_EQ(body["source_info"]["chunk_size"], 16'777'216);
    EXPECT_EQ(body["source_info"]["total_chunk_count"], 5);

    f.transport.enqueue(200, apiJson("video_init_ok.json"));
    f.client.initInboxUpload("act.t", plan);
    EXPECT_EQ(f.transport.requests.back().url.path(),
        QStringLiteral("/v2/post/publish/inbox/video/init/"));
    const auto inbox = nlohmann::json::parse(f.transport.requests.back().body.toStdString());
    EXPECT_FALSE(inbox.contains("post_info"));
    EXPECT_EQ(inbox["source_info"]["total_chunk_count"], 5);

    f.transport.enqueue(403, apiJson("video_init_unaudited_403.json"));
    try {
        f.client.initDirectPost("act.t", post, plan);
        FAIL();
    } catch (const ApiError &e) {
        EXPECT_EQ(e.category(), ErrorCategory::UserAction);
        EXPECT_TRUE(e.userMessage().contains(QStringLiteral("private")));
    }
}

TEST(TikTokClientTest, VideosAbove4GBAreRefusedBeforeInit)
{
    ClientFixture f;
    const auto plan = ChunkPlan::make(4LL * 1024 * 1024 * 1024); // 4 GiB > 4 x 10^9
    ASSERT_TRUE(plan);
    try {
        f.client.initInboxUpload("act.t", *plan);
        FAIL();
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QLatin1String(ApiError::kVideoTooLarge));
        EXPECT_EQ(e.category(), ErrorCategory::UserAction);
    }
    EXPECT_TRUE(f.transport.requests.empty());
}

TEST(TikTokClientTest, StatusKeepsSixtyFourBitPostIdsExact)
{
    ClientFixture f;
    f.transport.enqueue(200, apiJson("status_complete_big_ids.json"));
    const PublishStatus s = f.client.fetchStatus("act.t", QStringLiteral("v_pub_file~v2-1.1"));
    EXPECT_EQ(s.state, PublishState::PublishComplete);
    EXPECT_EQ(s.postIds,
        (QStringList {
            QStringLiteral("7345678901234567891"), QStringLiteral("9223372036854775807") }));
    EXPECT_EQ(s.uploadedBytes, 50'000'123);
    const auto body = nlohmann::json::parse(f.transport.requests.back().body.toStdString());
    EXPECT_EQ(body["publish_id"], "v_pub_file~v2-1.1");

    f.transport.enqueue(200, apiJson("status_failed_in_ok_envelope.json"));
    const PublishStatus failed = f.client.fetchStatus("act.t", QStringLiteral("x"));
    EXPECT_EQ(failed.state, PublishState::Failed);
    EXPECT_EQ(failed.failReason, QStringLiteral("file_format_check_failed"));
    EXPECT_TRUE(failed.postIds.isEmpty());
    EXPECT_EQ(failed.uploadedBytes, -1);
}

TEST(TikTokClientTest, A429IsWaitedOutThenReturned)
{
    ClientFixture f;
    f.transport.enqueue(429, apiJson("rate_limited_429.json"), { { "retry-after", "7" } });
    f.transport.enqueue(200, apiJson("rate_limited_429.json")); // also inside HTTP 200
    f.transport.enqueue(200, apiJson("creator_info_ok.json"));
    EXPECT_EQ(f.client.creatorInfo("act.t").nickname, QStringLiteral("TikTok Official"));
    EXPECT_EQ(f.slept, 7'000 + 4'000); // Retry-After, then the 2 s backoff doubled
    EXPECT_EQ(f.transport.requests.size(), 3u);

    for (int i = 0; i < 4; ++i) {
        f.transport.enqueue(429, apiJson("rate_limited_429.json"));
    }
    try {
        f.client.creatorInfo("act.t");
        FAIL() << "after max429Retries the error is returned";
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QStringLiteral("rate_limit_exceeded"));
        EXPECT_GT(e.retryAfterMs(), 0);
    }
}

TEST(TikTokClientTest, ChunkUploadRetriesAndResynchronises)
{
    QTemporaryDir dir;
    const qint64 size = 4 * 16'777'216 + 12'345; // four chunks, the last absorbing 12,345
    const QString path = makeFile(dir, size);
    const ChunkPlan plan = *ChunkPlan::make(size, 16'777'216);
    ASSERT_EQ(plan.totalChunkCount, 4);
    ClientFixture f;
    const auto held = [&plan](int i) -> QByteArray {
        return QByteArray("bytes 0-") + QByteArray::number(plan.chunk(i).last()) + '/'
            + QByteArray::number(plan.videoSize);
    };
    f.transport.enqueue(206, {}, { { "Content-Range", held(0) } });
    f.transport.enqueue(503, "busy");
    f.transport.enqueueFailure(HttpResponse::Failure::Dropped);
    // The dropped chunk had in fact arrived: the server says so with a 416.
    f.transport.enqueue(416, {}, { { "Content-Range", held(1) } });
    f.transport.enqueue(206, {}, { { "Content-Range", held(2) } });
    f.transport.enqueue(201, {});
    qint64 lastProgress = 0;
    UploadOptions options;
    options.onProgress = [&lastProgress](qint64 done, qint64) { lastProgress = done; };
    const UploadResult result = f.client.uploadFile(
        QUrl(
            QStringLiteral("https://open-upload.tiktokapis.com/video/?upload_id=1&upload_token=t")),
        path, plan, options);
    EXPECT_EQ(result.finalStatus, 201);
    EXPECT_EQ(result.retries, 2);
    EXPECT_EQ(result.resyncs, 1);
    EXPECT_EQ(result.requests, 6);
    EXPECT_EQ(lastProgress, size);
    const auto &reqs = f.transport.requests;
    ASSERT_EQ(reqs.size(), 6u);
    const int chunkOf[] = { 0, 1, 1, 1, 2, 3 };
    for (size_t i = 0; i < reqs.size(); ++i) {
        const ChunkPlan::Range r = plan.chunk(chunkOf[i]);
        EXPECT_EQ(reqs[i].method, "PUT");
        EXPECT_EQ(reqs[i].header("Content-Range"),
            QStringLiteral("bytes %1-%2/%3").arg(r.offset).arg(r.last()).arg(size).toLatin1())
            << i;
        EXPECT_EQ(reqs[i].header("Content-Type"), "video/mp4");
        EXPECT_TRUE(reqs[i].header("Authorization").isEmpty());
        EXPECT_EQ(reqs[i].url.query(), QStringLiteral("upload_id=1&upload_token=t"));
        EXPECT_EQ(reqs[i].streamedBytes, r.length) << i;
    }
    EXPECT_EQ(reqs[5].header("Content-Range"), "bytes 50331648-67121208/67121209");
    EXPECT_EQ(reqs[1].streamedSha256, reqs[2].streamedSha256); // the same chunk again
    EXPECT_NE(reqs[0].streamedSha256, reqs[1].streamedSha256);
    EXPECT_EQ(f.slept, 500 + 1000); // backoff between the attempts of chunk 2
}

TEST(TikTokClientTest, ChunkUploadStopsOnExpiredUrlAndOnCancel)
{
    QTemporaryDir dir;
    const QString path = makeFile(dir, 1000);
    const ChunkPlan plan = *ChunkPlan::make(1000);
    ClientFixture f;
    f.transport.enqueue(403, "expired");
    try {
        f.client.uploadFile(QUrl(QStringLiteral("https://u.example/")), path, plan);
        FAIL();
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QLatin1String(ApiError::kUploadExpired));
    }
    std::atomic_bool cancel { true };
    UploadOptions options;
    options.cancel = &cancel;
    try {
        f.client.uploadFile(QUrl(QStringLiteral("https://u.example/")), path, plan, options);
        FAIL();
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QLatin1String(ApiError::kCancelled));
    }
    // A file that changed size since the plan is refused before any byte is sent.
    try {
        f.client.uploadFile(
            QUrl(QStringLiteral("https://u.example/")), path, *ChunkPlan::make(999));
        FAIL();
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QLatin1String(ApiError::kFileReadError));
    }
    EXPECT_EQ(f.transport.requests.size(), 1u);
}

TEST(TikTokClientTest, PlainHttpOnlyToLoopback)
{
    for (const char *ok : { "https://open.tiktokapis.com/v2/", "http://127.0.0.1:8080/x",
             "http://127.8.9.10/", "http://localhost:1/", "http://[::1]:99/" }) {
        EXPECT_TRUE(isUrlAllowed(QUrl(QLatin1String(ok)))) << ok;
    }
    for (const char *bad : { "http://open.tiktokapis.com/v2/", "http://10.0.0.1/",
             "http://127.0.0.1.evil.com/", "http://localhost.evil.com/", "ftp://127.0.0.1/",
             "file:///etc/passwd", "http://[::2]/", "" }) {
        EXPECT_FALSE(isUrlAllowed(QUrl(QLatin1String(bad)))) << bad;
    }
    // The real transport refuses before connecting.
    auto transport = createCurlTransport();
    HttpRequest request;
    request.url = QUrl(QStringLiteral("http://example.com/v2/oauth/token/"));
    const HttpResponse response = transport->send(request);
    EXPECT_EQ(response.failure, HttpResponse::Failure::Refused);
}

TEST(TikTokClientTest, CurlDebugOutputNeverShowsCredentials)
{
    const QByteArray headers = "PUT /video/?upload_id=1&upload_token=Xza123 HTTP/1.1\r\n"
                               "Host: open-upload.tiktokapis.com\r\n"
                               "Authorization: Bearer act.secret!5259\r\n"
                               "authorization:bearer act.lower\r\n"
                               "Proxy-Authorization: Basic dXNlcjpwYXNz\r\n"
                               "Content-Range: bytes 0-9/10\r\n";
    const QByteArray out = CurlDebug::redact(headers);
    for (const char *secret : { "act.secret", "act.lower", "dXNlcjpwYXNz", "Xza123" }) {
        EXPECT_FALSE(out.contains(secret)) << secret << " in " << out.toStdString();
    }
    EXPECT_TRUE(out.contains("Content-Range: bytes 0-9/10"));
    EXPECT_TRUE(out.contains("Authorization: [redacted]"));
    const QByteArray form = CurlDebug::redact(
        "client_key=k&client_secret=sss&code=ccc&refresh_token=rft.1&code_verifier=vvv");
    for (const char *secret : { "sss", "ccc", "rft.1", "vvv" }) {
        EXPECT_FALSE(form.contains(secret)) << secret;
    }
}

/// Tokens for "account/open-1" valid for one more minute: act.old / rft.old.
static void storeOldTokens(TokenKeeper &keeper, const Clock &clock)
{
    TokenSet initial;
    initial.accessToken = "act.old";
    initial.refreshToken = "rft.old";
    initial.openId = QStringLiteral("open-1");
    initial.scopes = QStringList { QStringLiteral("video.publish") };
    initial.accessExpiresAt = clock.nowUtc().addSecs(60);
    keeper.save(QStringLiteral("account/open-1"), initial);
}

TEST(TikTokClientTest, RefreshStoresTheRotatedTokenBeforeReturningIt)
{
    ClientFixture f;
    MemoryTokenStore store;
    TokenKeeper keeper(store, f.client, f.clock);
    storeOldTokens(keeper, f.clock);

    // Still valid for more than the margin: no network.
    EXPECT_EQ(keeper.fresh(QStringLiteral("account/open-1"), 30'000).accessToken, "act.old");
    EXPECT_TRUE(f.transport.requests.empty());

    f.transport.enqueue([&store](const SentRequest &sent) {
        // While the answer is on its way the store still holds the old token.
        EXPECT_EQ(
            formOf(sent.body).value(QStringLiteral("refresh_token")), QStringLiteral("rft.old"));
        EXPECT_EQ(
            formOf(sent.body).value(QStringLiteral("grant_type")), QStringLiteral("refresh_token"));
        EXPECT_TRUE(store.m_map.value(QStringLiteral("account/open-1")).contains("rft.old"));
        HttpResponse r;
        r.status = 200;
        r.body =
            R"({"access_token":"act.new","refresh_token":"rft.new","expires_in":86400,"refresh_expires_in":100,"open_id":"open-1","scope":"video.publish","token_type":"Bearer"})";
        return r;
    });
    const TokenSet fresh = keeper.fresh(QStringLiteral("account/open-1"));
    EXPECT_EQ(fresh.accessToken, "act.new");
    const auto stored = keeper.load(QStringLiteral("account/open-1"));
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->refreshToken, "rft.new");
    EXPECT_EQ(stored->refreshExpiresAt, f.clock.nowUtc().addSecs(100));

    // The next refresh sends the rotated token.
    f.transport.enqueue(200,
        R"({"access_token":"act.3","refresh_token":"rft.3","expires_in":86400,"open_id":"open-1","scope":"video.publish"})");
    keeper.refresh(QStringLiteral("account/open-1"));
    EXPECT_EQ(formOf(f.transport.requests.back().body).value(QStringLiteral("refresh_token")),
        QStringLiteral("rft.new"));

    // A store that refuses the new tokens makes the refresh fail loudly.
    store.failWrites = true;
    f.transport.enqueue(
        200, R"({"access_token":"act.4","refresh_token":"rft.4","expires_in":86400})");
    try {
        keeper.refresh(QStringLiteral("account/open-1"));
        FAIL();
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QLatin1String(ApiError::kTokenStoreError));
    }
}

TEST(TikTokClientTest, ARefreshRefusedBecauseAnotherProcessRotatedUsesTheStoredTokens)
{
    ClientFixture f;
    MemoryTokenStore store;
    TokenKeeper keeper(store, f.client, f.clock);
    storeOldTokens(keeper, f.clock);

    // While our refresh is on its way, another process rotates the tokens and stores them;
    // TikTok then refuses our (old) refresh token.
    f.transport.enqueue([&store](const SentRequest &) {
        TokenSet other;
        other.accessToken = "act.other";
        other.refreshToken = "rft.other";
        other.openId = QStringLiteral("open-1");
        store.m_map.insert(QStringLiteral("account/open-1"), other.toJson());
        HttpResponse r;
        r.status = 200;
        r.body =
            R"({"error":"invalid_grant","error_description":"Refresh token is invalid.","log_id":"x"})";
        return r;
    });
    const TokenSet used = keeper.refresh(QStringLiteral("account/open-1"));
    EXPECT_EQ(used.accessToken, "act.other");

    // A refusal with nothing newer stored is still an error for the user.
    f.transport.enqueue(200,
        R"({"error":"invalid_grant","error_description":"Refresh token is invalid.","log_id":"y"})");
    EXPECT_THROW(keeper.refresh(QStringLiteral("account/open-1")), ApiError);
}

TEST(TikTokClientTest, ConfigComesFromEnvironmentThenSettingsThenDefaults)
{
    TestProfile profile;
    Settings settings(profile.profile().settingsPath());
    MemoryTokenStore store;
    QProcessEnvironment empty;
    TikTokConfig defaults = TikTokConfig::resolve(&settings, &store, empty);
    EXPECT_EQ(defaults.apiBase, QStringLiteral("https://open.tiktokapis.com"));
    EXPECT_EQ(defaults.authUrl, QStringLiteral("https://www.tiktok.com/v2/auth/authorize/"));
    EXPECT_FALSE(defaults.hasClientKey());

    settings.setValue(Settings::TikTokClientKey, QStringLiteral("from-settings"));
    settings.setValue(Settings::TikTokApiBase, QStringLiteral("https://api.example/"));
    QString error;
    store.write(QString::fromLatin1(TikTokConfig::kClientSecretKey), "stored-secret", &error);
    TikTokConfig fromSettings = TikTokConfig::resolve(&settings, &store, empty);
    EXPECT_EQ(fromSettings.clientKey, QStringLiteral("from-settings"));
    EXPECT_EQ(fromSettings.clientSecret, "stored-secret");
    EXPECT_EQ(fromSettings.endpoint(QStringLiteral("/v2/oauth/token/")).toString(),
        QStringLiteral("https://api.example/v2/oauth/token/"));

    QProcessEnvironment env;
    env.insert(QStringLiteral("CUEPOINT_TIKTOK_CLIENT_KEY"), QStringLiteral("from-env"));
    env.insert(QStringLiteral("CUEPOINT_TIKTOK_CLIENT_SECRET"), QStringLiteral("env-secret"));
    env.insert(QStringLiteral("CUEPOINT_TIKTOK_API_BASE"), QStringLiteral("http://127.0.0.1:9"));
    env.insert(
        QStringLiteral("CUEPOINT_TIKTOK_AUTH_URL"), QStringLiteral("http://127.0.0.1:9/auth"));
    TikTokConfig fromEnv = TikTokConfig::resolve(&settings, &store, env);
    EXPECT_EQ(fromEnv.clientKey, QStringLiteral("from-env"));
    EXPECT_EQ(fromEnv.clientSecret, "env-secret");
    EXPECT_EQ(fromEnv.apiBase, QStringLiteral("http://127.0.0.1:9"));
    EXPECT_EQ(fromEnv.authUrl, QStringLiteral("http://127.0.0.1:9/auth"));
}
