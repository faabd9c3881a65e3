// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The publishing engine against the sandbox over real HTTP: the happy paths of both modes,
// the creator checks before publishing, and resuming what a crashed run left behind.
#include "PublishHarness.h"

#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/tiktok/ApiError.h"
#include "cuepoint/core/tiktok/ChunkPlan.h"
#include "cuepoint/core/tiktok/HttpTransport.h"
#include "cuepoint/core/tiktok/RateLimiter.h"
#include "cuepoint/core/tiktok/TikTokClient.h"

#include <gtest/gtest.h>

using namespace Cuepoint;
using Core::TargetState;
using Cuepoint::Test::PublishHarness;

namespace {

const QString kFixtures = QStringLiteral(CUEPOINT_FIXTURES_DIR);

} // namespace

TEST(PublishEngine, DuePostIsPublishedWithWhatTheUserChose)
{
    PublishHarness h;
    const qint64 account = h.connect("sandbox_creator");
    const QString video =
        Cuepoint::Test::paddedVideo(h.dir(), QStringLiteral("launch.mp4"), 70'000'000);
    Core::Post p =
        h.post(video, h.clock().nowUtc(), { account }, QStringLiteral("Launch day ✨ #cuepoint"));
    p.coverTimestampMs = 2534;
    p.brandOrganic = true;
    p.aiGenerated = true;
    const qint64 postId = h.add(p);
    const qint64 targetId = h.target(postId).id;

    h.startEngine();
    ASSERT_TRUE(h.settles(targetId)) << Core::toString(h.stateOf(targetId)).toStdString();

    const Core::PostTarget t = h.target(postId);
    EXPECT_EQ(t.state, TargetState::Published) << h.journalText(targetId).toStdString();
    EXPECT_FALSE(t.publishId.isEmpty());
    EXPECT_EQ(t.uploadedBytes, 70'000'000);
    const nlohmann::json sent = h.publishOf(t.publishId);
    ASSERT_FALSE(sent.is_null());
    EXPECT_EQ(sent.at("sha256").get<std::string>(), Cuepoint::Test::sha256Of(video).toStdString());
    EXPECT_EQ(sent.at("total_chunk_count").get<int>(), 4);
    const nlohmann::json &info = sent.at("post_info");
    EXPECT_EQ(info.at("title").get<std::string>(), "Launch day ✨ #cuepoint");
    EXPECT_EQ(info.at("privacy_level").get<std::string>(), "SELF_ONLY");
    EXPECT_EQ(info.at("disable_comment").get<bool>(), false);
    EXPECT_EQ(info.at("disable_duet").get<bool>(), true);
    EXPECT_EQ(info.at("disable_stitch").get<bool>(), true);
    EXPECT_EQ(info.at("video_cover_timestamp_ms").get<qint64>(), 2534);
    EXPECT_EQ(info.at("brand_organic_toggle").get<bool>(), true);
    EXPECT_EQ(info.at("is_aigc").get<bool>(), true);
    // Exactly one init, one completed upload, one published post.
    const nlohmann::json totals = h.sandbox().publishSummary().at("totals");
    EXPECT_EQ(totals.at("inits").get<int>(), 1);
    EXPECT_EQ(totals.at("uploads_completed").get<int>(), 1);
    EXPECT_EQ(totals.at("published").get<int>(), 1);
    // The user heard about it.
    ASSERT_TRUE(h.waitFor([&] { return !h.notifier.notices.isEmpty(); }));
    ASSERT_EQ(h.notifier.notices.size(), 1);
    EXPECT_EQ(h.notifier.notices.first().state, TargetState::Published);
    // And the journal tells the story in order.
    QStringList states;
    for (const Core::JournalEntry &e : h.posts->journal(targetId)) {
        states << Core::toString(e.to);
    }
    EXPECT_EQ(
        states.join(QLatin1Char(',')).toStdString(), "scheduled,publishing,processing,published");
}

