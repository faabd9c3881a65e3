// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The libcurl transport over loopback: a stalled server is abandoned, a response over the
// request's size cap is cut off, and with debug logging on the curl debug hook shows headers but
// never a token or the client secret.
#include "SandboxProcess.h"

#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/Logging.h"
#include "cuepoint/core/tiktok/ApiError.h"
#include "cuepoint/core/tiktok/HttpTransport.h"
#include "cuepoint/core/tiktok/TikTokClient.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMutex>

#include <gtest/gtest.h>
#include <httplib.h>

#include <thread>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;

namespace {

QMutex g_logMutex;
QStringList g_log;

void captureLog(QtMsgType, const QMessageLogContext &, const QString &message)
{
    QMutexLocker lock(&g_logMutex);
    g_log << message;
}

} // namespace

TEST(TikTokTransportTest, AStalledServerIsAbandoned)
{
    httplib::Server server;
    server.Get("/stall", [](const httplib::Request &, httplib::Response &res) {
        std::this_thread::sleep_for(std::chrono::seconds(4));
        res.set_content("late", "text/plain");
    });
    const int port = server.bind_to_any_port("127.0.0.1");
    std::thread thread([&server] { server.listen_after_bind(); });
    CurlTransportOptions options;
    options.stallTimeoutSec = 1;
    auto transport = createCurlTransport(options);
    HttpRequest request;
    request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/stall").arg(port));
    QElapsedTimer timer;
    timer.start();
    const HttpResponse response = transport->send(request);
    EXPECT_EQ(response.failure, HttpResponse::Failure::Timeout)
        << response.failureText.toStdString();
    EXPECT_LT(timer.elapsed(), 3500);
    server.stop();
    thread.join();

    // Nothing listens: a connection failure, not a hang.
    request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port));
    EXPECT_EQ(transport->send(request).failure, HttpResponse::Failure::Connect);
}

TEST(TikTokTransportTest, ARequestsOwnBodyCapAbortsALongerResponse)
{
    httplib::Server server;
    server.Get("/big", [](const httplib::Request &, httplib::Response &res) {
        res.set_content(std::string(300 * 1024, 'x'), "application/octet-stream");
    });
    const int port = server.bind_to_any_port("127.0.0.1");
    std::thread thread([&server] { server.listen_after_bind(); });
    auto transport = createCurlTransport();
    HttpRequest request;
    request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/big").arg(port));
    request.maxResponseBytes = 100 * 1024;
    const HttpResponse capped = transport->send(request);
    EXPECT_EQ(capped.failure, HttpResponse::Failure::Dropped);
    EXPECT_LE(capped.body.size(), 100 * 1024);
    EXPECT_TRUE(capped.failureText.contains(QStringLiteral("larger than 102400 bytes")))
        << capped.failureText.toStdString();
    // Without a cap of its own, the transport's (8 MiB) lets it through.
    request.maxResponseBytes = 0;
    const HttpResponse whole = transport->send(request);
    EXPECT_TRUE(whole.ok()) << whole.failureText.toStdString();
    EXPECT_EQ(whole.body.size(), 300 * 1024);
    server.stop();
    thread.join();
}

TEST(TikTokTransportTest, DebugLoggingNeverShowsTokensOrTheSecret)
{
    SandboxProcess sandbox;
    ASSERT_TRUE(sandbox.isRunning());
    const auto issued = sandbox.issueTokens("sandbox_creator");
    const QByteArray access =
        QByteArray::fromStdString(issued.at("access_token").get<std::string>());
    const QByteArray refresh =
        QByteArray::fromStdString(issued.at("refresh_token").get<std::string>());

    TikTokConfig config;
    config.apiBase = sandbox.baseUrlQ();
    config.clientKey = QStringLiteral("sandbox-client");
    config.clientSecret = "sandbox-secret";
    SystemClock clock;
    RateLimiter limiter(clock);
    auto transport = createCurlTransport();
    TikTokClient client(config, *transport, limiter, clock);

    QLoggingCategory::setFilterRules(QStringLiteral("cuepoint.tiktok.http.debug=true"));
    const QtMessageHandler previous = qInstallMessageHandler(&captureLog);
    TokenSet rotated;
    try {
        client.creatorInfo(access);
        rotated = client.refreshTokens(refresh);
        client.creatorInfo("act.not-a-valid-token");
    } catch (const ApiError &) {
        // the invalid token's refusal is expected
    }
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QStringLiteral("cuepoint.tiktok.http.debug=false"));

    QMutexLocker lock(&g_logMutex);
    const QString all = g_log.join(QLatin1Char('\n'));
    g_log.clear();
    // The hook did log the exchanges...
    EXPECT_TRUE(all.contains(QStringLiteral("/v2/post/publish/creator_info/query/")));
    EXPECT_TRUE(all.contains(QStringLiteral("Authorization: [redacted]"), Qt::CaseInsensitive));
    // ...but no credential.
    for (const QByteArray &secret : { access, refresh, rotated.accessToken, rotated.refreshToken,
             QByteArray("sandbox-secret"), QByteArray("act.not-a-valid-token") }) {
        if (!secret.isEmpty()) {
            EXPECT_FALSE(all.contains(QString::fromUtf8(secret))) << secret.toStdString();
        }
    }
}
