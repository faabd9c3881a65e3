// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `cuepoint-cli schedule` end to end: the real executable, real video fixtures and the sandbox
// (in this process) playing TikTok for the creator_info checks.
#include "SandboxProcess.h"
#include "SchedulingTestSupport.h"

#include "cuepoint/core/media/SpecRules.h"
#include "cuepoint/core/media/VideoProbe.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/tiktok/ApiError.h"

#include <QFile>
#include <QFileInfo>

#include <gtest/gtest.h>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;

namespace {

const std::string kScopes = "user.info.basic,video.publish,video.upload";

/// A profile with accounts connected to an in-process sandbox.
class ScheduleCommandTest : public ::testing::Test
{
protected:
    ScheduleCommandTest()
        : m_cli(m_sandbox.baseUrlQ())
    {
    }

    qint64 connect(const std::string &creator, const QString &displayName)
    {
        return m_cli.addAccount(QString::fromStdString(creator), displayName,
            m_sandbox.server().issueTokens(creator, kScopes, "sandbox-client"));
    }

    QList<Post> storedPosts() const
    {
        auto db = m_cli.profile().openDatabase();
        const SystemClock clock;
        PostStore posts(*db, clock);
        return posts.posts();
    }

    InProcessSandbox m_sandbox;
    CliProfile m_cli;
};

QStringList scheduleArgs(const QString &video, const QStringList &more)
{
    return QStringList { QStringLiteral("schedule"), QStringLiteral("--video"), fixture(video) }
    + more;
}

} // namespace

TEST_F(ScheduleCommandTest, StoresThePostWithOneScheduledTargetPerAccount)
{
    const qint64 creator = connect("sandbox_creator", QStringLiteral("Sandbox Creator"));
    const qint64 pub = connect("sandbox_public", QStringLiteral("Sandbox Public"));

    // A local time in --tz, two accounts (by username and by display name), JSON out.
    const CliRun json = m_cli.run(scheduleArgs(QStringLiteral("ok_h264_aac_faststart.mp4"),
        { QStringLiteral("--at"), QStringLiteral("2030-05-01T09:00"), QStringLiteral("--tz"),
            QStringLiteral("America/New_York"), QStringLiteral("--account"),
            QStringLiteral("@sandbox_creator"), QStringLiteral("--account"),
            QStringLiteral("sandbox public"), QStringLiteral("--privacy"),
            QStringLiteral("self_only"), QStringLiteral("--caption"),
            QStringLiteral("Launch day #fyp"), QStringLiteral("--cover-ms"), QStringLiteral("1200"),
            QStringLiteral("--allow-comments"), QStringLiteral("--ai-generated"),
            QStringLiteral("--json") }));
    ASSERT_EQ(json.exitCode, 0) << json.err.toStdString();
    EXPECT_TRUE(json.err.isEmpty()) << json.err.toStdString();
    const QJsonObject post = jsonObject(json.out);
    ASSERT_FALSE(post.isEmpty()) << json.out.toStdString();
    EXPECT_EQ(post.value(QStringLiteral("scheduled_at")).toString(),
        QStringLiteral("2030-05-01T13:00:00Z"));
    EXPECT_EQ(
        post.value(QStringLiteral("time_zone")).toString(), QStringLiteral("America/New_York"));
    EXPECT_EQ(post.value(QStringLiteral("local_time")).toString(),
        QStringLiteral("2030-05-01T09:00:00-04:00"));
    EXPECT_EQ(post.value(QStringLiteral("mode")).toString(), QStringLiteral("auto"));
    EXPECT_EQ(post.value(QStringLiteral("privacy_level")).toString(), QStringLiteral("SELF_ONLY"));
    EXPECT_EQ(post.value(QStringLiteral("caption")).toString(), QStringLiteral("Launch day #fyp"));
    EXPECT_EQ(post.value(QStringLiteral("cover_timestamp_ms")).toInteger(), 1200);
    EXPECT_TRUE(post.value(QStringLiteral("allow_comments")).toBool());
    EXPECT_FALSE(post.value(QStringLiteral("allow_duet")).toBool());
    EXPECT_TRUE(post.value(QStringLiteral("ai_generated")).toBool());
    EXPECT_EQ(post.value(QStringLiteral("video")).toString(),
        QFileInfo(fixture(QStringLiteral("ok_h264_aac_faststart.mp4"))).absoluteFilePath());
    const QJsonArray targets = post.value(QStringLiteral("targets")).toArray();
    ASSERT_EQ(targets.size(), 2);
    EXPECT_EQ(targets.at(0).toObject().value(QStringLiteral("account_id")).toInteger(), creator);
    EXPECT_EQ(targets.at(1).toObject().value(QStringLiteral("account_id")).toInteger(), pub);
    for (const QJsonValue &t : targets) {
        EXPECT_EQ(
            t.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("scheduled"));
        EXPECT_TRUE(t.toObject().value(QStringLiteral("publish_id")).isNull());
    }
    // Each creator was asked (creator_info) before anything was stored.
    const std::string log = m_sandbox.server().requestLog().dump();
    size_t asked = 0;
    for (size_t at = log.find("creator_info"); at != std::string::npos;
         at = log.find("creator_info", at + 1)) {
        ++asked;
    }
    EXPECT_GE(asked, 2u) << log;

    // The same in the database, with each target's first journal row.
    QList<Post> posts = storedPosts();
    ASSERT_EQ(posts.size(), 1);
    EXPECT_EQ(posts.first().id, post.value(QStringLiteral("id")).toInteger());
    EXPECT_EQ(posts.first().scheduledAt, QDateTime(QDate(2030, 5, 1), QTime(13, 0), Qt::UTC));
    ASSERT_EQ(posts.first().targets.size(), 2);
    {
        auto db = m_cli.profile().openDatabase();
        const SystemClock clock;
        PostStore store(*db, clock);
        const QList<JournalEntry> journal = store.journal(posts.first().targets.first().id);
        ASSERT_EQ(journal.size(), 1);
        EXPECT_EQ(journal.first().to, TargetState::Scheduled);
    }

    // Text: an instant with an offset, the system zone (TZ=Europe/Paris) kept for display;
    // notify mode needs no privacy level.
    const CliRun text = m_cli.run(scheduleArgs(QStringLiteral("ok_h264.mov"),
        { QStringLiteral("--at"), QStringLiteral("2030-05-02T09:30:00+02:00"),
            QStringLiteral("--account"), QStringLiteral("sandbox_creator"),
            QStringLiteral("--mode"), QStringLiteral("notify") }));
    ASSERT_EQ(text.exitCode, 0) << text.err.toStdString();
    EXPECT_TRUE(text.out.startsWith(QStringLiteral("Scheduled post ")));
    EXPECT_TRUE(text.out.contains(QStringLiteral("2030-05-02 09:30 CEST (Europe/Paris)")))
        << text.out.toStdString();
    posts = storedPosts();
    ASSERT_EQ(posts.size(), 2);
    EXPECT_EQ(posts.last().mode, PublishMode::Notify);
    EXPECT_TRUE(posts.last().privacyLevel.isEmpty());
    EXPECT_EQ(posts.last().timeZoneId, QStringLiteral("Europe/Paris"));
    EXPECT_EQ(posts.last().scheduledAt, QDateTime(QDate(2030, 5, 2), QTime(7, 30), Qt::UTC));
}

