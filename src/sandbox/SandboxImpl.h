// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SandboxServer.h"
#include "SandboxUtil.h"

#include <httplib.h>
#include <openssl/evp.h>

#include <atomic>
#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace Cuepoint::Sandbox {

using Json = nlohmann::json;

/// Applies the run-time changes of a creator (POST /_sandbox/creators/NAME, or the overrides
/// remembered in state.json): only the keys present change. Throws Json::exception for a
/// value of the wrong type.
void applyCreatorChanges(SandboxCreator &creator, const Json &changes);
/// The fields applyCreatorChanges() may change, as they are now (what state.json remembers).
Json changeableFieldsOf(const SandboxCreator &creator);

/// One user authorisation of one client: the code, then its access/refresh token chain.
struct Grant
{
    std::string clientKey;
    std::string creator;
    std::string openId;
    std::vector<std::string> scopes;
    std::int64_t refreshExpiresMs = 0; ///< fixed at the first issuance (a refresh keeps it)
    bool revoked = false;
};

struct AuthCode
{
    std::string clientKey;
    std::string redirectUri;
    std::string codeChallenge;
    std::string creator;
    std::vector<std::string> scopes;
    std::int64_t expiresMs = 0;
    bool used = false;
};

struct TokenInfo
{
    int grant = -1;
    std::int64_t expiresMs = 0;
    bool valid = true;
};

/// The bytes of one FILE_UPLOAD, streamed to disk and hashed as they arrive.
struct Upload
{
    std::mutex mutex; ///< one PUT at a time; a retry waits for a dying request to let go
    std::string path;
    int fd = -1;
    EVP_MD_CTX *hash = nullptr; ///< over the committed bytes only
    std::int64_t committed = 0;
    std::string sha256; ///< set on completion
    std::map<int, int> faultHits; ///< chunk * 4 + fault kind -> times injected
    ~Upload();
};

struct Publish
{
    std::string publishId;
    std::string kind; ///< "direct" or "inbox"
    std::string source; ///< FILE_UPLOAD or PULL_FROM_URL
    std::string clientKey;
    std::string creator;
    std::string openId;
    int grant = -1;
    std::int64_t createdMs = 0;
    std::string uploadId;
    std::string uploadToken;
    std::int64_t uploadUrlExpiresMs = 0;
    std::int64_t videoSize = 0;
    std::int64_t chunkSize = 0;
    std::int64_t totalChunks = 0;
    std::string videoUrl;
    Json postInfo = Json::object(); ///< what the client sent, as the summary reports it
    std::string privacy;
    // The state machine is computed from these times, so it follows the (injectable) clock.
    std::int64_t uploadCompletedMs = -1;
    std::int64_t failedMs = -1;
    std::string failReason; ///< auth_removed / publish_cancelled (explicit failures)
    std::string injectedFailReason; ///< FAILED after processing (fault)
    bool neverComplete = false;
    std::int64_t processingMs = 0;
    std::int64_t moderationMs = 0;
    std::int64_t inboxPostsAfterMs = -1;
    std::int64_t inboxPostedMs = -1; ///< the admin API "posts" an inbox draft
    std::int64_t postId = 0;
    int putRequests = 0;
    int chunksAccepted = 0;
    std::shared_ptr<Upload> upload;
};

struct ChunkFault
{
    int chunk = 0;
    int status = 503;
    int times = 1;
};

struct ApiFault
{
    std::string endpoint; ///< "*" or an endpoint name
    std::string kind; ///< "429", "5xx", "drop"
    int status = 500;
    int remaining = 1;
};

struct Faults
{
    std::vector<ChunkFault> chunk5xx;
    std::vector<ChunkFault> chunkDrop;
    std::vector<ChunkFault> chunkDropAfterCommit;
    std::vector<ApiFault> api;
    std::string failReason;
    bool neverComplete = false;
    std::int64_t tokenTtlSec = -1;
    std::int64_t delayMs = 0;
    std::int64_t processingMs = -1;
    std::int64_t moderationMs = -1;
};

/// What one handled request puts into the log.
struct LogCtx
{
    std::string endpoint;
    std::string errorCode;
    std::string publishId;
    std::string openId;
    std::string tokenTag;
    std::string contentRange;
    std::string fault;
    std::int64_t bytes = -1;
    int chunk = 0;
    bool dropped = false;
};

struct SandboxServer::Impl
{
    explicit Impl(SandboxConfig cfg);
    ~Impl();

    // --- lifetime ---
    void registerRoutes();
    void registerAdminRoutes(); ///< SandboxAdmin.cpp
    std::int64_t now() const;

    // --- shared helpers (SandboxServer.cpp) ---
    using Handler = std::function<void(const httplib::Request &, httplib::Response &, LogCtx &)>;
    void route(const std::string &method, const std::string &path, const std::string &endpoint,
        Handler handler);
    void logRequest(const httplib::Request &req, const httplib::Response &res, const LogCtx &ctx,
        std::int64_t startedMs);
    /// Closes the TCP connection carrying @p req without a response (a "dropped connection").
    static void dropConnection(const httplib::Request &req);
    void sendApiError(httplib::Response &res, LogCtx &ctx, int status, const std::string &code,
        const std::string &message);
    void sendApiOk(httplib::Response &res, LogCtx &ctx, const Json &data);
    void sendOAuthError(httplib::Response &res, LogCtx &ctx, const std::string &error,
        const std::string &description);
    const SandboxCreator *findCreator(const std::string &username) const;
    const SandboxClientApp *findClient(const std::string &clientKey) const;
    std::string openIdOf(const SandboxCreator &c) const;
    std::string selfUrl() const; ///< http://host:port of this server
    /// true when @p app's daily active-creator cap leaves no room for @p openId.
    bool activeUserCapReached(const SandboxClientApp &app, const std::string &openId) const;
    Json summaryLocked() const;
    void persistSummary();
    bool consumeApiFault(const std::string &endpoint, ApiFault &out);

