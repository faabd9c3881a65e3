// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace Cuepoint::Sandbox {

/// A TikTok account the sandbox can log in as (docs/SANDBOX.md, "Creators").
struct SandboxCreator
{
    std::string
        username; ///< creator_username, and the value of `sandbox_user` on the authorize page
    std::string nickname;
    std::string openId; ///< empty: derived from the username
    bool privateAccount = false; ///< private accounts get the FOLLOWER_OF_CREATOR option set
    bool commentDisabled = false;
    bool duetDisabled = false;
    bool stitchDisabled = false;
    int maxVideoPostDurationSec = 300;
    /// "" or one of spam_risk_too_many_posts, spam_risk_user_banned_from_posting,
    /// reached_active_user_cap: creator_info answers it with HTTP 200, init with 403.
    std::string cannotPost;
    int dailyPostCap = 15; ///< Direct Posts per 24 h (spam_risk_too_many_posts)
    bool sandboxTarget = true; ///< false: authorize answers error=non_sandbox_target
    std::string bio;
    bool verified = false;
    std::int64_t followerCount = 0;
};

/// A registered client app (client_key, client_secret, Login Kit redirect URIs, audit state).
struct SandboxClientApp
{
    std::string clientKey;
    std::string clientSecret;
    std::vector<std::string>
        redirectUris; ///< may use the wildcard port: http://127.0.0.1:*/callback/
    std::vector<std::string> scopes; ///< scopes the app is approved for
    bool audited = false; ///< unaudited: private accounts only, SELF_ONLY only, 5 users / 24 h
    int activeUserCap = 5; ///< distinct creators posting per 24 h (reached_active_user_cap)
};

/// Everything configurable at start-up. Runtime faults are set separately (setFaults).
struct SandboxConfig
{
    std::vector<SandboxClientApp> clients;
    std::vector<SandboxCreator> creators;
    std::string defaultCreator; ///< who the authorize page logs in as without `sandbox_user`

    std::int64_t accessTokenTtlSec = 86400;
    std::int64_t refreshTokenTtlSec = 31536000;
    std::int64_t codeTtlSec = 600;
    bool rotateRefreshTokens = true;
    bool oldRefreshTokenValidAfterRotation = false; ///< UNCONFIRMED; strict default: invalid
    int oauthErrorHttpStatus = 200; ///< field reports: HTTP 200 with an `error` field (or 400)
    std::string invalidParamsCode = "invalid_params"; ///< or "invalid_param" (the DP table)
    bool requireBrandContentToggle = true; ///< the DP table marks it required
    bool brandedContentMustBeVisible = true; ///< brand_content_toggle with SELF_ONLY is refused
    bool userInfoMissingScopeIsError = true; ///< scope_not_authorized instead of omitting fields
    bool unauditedSelfOnlyOptions = false; ///< creator_info lists only SELF_ONLY for unaudited apps
    bool inboxCountsActiveUsers = true; ///< UNCONFIRMED: the 5-user cap also counts inbox uploads

    std::int64_t processingMs = 1500; ///< after the last chunk until PUBLISH_COMPLETE / inbox
    std::int64_t moderationMs = 0; ///< extra delay before a public post id appears
    std::int64_t inboxUserPostsAfterMs =
        -1; ///< inbox: the user posts the draft after this; -1 never
    std::int64_t downloadMs = 3000; ///< PULL_FROM_URL: PROCESSING_DOWNLOAD duration
    std::int64_t uploadUrlTtlSec = 3600;
    int inboxPendingCap = 5;
    std::vector<std::string> verifiedUrlPrefixes; ///< PULL_FROM_URL prefixes; empty: all unverified

    int rateCreatorInfoPerMin = 20;
    int rateVideoInitPerMin = 6;
    int rateInboxInitPerMin = 6;
    int rateStatusPerMin = 30;
    int rateUserInfoPerMin = 600;

    /// Where uploads (and, when set, requests.jsonl and summary.json) go. Empty: a temp folder.
    std::string stateDir;
    /// Keep what must outlive the process (tokens, publishes and their uploads, counters,
    /// creators changed through the admin API, the port) in stateDir/state.json, load it at
    /// construction, and prefer the last run's port in start(). Needs stateDir. Only one
    /// server at a time may persist into a folder (an flock on stateDir/state.lock).
    bool persist = false;
    /// Receives the few diagnostic lines of the sandbox (e.g. a state file set aside). Never
    /// given a token or a secret. Null: standard error.
    std::function<void(const std::string &)> logger;
    /// Milliseconds since the epoch; null means the system clock.
    std::function<std::int64_t()> clock;

    /// The built-in defaults: client "sandbox-client"/"sandbox-secret" (unaudited) and
    /// "sandbox-audited"/"sandbox-audited-secret", three creators (docs/SANDBOX.md).
    static SandboxConfig defaults();
    /// Applies a JSON config (docs/SANDBOX.md, "Config file") on top of @p base.
    /// Throws std::invalid_argument with a readable message on a bad document.
    static SandboxConfig fromJson(const nlohmann::json &doc, SandboxConfig base = defaults());
};

/// True for 127.0.0.0/8, ::1 and "localhost".
bool isLoopbackHost(const std::string &host);

/// GET /_sandbox/health at @p host:@p port: {"service":"cuepoint-sandbox","pid",...} when a
/// sandbox answers within @p timeoutMs, else null. A cheap way to tell whether the sandbox
/// another process runs is still there.
nlohmann::json probeSandbox(const std::string &host, int port, int timeoutMs = 1000);

/// The local TikTok emulator: Login Kit (desktop) and the Content Posting API over HTTP on a
/// loopback address. Thread-safe; the server runs on its own threads after start().
class SandboxServer final
{
public:
    explicit SandboxServer(SandboxConfig config = SandboxConfig::defaults());
    ~SandboxServer();
    SandboxServer(const SandboxServer &) = delete;
    SandboxServer &operator=(const SandboxServer &) = delete;

    /// Binds @p host (loopback only, else std::invalid_argument) and @p port (0: any free port;
    /// with persist, the port saved by the last run first, when it is free), starts serving on
    /// a background thread and returns the bound port. Throws std::runtime_error when the port
    /// cannot be bound. Writes stateDir/port when stateDir is set.
    int start(const std::string &host = "127.0.0.1", int port = 0);
    void stop();
    bool isRunning() const;
    int port() const;
    /// "http://127.0.0.1:PORT": the API host, the authorize page and the upload host in one.
    std::string baseUrl() const;
    /// True when the state is kept in stateDir/state.json (SandboxConfig::persist).
    bool isPersistent() const;
    /// The port the state file remembered when it was loaded (0: none).
    int savedPort() const;

    /// Every client request so far, oldest first (no tokens, secrets or query strings).
    nlohmann::json requestLog() const;
    /// Per publish and per creator: inits, uploads, published posts, post_info, SHA-256.
    nlohmann::json publishSummary() const;

    /// Merges a fault document (docs/SANDBOX.md, "Faults"); throws std::invalid_argument.
    void setFaults(const nlohmann::json &faults);
    nlohmann::json faults() const;
    void clearFaults();
    /// Moves the sandbox clock forward (token expiry, URL expiry, delays, windows, caps).
    void advanceClock(std::chrono::milliseconds by);
    /// Forgets tokens, publishes, uploads, logs, counters, faults and the clock offset.
    void reset();
    /// Issues tokens without the browser step, as the token endpoint would answer.
    nlohmann::json issueTokens(
        const std::string &creator, const std::string &scopes, const std::string &clientKey = {});

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace Cuepoint::Sandbox
