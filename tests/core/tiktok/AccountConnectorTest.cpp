// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AccountConnector over real HTTP (libcurl) against an in-process SandboxServer on loopback:
// connecting stores the tokens and then the account, cancelling and timing out leave nothing
// behind, disconnecting revokes, and a failure of the sandbox comes back as an ApiError.
#include "cuepoint/core/tiktok/AccountConnector.h"

#include "BrowserEmulation.h"
#include "SandboxServer.h"
#include "TestProfile.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/TokenStore.h"
#include "cuepoint/core/tiktok/ApiError.h"
#include "cuepoint/core/tiktok/HttpTransport.h"
#include "cuepoint/core/tiktok/RateLimiter.h"
#include "cuepoint/core/tiktok/TikTokClient.h"

#include <QSignalSpy>
#include <QUrlQuery>

#include <gtest/gtest.h>
#include <httplib.h>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;
using Cuepoint::Sandbox::SandboxConfig;
using Cuepoint::Sandbox::SandboxServer;

namespace {

class AccountConnectorTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_server.start("127.0.0.1", 0);
        const QString base = QString::fromStdString(m_server.baseUrl());
        const SandboxConfig defaults = SandboxConfig::defaults();
        const auto &app = defaults.clients.front();
        m_config.apiBase = base;
        m_config.authUrl = base + QStringLiteral("/v2/auth/authorize/");
        m_config.clientKey = QString::fromStdString(app.clientKey);
        m_config.clientSecret = QByteArray::fromStdString(app.clientSecret);
        m_config.sandbox = true;
        m_client = std::make_unique<TikTokClient>(m_config, *m_transport, m_limiter, m_clock);
        m_database = m_profile.openDatabase();
        m_accounts = std::make_unique<AccountStore>(*m_database, m_clock);
        m_tokens = std::make_unique<FileTokenStore>(m_profile.profile().tokenFilePath());
    }
    void TearDown() override
    {
        m_client.reset();
        m_transport.reset(); // closes curl's kept-alive connections, so the server stops at once
        m_server.stop();
    }

    /// What the requests log of the sandbox says about @p endpoint.
    int requestsTo(const std::string &endpoint) const
    {
        int n = 0;
        for (const auto &entry : m_server.requestLog()) {
            if (entry.value("endpoint", std::string()) == endpoint) {
                ++n;
            }
        }
        return n;
    }
    TokenStore::ReadResult::Status tokensOf(const QString &openId)
    {
        return m_tokens->read(QStringLiteral("account/") + openId).status;
    }

    SandboxServer m_server;
    TikTokConfig m_config;
    SystemClock m_clock;
    RateLimiter m_limiter { m_clock };
    std::unique_ptr<HttpTransport> m_transport = createCurlTransport();
    std::unique_ptr<TikTokClient> m_client;
    TestProfile m_profile;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<AccountStore> m_accounts;
    std::unique_ptr<FileTokenStore> m_tokens;
};

