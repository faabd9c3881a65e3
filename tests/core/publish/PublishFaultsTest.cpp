// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The publishing engine against the sandbox's faults over real HTTP: failing and dropped
// chunks, rate limits, server errors, expiring tokens and upload links, TikTok's FAILED
// answers, endless processing and a stop in the middle of an upload. Each test checks the end
// state, that the journal explains it, and that TikTok never got the post twice.
#include "PublishHarness.h"

#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/tiktok/ApiError.h"
#include "cuepoint/core/tiktok/RateLimiter.h"
#include "cuepoint/core/tiktok/TikTokClient.h"

#include <QFileInfo>

#include <gtest/gtest.h>

#include <atomic>

using namespace Cuepoint;
using Core::TargetState;
using Cuepoint::Test::PublishHarness;

namespace {

const QString kFixtures = QStringLiteral(CUEPOINT_FIXTURES_DIR);
constexpr qint64 kBigVideo = 70'000'000; // 4 chunks of 16 MiB, the last one larger
constexpr qint64 kChunk = 16 * 1024 * 1024;

std::string text(const QString &s)
{
    return s.toStdString();
}

/// Publishes a 4-chunk video with @p faults set and checks it arrived once, byte for byte.
void publishBigVideoDespite(const nlohmann::json &faults, const char *journalSays = nullptr)
{
    SCOPED_TRACE(faults.dump());
    PublishHarness h;
    const QString video =
        Cuepoint::Test::paddedVideo(h.dir(), QStringLiteral("big.mp4"), kBigVideo);
    [[maybe_unused]] const auto [account, postId, targetId] = h.dueNow(video);
    h.sandbox().setFaults(faults);

    h.startEngine();
    ASSERT_TRUE(h.settles(targetId)) << text(Core::toString(h.stateOf(targetId)));
    const Core::PostTarget t = h.target(postId);
    const QString journal = h.journalText(targetId);
    EXPECT_EQ(t.state, TargetState::Published) << text(journal);
    EXPECT_TRUE(journal.contains(QStringLiteral("TikTok published it"))) << text(journal);
    if (journalSays) {
        EXPECT_TRUE(journal.contains(QLatin1String(journalSays))) << text(journal);
    }
    const nlohmann::json totals = h.totals();
    EXPECT_EQ(totals.at("inits").get<int>(), 1);
    EXPECT_EQ(totals.at("uploads_completed").get<int>(), 1);
    EXPECT_EQ(totals.at("published").get<int>(), 1);
    h.expectNoDuplicates();
    const nlohmann::json sent = h.publishOf(t.publishId);
    ASSERT_FALSE(sent.is_null());
    EXPECT_EQ(sent.at("total_chunk_count").get<int>(), 4);
    EXPECT_EQ(sent.at("sha256").get<std::string>(), text(Cuepoint::Test::sha256Of(video)));
    // The faults really happened.
    int faulted = 0;
    for (const nlohmann::json &r : h.sandbox().requestLog()) {
        faulted += r.contains("fault") && !r.at("fault").is_null() ? 1 : 0;
    }
    EXPECT_GT(faulted, 0);
}

} // namespace

// --- Chunks -------------------------------------------------------------------------------

TEST(PublishFaults, ChunkServerErrorsAreSentAgain)
{
    publishBigVideoDespite(
        { { "chunk_5xx", { 1, { { "chunk", 2 }, { "status", 502 }, { "times", 2 } }, 4 } } });
}

TEST(PublishFaults, DroppedChunkConnectionsAreSentAgain)
{
    publishBigVideoDespite({ { "chunk_drop", { 2, 3 } } });
}

TEST(PublishFaults, ChunkStoredButItsAnswerLostIsNotSentTwice)
{
    // Chunk 2 is stored, its 206 is lost: the retry gets 416 and continues from chunk 3.
    publishBigVideoDespite({ { "chunk_drop_after_commit", { 2 } } });
}

TEST(PublishFaults, ChunkFailingBeyondItsRetriesResumesTheSameUploadLater)
{
    // More 503s on chunk 2 than the client tries one chunk: the target is retried later from
    // its checkpoint, with the same publish_id (one init).
    publishBigVideoDespite(
        { { "chunk_5xx", { { { "chunk", 2 }, { "status", 503 }, { "times", 7 } } } } },
        "attempt 1 of 5 failed");
}

