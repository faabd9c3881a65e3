// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxProcess.h"

#include "SandboxServer.h"

#include <QProcess>

namespace Cuepoint::Sandbox::Test {
namespace {

TEST(SandboxProcessTest, ExecutableWritesItsPortAndServesTheAdminApi)
{
    Cuepoint::Test::SandboxProcess sandbox;
    ASSERT_TRUE(sandbox.isRunning());
    const auto tokens = sandbox.issueTokens("sandbox_creator");
    EXPECT_EQ(tokens.value("access_token", "").rfind("act.", 0), 0u);
    httplib::Client c("127.0.0.1", sandbox.port());
    const auto r = c.Post("/v2/post/publish/creator_info/query/",
        httplib::Headers {
            { "Authorization", "Bearer " + tokens["access_token"].get<std::string>() } },
        "{}", "application/json; charset=UTF-8");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(sandbox.log().size(), 1u);
    EXPECT_EQ(sandbox.setFaults({ { "delay_ms", 1 } }).value("delay_ms", 0), 1);
    sandbox.reset();
    EXPECT_EQ(sandbox.log().size(), 0u);
    EXPECT_EQ(sandbox.summary()["totals"]["inits"], 0);
    // SIGTERM: a clean exit with code 0.
    sandbox.process().terminate();
    ASSERT_TRUE(sandbox.process().waitForFinished(5000));
    EXPECT_EQ(sandbox.process().exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(sandbox.process().exitCode(), 0);
}

TEST(SandboxProcessTest, NonLoopbackHostsAndBadUsageExitWith2)
{
    for (const QStringList &args :
        { QStringList { QStringLiteral("--host"), QStringLiteral("0.0.0.0") },
            QStringList { QStringLiteral("--host"), QStringLiteral("192.168.1.10") },
            QStringList { QStringLiteral("--host"), QStringLiteral("::") },
            QStringList { QStringLiteral("--port"), QStringLiteral("http") },
            QStringList { QStringLiteral("--bogus") } }) {
        QProcess p;
        p.start(QStringLiteral(CUEPOINT_SANDBOX_PATH), args);
        ASSERT_TRUE(p.waitForFinished(5000));
        EXPECT_EQ(p.exitCode(), 2) << args.join(QLatin1Char(' ')).toStdString();
        const QString err = QString::fromUtf8(p.readAllStandardError()).trimmed();
        EXPECT_FALSE(err.isEmpty());
        EXPECT_FALSE(err.contains(QLatin1Char('\n'))) << "one line";
    }
}

TEST(SandboxServerTest, RefusesNonLoopbackBindAddresses)
{
    EXPECT_TRUE(isLoopbackHost("127.0.0.1"));
    EXPECT_TRUE(isLoopbackHost("127.3.2.1"));
    EXPECT_TRUE(isLoopbackHost("::1"));
    EXPECT_TRUE(isLoopbackHost("localhost"));
    EXPECT_FALSE(isLoopbackHost("0.0.0.0"));
    EXPECT_FALSE(isLoopbackHost("::"));
    EXPECT_FALSE(isLoopbackHost("10.0.0.1"));
    EXPECT_FALSE(isLoopbackHost("example.com"));
    SandboxServer server;
    EXPECT_THROW(server.start("0.0.0.0"), std::invalid_argument);
    EXPECT_FALSE(server.isRunning());
    const int port = server.start("127.0.0.1", 0);
    EXPECT_GT(port, 0);
    EXPECT_EQ(server.baseUrl(), "http://127.0.0.1:" + std::to_string(port));
    server.stop();
    EXPECT_FALSE(server.isRunning());
}

} // namespace
} // namespace Cuepoint::Sandbox::Test

namespace Cuepoint::Sandbox::Test {
namespace {

using Json = nlohmann::json;

TEST(SandboxServerTest, ServesOnIpv6LoopbackAndInProcess)
{
    SandboxServer server;
    int port = 0;
    try {
        port = server.start("::1", 0);
    } catch (const std::runtime_error &) {
        GTEST_SKIP() << "no IPv6 loopback on this machine";
    }
    EXPECT_EQ(server.baseUrl(), "http://[::1]:" + std::to_string(port));
    httplib::Client c("::1", port);
    const auto r = c.Get("/_sandbox/summary");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);

    Cuepoint::Test::InProcessSandbox inproc;
    httplib::Client c2("127.0.0.1", inproc.port());
    EXPECT_EQ(c2.Get("/_sandbox/log")->status, 200);
    EXPECT_EQ(inproc.server().requestLog().size(), 0u) << "admin calls are not logged";
}

TEST(SandboxProcessTest, ReadsAConfigFileAndTheAuditedFlag)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString cfg = dir.filePath(QStringLiteral("c.json"));
    {
        QFile f(cfg);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(R"({"creators":[{"username":"zoe","nickname":"Zoe","private_account":false}]})");
    }
    Cuepoint::Test::SandboxProcess sandbox(
        { QStringLiteral("--config"), cfg, QStringLiteral("--audited") });
    ASSERT_TRUE(sandbox.isRunning());
    const std::string token = sandbox.issueTokens("zoe")["access_token"];
    httplib::Client c("127.0.0.1", sandbox.port());
    const httplib::Headers auth { { "Authorization", "Bearer " + token } };
    const auto info =
        c.Post("/v2/post/publish/creator_info/query/", auth, "{}", "application/json");
    EXPECT_EQ(Json::parse(info->body)["data"]["creator_nickname"], "Zoe");
    const Json body = {
        { "post_info",
            { { "privacy_level", "PUBLIC_TO_EVERYONE" }, { "brand_content_toggle", false } } },
        { "source_info",
            { { "source", "FILE_UPLOAD" }, { "video_size", 10 }, { "chunk_size", 10 },
                { "total_chunk_count", 1 } } }
    };
    const auto init = c.Post("/v2/post/publish/video/init/", auth, body.dump(), "application/json");
    EXPECT_EQ(init->status, 200) << "--audited allows a public post: " << init->body;

    // A bad config file is bad usage.
    {
        QFile f(cfg);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(R"({"creatorz":[]})");
    }
    QProcess p;
    p.start(QStringLiteral(CUEPOINT_SANDBOX_PATH), { QStringLiteral("--config"), cfg });
    ASSERT_TRUE(p.waitForFinished(5000));
    EXPECT_EQ(p.exitCode(), 2);
    EXPECT_TRUE(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("creatorz")));
}

} // namespace
} // namespace Cuepoint::Sandbox::Test