TEST_F(ScheduleCommandTest, VideoAndCaptionProblemsAreListedAndNothingIsStored)
{
    connect("sandbox_creator", QStringLiteral("Sandbox Creator"));
    const QString longCaption(151, QLatin1Char('a'));
    const CliRun bad = m_cli.run(scheduleArgs(QStringLiteral("fps20.mp4"),
        { QStringLiteral("--at"), QStringLiteral("now"), QStringLiteral("--account"),
            QStringLiteral("sandbox_creator"), QStringLiteral("--privacy"),
            QStringLiteral("SELF_ONLY"), QStringLiteral("--caption"), longCaption,
            QStringLiteral("--cover-ms"), QStringLiteral("60000") }));
    EXPECT_EQ(bad.exitCode, 1) << bad.err.toStdString();
    // The same sentences as `validate` (SpecRules), one per problem.
    const SpecRules rules = SpecRules::defaults();
    const VideoInfo info = VideoProbe::probe(fixture(QStringLiteral("fps20.mp4")));
    const SpecResult video = rules.check(info);
    const SpecResult caption = rules.checkCaption(longCaption);
    ASSERT_FALSE(video.passed());
    ASSERT_FALSE(caption.passed());
    for (const SpecViolation &v : video.violations + caption.violations) {
        EXPECT_TRUE(bad.err.contains(QStringLiteral("problem: ") + v.message))
            << v.message.toStdString() << "\n"
            << bad.err.toStdString();
    }
    EXPECT_TRUE(bad.err.contains(QStringLiteral("cover time 60000 ms"))) << bad.err.toStdString();
    EXPECT_TRUE(m_sandbox.server().requestLog().dump().find("creator_info") == std::string::npos)
        << "the creators are not asked about a video that cannot go out";

    // A file that is not a video is an input error.
    QFile notVideo(m_cli.profile().path(QStringLiteral("notes.mp4")));
    ASSERT_TRUE(notVideo.open(QIODevice::WriteOnly));
    notVideo.write("these are not the frames you are looking for");
    notVideo.close();
    const CliRun unreadable = m_cli.run({ QStringLiteral("schedule"), QStringLiteral("--video"),
        notVideo.fileName(), QStringLiteral("--at"), QStringLiteral("now"),
        QStringLiteral("--account"), QStringLiteral("sandbox_creator"), QStringLiteral("--privacy"),
        QStringLiteral("SELF_ONLY") });
    EXPECT_EQ(unreadable.exitCode, 2);
    EXPECT_TRUE(unreadable.err.contains(notVideo.fileName())) << unreadable.err.toStdString();
    EXPECT_TRUE(storedPosts().isEmpty());
}