TEST_F(AccountConnectorTest, ConnectStoresTheTokensAndTheSandboxAccount)
{
    AccountConnector connector(*m_client, *m_tokens, m_clock);
    QSignalSpy added(m_accounts.get(), &AccountStore::accountAdded);
    QUrl seen;
    // A browser played by the test (httplib), independent of the connector's own code.
    const ConnectedAccount connected = connector.connect(
        *m_accounts,
        [&seen](const QUrl &url) {
            seen = url;
            browse(url);
        },
        20'000);
    EXPECT_EQ(seen.host(), QStringLiteral("127.0.0.1"));
    const Account &a = connected.account;
    EXPECT_GT(a.id, 0);
    EXPECT_TRUE(a.isSandbox);
    EXPECT_EQ(a.displayName, QStringLiteral("Sandbox Creator"));
    EXPECT_EQ(a.username, QStringLiteral("sandbox_creator"));
    EXPECT_EQ(a.status, AccountStatus::Connected);
    EXPECT_TRUE(connected.missingScopes.isEmpty())
        << connected.missingScopes.join(QLatin1Char(',')).toStdString();
    EXPECT_TRUE(a.refreshTokenExpiresAt > m_clock.nowUtc().addDays(300));
    ASSERT_EQ(added.count(), 1);

    const std::optional<Account> stored = m_accounts->account(a.id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->openId, a.openId);
    EXPECT_TRUE(stored->isSandbox);
    const TokenStore::ReadResult read = m_tokens->read(a.tokenKey());
    ASSERT_EQ(read.status, TokenStore::ReadResult::Status::Found);
    const std::optional<TokenSet> tokens = TokenSet::fromJson(read.secret);
    ASSERT_TRUE(tokens);
    EXPECT_TRUE(tokens->accessToken.startsWith("act."));
    EXPECT_TRUE(tokens->refreshToken.startsWith("rft."));
    // The tokens work: the sandbox knows the user by them.
    EXPECT_EQ(m_client->userInfo(tokens->accessToken, tokens->scopes).openId, a.openId);

    // Connecting the same profile again updates its row instead of adding one.
    QSignalSpy changed(m_accounts.get(), &AccountStore::accountChanged);
    const ConnectedAccount again = connector.connect(
        *m_accounts,
        [](const QUrl &url) { AccountConnector::approveInSandbox(*createCurlTransport(), url); },
        20'000);
    EXPECT_EQ(again.account.id, a.id);
    EXPECT_EQ(m_accounts->accounts().size(), 1);
    EXPECT_EQ(changed.count(), 1);
}

TEST_F(AccountConnectorTest, ApproveInSandboxIsAOneClickConnect)
{
    AccountConnector connector(*m_client, *m_tokens, m_clock);
    // authorize() touches no database: a window runs it on a worker, store() on its thread.
    ConnectedAccount connected = connector.authorize(
        [this](const QUrl &url) { AccountConnector::approveInSandbox(*m_transport, url); }, 20'000);
    EXPECT_EQ(connected.account.id, 0);
    EXPECT_TRUE(m_accounts->accounts().isEmpty());
    EXPECT_EQ(tokensOf(connected.account.openId), TokenStore::ReadResult::Status::Found);
    AccountConnector::store(*m_accounts, connected);
    EXPECT_GT(connected.account.id, 0);
    EXPECT_EQ(m_accounts->accounts().size(), 1);
    EXPECT_EQ(requestsTo("authorize"), 1);
    EXPECT_EQ(requestsTo("token"), 1);
}

TEST_F(AccountConnectorTest, CancelStopsCleanlyAndClosesTheListener)
{
    AccountConnector connector(*m_client, *m_tokens, m_clock);
    std::atomic_bool cancel { false };
    connector.setCancelFlag(&cancel);
    QUrl redirect;
    try {
        connector.connect(
            *m_accounts,
            [&](const QUrl &url) {
                redirect = QUrl(QUrlQuery(url).queryItemValue(
                    QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
                // The user presses Cancel at once, before the browser has come back.
                cancel.store(true);
            },
            60'000);
        FAIL() << "connect() returned without an answer";
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QLatin1String(ApiError::kCancelled)) << e.describe().toStdString();
    }
    EXPECT_TRUE(m_accounts->accounts().isEmpty());
    EXPECT_EQ(requestsTo("token"), 0);
    // The loopback listener is gone: a late browser finds nobody there.
    ASSERT_TRUE(redirect.isValid());
    httplib::Client late(redirect.host().toStdString(), redirect.port());
    late.set_connection_timeout(2);
    EXPECT_FALSE(late.Get("/callback/?code=x&state=y"));
    // The client no longer carries the flag: it works for the next call.
    cancel.store(false);
    connector.setCancelFlag(nullptr);
    const ConnectedAccount later = connector.connect(
        *m_accounts,
        [this](const QUrl &url) { AccountConnector::approveInSandbox(*m_transport, url); }, 20'000);
    EXPECT_GT(later.account.id, 0);
}

TEST_F(AccountConnectorTest, NoAnswerTimesOut)
{
    AccountConnector connector(*m_client, *m_tokens, m_clock);
    try {
        connector.authorize([](const QUrl &) {}, 300);
        FAIL() << "authorize() returned without an answer";
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QLatin1String(ApiError::kAuthTimeout));
        EXPECT_FALSE(e.userMessage().isEmpty());
    }
}

TEST_F(AccountConnectorTest, DisconnectRevokesRemovesTokensAndMarksTheAccount)
{
    AccountConnector connector(*m_client, *m_tokens, m_clock);
    const ConnectedAccount connected = connector.connect(
        *m_accounts,
        [this](const QUrl &url) { AccountConnector::approveInSandbox(*m_transport, url); }, 20'000);
    const Account &account = connected.account;
    const std::optional<TokenSet> tokens =
        TokenSet::fromJson(m_tokens->read(account.tokenKey()).secret);
    ASSERT_TRUE(tokens);

    QSignalSpy changed(m_accounts.get(), &AccountStore::accountChanged);
    const DisconnectOutcome outcome = connector.disconnect(*m_accounts, account);
    EXPECT_TRUE(outcome.revoked);
    EXPECT_TRUE(outcome.warning.isEmpty()) << outcome.warning.toStdString();
    EXPECT_EQ(requestsTo("revoke"), 1);
    EXPECT_EQ(tokensOf(account.openId), TokenStore::ReadResult::Status::NotFound);
    EXPECT_EQ(m_accounts->account(account.id)->status, AccountStatus::Disconnected);
    EXPECT_EQ(changed.count(), 1);
    // The revoked token is refused from now on.
    try {
        m_client->userInfo(tokens->accessToken, tokens->scopes);
        FAIL() << "a revoked token still works";
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QStringLiteral("access_token_invalid"));
    }
}

TEST_F(AccountConnectorTest, SandboxAccountCannotBeRevokedAtTikTok)
{
    Account account = makeAccount(QStringLiteral("old"));
    account.isSandbox = true;
    account.id = m_accounts->save(account);
    TokenSet tokens;
    tokens.accessToken = "act.old";
    tokens.refreshToken = "rft.old";
    ASSERT_TRUE(m_tokens->write(account.tokenKey(), tokens.toJson(), nullptr));

    TikTokConfig tiktok = m_config;
    tiktok.sandbox = false; // as if a TikTok app had been configured since
    TikTokClient client(tiktok, *m_transport, m_limiter, m_clock);
    AccountConnector connector(client, *m_tokens, m_clock);
    const DisconnectOutcome outcome = connector.disconnect(*m_accounts, account);
    EXPECT_FALSE(outcome.revoked);
    EXPECT_TRUE(outcome.warning.contains(QStringLiteral("Sandbox")));
    EXPECT_EQ(requestsTo("revoke"), 0);
    EXPECT_EQ(tokensOf(account.openId), TokenStore::ReadResult::Status::NotFound);
}

TEST_F(AccountConnectorTest, AFailureOfTheSandboxLeavesNothingBehind)
{
    m_server.setFaults(nlohmann::json::parse(
        R"({"api_faults": [{"endpoint": "token", "kind": "5xx", "status": 500}]})"));
    AccountConnector connector(*m_client, *m_tokens, m_clock);
    try {
        connector.connect(
            *m_accounts,
            [this](const QUrl &url) { AccountConnector::approveInSandbox(*m_transport, url); },
            20'000);
        FAIL() << "connect() succeeded through a failing token endpoint";
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QStringLiteral("internal_error")) << e.describe().toStdString();
        EXPECT_TRUE(e.userMessage().endsWith(u'.')) << e.userMessage().toStdString();
    }
    EXPECT_TRUE(m_accounts->accounts().isEmpty());
}

TEST_F(AccountConnectorTest, ApproveInSandboxOnlyTalksToThisComputer)
{
    try {
        AccountConnector::approveInSandbox(*m_transport,
            QUrl(QStringLiteral("https://www.tiktok.com/v2/auth/authorize/?client_key=x")));
        FAIL() << "a remote sign-in page was approved";
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QLatin1String(ApiError::kInsecureUrl));
    }
    // A page that does not redirect (an unknown client) is an error, not a silent wait.
    try {
        AccountConnector::approveInSandbox(
            *m_transport, QUrl(m_config.authUrl + QStringLiteral("?client_key=nobody")));
        FAIL() << "an error page was taken for an approval";
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QLatin1String(AccountConnector::kSandboxPageRefused));
        EXPECT_EQ(e.httpStatus(), 400);
    }
}

} // namespace