TEST(PublishEngine, NotificationModeLandsInTheInboxWithTheCaptionReady)
{
    PublishHarness h;
    const qint64 account = h.connect("sandbox_creator");
    Core::Post p = h.post(kFixtures + QStringLiteral("/ok_3s.mp4"), h.clock().nowUtc(), { account },
        QStringLiteral("Finish me on the phone #draft"));
    p.mode = Core::PublishMode::Notify;
    p.privacyLevel.clear();
    const qint64 postId = h.add(p);
    const qint64 targetId = h.target(postId).id;

    h.startEngine();
    ASSERT_TRUE(h.settles(targetId));
    EXPECT_EQ(h.stateOf(targetId), TargetState::SentToInbox)
        << h.journalText(targetId).toStdString();
    const nlohmann::json sent = h.publishOf(h.target(postId).publishId);
    EXPECT_EQ(sent.at("kind").get<std::string>(), "inbox");
    ASSERT_TRUE(h.waitFor([&] { return !h.notifier.notices.isEmpty(); }));
    ASSERT_EQ(h.notifier.notices.size(), 1);
    EXPECT_EQ(h.notifier.notices.first().state, TargetState::SentToInbox);
    EXPECT_EQ(h.notifier.notices.first().caption, QStringLiteral("Finish me on the phone #draft"));
}

TEST(PublishEngine, SeveralProfilesPublishTheSamePostEachOnce)
{
    auto config = Sandbox::SandboxConfig::defaults();
    PublishHarness h(false, config);
    h.tiktok.clientKey = QStringLiteral("sandbox-audited");
    h.tiktok.clientSecret = "sandbox-audited-secret";
    const qint64 a = h.connect(
        "sandbox_creator", "user.info.basic,video.publish,video.upload", "sandbox-audited");
    const qint64 b = h.connect(
        "sandbox_public", "user.info.basic,video.publish,video.upload", "sandbox-audited");
    const qint64 postId =
        h.add(h.post(kFixtures + QStringLiteral("/ok_3s.mp4"), h.clock().nowUtc(), { a, b }));
    h.startEngine();
    ASSERT_TRUE(h.settles(h.target(postId, 0).id));
    ASSERT_TRUE(h.settles(h.target(postId, 1).id));
    EXPECT_EQ(h.target(postId, 0).state, TargetState::Published);
    EXPECT_EQ(h.target(postId, 1).state, TargetState::Published);
    EXPECT_EQ(h.sandbox().publishSummary().at("totals").at("published").get<int>(), 2);
}

TEST(PublishEngine, CreatorChecksHoldInsteadOfChangingTheUsersChoice)
{
    PublishHarness h;
    h.tiktok.clientKey = QStringLiteral("sandbox-audited");
    h.tiktok.clientSecret = "sandbox-audited-secret";
    const std::string scopes = "user.info.basic,video.publish,video.upload";
    const qint64 priv = h.connect("sandbox_creator", scopes, "sandbox-audited");
    const qint64 restricted = h.connect("sandbox_restricted", scopes, "sandbox-audited");
    const qint64 capped = h.connect("sandbox_capped", scopes, "sandbox-audited");
    const QString video = kFixtures + QStringLiteral("/ok_3s.mp4");

    Core::Post publicOnPrivate = h.post(video, h.clock().nowUtc(), { priv });
    publicOnPrivate.privacyLevel = QStringLiteral("PUBLIC_TO_EVERYONE");
    const qint64 p1 = h.add(publicOnPrivate);
    Core::Post comments = h.post(video, h.clock().nowUtc(), { restricted });
    comments.privacyLevel = QStringLiteral("PUBLIC_TO_EVERYONE");
    const qint64 p2 = h.add(comments);
    const qint64 p3 = h.add(h.post(video, h.clock().nowUtc(), { capped }));
    Core::Post missing =
        h.post(h.dir() + QStringLiteral("/gone.mp4"), h.clock().nowUtc(), { priv });
    const qint64 p4 = h.add(missing);

    h.startEngine();
    for (const qint64 postId : { p1, p2, p3, p4 }) {
        ASSERT_TRUE(h.settles(h.target(postId).id));
        EXPECT_EQ(h.target(postId).state, TargetState::Held) << postId;
    }
    EXPECT_EQ(h.target(p1).lastErrorCode, QStringLiteral("privacy_level_unavailable"));
    EXPECT_TRUE(h.target(p1).lastError.contains(QStringLiteral("PUBLIC_TO_EVERYONE")));
    EXPECT_EQ(h.target(p2).lastErrorCode, QStringLiteral("interaction_disabled"));
    EXPECT_TRUE(h.target(p2).lastError.contains(QStringLiteral("comments")));
    EXPECT_EQ(h.target(p3).lastErrorCode, QStringLiteral("spam_risk_too_many_posts"));
    EXPECT_EQ(h.target(p4).lastErrorCode, QStringLiteral("video_missing"));
    // Nothing reached TikTok.
    EXPECT_EQ(h.sandbox().publishSummary().at("totals").at("inits").get<int>(), 0);
}