TEST_F(ScheduleCommandTest, EachCreatorsSettingsAreEnforced)
{
    connect("sandbox_creator", QStringLiteral("Sandbox Creator"));
    connect("sandbox_restricted", QStringLiteral("Sandbox Restricted"));
    connect("sandbox_capped", QStringLiteral("Sandbox Capped"));
    const auto schedule = [this](const QString &video, const QString &account,
                              const QString &privacy, const QStringList &more = {}) {
        return m_cli.run(scheduleArgs(video,
            QStringList { QStringLiteral("--at"), QStringLiteral("2030-05-01T09:00"),
                QStringLiteral("--account"), account, QStringLiteral("--privacy"), privacy }
                + more));
    };
    const QString ok = QStringLiteral("ok_h264_aac_faststart.mp4");

    // The default sandbox creator is private: public posts are not offered.
    const CliRun publicPost =
        schedule(ok, QStringLiteral("sandbox_creator"), QStringLiteral("PUBLIC_TO_EVERYONE"));
    EXPECT_EQ(publicPost.exitCode, 1);
    EXPECT_TRUE(publicPost.err.contains(QStringLiteral(
        "cannot post with privacy PUBLIC_TO_EVERYONE; TikTok offers FOLLOWER_OF_CREATOR, "
        "MUTUAL_FOLLOW_FRIENDS, SELF_ONLY.")))
        << publicPost.err.toStdString();

    // Comments turned off by the creator, and a video longer than the creator may post.
    const CliRun comments = schedule(QStringLiteral("ok_10min.mp4"),
        QStringLiteral("sandbox_restricted"), QStringLiteral("SELF_ONLY"),
        { QStringLiteral("--allow-comments"), QStringLiteral("--allow-stitch") });
    EXPECT_EQ(comments.exitCode, 1);
    EXPECT_TRUE(comments.err.contains(QStringLiteral("has turned comments off")))
        << comments.err.toStdString();
    EXPECT_TRUE(comments.err.contains(QStringLiteral("does not allow Stitches")));
    EXPECT_TRUE(comments.err.contains(QStringLiteral("may post videos of at most 60 s")))
        << comments.err.toStdString();

    // A creator who cannot post now: TikTok's sentence.
    const CliRun capped =
        schedule(ok, QStringLiteral("sandbox_capped"), QStringLiteral("SELF_ONLY"));
    EXPECT_EQ(capped.exitCode, 1);
    EXPECT_TRUE(capped.err.contains(QStringLiteral("@sandbox_capped cannot post now: ")
        + ApiError(QStringLiteral("spam_risk_too_many_posts"), {}).userMessage()))
        << capped.err.toStdString();

    // Branded content cannot be private (checked before TikTok is asked).
    const CliRun branded = schedule(ok, QStringLiteral("sandbox_creator"),
        QStringLiteral("SELF_ONLY"), { QStringLiteral("--brand-content") });
    EXPECT_EQ(branded.exitCode, 1);
    EXPECT_TRUE(branded.err.contains(QStringLiteral("Branded content cannot be private")));

    EXPECT_TRUE(storedPosts().isEmpty());
}

