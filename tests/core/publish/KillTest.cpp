// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The exactly-once promise under SIGKILL: `cuepoint-cli run` publishes 30 posts across three
// sandbox accounts and is killed at random moments (during init, mid-upload, right after the
// final chunk, while polling), then restarted, again and again. At the end every target must
// be published, and TikTok (the sandbox, a separate process that lives through it all) must
// have exactly one completed upload and one published post per target.
#include "CliRunner.h"
#include "PublishHarness.h"
#include "SandboxProcess.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/support/Profile.h"
#include "cuepoint/core/support/TokenStore.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <csignal>
#include <iostream>
#include <map>
#include <set>

using namespace Cuepoint;
using Core::TargetState;

namespace {

constexpr int kPosts = 30;
constexpr int kKills = 12;
const char *const kCreators[] = { "kill_a", "kill_b", "kill_c" };

QString writeSandboxConfig(const QString &dir)
{
    nlohmann::json creators = nlohmann::json::array();
    for (const char *name : kCreators) {
        creators.push_back({ { "username", name }, { "nickname", std::string("Kill ") + name },
            { "private_account", false }, { "daily_post_cap", 100 } });
    }
    const nlohmann::json config = {
        { "clients",
            { { { "client_key", "kill-client" }, { "client_secret", "kill-secret" },
                { "redirect_uris", { "http://127.0.0.1:*/callback/" } },
                { "scopes", { "user.info.basic", "video.publish", "video.upload" } },
                { "audited", true }, { "active_user_cap", 100 } } } },
        { "creators", creators },
        { "default_creator", kCreators[0] },
        // Long enough that kills land while TikTok processes and Cuepoint polls.
        { "delays", { { "processing_ms", 1200 } } },
    };
    const QString path = dir + QStringLiteral("/sandbox-config.json");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return {};
    }
    f.write(QByteArray::fromStdString(config.dump(2)));
    return path;
}

/// Where the targets stood when the process died, as names for the report.
std::set<std::string> phasesOf(const QString &databasePath)
{
    std::set<std::string> phases;
    Core::Database::Options options;
    options.readOnly = true;
    auto db = Core::Database::open(databasePath, options);
    const Core::SystemClock clock;
    Core::PostStore posts(*db, clock);
    for (const Core::PostTarget &t : posts.targetsInState(TargetState::Publishing)) {
        if (t.publishId.isEmpty()) {
            phases.insert("before or during init");
        } else if (t.finalChunkSent) {
            phases.insert("final chunk sent");
        } else {
            phases.insert("uploading");
        }
    }
    if (!posts.targetsInState(TargetState::Processing).isEmpty()) {
        phases.insert("polling");
    }
    return phases;
}

} // namespace

