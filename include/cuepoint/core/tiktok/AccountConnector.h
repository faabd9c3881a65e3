// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/Account.h"

#include <QString>
#include <QStringList>
#include <QUrl>

#include <atomic>
#include <functional>

namespace Cuepoint::Core {

class AccountStore;
class Clock;
class HttpTransport;
class TikTokClient;
class TokenStore;

/// What connecting an account brought back.
struct ConnectedAccount
{
    /// The account as TikTok described it; id and createdAt are set once it is stored.
    Account account;
    /// The scopes of defaultScopes() the user did not grant (posting needs them).
    QStringList missingScopes;
};

/// What disconnecting an account did besides removing its tokens.
struct DisconnectOutcome
{
    bool revoked = false; ///< TikTok (or the sandbox) confirmed the revocation
    /// A sentence for the user when the access could not be revoked; empty otherwise.
    QString warning;
};

/// Connects and disconnects TikTok accounts: the one implementation behind
/// `cuepoint-cli account connect|disconnect` and the window's Accounts page.
///
/// Connecting is TikTok's desktop flow (tiktok-api.md §1): a loopback listener and the
/// authorize URL (handed to the caller to print or open), the wait for the redirect, the code
/// exchange, the user's profile (with creator_info's username when user.info.profile was not
/// granted), then the tokens are stored through TokenKeeper before the account is saved, so an
/// account row never exists without its tokens.
///
/// The calls block (network, keychain) and belong on a worker thread; setCancelFlag() aborts
/// them. The database steps (store(), markDisconnected()) are separate static functions
/// because a Database belongs to the thread that opened it: a window runs authorize() on a
/// worker and store() on its own thread.
class AccountConnector final
{
public:
    /// Called (on the connecting thread) with the authorize URL once the listener is up. It may
    /// throw ApiError to abort the attempt.
    using AuthorizeUrlHandler = std::function<void(const QUrl &)>;

    /// How long connecting waits for the browser by default.
    static constexpr int kDefaultTimeoutMs = 300'000;
    /// The ApiError code when no loopback listener could be opened.
    static constexpr const char *kListenerUnavailable = "loopback_unavailable";
    /// The ApiError code when the built-in sandbox's sign-in page did not redirect.
    static constexpr const char *kSandboxPageRefused = "sandbox_page_refused";

    /// @p client decides where connecting goes (its config: TikTok or the sandbox); tokens go
    /// to @p tokens. All three must outlive the connector.
    AccountConnector(TikTokClient &client, TokenStore &tokens, const Clock &clock);

    /// A flag that cancels the wait for the browser and any TikTok call in flight; the
    /// attempt then ends with ApiError(cancelled). Null to clear. While a call runs the flag is
    /// also set on the client, and cleared again when it returns.
    void setCancelFlag(const std::atomic_bool *cancel) { m_cancel = cancel; }

    /// Connects an account up to and including storing its tokens; nothing is written to the
    /// database. Returns the account (id 0) and the scopes not granted. Throws ApiError:
    /// kListenerUnavailable, cancelled, authorization_timeout, access_denied and the other
    /// errors of TikTok's sign-in, token_store_error.
    ConnectedAccount authorize(
        const AuthorizeUrlHandler &onAuthorizeUrl, int timeoutMs = kDefaultTimeoutMs);

    /// Saves @p connected in @p accounts (keeping the id and creation time of an account with
    /// the same open_id) and sets its id. Throws StorageError. Call it on the store's thread.
    static void store(AccountStore &accounts, ConnectedAccount &connected);

    /// authorize() then store(), for callers on the store's thread (the CLI).
    ConnectedAccount connect(AccountStore &accounts, const AuthorizeUrlHandler &onAuthorizeUrl,
        int timeoutMs = kDefaultTimeoutMs);

    /// Revokes the account's access (when its tokens belong to the TikTok this client talks
    /// to) and removes its tokens. A failed revocation is a warning, not an error. Throws
    /// ApiError(token_store_error) when the tokens cannot be read or removed. No database.
    DisconnectOutcome revokeAccess(const Account &account);

    /// Marks the account disconnected (its posts stay). Throws StorageError.
    static void markDisconnected(AccountStore &accounts, qint64 accountId);

    /// revokeAccess() then markDisconnected(), for callers on the store's thread (the CLI).
    DisconnectOutcome disconnect(AccountStore &accounts, const Account &account);

    /// Plays the user's browser for the built-in sandbox, whose sign-in page approves at once:
    /// a GET of @p authorizeUrl (redirects not followed), then a GET of its Location, which
    /// reaches the loopback listener of the attempt. Only for loopback URLs (anything else is
    /// refused with ApiError(insecure_url)); throws ApiError when the page does not redirect.
    static void approveInSandbox(HttpTransport &transport, const QUrl &authorizeUrl,
        const std::atomic_bool *cancel = nullptr);

private:
    TikTokClient &m_client;
    TokenStore &m_tokens;
    const Clock &m_clock;
    const std::atomic_bool *m_cancel = nullptr;
};

} // namespace Cuepoint::Core