TEST(PublishFaults, DroppedFinalChunkIsFinishedWithoutASecondInit)
{
    // The final chunk's connection breaks before TikTok stored it: the same upload URL gets the
    // final chunk again (never an init), then the status decides.
    PublishHarness h;
    const QString video =
        Cuepoint::Test::paddedVideo(h.dir(), QStringLiteral("big.mp4"), kBigVideo);
    [[maybe_unused]] const auto [account, postId, targetId] = h.dueNow(video);
    h.sandbox().setFaults({ { "chunk_drop", { 4 } } });

    const QString journal = h.runUntilSettled(targetId);
    EXPECT_EQ(h.stateOf(targetId), TargetState::Published) << text(journal);
    EXPECT_TRUE(h.target(postId).finalChunkSent);
    QStringList states;
    for (const Core::JournalEntry &e : h.posts->journal(targetId)) {
        states << Core::toString(e.to);
    }
    EXPECT_EQ(text(states.join(QLatin1Char(','))), "scheduled,publishing,processing,published");
    EXPECT_EQ(h.requestCount("video_init"), 1);
    EXPECT_EQ(h.totals().at("uploads_completed").get<int>(), 1);
    EXPECT_EQ(h.totals().at("published").get<int>(), 1);
    h.expectNoDuplicates();
    EXPECT_EQ(h.publishOf(h.target(postId).publishId).at("sha256").get<std::string>(),
        text(Cuepoint::Test::sha256Of(video)));
}

TEST(PublishFaults, FinalChunkStoredButItsAnswerLostOnlyTheStatusIsAsked)
{
    // The lost 201: TikTok has the whole video, the client never heard. The retry of the final
    // chunk finds the task gone (404); the target must not init again, only ask the status.
    PublishHarness h;
    const QString video =
        Cuepoint::Test::paddedVideo(h.dir(), QStringLiteral("big.mp4"), kBigVideo);
    [[maybe_unused]] const auto [account, postId, targetId] = h.dueNow(video);
    h.sandbox().setFaults({ { "chunk_drop_after_commit", { 4 } } });

    const QString journal = h.runUntilSettled(targetId);
    EXPECT_EQ(h.stateOf(targetId), TargetState::Published) << text(journal);
    EXPECT_TRUE(journal.contains(QStringLiteral("instead of uploading again"))) << text(journal);
    EXPECT_TRUE(journal.contains(QStringLiteral("TikTok published it"))) << text(journal);
    EXPECT_EQ(h.requestCount("video_init"), 1);
    const nlohmann::json totals = h.totals();
    EXPECT_EQ(totals.at("inits").get<int>(), 1);
    EXPECT_EQ(totals.at("uploads_completed").get<int>(), 1);
    EXPECT_EQ(totals.at("published").get<int>(), 1);
    h.expectNoDuplicates();
    EXPECT_EQ(h.publishOf(h.target(postId).publishId).at("sha256").get<std::string>(),
        text(Cuepoint::Test::sha256Of(video)));
}

namespace {

/// Every attempt the client makes of the final chunk within one upload fails (@p fault):
/// the target must go to `processing` and finish the same upload from the status check.
void finalChunkKeepsFailing(const char *fault)
{
    SCOPED_TRACE(fault);
    PublishHarness h;
    const QString video =
        Cuepoint::Test::paddedVideo(h.dir(), QStringLiteral("big.mp4"), kBigVideo);
    [[maybe_unused]] const auto [account, postId, targetId] = h.dueNow(video);
    const int times = h.options.chunkAttempts + 1;
    h.sandbox().setFaults({ { fault, { { { "chunk", 4 }, { "times", times } } } } });

    const QString journal = h.runUntilSettled(targetId);
    EXPECT_EQ(h.stateOf(targetId), TargetState::Published) << text(journal);
    EXPECT_TRUE(journal.contains(QStringLiteral("instead of uploading again"))) << text(journal);
    EXPECT_EQ(h.requestCount("video_init"), 1);
    const nlohmann::json totals = h.totals();
    EXPECT_EQ(totals.at("inits").get<int>(), 1);
    EXPECT_EQ(totals.at("uploads_completed").get<int>(), 1);
    EXPECT_EQ(totals.at("published").get<int>(), 1);
    h.expectNoDuplicates();
    const nlohmann::json sent = h.publishOf(h.target(postId).publishId);
    EXPECT_EQ(sent.at("sha256").get<std::string>(), text(Cuepoint::Test::sha256Of(video)));
    // Chunks 1-3 once, then the final chunk until it went through.
    EXPECT_EQ(sent.at("put_requests").get<int>(), 3 + times + 1);
}

} // namespace

