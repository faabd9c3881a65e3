// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `cuepoint-cli account` end to end: the real executable, a browser played by the test, the
// embedded sandbox (no client key) or a configured app (the sandbox process as "TikTok").
#include "BrowserEmulation.h"
#include "ConnectProcess.h"
#include "SandboxProcess.h"
#include "TestProfile.h"

#include "cuepoint/core/support/TokenStore.h"
#include "cuepoint/core/tiktok/OAuth.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

#include <gtest/gtest.h>

#include <csignal>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;

namespace {

struct CliResult
{
    int code = -1;
    QString out;
    QString err;
};

CliResult cli(const TestProfile &profile, const QStringList &args, const QProcessEnvironment &env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CUEPOINT_CLI_PATH),
        QStringList { QStringLiteral("--profile"), profile.profile().rootDir() } + args);
    if (!p.waitForFinished(60'000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return { p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
        QString::fromUtf8(p.readAllStandardError()) };
}

QJsonArray listAccounts(const TestProfile &profile, const QProcessEnvironment &env)
{
    const CliResult r = cli(profile,
        { QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json") }, env);
    EXPECT_EQ(r.code, 0) << r.err.toStdString();
    return QJsonDocument::fromJson(r.out.toUtf8()).array();
}

} // namespace

TEST(AccountCommandTest, ConnectListDisconnectWithTheEmbeddedSandbox)
{
    TestProfile profile;
    const QProcessEnvironment env = sandboxOnlyEnvironment();
    QString out;
    QString err;
    {
        ConnectProcess connect(profile, env);
        ASSERT_TRUE(connect.url().isValid()) << "no URL line";
        EXPECT_EQ(connect.url().host(), QStringLiteral("127.0.0.1")); // the embedded sandbox
        EXPECT_EQ(connect.url().path(), QStringLiteral("/v2/auth/authorize/"));
        browse(connect.url());
        ASSERT_EQ(connect.finish(&out, &err), 0) << out.toStdString() << err.toStdString();
    }
    EXPECT_TRUE(out.contains(QStringLiteral("Sandbox"))) << out.toStdString();
    EXPECT_TRUE(
        out.contains(QStringLiteral("Connected Sandbox Creator (@sandbox_creator) [Sandbox]")))
        << out.toStdString();

    const QJsonArray accounts = listAccounts(profile, env);
    ASSERT_EQ(accounts.size(), 1);
    const QJsonObject a = accounts.first().toObject();
    EXPECT_EQ(a.value(QStringLiteral("username")).toString(), QStringLiteral("sandbox_creator"));
    EXPECT_TRUE(a.value(QStringLiteral("sandbox")).toBool());
    EXPECT_EQ(a.value(QStringLiteral("status")).toString(), QStringLiteral("connected"));
    EXPECT_TRUE(
        a.value(QStringLiteral("scopes")).toArray().contains(QStringLiteral("video.publish")));
    EXPECT_FALSE(a.value(QStringLiteral("access_token_expires_at")).isNull());
    const QString openId = a.value(QStringLiteral("open_id")).toString();

    // The tokens are in the TokenStore as a JSON blob under Account::tokenKey().
    FileTokenStore store(profile.profile().tokenFilePath());
    const auto read = store.read(QStringLiteral("account/") + openId);
    ASSERT_EQ(read.status, TokenStore::ReadResult::Status::Found);
    const auto tokens = TokenSet::fromJson(read.secret);
    ASSERT_TRUE(tokens);
    EXPECT_FALSE(tokens->accessToken.isEmpty());
    EXPECT_FALSE(tokens->refreshToken.isEmpty());
    EXPECT_TRUE(tokens->refreshExpiresAt.isValid());
    // ...and nowhere else: not in the settings, the database or the log.
    for (const QString &file : { profile.profile().settingsPath(), profile.profile().databasePath(),
             QString(profile.profile().logsDir() + QStringLiteral("/cuepoint-cli.log")) }) {
        QFile f(file);
        if (f.open(QIODevice::ReadOnly)) {
            const QByteArray content = f.readAll();
            EXPECT_FALSE(content.contains(tokens->accessToken)) << file.toStdString();
            EXPECT_FALSE(content.contains(tokens->refreshToken)) << file.toStdString();
        }
    }

    const CliResult list = cli(profile, { QStringLiteral("account"), QStringLiteral("list") }, env);
    EXPECT_EQ(list.code, 0);
    EXPECT_TRUE(list.out.contains(QStringLiteral("@sandbox_creator")));
    EXPECT_TRUE(list.out.contains(QStringLiteral("(Sandbox)")));

    // The embedded sandbox of that run is gone, so the revocation cannot be confirmed; the
    // tokens go anyway.
    const CliResult gone = cli(profile,
        { QStringLiteral("account"), QStringLiteral("disconnect"),
            QStringLiteral("@sandbox_creator") },
        env);
    EXPECT_EQ(gone.code, 0) << gone.err.toStdString();
    EXPECT_TRUE(gone.out.contains(QStringLiteral("Disconnected")));
    EXPECT_EQ(store.read(QStringLiteral("account/") + openId).status,
        TokenStore::ReadResult::Status::NotFound);
    EXPECT_EQ(
        listAccounts(profile, env).first().toObject().value(QStringLiteral("status")).toString(),
        QStringLiteral("disconnected"));
    const CliResult unknown = cli(profile,
        { QStringLiteral("account"), QStringLiteral("disconnect"), QStringLiteral("nobody") }, env);
    EXPECT_EQ(unknown.code, 2);
}

TEST(AccountCommandTest, ConfiguredAppConnectsAndDisconnectRevokes)
{
    SandboxProcess sandbox;
    ASSERT_TRUE(sandbox.isRunning());
    TestProfile profile;
    QProcessEnvironment env = sandboxOnlyEnvironment();
    env.insert(QStringLiteral("CUEPOINT_TIKTOK_CLIENT_KEY"), QStringLiteral("sandbox-client"));
    env.insert(QStringLiteral("CUEPOINT_TIKTOK_CLIENT_SECRET"), QStringLiteral("sandbox-secret"));
    env.insert(QStringLiteral("CUEPOINT_TIKTOK_API_BASE"), sandbox.baseUrlQ());
    env.insert(QStringLiteral("CUEPOINT_TIKTOK_AUTH_URL"),
        sandbox.baseUrlQ() + QStringLiteral("/v2/auth/authorize/"));
    QString out;
    QString err;
    {
        ConnectProcess connect(profile, env);
        ASSERT_TRUE(connect.url().isValid());
        EXPECT_EQ(connect.url().port(), sandbox.port());
        browse(connect.url());
        ASSERT_EQ(connect.finish(&out, &err), 0) << out.toStdString() << err.toStdString();
    }
    EXPECT_FALSE(out.contains(QStringLiteral("[Sandbox]")));
    const QJsonArray accounts = listAccounts(profile, env);
    ASSERT_EQ(accounts.size(), 1);
    EXPECT_FALSE(accounts.first().toObject().value(QStringLiteral("sandbox")).toBool());

    const CliResult gone = cli(profile,
        { QStringLiteral("account"), QStringLiteral("disconnect"),
            QStringLiteral("sandbox_creator") },
        env);
    EXPECT_EQ(gone.code, 0) << gone.err.toStdString();
    EXPECT_TRUE(gone.err.isEmpty()) << "the revocation was confirmed: " << gone.err.toStdString();
    const std::string log = sandbox.log().dump();
    const bool revoked = log.find("\"revoke\"") != std::string::npos;
    EXPECT_TRUE(revoked) << sandbox.log().dump();
}

TEST(AccountCommandTest, CtrlCAndTimeoutEndTheWaitCleanly)
{
    TestProfile profile;
    const QProcessEnvironment env = sandboxOnlyEnvironment();
    QString out;
    QString err;
    {
        ConnectProcess connect(profile, env);
        ASSERT_TRUE(connect.url().isValid());
        ::kill(static_cast<pid_t>(connect.process().processId()), SIGINT);
        EXPECT_EQ(connect.finish(&out, &err), 1);
        EXPECT_TRUE(err.contains(QStringLiteral("Cancelled"))) << err.toStdString();
    }
    {
        ConnectProcess connect(profile, env, 1);
        ASSERT_TRUE(connect.url().isValid());
        EXPECT_EQ(connect.finish(&out, &err), 1);
        EXPECT_TRUE(err.contains(QStringLiteral("No answer came from the browser")))
            << err.toStdString();
    }
    EXPECT_TRUE(listAccounts(profile, env).isEmpty());
}