TEST_F(ScheduleCommandTest, BadAccountsTimesAndOptionsAreInputErrors)
{
    connect("sandbox_creator", QStringLiteral("Sandbox Creator"));
    m_cli.addAccount(QStringLiteral("twin_one"), QStringLiteral("Twin"));
    m_cli.addAccount(QStringLiteral("twin_two"), QStringLiteral("Twin"));
    const QString ok = QStringLiteral("ok_h264_aac_faststart.mp4");
    const auto schedule = [&](const QString &at, const QString &account,
                              const QStringList &more = {}) {
        return m_cli.run(scheduleArgs(ok,
            QStringList { QStringLiteral("--at"), at, QStringLiteral("--account"), account }
                + more));
    };
    const QStringList paris { QStringLiteral("--tz"), QStringLiteral("Europe/Paris"),
        QStringLiteral("--privacy"), QStringLiteral("SELF_ONLY") };

    const CliRun unknown = schedule(QStringLiteral("2030-05-01T09:00"), QStringLiteral("nobody"),
        { QStringLiteral("--privacy"), QStringLiteral("SELF_ONLY") });
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("No TikTok account named 'nobody'")));
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("@sandbox_creator (Sandbox Creator)")))
        << unknown.err.toStdString();

    const CliRun twins = schedule(QStringLiteral("2030-05-01T09:00"), QStringLiteral("twin"),
        { QStringLiteral("--privacy"), QStringLiteral("SELF_ONLY") });
    EXPECT_EQ(twins.exitCode, 2);
    EXPECT_TRUE(twins.err.contains(QStringLiteral("'twin' names 2 accounts: @twin_one (Twin), "
                                                  "@twin_two (Twin)")))
        << twins.err.toStdString();

    // 2030-03-31: Paris springs forward from 02:00 to 03:00.
    const CliRun gap =
        schedule(QStringLiteral("2030-03-31T02:30"), QStringLiteral("sandbox_creator"), paris);
    EXPECT_EQ(gap.exitCode, 2);
    EXPECT_TRUE(gap.err.contains(
        QStringLiteral("2030-03-31 02:30 does not exist in Europe/Paris: that night the clocks "
                       "go forward from 02:00 to 03:00 (CET to CEST)")))
        << gap.err.toStdString();
    // 2030-10-27: Paris falls back from 03:00 to 02:00; both readings are offered.
    const CliRun fold =
        schedule(QStringLiteral("2030-10-27T02:30"), QStringLiteral("sandbox_creator"), paris);
    EXPECT_EQ(fold.exitCode, 2);
    EXPECT_TRUE(fold.err.contains(QStringLiteral("2030-10-27 02:30 occurs twice in Europe/Paris")))
        << fold.err.toStdString();
    EXPECT_TRUE(fold.err.contains(QStringLiteral("2030-10-27T02:30+02:00 (CEST, 00:30 UTC) or "
                                                 "2030-10-27T02:30+01:00 (CET, 01:30 UTC)")))
        << fold.err.toStdString();

    for (const QString &when : { QStringLiteral("tomorrow"), QStringLiteral("2030-02-30T09:00"),
             QStringLiteral("2030-05-01"), QStringLiteral("2001-01-01T09:00Z") }) {
        const CliRun r = schedule(when, QStringLiteral("sandbox_creator"), paris);
        EXPECT_EQ(r.exitCode, 2) << when.toStdString();
        EXPECT_TRUE(r.err.startsWith(QStringLiteral("cuepoint-cli schedule: ")))
            << r.err.toStdString();
    }
    const CliRun zone =
        schedule(QStringLiteral("2030-05-01T09:00"), QStringLiteral("sandbox_creator"),
            { QStringLiteral("--tz"), QStringLiteral("Mars/Olympus"), QStringLiteral("--privacy"),
                QStringLiteral("SELF_ONLY") });
    EXPECT_EQ(zone.exitCode, 2);
    EXPECT_TRUE(zone.err.contains(QStringLiteral("unknown time zone 'Mars/Olympus'")));
    const CliRun noPrivacy =
        schedule(QStringLiteral("2030-05-01T09:00"), QStringLiteral("sandbox_creator"));
    EXPECT_EQ(noPrivacy.exitCode, 2);
    EXPECT_TRUE(noPrivacy.err.contains(QStringLiteral("--privacy is required")));
    const CliRun badPrivacy =
        schedule(QStringLiteral("2030-05-01T09:00"), QStringLiteral("sandbox_creator"),
            { QStringLiteral("--privacy"), QStringLiteral("FRIENDS") });
    EXPECT_EQ(badPrivacy.exitCode, 2);

    EXPECT_TRUE(storedPosts().isEmpty());
}

TEST(ScheduleCommandOfflineTest, SchedulesWithAWarningWhenTikTokCannotBeReached)
{
    // TikTok "configured" at a loopback port where nothing listens.
    CliProfile cli(QStringLiteral("http://127.0.0.1:9"));
    nlohmann::json tokens = { { "open_id", "open-offline" }, { "access_token", "act.offline" },
        { "refresh_token", "rft.offline" }, { "expires_in", 86400 },
        { "refresh_expires_in", 31536000 } };
    cli.addAccount(QStringLiteral("offline"), QStringLiteral("Offline"), tokens);
    const CliRun r = cli.run(scheduleArgs(QStringLiteral("ok_h264_aac_faststart.mp4"),
        { QStringLiteral("--at"), QStringLiteral("2030-05-01T09:00"), QStringLiteral("--account"),
            QStringLiteral("offline"), QStringLiteral("--privacy"),
            QStringLiteral("PUBLIC_TO_EVERYONE") }));
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.startsWith(QStringLiteral("warning: TikTok could not be reached to check "
                                                "@offline")))
        << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("the check will happen at publish time")));
    EXPECT_TRUE(r.out.startsWith(QStringLiteral("Scheduled post 1 ")));
}