    // --- OAuth (SandboxOAuth.cpp) ---
    void handleAuthorize(const httplib::Request &req, httplib::Response &res, LogCtx &ctx);
    void handleToken(const httplib::Request &req, httplib::Response &res, LogCtx &ctx);
    void handleRevoke(const httplib::Request &req, httplib::Response &res, LogCtx &ctx);
    void handleUserInfo(const httplib::Request &req, httplib::Response &res, LogCtx &ctx);
    Json issueLocked(int grant);
    /// The grant behind a Bearer token, or -1 after sending 401 access_token_invalid.
    int authenticate(const httplib::Request &req, httplib::Response &res, LogCtx &ctx);
    /// authenticate() plus a posting scope (video.publish or video.upload); -1 after answering.
    int authenticatePosting(const httplib::Request &req, httplib::Response &res, LogCtx &ctx);
    /// The form of a token or revoke request, or nullopt after answering invalid_request.
    std::optional<std::multimap<std::string, std::string>> oauthForm(
        const httplib::Request &req, httplib::Response &res, LogCtx &ctx);
    bool hasScope(int grant, const std::string &scope) const;
    /// false after sending 429 when the token used up @p perMinute on @p endpoint.
    bool rateLimit(httplib::Response &res, LogCtx &ctx, const std::string &endpoint, int perMinute);

    // --- Content Posting (SandboxPosting.cpp) ---
    void handleCreatorInfo(const httplib::Request &req, httplib::Response &res, LogCtx &ctx);
    void handleInit(const httplib::Request &req, httplib::Response &res, LogCtx &ctx, bool inbox);
    void handleStatus(const httplib::Request &req, httplib::Response &res, LogCtx &ctx);
    void handleCancel(const httplib::Request &req, httplib::Response &res, LogCtx &ctx);
    /// The publish named by a status or cancel request, or null after answering the error.
    Publish *publishOfRequest(
        const httplib::Request &req, httplib::Response &res, LogCtx &ctx, int grant);
    Json statusOf(const Publish &p, std::int64_t nowMs) const;
    std::vector<std::string> privacyOptions(
        const SandboxCreator &c, const SandboxClientApp &app) const;

    // --- persistence (SandboxState.cpp; docs/SANDBOX.md, "Persistence") ---
    /// Takes the state folder's lock and loads state.json; a bad file is set aside.
    void openState();
    /// Writes state.json (temp file, fsync, rename, 0600). m_mutex held; no-op without persist.
    void saveStateLocked();
    Json stateLocked() const;
    /// Throws std::runtime_error on anything unexpected; changes nothing then.
    void loadStateDocument(const Json &doc);
    void loadStateFile();
    void setStateAside(const std::string &reason);
    /// Deletes upload files no publish needs any more (persistence only).
    void pruneUploads();
    void say(const std::string &line) const;

    // --- Upload (SandboxUpload.cpp) ---
    void handleUpload(const httplib::Request &req, httplib::Response &res,
        const httplib::ContentReader &reader, LogCtx &ctx);

    SandboxServer *m_self = nullptr;
    /// POST handlers by exact path, for requests without a body (see registerRoutes).
    std::map<std::string, httplib::Server::Handler> m_postRoutes;
    void post(const std::string &path, httplib::Server::Handler handler);
    SandboxConfig m_config;
    httplib::Server m_server;
    std::thread m_thread;
    std::atomic<int> m_port { 0 };
    std::atomic<bool> m_listenEnded { false };
    std::string m_host = "127.0.0.1";
    std::string m_uploadDir;
    bool m_ownsUploadDir = false;

    mutable std::mutex m_mutex; // guards everything below
    std::int64_t m_offsetMs = 0;
    Faults m_faults;
    Json m_faultsDoc = Json::object();
    std::vector<Grant> m_grants;
    std::map<std::string, AuthCode> m_codes;
    std::map<std::string, TokenInfo> m_access;
    std::map<std::string, TokenInfo> m_refresh;
    std::map<std::string, Publish> m_publishes; ///< by publish_id
    std::map<std::string, std::string> m_uploadIds; ///< upload_id -> publish_id
    std::vector<std::string> m_publishOrder;
    std::map<std::string, std::deque<std::int64_t>> m_rateWindows; ///< tokenTag|endpoint
    std::map<std::string, std::map<std::string, int>> m_rejectedInits; ///< creator -> code -> n
    std::vector<Json> m_log;
    std::ofstream m_logFile;
    std::int64_t m_seq = 0;
    std::int64_t m_nextNumber = 0;

    // --- persistence ---
    bool m_persist = false;
    std::string m_statePath; ///< stateDir/state.json
    int m_stateLockFd = -1; ///< flock on stateDir/state.lock while this server persists
    int m_savedPort = 0; ///< the port state.json remembered at load
    std::string m_savedHost;
    bool m_saveFailed = false; ///< one log line per streak of failed saves
    /// Creator fields changed through the admin API, by username (applied over the config).
    std::map<std::string, Json> m_creatorOverrides;
};

} // namespace Cuepoint::Sandbox
