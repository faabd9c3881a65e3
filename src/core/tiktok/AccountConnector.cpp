// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/tiktok/AccountConnector.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/Logging.h"
#include "cuepoint/core/tiktok/ApiError.h"
#include "cuepoint/core/tiktok/HttpTransport.h"
#include "cuepoint/core/tiktok/OAuth.h"
#include "cuepoint/core/tiktok/TikTokClient.h"
#include "cuepoint/core/tiktok/TokenKeeper.h"

#include <QRegularExpression>

#include <httplib.h>

#include <optional>

namespace Cuepoint::Core {

namespace {

/// How long each of the two requests of approveInSandbox() may take.
constexpr int kSandboxPageTimeoutMs = 15'000;

/// Sets the cancel flag on the client for the length of a call, and clears it after.
class CancelScope
{
public:
    CancelScope(TikTokClient &client, const std::atomic_bool *cancel)
        : m_client(client)
        , m_set(cancel != nullptr)
    {
        if (m_set) {
            m_client.setCancelFlag(cancel);
        }
    }
    ~CancelScope()
    {
        if (m_set) {
            m_client.setCancelFlag(nullptr);
        }
    }
    CancelScope(const CancelScope &) = delete;
    CancelScope &operator=(const CancelScope &) = delete;

private:
    TikTokClient &m_client;
    bool m_set;
};

bool isLoopback(const QUrl &url)
{
    static const QRegularExpression ipv4Loopback(
        QStringLiteral(R"re(^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$)re"));
    const QString host = url.host().toLower();
    return url.scheme() == QLatin1String("http")
        && (host == QLatin1String("localhost") || host == QLatin1String("::1")
            || ipv4Loopback.match(host).hasMatch());
}

ApiError transportFailure(const HttpResponse &response)
{
    switch (response.failure) {
    case HttpResponse::Failure::Cancelled:
        return ApiError(QString::fromLatin1(ApiError::kCancelled),
            QStringLiteral("the authorization was cancelled"));
    case HttpResponse::Failure::Timeout:
        return ApiError(QString::fromLatin1(ApiError::kTimeout), response.failureText);
    case HttpResponse::Failure::Refused:
        return ApiError(QString::fromLatin1(ApiError::kInsecureUrl), response.failureText);
    default:
        return ApiError(QString::fromLatin1(ApiError::kNetworkError), response.failureText);
    }
}

HttpResponse get(HttpTransport &transport, const QUrl &url, const std::atomic_bool *cancel,
    bool closeAfter = false)
{
    HttpRequest request;
    request.method = "GET";
    request.url = url;
    if (closeAfter) {
        request.headers = { { "Connection", "close" } };
    }
    request.cancel = cancel;
    request.totalTimeoutMs = kSandboxPageTimeoutMs;
    HttpResponse response = transport.send(request);
    if (!response.ok()) {
        throw transportFailure(response);
    }
    return response;
}

/// Returns once the listener of an AuthSession answers. It serves on its own thread, and an
/// attempt that ends before that thread reached accept() (an instant Cancel) would leave it
/// waiting there, and the session's destructor waiting for it; one request rules that out.
void waitUntilListening(quint16 port)
{
    httplib::Client probe("127.0.0.1", port);
    probe.set_connection_timeout(2);
    probe.set_read_timeout(2);
    probe.Get("/ready/"); // not /callback/: answered 404, it uses nothing up
}

} // namespace

AccountConnector::AccountConnector(TikTokClient &client, TokenStore &tokens, const Clock &clock)
    : m_client(client)
    , m_tokens(tokens)
    , m_clock(clock)
{
}

ConnectedAccount AccountConnector::authorize(
    const AuthorizeUrlHandler &onAuthorizeUrl, int timeoutMs)
{
    AuthSession session(m_client.config());
    QString error;
    if (!session.start(&error)) {
        throw ApiError(QString::fromLatin1(kListenerUnavailable), error);
    }
    waitUntilListening(session.port());
    const CancelScope cancelScope(m_client, m_cancel);
    if (onAuthorizeUrl) {
        onAuthorizeUrl(session.authorizeUrl());
    }
    const AuthorizationCode code = session.waitForCode(timeoutMs, m_cancel);
    const TokenSet tokens =
        m_client.exchangeCode(code.code, session.codeVerifier(), session.redirectUri());
    const UserInfo user = m_client.userInfo(tokens.accessToken, tokens.scopes);

    ConnectedAccount connected;
    Account &account = connected.account;
    account.openId = tokens.openId.isEmpty() ? user.openId : tokens.openId;
    account.displayName = user.displayName;
    account.avatarUrl = user.avatarUrl;
    account.username = user.username;
    if (account.username.isEmpty() && tokens.scopes.contains(QStringLiteral("video.publish"))) {
        // Without user.info.profile the handle comes from creator_info.
        try {
            account.username = m_client.creatorInfo(tokens.accessToken).username;
        } catch (const ApiError &e) {
            if (e.code() == QLatin1String(ApiError::kCancelled)) {
                throw;
            }
            qCInfo(lcTikTok).noquote() << "no username from creator_info:" << e.describe();
        }
    }
    account.scopes = tokens.scopes;
    account.accessTokenExpiresAt = tokens.accessExpiresAt;
    account.refreshTokenExpiresAt = tokens.refreshExpiresAt;
    account.status = AccountStatus::Connected;
    account.isSandbox = m_client.config().sandbox;
    // Tokens first: an account row without tokens would look connected but could not post.
    TokenKeeper keeper(m_tokens, m_client, m_clock);
    keeper.save(account.tokenKey(), tokens);

    for (const QString &scope : defaultScopes()) {
        if (!account.scopes.contains(scope)) {
            connected.missingScopes << scope;
        }
    }
    return connected;
}

void AccountConnector::store(AccountStore &accounts, ConnectedAccount &connected)
{
    Account &account = connected.account;
    if (const std::optional<Account> existing = accounts.accountByOpenId(account.openId)) {
        account.id = existing->id;
        account.createdAt = existing->createdAt;
    }
    account.id = accounts.save(account);
}

ConnectedAccount AccountConnector::connect(
    AccountStore &accounts, const AuthorizeUrlHandler &onAuthorizeUrl, int timeoutMs)
{
    ConnectedAccount connected = authorize(onAuthorizeUrl, timeoutMs);
    store(accounts, connected);
    return connected;
}

DisconnectOutcome AccountConnector::revokeAccess(const Account &account)
{
    const CancelScope cancelScope(m_client, m_cancel);
    TokenKeeper keeper(m_tokens, m_client, m_clock);
    DisconnectOutcome outcome;
    const std::optional<TokenSet> tokens = keeper.load(account.tokenKey());
    const bool sandbox = m_client.config().sandbox;
    if (tokens && account.isSandbox != sandbox) {
        // Tokens of the sandbox mean nothing to TikTok, and the other way round.
        outcome.warning = account.isSandbox
            ? QStringLiteral("This Sandbox account cannot be revoked now that a TikTok app "
                             "is configured; its tokens are removed.")
            : QStringLiteral("No TikTok app is configured, so the access could not be "
                             "revoked at TikTok. Remove Cuepoint under 'Manage app "
                             "permissions' in the TikTok app.");
    } else if (tokens) {
        try {
            m_client.revoke(tokens->accessToken);
            outcome.revoked = true;
        } catch (const ApiError &e) {
            qCInfo(lcTikTok).noquote() << "revocation not confirmed:" << e.describe();
            outcome.warning = QStringLiteral("TikTok did not confirm the revocation (%1). Remove "
                                             "Cuepoint under 'Manage app permissions' in the "
                                             "TikTok app if it is still listed.")
                                  .arg(e.code());
        }
    }
    keeper.remove(account.tokenKey());
    return outcome;
}

void AccountConnector::markDisconnected(AccountStore &accounts, qint64 accountId)
{
    accounts.setStatus(accountId, AccountStatus::Disconnected);
}

DisconnectOutcome AccountConnector::disconnect(AccountStore &accounts, const Account &account)
{
    const DisconnectOutcome outcome = revokeAccess(account);
    markDisconnected(accounts, account.id);
    return outcome;
}

void AccountConnector::approveInSandbox(
    HttpTransport &transport, const QUrl &authorizeUrl, const std::atomic_bool *cancel)
{
    if (!isLoopback(authorizeUrl)) {
        throw ApiError(QString::fromLatin1(ApiError::kInsecureUrl),
            QStringLiteral("only the built-in sandbox on this computer signs in by itself"));
    }
    const HttpResponse page = get(transport, authorizeUrl, cancel);
    const QUrl location =
        authorizeUrl.resolved(QUrl::fromEncoded(page.header("Location"), QUrl::StrictMode));
    if (page.status < 300 || page.status > 399 || page.header("Location").isEmpty()) {
        // The sandbox answers a request it cannot redirect (an unknown client, a redirect URI
        // it does not accept) with an error page, as TikTok does.
        throw ApiError(QString::fromLatin1(kSandboxPageRefused),
            QStringLiteral("the sandbox's sign-in page answered HTTP %1: %2")
                .arg(page.status)
                .arg(QString::fromUtf8(page.body.left(200)).simplified()),
            {}, page.status);
    }
    if (!isLoopback(location)) {
        throw ApiError(QString::fromLatin1(ApiError::kInsecureUrl),
            QStringLiteral("the sandbox redirected away from this computer"));
    }
    // The listener answers with its own page; what it received is what waitForCode() reports.
    // The connection is closed at once: the listener stops only once no connection is open,
    // and a kept-alive one would hold the whole attempt for the server's keep-alive timeout.
    get(transport, location, cancel, true);
}

} // namespace Cuepoint::Core
