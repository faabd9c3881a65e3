// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in sandbox of a profile across processes (docs/SANDBOX.md, "Persistence"): the
// real cuepoint-cli, no client key, one temporary profile. An account connected in one run is
// revoked by the next; a second process on the profile uses the first one's sandbox; the lock
// of a killed process is taken over.
#include "BrowserEmulation.h"
#include "CliRunner.h"
#include "ConnectProcess.h"
#include "SandboxServer.h"
#include "TestProfile.h"
#include "TikTokEnvironment.h"

#include "cuepoint/core/support/TokenStore.h"
#include "cuepoint/core/tiktok/ApiError.h"
#include "cuepoint/core/tiktok/OAuth.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <csignal>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;
using Cuepoint::Cli::TikTokEnvironment;

namespace {

/// The exit code of @p run, with its stdout and stderr together in @p out.
int finishMerged(ConnectProcess &run, QString *out)
{
    QString err;
    const int code = run.finish(out, &err);
    *out += err;
    return code;
}

CliRun cli(const TestProfile &profile, const QStringList &args)
{
    return runCli(QStringList { QStringLiteral("--profile"), profile.profile().rootDir() } + args,
        sandboxOnlyEnvironment());
}

QJsonArray accounts(const TestProfile &profile)
{
    const CliRun r = cli(
        profile, { QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json") });
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    return QJsonDocument::fromJson(r.out.toUtf8()).array();
}

int portInSandboxDir(const TestProfile &profile)
{
    QFile f(profile.profile().sandboxDir() + QStringLiteral("/port"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed().toInt() : 0;
}

unsigned modeOf(const QString &path)
{
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

std::optional<TokenSet> storedTokens(const TestProfile &profile, const QString &openId)
{
    FileTokenStore store(profile.profile().tokenFilePath());
    const auto read = store.read(QStringLiteral("account/") + openId);
    if (read.status != TokenStore::ReadResult::Status::Found) {
        return std::nullopt;
    }
    return TokenSet::fromJson(read.secret);
}

std::unique_ptr<TikTokEnvironment> environment(const TestProfile &profile)
{
    QString error;
    auto env = TikTokEnvironment::create(
        &profile.profile(), nullptr, nullptr, &error, sandboxOnlyEnvironment());
    EXPECT_TRUE(env) << error.toStdString();
    return env;
}

/// The API error code of creator_info with @p token ("ok" when it works).
QString creatorInfoCode(TikTokEnvironment &env, const QByteArray &token)
{
    try {
        env.client().creatorInfo(token);
        return QStringLiteral("ok");
    } catch (const ApiError &e) {
        return e.code();
    }
}

} // namespace

TEST(SandboxPersistenceCliTest, AnAccountConnectedInOneRunIsRevokedByTheNext)
{
    TestProfile profile;
    int port = 0;
    {
        ConnectProcess connect(profile, sandboxOnlyEnvironment(), 60);
        ASSERT_TRUE(connect.url().isValid()) << "no URL line";
        port = connect.url().port();
        browse(connect.url());
        QString out;
        ASSERT_EQ(finishMerged(connect, &out), 0) << out.toStdString();
        EXPECT_TRUE(out.contains(QStringLiteral("[Sandbox]"))) << out.toStdString();
    }
    // The sandbox's state is in the profile, for its owner only.
    const QString dir = profile.profile().sandboxDir();
    EXPECT_EQ(modeOf(dir), 0700u);
    EXPECT_EQ(modeOf(dir + QStringLiteral("/state.json")), 0600u);

    const QJsonArray before = accounts(profile);
    ASSERT_EQ(before.size(), 1);
    const QString openId = before.first().toObject().value(QStringLiteral("open_id")).toString();
    EXPECT_EQ(before.first().toObject().value(QStringLiteral("status")).toString(),
        QStringLiteral("connected"));
    const std::optional<TokenSet> tokens = storedTokens(profile, openId);
    ASSERT_TRUE(tokens);
    // The sandbox's lines in the CLI's log never carry a token.
    QFile log(profile.profile().logsDir() + QStringLiteral("/cuepoint-cli.log"));
    if (log.open(QIODevice::ReadOnly)) {
        const QByteArray text = log.readAll();
        EXPECT_FALSE(text.contains(tokens->accessToken));
        EXPECT_FALSE(text.contains(tokens->refreshToken));
    }

    // A new process: the tokens of the first run still mean something to the sandbox, so the
    // revocation is confirmed (no warning on stderr).
    const CliRun gone = cli(profile,
        { QStringLiteral("account"), QStringLiteral("disconnect"),
            QStringLiteral("@sandbox_creator") });
    EXPECT_EQ(gone.exitCode, 0) << gone.err.toStdString();
    EXPECT_TRUE(gone.out.contains(QStringLiteral("Disconnected"))) << gone.out.toStdString();
    EXPECT_TRUE(gone.err.isEmpty())
        << "the revocation was not confirmed: " << gone.err.toStdString();
    EXPECT_EQ(portInSandboxDir(profile), port) << "the same address in every run";
    EXPECT_FALSE(storedTokens(profile, openId));

    const QJsonArray after = accounts(profile);
    ASSERT_EQ(after.size(), 1);
    EXPECT_EQ(after.first().toObject().value(QStringLiteral("status")).toString(),
        QStringLiteral("disconnected"));
    EXPECT_TRUE(after.first().toObject().value(QStringLiteral("sandbox")).toBool());

    // A third run of the sandbox (in this process) still knows the token is revoked.
    const auto env = environment(profile);
    ASSERT_TRUE(env);
    ASSERT_NE(env->sandbox(), nullptr);
    EXPECT_EQ(creatorInfoCode(*env, tokens->accessToken), QStringLiteral("access_token_invalid"));
}

TEST(SandboxPersistenceCliTest, ASecondProcessUsesTheRunningSandbox)
{
    TestProfile profile;
    ConnectProcess owner(profile, sandboxOnlyEnvironment(), 60);
    ASSERT_TRUE(owner.url().isValid());
    const int port = owner.url().port();
    EXPECT_EQ(portInSandboxDir(profile), port);

    // Another cuepoint-cli on the profile while the first still runs: same sandbox.
    ConnectProcess second(profile, sandboxOnlyEnvironment(), 60);
    ASSERT_TRUE(second.url().isValid());
    EXPECT_EQ(second.url().port(), port);
    // And a TikTokEnvironment in this process (the window would do the same).
    std::unique_ptr<TikTokEnvironment> shared = environment(profile);
    ASSERT_TRUE(shared);
    EXPECT_TRUE(shared->isSandbox());
    EXPECT_TRUE(shared->usesSharedSandbox());
    EXPECT_EQ(shared->sandbox(), nullptr);
    EXPECT_EQ(shared->config().apiBase, QStringLiteral("http://127.0.0.1:%1").arg(port));
    EXPECT_TRUE(shared->ensureSandbox());

    // The second process signs in through the first one's sandbox, then the first one.
    QString out;
    browse(second.url());
    EXPECT_EQ(finishMerged(second, &out), 0) << out.toStdString();
    browse(owner.url());
    EXPECT_EQ(finishMerged(owner, &out), 0) << out.toStdString();
    const QJsonArray list = accounts(profile);
    ASSERT_EQ(list.size(), 1) << "one TikTok user, connected twice";
    const QString openId = list.first().toObject().value(QStringLiteral("open_id")).toString();

    // The owner has gone: the process still using its sandbox takes it over, on the same
    // address, with the state the owner saved.
    QString why;
    EXPECT_TRUE(shared->ensureSandbox(&why)) << why.toStdString();
    ASSERT_NE(shared->sandbox(), nullptr);
    EXPECT_FALSE(shared->usesSharedSandbox());
    EXPECT_EQ(shared->sandbox()->port(), port);
    const std::optional<TokenSet> tokens = storedTokens(profile, openId);
    ASSERT_TRUE(tokens);
    EXPECT_EQ(creatorInfoCode(*shared, tokens->accessToken), QStringLiteral("ok"));
}

TEST(SandboxPersistenceCliTest, TheLockOfAKilledProcessIsTakenOver)
{
    TestProfile profile;
    int port = 0;
    {
        ConnectProcess owner(profile, sandboxOnlyEnvironment(), 60);
        ASSERT_TRUE(owner.url().isValid());
        port = owner.url().port();
        ::kill(static_cast<pid_t>(owner.process().processId()), SIGKILL);
        ASSERT_TRUE(owner.process().waitForFinished(5000));
    }
    EXPECT_TRUE(QFileInfo::exists(profile.profile().sandboxDir() + QStringLiteral("/sandbox.lock")))
        << "a killed process leaves its lock behind";
    const auto env = environment(profile);
    ASSERT_TRUE(env);
    ASSERT_NE(env->sandbox(), nullptr) << "the stale lock is taken over";
    EXPECT_EQ(env->sandbox()->port(), port) << "on the port of the killed run, free again";
}

TEST(SandboxPersistenceCliTest, WithoutAProfileTheSandboxStaysInMemory)
{
    QString error;
    auto a = TikTokEnvironment::create(nullptr, nullptr, nullptr, &error, sandboxOnlyEnvironment());
    auto b = TikTokEnvironment::create(nullptr, nullptr, nullptr, &error, sandboxOnlyEnvironment());
    ASSERT_TRUE(a && b) << error.toStdString();
    ASSERT_NE(a->sandbox(), nullptr);
    ASSERT_NE(b->sandbox(), nullptr);
    EXPECT_FALSE(a->sandbox()->isPersistent());
    EXPECT_NE(a->config().apiBase, b->config().apiBase);
}