namespace {

/// What a run that died mid-publish left behind: it claimed the target, initialised at
/// TikTok, and sent some of the video; record() writes what it had committed.
class CrashedRun
{
public:
    CrashedRun(PublishHarness &h, qint64 account, qint64 targetId, const QString &video)
        : m_h(h)
        , m_targetId(targetId)
        , m_video(video)
        , m_transport(Core::createCurlTransport())
        , m_limiter(h.clock())
        , m_client(h.tiktok, *m_transport, m_limiter, h.clock())
        , m_plan(*Core::ChunkPlan::make(QFileInfo(video).size(), h.options.chunkSize))
    {
        EXPECT_TRUE(
            h.posts->claimDueTarget(QStringLiteral("crashed run"), std::chrono::minutes(10)));
        const Core::TokenSet tokens = *Core::TokenSet::fromJson(
            h.tokens->read(h.accounts->account(account)->tokenKey()).secret);
        Core::DirectPostInfo info;
        info.privacyLevel = QStringLiteral("SELF_ONLY");
        info.title = QStringLiteral("Launch day #cuepoint");
        init = m_client.initDirectPost(tokens.accessToken, info, m_plan);
    }

    int chunks() const { return static_cast<int>(m_plan.totalChunkCount); }
    void uploadAll() { m_client.uploadFile(init.uploadUrl, m_video, m_plan); }
    /// Sends the first chunk (checkpointed), then "crashes".
    void uploadFirstChunk()
    {
        std::atomic_bool stop { false };
        Core::UploadOptions first;
        first.cancel = &stop;
        first.onConfirmed = [&](qint64 bytes) {
            m_h.posts->checkpointUpload(m_targetId, bytes);
            stop = true;
        };
        EXPECT_THROW(m_client.uploadFile(init.uploadUrl, m_video, m_plan, first), Core::ApiError);
    }
    void record(bool finalChunkSent)
    {
        Core::PostStore::TargetUpdate update;
        update.publishId = init.publishId;
        update.uploadUrl = init.uploadUrl.toString();
        update.totalBytes = m_plan.videoSize;
        update.finalChunkSent = finalChunkSent;
        EXPECT_TRUE(m_h.posts->updateTarget(m_targetId, TargetState::Publishing, update));
    }

    Core::UploadInit init;

private:
    PublishHarness &m_h;
    qint64 m_targetId;
    QString m_video;
    std::unique_ptr<Core::HttpTransport> m_transport;
    Core::RateLimiter m_limiter;
    Core::TikTokClient m_client;
    Core::ChunkPlan m_plan;
};

/// Starts the engine and checks that the target ends published from the one init of @p run,
/// with the file's bytes.
void expectFinishedOnce(
    PublishHarness &h, qint64 targetId, const CrashedRun &run, const QString &video)
{
    h.startEngine();
    ASSERT_TRUE(h.settles(targetId));
    EXPECT_EQ(h.stateOf(targetId), TargetState::Published) << h.journalText(targetId).toStdString();
    const nlohmann::json totals = h.sandbox().publishSummary().at("totals");
    EXPECT_EQ(totals.at("inits").get<int>(), 1); // the same upload, never a new one
    EXPECT_EQ(totals.at("uploads_completed").get<int>(), 1);
    EXPECT_EQ(totals.at("published").get<int>(), 1);
    EXPECT_EQ(h.publishOf(run.init.publishId).at("sha256").get<std::string>(),
        Cuepoint::Test::sha256Of(video).toStdString());
}

} // namespace