TEST(PublishFaults, FinalChunkDroppedOnEveryTryIsFinishedFromTheStatusCheck)
{
    finalChunkKeepsFailing("chunk_drop");
}

TEST(PublishFaults, FinalChunkFailingOnEveryTryIsFinishedFromTheStatusCheck)
{
    finalChunkKeepsFailing("chunk_5xx");
}

// --- Rate limits and server errors ---------------------------------------------------------

TEST(PublishFaults, RateLimitsOnEveryCallAreWaitedOut)
{
    PublishHarness h;
    [[maybe_unused]] const auto [account, postId, targetId] =
        h.dueNow(kFixtures + QStringLiteral("/ok_3s.mp4"));
    // The first call (creator_info) of any kind, then one init and one status call.
    h.sandbox().setFaults({ { "status_429_next", 1 },
        { "api_faults",
            { { { "endpoint", "video_init" }, { "kind", "429" }, { "count", 1 } },
                { { "endpoint", "status" }, { "kind", "429" }, { "count", 1 } } } } });

    h.startEngine();
    ASSERT_TRUE(h.settles(targetId, 30'000));
    const QString journal = h.journalText(targetId);
    EXPECT_EQ(h.stateOf(targetId), TargetState::Published) << text(journal);
    EXPECT_TRUE(journal.contains(QStringLiteral("TikTok asked Cuepoint to slow down")))
        << text(journal);
    int limited = 0;
    for (const nlohmann::json &r : h.sandbox().requestLog()) {
        limited += r.value("status", 0) == 429 ? 1 : 0;
    }
    EXPECT_EQ(limited, 3);
    EXPECT_TRUE(h.sandbox().faults().at("pending_api_faults").empty());
    h.expectPublishedOnce();
}

TEST(PublishFaults, InitServerErrorsAreRetriedWithBackoff)
{
    PublishHarness h;
    [[maybe_unused]] const auto [account, postId, targetId] =
        h.dueNow(kFixtures + QStringLiteral("/ok_3s.mp4"));
    h.sandbox().setFaults({ { "api_faults",
        { { { "endpoint", "video_init" }, { "kind", "5xx" }, { "status", 503 },
            { "count", 2 } } } } });

    const QString journal = h.runUntilSettled(targetId);
    EXPECT_EQ(h.stateOf(targetId), TargetState::Published) << text(journal);
    EXPECT_TRUE(journal.contains(QStringLiteral("attempt 1 of 5 failed"))) << text(journal);
    EXPECT_TRUE(journal.contains(QStringLiteral("attempt 2 of 5 failed"))) << text(journal);
    EXPECT_EQ(h.requestCount("video_init"), 3);
    EXPECT_EQ(h.target(postId).attempts, 3);
    h.expectPublishedOnce();
}

TEST(PublishFaults, DroppedInitIsRetried)
{
    PublishHarness h;
    [[maybe_unused]] const auto [account, postId, targetId] =
        h.dueNow(kFixtures + QStringLiteral("/ok_3s.mp4"));
    h.sandbox().setFaults({ { "api_faults",
        { { { "endpoint", "video_init" }, { "kind", "drop" }, { "count", 1 } } } } });

    const QString journal = h.runUntilSettled(targetId);
    EXPECT_EQ(h.stateOf(targetId), TargetState::Published) << text(journal);
    EXPECT_TRUE(journal.contains(QStringLiteral("TikTok published it"))) << text(journal);
    // The dropped init and its repetition (by the engine, or by libcurl itself when the
    // dropped connection was a reused one and nothing had come back).
    EXPECT_EQ(h.requestCount("video_init"), 2);
    h.expectPublishedOnce();
}

TEST(PublishFaults, PersistentServerErrorsGiveUpAfterMaxAttempts)
{
    PublishHarness h;
    [[maybe_unused]] const auto [account, postId, targetId] =
        h.dueNow(kFixtures + QStringLiteral("/ok_3s.mp4"));
    h.sandbox().setFaults({ { "api_faults",
        { { { "endpoint", "video_init" }, { "kind", "5xx" }, { "count", 100 } } } } });

    h.startEngine();
    ASSERT_TRUE(h.settles(targetId));
    const Core::PostTarget t = h.target(postId);
    const QString journal = h.journalText(targetId);
    EXPECT_EQ(t.state, TargetState::Failed) << text(journal);
    EXPECT_EQ(t.lastErrorCode, QStringLiteral("internal_error"));
    EXPECT_TRUE(journal.contains(QStringLiteral("gave up after 5 attempts"))) << text(journal);
    EXPECT_EQ(h.requestCount("video_init"), h.options.maxAttempts);
    EXPECT_EQ(h.totals().at("published").get<int>(), 0);
    ASSERT_TRUE(h.waitFor([&] { return !h.notifier.notices.isEmpty(); }));
    EXPECT_EQ(h.notifier.notices.last().state, TargetState::Failed);
}

// --- Tokens ---------------------------------------------------------------------------------

namespace {

/// A token that TikTok lets expire at @p endpoint's first call, although Cuepoint still
/// believes it valid: the call gets 401 access_token_invalid.
void tokenExpiresAt(const std::string &endpoint)
{
    SCOPED_TRACE(endpoint);
    std::atomic_bool expired { false };
    PublishHarness h;
    h.options.tokenRefreshMarginMs = 60'000;
    h.sandbox().setFaults({ { "token_ttl_sec", 600 } });
    const qint64 account = h.connect("sandbox_creator");
    h.sandbox().setFaults({ { "token_ttl_sec", nullptr } });
    const QString key = h.accounts->account(account)->tokenKey();
    const QByteArray before = Core::TokenSet::fromJson(h.tokens->read(key).secret)->accessToken;
    const qint64 postId =
        h.add(h.post(kFixtures + QStringLiteral("/ok_3s.mp4"), h.clock().nowUtc(), { account }));
    const qint64 targetId = h.target(postId).id;
    h.setRequestHook([&](const Core::HttpRequest &request) {
        if (Cuepoint::Test::endpointOf(request).toStdString() == endpoint
            && !expired.exchange(true)) {
            h.sandbox().advanceClock(std::chrono::minutes(11));
        }
    });

    h.startEngine();
    ASSERT_TRUE(h.settles(targetId));
    h.engine->stop();
    h.setRequestHook({});
    const QString journal = h.journalText(targetId);
    EXPECT_TRUE(expired.load());
    EXPECT_EQ(h.stateOf(targetId), TargetState::Published) << text(journal);
    EXPECT_TRUE(journal.contains(QStringLiteral("TikTok published it"))) << text(journal);
    EXPECT_EQ(h.requestCount("token"), 1); // one refresh
    // The refused call and its repetition with the new token.
    EXPECT_GE(h.requestCount(endpoint), 2);
    if (endpoint != "status") {
        EXPECT_EQ(h.requestCount(endpoint), 2);
    }
    int refused = 0;
    for (const nlohmann::json &r : h.sandbox().requestLog()) {
        refused += r.value("error_code", std::string()) == "access_token_invalid" ? 1 : 0;
    }
    EXPECT_EQ(refused, 1);
    EXPECT_NE(Core::TokenSet::fromJson(h.tokens->read(key).secret)->accessToken, before);
    EXPECT_EQ(h.accounts->account(account)->status, Core::AccountStatus::Connected);
    h.expectPublishedOnce();
}

} // namespace

TEST(PublishFaults, TokenExpiringBeforeInitIsRefreshedOnce)
{
    tokenExpiresAt("video_init");
}

TEST(PublishFaults, TokenExpiringBeforeCreatorCheckIsRefreshedOnce)
{
    tokenExpiresAt("creator_info");
}

TEST(PublishFaults, TokenExpiringWhileProcessingIsRefreshedOnce)
{
    tokenExpiresAt("status");
}

TEST(PublishFaults, RevokedAuthorizationHoldsAndAsksToReconnect)
{
    PublishHarness h;
    const qint64 account = h.connect("sandbox_creator");
    // The user removed the app in TikTok: access and refresh tokens are dead.
    const Core::TokenSet tokens =
        *Core::TokenSet::fromJson(h.tokens->read(h.accounts->account(account)->tokenKey()).secret);
    {
        auto transport = Core::createCurlTransport();
        Core::RateLimiter limiter(h.clock());
        Core::TikTokClient client(h.tiktok, *transport, limiter, h.clock());
        client.revoke(tokens.accessToken);
    }
    const qint64 postId =
        h.add(h.post(kFixtures + QStringLiteral("/ok_3s.mp4"), h.clock().nowUtc(), { account }));
    const qint64 targetId = h.target(postId).id;

    h.startEngine();
    ASSERT_TRUE(h.settles(targetId));
    const Core::PostTarget t = h.target(postId);
    const QString journal = h.journalText(targetId);
    EXPECT_EQ(t.state, TargetState::Held) << text(journal);
    EXPECT_EQ(t.lastErrorCode, QStringLiteral("invalid_grant"));
    EXPECT_TRUE(journal.contains(QStringLiteral("Connect the profile again"))) << text(journal);
    EXPECT_EQ(h.accounts->account(account)->status, Core::AccountStatus::ReconnectNeeded);
    EXPECT_EQ(h.requestCount("token"), 1); // one refresh was tried, not more
    EXPECT_EQ(h.requestCount("video_init"), 0);
    EXPECT_EQ(h.totals().at("published").get<int>(), 0);
}

// --- Upload link expiry ---------------------------------------------------------------------

TEST(PublishFaults, ExpiredUploadLinkStartsANewUploadOnce)
{
    std::atomic_bool expired { false };
    PublishHarness h;
    const QString video =
        Cuepoint::Test::paddedVideo(h.dir(), QStringLiteral("big.mp4"), kBigVideo);
    [[maybe_unused]] const auto [account, postId, targetId] = h.dueNow(video);
    // Between init and the first chunk, the hour of the upload link passes (on TikTok's clock).
    h.setRequestHook([&](const Core::HttpRequest &request) {
        if (Cuepoint::Test::endpointOf(request) == QLatin1String("upload")
            && !expired.exchange(true)) {
            h.sandbox().advanceClock(std::chrono::minutes(61));
        }
    });

    h.startEngine();
    ASSERT_TRUE(h.settles(targetId));
    h.engine->stop();
    h.setRequestHook({});
    const Core::PostTarget t = h.target(postId);
    const QString journal = h.journalText(targetId);
    EXPECT_EQ(t.state, TargetState::Published) << text(journal);
    EXPECT_TRUE(journal.contains(QStringLiteral("upload link expired"))) << text(journal);
    const nlohmann::json totals = h.totals();
    EXPECT_EQ(totals.at("inits").get<int>(), 2);
    EXPECT_EQ(totals.at("uploads_completed").get<int>(), 1);
    EXPECT_EQ(totals.at("published").get<int>(), 1);
    h.expectNoDuplicates();
    EXPECT_EQ(h.publishOf(t.publishId).at("sha256").get<std::string>(),
        text(Cuepoint::Test::sha256Of(video)));
}

TEST(PublishFaults, ExpiredLinkAtTheFinalChunkStartsOverOnlyWhenTikTokSaysItLacksBytes)
{
    // A one-chunk video whose link expired before its only (final) chunk left: the final-chunk
    // flag is committed before the PUT, so the engine does not init again on its own. It asks
    // TikTok, which reports the upload incomplete; the link refuses the rest, so that
    // publish_id can never become a post and a new upload is safe. Published once.
    std::atomic_bool expired { false };
    PublishHarness h;
    [[maybe_unused]] const auto [account, postId, targetId] =
        h.dueNow(kFixtures + QStringLiteral("/ok_3s.mp4"));
    h.setRequestHook([&](const Core::HttpRequest &request) {
        if (Cuepoint::Test::endpointOf(request) == QLatin1String("upload")
            && !expired.exchange(true)) {
            h.sandbox().advanceClock(std::chrono::minutes(61));
        }
    });

    h.startEngine();
    ASSERT_TRUE(h.settles(targetId));
    h.engine->stop();
    h.setRequestHook({});
    const QString journal = h.journalText(targetId);
    EXPECT_EQ(h.stateOf(targetId), TargetState::Published) << text(journal);
    EXPECT_TRUE(journal.contains(QStringLiteral("instead of uploading again"))) << text(journal);
    EXPECT_TRUE(journal.contains(QStringLiteral("nothing was published"))) << text(journal);
    EXPECT_EQ(h.requestCount("video_init"), 2);
    EXPECT_EQ(h.totals().at("uploads_completed").get<int>(), 1);
    EXPECT_EQ(h.totals().at("published").get<int>(), 1);
    h.expectNoDuplicates();
}

// --- What TikTok decides --------------------------------------------------------------------

TEST(PublishFaults, EachDocumentedFailReasonFailsWithItsSentence)
{
    QStringList untested;
    for (const QString &reason : Core::documentedFailReasons()) {
        SCOPED_TRACE(text(reason));
        PublishHarness h;
        try {
            h.sandbox().setFaults({ { "fail_reason", text(reason) } });
        } catch (const std::invalid_argument &) {
            untested << reason; // the sandbox cannot produce it (photos: not a video upload)
            continue;
        }
        const qint64 account = h.connect("sandbox_creator");
        const qint64 postId = h.add(
            h.post(kFixtures + QStringLiteral("/ok_3s.mp4"), h.clock().nowUtc(), { account }));
        const qint64 targetId = h.target(postId).id;
        h.startEngine();
        ASSERT_TRUE(h.settles(targetId));
        ASSERT_TRUE(h.waitFor([&] { return h.engine->isIdle(); }));
        const Core::PostTarget t = h.target(postId);
        const QString sentence = Core::sentenceForFailReason(reason);
        const QString journal = h.journalText(targetId);
        EXPECT_EQ(t.state, TargetState::Failed) << text(journal);
        EXPECT_EQ(t.lastErrorCode, reason);
        EXPECT_EQ(t.lastError, sentence);
        EXPECT_FALSE(sentence.contains(QLatin1Char('_'))) << "a plain sentence, not the code";
        EXPECT_TRUE(journal.contains(sentence)) << text(journal);
        if (Core::categoryForFailReason(reason) == Core::ErrorCategory::RetryLater) {
            // TikTok's own trouble: FAILED means nothing was published, so new uploads are
            // tried (the sandbox fails every one here) until the attempts run out.
            EXPECT_EQ(t.attempts, h.options.maxAttempts);
            EXPECT_EQ(h.requestCount("video_init"), h.options.maxAttempts);
            EXPECT_TRUE(journal.contains(QStringLiteral("gave up"))) << text(journal);
        } else {
            // The video or the account must change: no retry, one claim, one init.
            EXPECT_EQ(t.attempts, 1);
            EXPECT_EQ(h.requestCount("video_init"), 1);
        }
        EXPECT_EQ(h.totals().at("published").get<int>(), 0);
        ASSERT_FALSE(h.notifier.notices.isEmpty());
        EXPECT_EQ(h.notifier.notices.last().state, TargetState::Failed);
    }
    EXPECT_EQ(text(untested.join(QLatin1Char(','))), "photo_pull_failed");
}

TEST(PublishFaults, ProcessingThatNeverEndsBecomesUnconfirmed)
{
    PublishHarness h;
    h.options.processingDeadlineMs = 400;
    [[maybe_unused]] const auto [account, postId, targetId] =
        h.dueNow(kFixtures + QStringLiteral("/ok_3s.mp4"));
    h.sandbox().setFaults({ { "never_complete", true } });

    h.startEngine();
    ASSERT_TRUE(h.settles(targetId));
    const Core::PostTarget t = h.target(postId);
    const QString journal = h.journalText(targetId);
    EXPECT_EQ(t.state, TargetState::Unconfirmed) << text(journal);
    EXPECT_EQ(t.lastErrorCode, QStringLiteral("unconfirmed"));
    EXPECT_TRUE(journal.contains(QStringLiteral("Look at @sandbox_creator on TikTok before "
                                                "retrying")))
        << text(journal);
    EXPECT_GE(h.requestCount("status"), 1);
    EXPECT_EQ(h.totals().at("inits").get<int>(), 1);
    EXPECT_EQ(h.totals().at("published").get<int>(), 0);
    ASSERT_TRUE(h.waitFor([&] { return !h.notifier.notices.isEmpty(); }));
    EXPECT_EQ(h.notifier.notices.last().state, TargetState::Unconfirmed);
}

// --- Stopping ---------------------------------------------------------------------------------

namespace {

/// Stops the engine while the chunk starting at @p offset is on its way, then lets a new
/// engine finish: the same upload (one init), each chunk accepted once.
void stopAtChunk(qint64 offset, const char *journalSays)
{
    SCOPED_TRACE(offset);
    std::atomic_bool atChunk { false };
    PublishHarness h;
    const QString video =
        Cuepoint::Test::paddedVideo(h.dir(), QStringLiteral("big.mp4"), kBigVideo);
    [[maybe_unused]] const auto [account, postId, targetId] = h.dueNow(video);
    // The chunk waits until the engine is told to stop.
    h.setRequestHook([&](const Core::HttpRequest &request) {
        if (Cuepoint::Test::uploadOffsetOf(request) != offset) {
            return;
        }
        atChunk = true;
        QDeadlineTimer limit(10'000);
        while (!(request.cancel && request.cancel->load()) && !limit.hasExpired()) {
            QThread::msleep(2);
        }
    });

    h.startEngine();
    ASSERT_TRUE(h.waitFor([&] { return atChunk.load(); }));
    h.engine->stop();
    h.setRequestHook({});
    const Core::PostTarget stopped = h.target(postId);
    EXPECT_EQ(stopped.state, TargetState::Publishing) << text(h.journalText(targetId));
    EXPECT_FALSE(stopped.publishId.isEmpty());
    EXPECT_FALSE(stopped.uploadUrl.isEmpty());
    EXPECT_EQ(stopped.uploadedBytes, offset);
    EXPECT_EQ(stopped.finalChunkSent, offset == 3 * kChunk);
    EXPECT_EQ(h.totals().at("uploads_completed").get<int>(), 0);

    h.engine.reset();
    h.startEngine();
    ASSERT_TRUE(h.settles(targetId));
    const Core::PostTarget t = h.target(postId);
    const QString journal = h.journalText(targetId);
    EXPECT_EQ(t.state, TargetState::Published) << text(journal);
    EXPECT_EQ(t.publishId, stopped.publishId);
    EXPECT_TRUE(journal.contains(QStringLiteral("TikTok published it"))) << text(journal);
    if (journalSays) {
        EXPECT_TRUE(journal.contains(QLatin1String(journalSays))) << text(journal);
    }
    const nlohmann::json totals = h.totals();
    EXPECT_EQ(totals.at("inits").get<int>(), 1);
    EXPECT_EQ(totals.at("uploads_completed").get<int>(), 1);
    EXPECT_EQ(totals.at("published").get<int>(), 1);
    h.expectNoDuplicates();
    // No chunk was accepted twice: 4 chunks in all.
    const nlohmann::json sent = h.publishOf(t.publishId);
    EXPECT_EQ(sent.at("chunks_accepted").get<int>(), 4);
    EXPECT_EQ(sent.at("sha256").get<std::string>(), text(Cuepoint::Test::sha256Of(video)));
}

} // namespace

TEST(PublishFaults, StoppedMidUploadANewEngineFinishesTheSameUpload)
{
    stopAtChunk(kChunk, nullptr);
}

TEST(PublishFaults, StoppedDuringTheFinalChunkANewEngineOnlyAsksAndFinishes)
{
    // The final-chunk flag is committed: the new engine never inits, it asks the status and
    // finishes the same upload.
    stopAtChunk(3 * kChunk, "instead of uploading again");
}