TEST(PublishKillTest, EveryTargetIsPublishedExactlyOnceThroughRepeatedSigkills)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString configPath = writeSandboxConfig(dir.path());
    Cuepoint::Test::SandboxProcess sandbox({ QStringLiteral("--config"), configPath });
    ASSERT_TRUE(sandbox.isRunning());
    // Every request takes a little longer, so that random kills hit every phase.
    sandbox.admin("POST", "/_sandbox/faults", { { "delay_ms", 120 } });

    const Core::Profile profile(dir.filePath(QStringLiteral("profile")));
    QString error;
    ASSERT_TRUE(profile.ensureExists(&error)) << error.toStdString();
    const QString bigVideo =
        Cuepoint::Test::paddedVideo(dir.path(), QStringLiteral("big.mp4"), 70'000'000);
    const QString smallVideo = QStringLiteral(CUEPOINT_FIXTURES_DIR) + QStringLiteral("/ok_3s.mp4");
    {
        auto db = Core::Database::open(profile.databasePath());
        const Core::SystemClock clock;
        Core::AccountStore accounts(*db, clock);
        Core::PostStore posts(*db, clock);
        Core::FileTokenStore tokens(profile.tokenFilePath());
        QList<qint64> accountIds;
        for (const char *creator : kCreators) {
            const nlohmann::json answer = sandbox.issueTokens(creator);
            Core::TokenSet set;
            set.accessToken =
                QByteArray::fromStdString(answer.at("access_token").get<std::string>());
            set.refreshToken =
                QByteArray::fromStdString(answer.at("refresh_token").get<std::string>());
            set.openId = QString::fromStdString(answer.at("open_id").get<std::string>());
            set.scopes = { QStringLiteral("user.info.basic"), QStringLiteral("video.publish"),
                QStringLiteral("video.upload") };
            set.accessExpiresAt = clock.nowUtc().addSecs(86400);
            set.refreshExpiresAt = clock.nowUtc().addSecs(31536000);
            Core::Account account;
            account.openId = set.openId;
            account.username = QString::fromLatin1(creator);
            account.scopes = set.scopes;
            account.isSandbox = true;
            ASSERT_TRUE(tokens.write(account.tokenKey(), set.toJson(), &error));
            accountIds << accounts.save(account);
        }
        for (int i = 0; i < kPosts; ++i) {
            Core::Post p;
            p.caption = QStringLiteral("kill test post %1 #cuepoint").arg(i);
            p.videoPath = i % 3 == 0 ? bigVideo : smallVideo;
            p.scheduledAt = clock.nowUtc();
            p.timeZoneId = QStringLiteral("Europe/Paris");
            p.privacyLevel = QStringLiteral("PUBLIC_TO_EVERYONE");
            Core::PostTarget t;
            t.accountId = accountIds.at(i % accountIds.size());
            p.targets << t;
            posts.add(p);
        }
    }

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CUEPOINT_TOKEN_STORE"), QStringLiteral("file"));
    env.insert(QStringLiteral("CUEPOINT_TIKTOK_CLIENT_KEY"), QStringLiteral("kill-client"));
    env.insert(QStringLiteral("CUEPOINT_TIKTOK_CLIENT_SECRET"), QStringLiteral("kill-secret"));
    env.insert(QStringLiteral("CUEPOINT_TIKTOK_API_BASE"), sandbox.baseUrlQ());
    env.insert(QStringLiteral("CUEPOINT_TIKTOK_AUTH_URL"),
        sandbox.baseUrlQ() + QStringLiteral("/v2/auth/authorize/"));
    const QStringList runArgs = { QStringLiteral("--profile"), profile.rootDir(),
        QStringLiteral("run") };

    const quint32 seed = QRandomGenerator::global()->generate();
    QRandomGenerator random(seed);
    std::map<std::string, int> killsByPhase;
    int killsWithWorkInFlight = 0;
    // Kill until kKills kills have hit work in flight (or the work ran out). Each round aims at
    // one phase in turn — init, upload, right after the final chunk, polling — by watching the
    // database until a target is there, then kills at a random moment within 60 ms.
    const std::string aims[] = { "before or during init", "uploading", "final chunk sent",
        "polling" };
    for (int round = 0; round < 4 * kKills && killsWithWorkInFlight < kKills; ++round) {
        const std::string &aim = aims[round % 4];
        QProcess run;
        run.setProcessEnvironment(env);
        run.setProcessChannelMode(QProcess::MergedChannels);
        run.start(QStringLiteral(CUEPOINT_CLI_PATH), runArgs);
        ASSERT_TRUE(run.waitForStarted(10'000));
        // Rate limits (6 new uploads per minute and profile) make the engine wait between
        // bursts: wait for the aimed phase, or for any work after a while.
        QDeadlineTimer aimed(20'000);
        QDeadlineTimer busy(90'000);
        for (;;) {
            const std::set<std::string> now = phasesOf(profile.databasePath());
            if (now.count(aim) || (aimed.hasExpired() && !now.empty()) || busy.hasExpired()) {
                break;
            }
            QThread::msleep(10);
        }
        QThread::msleep(random.bounded(60));
        // SIGKILL: no handler runs, nothing is flushed or closed.
        ::kill(static_cast<pid_t>(run.processId()), SIGKILL);
        ASSERT_TRUE(run.waitForFinished(10'000));
        EXPECT_EQ(run.exitStatus(), QProcess::CrashExit) << run.readAll().toStdString();
        const std::set<std::string> phases = phasesOf(profile.databasePath());
        for (const std::string &phase : phases) {
            ++killsByPhase[phase];
        }
        if (!phases.empty()) {
            ++killsWithWorkInFlight;
        }
    }

    // The last run is allowed to finish: rate limits (6 inits per minute per profile) make
    // the tail take a minute or two.
    const Cuepoint::Test::CliRun last = Cuepoint::Test::runCli(
        runArgs + QStringList { QStringLiteral("--until-idle") }, env, 300'000);
    EXPECT_EQ(last.exitCode, 0) << last.out.toStdString() << last.err.toStdString();

    std::string report = "seed " + std::to_string(seed)
        + "; kills with work in flight: " + std::to_string(killsWithWorkInFlight) + "; phases:";
    for (const auto &[phase, n] : killsByPhase) {
        report += " " + phase + "=" + std::to_string(n);
    }
    std::cout << report << std::endl;
    EXPECT_GE(killsWithWorkInFlight, 10) << report;
    for (const std::string &aim : aims) {
        EXPECT_GE(killsByPhase[aim], 1) << "no kill " << aim << "; " << report;
    }

    // Every target published, and TikTok saw each exactly once.
    auto db = Core::Database::open(profile.databasePath());
    const Core::SystemClock clock;
    Core::PostStore posts(*db, clock);
    const nlohmann::json summary = sandbox.summary();
    std::map<std::string, nlohmann::json> byPublishId;
    std::map<std::string, int> publishedByTitle;
    std::map<std::string, int> completedByTitle;
    for (const nlohmann::json &p : summary.at("publishes")) {
        byPublishId[p.at("publish_id").get<std::string>()] = p;
        const std::string title = p.at("post_info").value("title", std::string());
        publishedByTitle[title] += p.at("published").get<bool>() ? 1 : 0;
        completedByTitle[title] += p.at("uploads_completed").get<int>();
    }
    const QList<Core::Post> all = posts.posts();
    ASSERT_EQ(all.size(), kPosts);
    for (const Core::Post &post : all) {
        ASSERT_EQ(post.targets.size(), 1);
        const Core::PostTarget &t = post.targets.first();
        EXPECT_EQ(t.state, TargetState::Published)
            << post.caption.toStdString() << " is " << Core::toString(t.state).toStdString();
        const std::string title = post.caption.toStdString();
        EXPECT_EQ(publishedByTitle[title], 1) << title;
        EXPECT_EQ(completedByTitle[title], 1) << title;
        ASSERT_TRUE(byPublishId.count(t.publishId.toStdString())) << title;
        const nlohmann::json &sent = byPublishId[t.publishId.toStdString()];
        EXPECT_TRUE(sent.at("published").get<bool>()) << title;
        EXPECT_EQ(sent.at("sha256").get<std::string>(),
            Cuepoint::Test::sha256Of(post.videoPath).toStdString())
            << title;
    }
    EXPECT_EQ(summary.at("totals").at("published").get<int>(), kPosts);
    EXPECT_EQ(summary.at("totals").at("uploads_completed").get<int>(), kPosts);
}