TEST(PublishEngine, AfterACrashPastTheFinalChunkOnlyTheStatusIsAsked)
{
    PublishHarness h;
    const QString video = kFixtures + QStringLiteral("/ok_3s.mp4");
    const auto [account, postId, targetId] = h.dueNow(video);
    // The run committed the final-chunk flag and sent the whole video, then died.
    CrashedRun run(h, account, targetId, video);
    run.record(true);
    run.uploadAll();

    expectFinishedOnce(h, targetId, run, video);
    EXPECT_TRUE(h.journalText(targetId).contains(QStringLiteral("instead of uploading again")));
}

TEST(PublishEngine, AfterACrashBeforeTheFinalChunkWasSentTheSameUploadIsFinished)
{
    PublishHarness h;
    const QString video =
        Cuepoint::Test::paddedVideo(h.dir(), QStringLiteral("big.mp4"), 70'000'000);
    const auto [account, postId, targetId] = h.dueNow(video);
    // The run sent the first chunk, committed the flag, and died before the final chunk left.
    CrashedRun run(h, account, targetId, video);
    ASSERT_EQ(run.chunks(), 4);
    run.uploadFirstChunk();
    run.record(true);

    expectFinishedOnce(h, targetId, run, video);
}

TEST(PublishEngine, AfterACrashMidUploadTheUploadContinuesFromItsCheckpoint)
{
    PublishHarness h;
    const QString video =
        Cuepoint::Test::paddedVideo(h.dir(), QStringLiteral("big.mp4"), 70'000'000);
    const auto [account, postId, targetId] = h.dueNow(video);
    CrashedRun run(h, account, targetId, video);
    run.record(false);
    run.uploadFirstChunk();
    ASSERT_GT(h.target(postId).uploadedBytes, 0);

    expectFinishedOnce(h, targetId, run, video);
}

TEST(PublishEngine, ATargetTikTokMayAlreadyHoldCanNeitherBeCancelledNorHeld)
{
    PublishHarness h;
    [[maybe_unused]] const auto [account, postId, targetId] =
        h.dueNow(kFixtures + QStringLiteral("/ok_3s.mp4"));
    ASSERT_TRUE(h.posts->claimDueTarget(QStringLiteral("test"), std::chrono::minutes(1)));
    // Before the final chunk: the user may still cancel.
    Core::PostStore::TargetUpdate flag;
    flag.finalChunkSent = true;
    ASSERT_TRUE(h.posts->updateTarget(targetId, TargetState::Publishing, flag));
    // From the final chunk on, the video may be live: saying "cancelled" would be a lie.
    EXPECT_FALSE(h.posts->transition(
        targetId, TargetState::Publishing, TargetState::Cancelled, QStringLiteral("user")));
    EXPECT_FALSE(h.posts->transition(
        targetId, TargetState::Publishing, TargetState::Held, QStringLiteral("user")));
    EXPECT_EQ(h.stateOf(targetId), TargetState::Publishing);
    ASSERT_TRUE(h.posts->transition(
        targetId, TargetState::Publishing, TargetState::Processing, QStringLiteral("uploaded")));
    EXPECT_THROW(h.posts->transition(targetId, TargetState::Processing, TargetState::Cancelled,
                     QStringLiteral("user")),
        Core::StorageError);
    EXPECT_FALSE(Core::isAllowedTransition(TargetState::Processing, TargetState::Held));
}
