// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// TLS verification cannot be turned off: a self-signed server on loopback is refused, whatever
// the environment or the settings say, while a client that trusts the certificate gets in.
#include "ScopedEnv.h"
#include "TestProfile.h"

#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/Settings.h"
#include "cuepoint/core/tiktok/ApiError.h"
#include "cuepoint/core/tiktok/HttpTransport.h"
#include "cuepoint/core/tiktok/TikTokClient.h"

#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <httplib.h>

#include <thread>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;

namespace {

class TlsServer
{
public:
    TlsServer()
    {
        m_cert = m_dir.filePath(QStringLiteral("cert.pem"));
        m_key = m_dir.filePath(QStringLiteral("key.pem"));
        // A certificate valid for 127.0.0.1 in every respect except that nobody trusts it.
        const int rc = QProcess::execute(QStringLiteral("openssl"),
            { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                m_key, QStringLiteral("-out"), m_cert, QStringLiteral("-days"), QStringLiteral("2"),
                QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost") });
        if (rc != 0) {
            ADD_FAILURE() << "openssl could not make a test certificate";
            return;
        }
        m_server = std::make_unique<httplib::SSLServer>(
            m_cert.toLocal8Bit().constData(), m_key.toLocal8Bit().constData());
        m_server->Get("/v2/user/info/", [](const httplib::Request &, httplib::Response &res) {
            res.set_content(R"({"data":{"user":{"open_id":"tls-user","display_name":"TLS"}},)"
                            R"("error":{"code":"ok","message":"","log_id":"x"}})",
                "application/json");
        });
        m_port = m_server->bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server->listen_after_bind(); });
    }
    ~TlsServer()
    {
        if (m_server) {
            m_server->stop();
        }
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }
    int port() const { return m_port; }
    QString certPath() const { return m_cert; }
    QString dir() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    QString m_cert;
    QString m_key;
    std::unique_ptr<httplib::SSLServer> m_server;
    std::thread m_thread;
    int m_port = -1;
};

/// userInfo against the server; returns the error code ("" on success).
QString tryUserInfo(const TikTokConfig &config)
{
    SystemClock clock;
    RateLimiter limiter(clock);
    auto transport = createCurlTransport();
    TikTokClient client(config, *transport, limiter, clock);
    try {
        client.userInfo("act.token", {});
        return {};
    } catch (const ApiError &e) {
        return e.code();
    }
}

} // namespace

TEST(TikTokTlsTest, SelfSignedServerIsRefusedWhateverTheEnvironmentSays)
{
    TlsServer server;
    ASSERT_GT(server.port(), 0);
    // The server itself works for a client that trusts its certificate.
    httplib::SSLClient trusting("127.0.0.1", server.port());
    trusting.set_ca_cert_path(server.certPath().toLocal8Bit().constData());
    trusting.enable_server_certificate_verification(true);
    const auto ok = trusting.Get("/v2/user/info/");
    ASSERT_TRUE(ok) << httplib::to_string(ok.error());
    EXPECT_EQ(ok->status, 200);

    TikTokConfig config;
    config.apiBase = QStringLiteral("https://127.0.0.1:%1").arg(server.port());
    EXPECT_EQ(tryUserInfo(config), QLatin1String(ApiError::kTlsError));

    // Variables that point OpenSSL or curl at another trust store change nothing.
    const QByteArray cert = server.certPath().toLocal8Bit();
    ScopedEnv a("SSL_CERT_FILE", cert);
    ScopedEnv b("SSL_CERT_DIR", server.dir().toLocal8Bit());
    ScopedEnv c("CURL_CA_BUNDLE", cert);
    ScopedEnv d("REQUESTS_CA_BUNDLE", cert);
    ScopedEnv e("CURL_SSL_NO_VERIFY", "1");
    ScopedEnv f("CUEPOINT_TIKTOK_INSECURE", "1");
    EXPECT_EQ(tryUserInfo(config), QLatin1String(ApiError::kTlsError));

    // Nor do settings keys someone might try: the configuration has no such field.
    TestProfile profile;
    {
        QSettings ini(profile.profile().settingsPath(), QSettings::IniFormat);
        ini.setValue(QStringLiteral("tiktok/verifyTls"), false);
        ini.setValue(QStringLiteral("tiktok/insecure"), true);
        ini.setValue(QStringLiteral("tiktok/caBundle"), server.certPath());
        ini.setValue(QStringLiteral("tiktok/apiBase"), config.apiBase);
    }
    Settings settings(profile.profile().settingsPath());
    const TikTokConfig fromSettings =
        TikTokConfig::resolve(&settings, nullptr, QProcessEnvironment());
    EXPECT_EQ(fromSettings.apiBase, config.apiBase);
    EXPECT_EQ(tryUserInfo(fromSettings), QLatin1String(ApiError::kTlsError));
}

TEST(TikTokTlsTest, PlainHttpToARemoteHostIsRefusedBeforeConnecting)
{
    TikTokConfig config;
    config.apiBase = QStringLiteral("http://open.tiktokapis.com");
    EXPECT_EQ(tryUserInfo(config), QLatin1String(ApiError::kInsecureUrl));
}
