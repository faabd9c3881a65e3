// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxServer.h"

#include "SandboxImpl.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <filesystem>
#include <stdexcept>
#include <unistd.h>

namespace Cuepoint::Sandbox {

namespace fs = std::filesystem;

namespace {
constexpr std::int64_t kMaxApiBody = 1'000'000;
constexpr std::size_t kMaxLogEntries = 200'000;

int portOf(const sockaddr_storage &ss)
{
    if (ss.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in *>(&ss)->sin_port);
    if (ss.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6 *>(&ss)->sin6_port);
    return -1;
}

void writeFileAtomically(const fs::path &path, const std::string &text)
{
    const fs::path tmp = path.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out)
            throw std::runtime_error("cannot write " + tmp.string());
    }
    fs::rename(tmp, path);
}

ChunkFault parseChunkFault(const Json &j, int defaultStatus)
{
    ChunkFault f;
    f.status = defaultStatus;
    if (j.is_number_integer()) {
        f.chunk = j.get<int>();
    } else if (j.is_object()) {
        f.chunk = j.value("chunk", 0);
        f.status = j.value("status", defaultStatus);
        f.times = j.value("times", 1);
    } else {
        throw std::invalid_argument("a chunk fault is a chunk number or {chunk,status,times}");
    }
    if (f.chunk < 1 || f.chunk > 1000 || f.times < 1)
        throw std::invalid_argument("chunk faults need chunk 1..1000 and times >= 1");
    if (defaultStatus != 0 && (f.status < 500 || f.status > 599))
        throw std::invalid_argument("chunk_5xx status must be 5xx");
    return f;
}

const std::set<std::string> kEndpoints = { "*", "authorize", "token", "revoke", "user_info",
    "creator_info", "video_init", "inbox_init", "status", "cancel", "upload" };
} // namespace

Upload::~Upload()
{
    if (fd >= 0)
        ::close(fd);
    if (hash)
        EVP_MD_CTX_free(hash);
}

SandboxServer::Impl::Impl(SandboxConfig cfg)
    : m_config(std::move(cfg))
{
    if (!m_config.clock) {
        m_config.clock = [] {
            return std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count();
        };
    }
    if (m_config.stateDir.empty()) {
        char tmpl[] = "/tmp/cuepoint-sandbox-XXXXXX";
        if (!mkdtemp(tmpl))
            throw std::runtime_error("cannot create a temporary folder for uploads");
        m_uploadDir = tmpl;
        m_ownsUploadDir = true;
    } else {
        if (m_config.persist) {
            // It will hold tokens: a new folder is the owner's alone.
            ::mkdir(m_config.stateDir.c_str(), 0700);
        }
        fs::create_directories(m_config.stateDir);
        m_uploadDir = (fs::path(m_config.stateDir) / "uploads").string();
        fs::create_directories(m_uploadDir);
        if (m_config.persist)
            openState();
        m_logFile.open(fs::path(m_config.stateDir) / "requests.jsonl", std::ios::app);
    }
    if (m_config.persist && m_config.stateDir.empty())
        throw std::invalid_argument("the sandbox can persist its state only into a state dir");
    // Writing to a connection the peer (or a dropped-connection fault) already closed must not
    // kill the process: httplib sends without MSG_NOSIGNAL.
    std::signal(SIGPIPE, SIG_IGN);
    // Uploads of a few GB at loopback speed: generous timeouts, long keep-alive.
    m_server.set_read_timeout(30, 0);
    m_server.set_write_timeout(30, 0);
    m_server.set_keep_alive_max_count(1000);
    // An idle keep-alive connection holds a worker thread: keep the idle time short and the
    // pool wide enough for several clients with connection caches (libcurl keeps them).
    m_server.set_keep_alive_timeout(5);
    m_server.set_tcp_nodelay(true);
    // httplib's default adds SO_REUSEPORT, which would let a second sandbox bind a port that
    // one already listens on (and share its connections): SO_REUSEADDR alone keeps "taken"
    // meaning taken, while a port in TIME_WAIT can still be bound again at once.
    m_server.set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    m_server.new_task_queue = [] { return new httplib::ThreadPool(32); };
    registerRoutes();
}

SandboxServer::Impl::~Impl()
{
    if (m_stateLockFd >= 0)
        ::close(m_stateLockFd); // releases the flock
    if (m_ownsUploadDir) {
        std::error_code ec;
        fs::remove_all(m_uploadDir, ec);
    }
}

std::int64_t SandboxServer::Impl::now() const
{
    return m_config.clock() + m_offsetMs;
}

const SandboxCreator *SandboxServer::Impl::findCreator(const std::string &username) const
{
    for (const auto &c : m_config.creators) {
        if (c.username == username)
            return &c;
    }
    return nullptr;
}

const SandboxClientApp *SandboxServer::Impl::findClient(const std::string &clientKey) const
{
    for (const auto &c : m_config.clients) {
        if (c.clientKey == clientKey)
            return &c;
    }
    return nullptr;
}

std::string SandboxServer::Impl::openIdOf(const SandboxCreator &c) const
{
    if (!c.openId.empty())
        return c.openId;
    // Stable per username, opaque like TikTok's "-000xxxx" open ids.
    return "-000" + Util::sha256Hex("open_id:" + c.username).substr(0, 28);
}

std::string SandboxServer::Impl::selfUrl() const
{
    const std::string host = m_host.find(':') != std::string::npos ? "[" + m_host + "]" : m_host;
    return "http://" + host + ":" + std::to_string(m_port.load());
}

void SandboxServer::Impl::route(const std::string &method, const std::string &path,
    const std::string &endpoint, Handler handler)
{
    auto wrapped = [this, endpoint, handler](const httplib::Request &req, httplib::Response &res) {
        LogCtx ctx;
        ctx.endpoint = endpoint;
        std::int64_t started = 0;
        std::int64_t delayMs = 0;
        ApiFault fault;
        bool faulted = false;
        {
            std::lock_guard lock(m_mutex);
            started = now();
            delayMs = m_faults.delayMs;
            faulted = consumeApiFault(endpoint, fault);
        }
        if (delayMs > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        if (faulted && fault.kind == "drop") {
            ctx.fault = "drop";
            ctx.dropped = true;
            dropConnection(req);
        } else if (faulted && fault.kind == "429") {
            ctx.fault = "429";
            sendApiError(res, ctx, 429, "rate_limit_exceeded",
                "The API rate limit was exceeded. Please try again later.");
        } else if (faulted) {
            ctx.fault = "5xx";
            sendApiError(res, ctx, fault.status, "internal_error",
                "Something went wrong. Please try again later.");
        } else {
            handler(req, res, ctx);
        }
        logRequest(req, res, ctx, started);
    };
    if (method == "GET")
        m_server.Get(path, wrapped);
    else
        post(path, wrapped);
}

void SandboxServer::Impl::post(const std::string &path, httplib::Server::Handler handler)
{
    m_postRoutes[path] = handler;
    m_server.Post(path, std::move(handler));
}

bool SandboxServer::Impl::consumeApiFault(const std::string &endpoint, ApiFault &out)
{
    for (auto it = m_faults.api.begin(); it != m_faults.api.end(); ++it) {
        if (it->endpoint != "*" && it->endpoint != endpoint)
            continue;
        // "*" means the posting/OAuth API, never the admin API (which is not routed here).
        out = *it;
        if (--it->remaining <= 0)
            m_faults.api.erase(it);
        return true;
    }
    return false;
}

void SandboxServer::Impl::logRequest(const httplib::Request &req, const httplib::Response &res,
    const LogCtx &ctx, std::int64_t startedMs)
{
    Json e;
    std::lock_guard lock(m_mutex);
    e["seq"] = ++m_seq;
    e["time_ms"] = startedMs;
    e["duration_ms"] = now() - startedMs;
    e["method"] = req.method;
    e["path"] = req.path; // never the query: upload tokens, codes and challenges live there
    e["endpoint"] = ctx.endpoint;
    e["status"] = ctx.dropped ? 0 : res.status;
    e["error_code"] = ctx.errorCode;
    if (ctx.dropped)
        e["dropped"] = true;
    if (!ctx.publishId.empty())
        e["publish_id"] = ctx.publishId;
    if (!ctx.openId.empty())
        e["open_id"] = ctx.openId;
    if (!ctx.tokenTag.empty())
        e["token"] = ctx.tokenTag;
    if (!ctx.contentRange.empty())
        e["content_range"] = ctx.contentRange;
    if (ctx.chunk > 0)
        e["chunk"] = ctx.chunk;
    if (ctx.bytes >= 0)
        e["bytes"] = ctx.bytes;
    if (!ctx.fault.empty())
        e["fault"] = ctx.fault;
    if (m_logFile.is_open()) {
        m_logFile << e.dump() << '\n';
        m_logFile.flush();
    }
    m_log.push_back(std::move(e));
    // A long-running embedded sandbox (the GUI's Sandbox profile) keeps only the recent past
    // in memory; requests.jsonl keeps everything.
    if (m_log.size() > kMaxLogEntries)
        m_log.erase(m_log.begin(), m_log.begin() + static_cast<std::ptrdiff_t>(m_log.size() / 2));
}

void SandboxServer::Impl::dropConnection(const httplib::Request &req)
{
    // httplib does not expose the socket to handlers, so find it by its address pair: on a
    // loopback server (local port, remote port) names exactly one connection of this process.
    DIR *dir = opendir("/proc/self/fd");
    if (!dir)
        return;
    while (dirent *entry = readdir(dir)) {
        char *end = nullptr;
        const long fd = std::strtol(entry->d_name, &end, 10);
        if (*end != '\0' || fd < 0 || fd == dirfd(dir))
            continue;
        sockaddr_storage local {}, peer {};
        socklen_t llen = sizeof local, plen = sizeof peer;
        if (getsockname(static_cast<int>(fd), reinterpret_cast<sockaddr *>(&local), &llen) != 0
            || getpeername(static_cast<int>(fd), reinterpret_cast<sockaddr *>(&peer), &plen) != 0)
            continue;
        if (portOf(local) == req.local_port && portOf(peer) == req.remote_port) {
            // An RST (linger 0) rather than a FIN: the client sees a reset, never a response.
            linger lg { 1, 0 };
            setsockopt(static_cast<int>(fd), SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
            ::shutdown(static_cast<int>(fd), SHUT_RDWR);
            break;
        }
    }
    closedir(dir);
}

void SandboxServer::Impl::sendApiError(httplib::Response &res, LogCtx &ctx, int status,
    const std::string &code, const std::string &message)
{
    ctx.errorCode = code;
    Json body;
    body["data"] = Json::object();
    body["error"] = { { "code", code }, { "message", message },
        { "log_id", Util::makeLogId(m_config.clock()) } };
    res.status = status;
    res.set_content(body.dump(), "application/json; charset=UTF-8");
}

void SandboxServer::Impl::sendApiOk(httplib::Response &res, LogCtx &ctx, const Json &data)
{
    ctx.errorCode = "ok";
    Json body;
    body["data"] = data;
    body["error"] = { { "code", "ok" }, { "message", "" },
        { "log_id", Util::makeLogId(m_config.clock()) } };
    res.status = 200;
    res.set_content(body.dump(), "application/json; charset=UTF-8");
}

void SandboxServer::Impl::sendOAuthError(
    httplib::Response &res, LogCtx &ctx, const std::string &error, const std::string &description)
{
    ctx.errorCode = error;
    Json body = { { "error", error }, { "error_description", description },
        { "log_id", Util::makeLogId(m_config.clock()) } };
    res.status = m_config.oauthErrorHttpStatus;
    res.set_content(body.dump(), "application/json; charset=UTF-8");
}

void SandboxServer::Impl::registerRoutes()
{
    using Req = httplib::Request;
    using Res = httplib::Response;
    route("GET", "/v2/auth/authorize/", "authorize",
        [this](const Req &q, Res &s, LogCtx &c) { handleAuthorize(q, s, c); });
    route("POST", "/v2/oauth/token/", "token",
        [this](const Req &q, Res &s, LogCtx &c) { handleToken(q, s, c); });
    route("POST", "/v2/oauth/revoke/", "revoke",
        [this](const Req &q, Res &s, LogCtx &c) { handleRevoke(q, s, c); });
    route("GET", "/v2/user/info/", "user_info",
        [this](const Req &q, Res &s, LogCtx &c) { handleUserInfo(q, s, c); });
    route("POST", "/v2/post/publish/creator_info/query/", "creator_info",
        [this](const Req &q, Res &s, LogCtx &c) { handleCreatorInfo(q, s, c); });
    route("POST", "/v2/post/publish/video/init/", "video_init",
        [this](const Req &q, Res &s, LogCtx &c) { handleInit(q, s, c, false); });
    route("POST", "/v2/post/publish/inbox/video/init/", "inbox_init",
        [this](const Req &q, Res &s, LogCtx &c) { handleInit(q, s, c, true); });
    route("POST", "/v2/post/publish/status/fetch/", "status",
        [this](const Req &q, Res &s, LogCtx &c) { handleStatus(q, s, c); });
    route("POST", "/v2/post/publish/cancel/", "cancel",
        [this](const Req &q, Res &s, LogCtx &c) { handleCancel(q, s, c); });

    // The upload URL streams its body: a content-reader handler, never a buffered one.
    m_server.Put("/video/", [this](const Req &req, Res &res, const httplib::ContentReader &reader) {
        LogCtx ctx;
        ctx.endpoint = "upload";
        std::int64_t started = 0;
        std::int64_t delayMs = 0;
        {
            std::lock_guard lock(m_mutex);
            started = now();
            delayMs = m_faults.delayMs;
        }
        if (delayMs > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        handleUpload(req, res, reader, ctx);
        logRequest(req, res, ctx, started);
    });

    registerAdminRoutes();

    // A POST without Content-Length or Transfer-Encoding has no body (RFC 9112 §6.3), but
    // httplib would wait for the peer to close. Serve such requests here, before httplib
    // reads, as TikTok's front end would (e.g. creator_info sent with no body at all).
    m_server.set_pre_routing_handler([this](const Req &req, Res &res) {
        // httplib buffers the body of any request it does not stream, even for an unknown
        // path: refuse big bodies before they are read (only the upload URL streams).
        const bool upload = req.method == "PUT" && req.path == "/video/";
        const auto length = Util::parseInt64(req.get_header_value("Content-Length"));
        if (!upload && (req.method == "PUT" || (length && *length > kMaxApiBody))) {
            res.status = req.method == "PUT" ? 404 : 413;
            res.set_header("Connection", "close");
            return httplib::Server::HandlerResponse::Handled;
        }
        if (req.method != "POST" || req.has_header("Content-Length")
            || req.has_header("Transfer-Encoding"))
            return httplib::Server::HandlerResponse::Unhandled;
        const auto it = m_postRoutes.find(req.path);
        if (it == m_postRoutes.end()) {
            res.status = 411;
            return httplib::Server::HandlerResponse::Handled;
        }
        it->second(req, res);
        return httplib::Server::HandlerResponse::Handled;
    });

    m_server.set_error_handler([](const Req &req, Res &res) {
        if (res.status == 404 && res.body.empty()) {
            Json body = { { "data", Json::object() },
                { "error",
                    { { "code", "not_found" }, { "message", "No route for " + req.path },
                        { "log_id", "" } } } };
            res.set_content(body.dump(), "application/json; charset=UTF-8");
        }
    });
}

Json SandboxServer::Impl::summaryLocked() const
{
    const std::int64_t t = now();
    Json publishes = Json::array();
    Json creators = Json::object();
    for (const auto &id : m_publishOrder) {
        const Publish &p = m_publishes.at(id);
        const Json st = statusOf(p, t);
        const std::string status = st.value("status", std::string());
        const bool published = status == "PUBLISH_COMPLETE";
        Json j;
        j["publish_id"] = p.publishId;
        j["kind"] = p.kind;
        j["source"] = p.source;
        j["creator"] = p.creator;
        j["open_id"] = p.openId;
        j["client_key"] = p.clientKey;
        j["created_ms"] = p.createdMs;
        j["status"] = status;
        if (st.contains("fail_reason"))
            j["fail_reason"] = st["fail_reason"];
        j["inits"] = 1;
        j["video_size"] = p.videoSize;
        j["chunk_size"] = p.chunkSize;
        j["total_chunk_count"] = p.totalChunks;
        j["put_requests"] = p.putRequests;
        j["chunks_accepted"] = p.chunksAccepted;
        j["uploaded_bytes"] = p.upload ? p.upload->committed : 0;
        j["uploads_completed"] = p.uploadCompletedMs >= 0 ? 1 : 0;
        j["sha256"] = p.upload ? p.upload->sha256 : std::string();
        j["upload_file"] = p.upload && p.uploadCompletedMs >= 0 ? p.upload->path : std::string();
        j["published"] = published;
        j["post_info"] = p.postInfo;
        j["publicaly_available_post_id"] = st.value("publicaly_available_post_id", Json::array());
        publishes.push_back(j);

        Json &c = creators[p.creator];
        if (c.is_null()) {
            c = { { "inits", 0 }, { "direct_inits", 0 }, { "inbox_inits", 0 },
                { "uploads_completed", 0 }, { "published", 0 }, { "failed", 0 },
                { "rejected_inits", Json::object() } };
        }
        c["inits"] = c["inits"].get<int>() + 1;
        const char *kindKey = p.kind == "inbox" ? "inbox_inits" : "direct_inits";
        c[kindKey] = c[kindKey].get<int>() + 1;
        c["uploads_completed"] = c["uploads_completed"].get<int>() + (p.uploadCompletedMs >= 0);
        c["published"] = c["published"].get<int>() + (published ? 1 : 0);
        c["failed"] = c["failed"].get<int>() + (status == "FAILED" ? 1 : 0);
    }
    for (const auto &[creator, codes] : m_rejectedInits) {
        Json &c = creators[creator];
        if (c.is_null()) {
            c = { { "inits", 0 }, { "direct_inits", 0 }, { "inbox_inits", 0 },
                { "uploads_completed", 0 }, { "published", 0 }, { "failed", 0 } };
        }
        c["rejected_inits"] = codes;
    }
    int inits = 0, completed = 0, published = 0;
    for (const auto &p : publishes) {
        ++inits;
        completed += p["uploads_completed"].get<int>();
        published += p["published"].get<bool>() ? 1 : 0;
    }
    return {
        { "now_ms", t }, { "publishes", publishes }, { "creators", creators },
        { "totals",
            { { "inits", inits }, { "uploads_completed", completed }, { "published", published } } }
    };
}

void SandboxServer::Impl::persistSummary()
{
    if (m_config.stateDir.empty())
        return;
    try {
        writeFileAtomically(fs::path(m_config.stateDir) / "summary.json", summaryLocked().dump(2));
    } catch (const std::exception &) {
        // The in-memory summary stays authoritative; the file is a convenience.
    }
}

// ---------------------------------------------------------------------------------------------

SandboxServer::SandboxServer(SandboxConfig config)
    : m_impl(std::make_unique<Impl>(std::move(config)))
{
    m_impl->m_self = this;
}

SandboxServer::~SandboxServer()
{
    stop();
}

int SandboxServer::start(const std::string &host, int port)
{
    if (!isLoopbackHost(host))
        throw std::invalid_argument("the sandbox binds loopback addresses only, not " + host);
    if (m_impl->m_thread.joinable())
        throw std::logic_error("the sandbox is already running");
    const std::string bindHost = host == "localhost" ? "127.0.0.1" : host;
    int bound = -1;
    const int saved = m_impl->m_savedPort;
    if (port == 0 && m_impl->m_persist && saved > 0
        && (m_impl->m_savedHost.empty() || m_impl->m_savedHost == bindHost)
        && m_impl->m_server.bind_to_port(bindHost, saved)) {
        // The last run's address: upload URLs and anything keyed by the base URL still work.
        bound = saved;
    } else if (port == 0)
        bound = m_impl->m_server.bind_to_any_port(bindHost);
    else if (m_impl->m_server.bind_to_port(bindHost, port))
        bound = port;
    if (bound <= 0)
        throw std::runtime_error("cannot bind " + bindHost + ":" + std::to_string(port));
    m_impl->m_host = bindHost;
    m_impl->m_port = bound;
    m_impl->m_listenEnded = false;
    m_impl->m_thread = std::thread([this] {
        m_impl->m_server.listen_after_bind();
        m_impl->m_listenEnded = true;
    });
    // httplib's stop() is a no-op until the accept loop runs; a stop() right after start()
    // would then leave the listener blocked in accept() forever. Wait for it.
    while (!m_impl->m_server.is_running() && !m_impl->m_listenEnded)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (m_impl->m_listenEnded) {
        m_impl->m_thread.join();
        throw std::runtime_error("the sandbox could not listen on " + bindHost);
    }
    // The port file appears only once the socket listens: waiting for it is enough.
    if (!m_impl->m_config.stateDir.empty())
        writeFileAtomically(
            fs::path(m_impl->m_config.stateDir) / "port", std::to_string(bound) + "\n");
    if (m_impl->m_persist) {
        if (saved > 0 && bound != saved && port == 0)
            m_impl->say("port " + std::to_string(saved) + " of the last run is taken; listening on "
                + std::to_string(bound) + " (upload URLs handed out before are dead)");
        std::lock_guard lock(m_impl->m_mutex);
        m_impl->saveStateLocked(); // remembers the port
    }
    return bound;
}

void SandboxServer::stop()
{
    if (!m_impl->m_thread.joinable())
        return;
    m_impl->m_server.stop();
    m_impl->m_thread.join();
    std::lock_guard lock(m_impl->m_mutex);
    m_impl->persistSummary();
    m_impl->saveStateLocked();
}

bool SandboxServer::isRunning() const
{
    return m_impl->m_thread.joinable() && m_impl->m_server.is_running();
}

int SandboxServer::port() const
{
    return m_impl->m_port;
}

std::string SandboxServer::baseUrl() const
{
    return m_impl->selfUrl();
}

bool SandboxServer::isPersistent() const
{
    return m_impl->m_persist;
}

int SandboxServer::savedPort() const
{
    return m_impl->m_savedPort;
}

nlohmann::json SandboxServer::requestLog() const
{
    std::lock_guard lock(m_impl->m_mutex);
    return Json(m_impl->m_log);
}

nlohmann::json SandboxServer::publishSummary() const
{
    std::lock_guard lock(m_impl->m_mutex);
    return m_impl->summaryLocked();
}

void SandboxServer::setFaults(const nlohmann::json &doc)
{
    if (!doc.is_object())
        throw std::invalid_argument("faults must be a JSON object");
    static const std::set<std::string> kKeys = { "chunk_5xx", "chunk_drop",
        "chunk_drop_after_commit", "status_429_next", "api_faults", "fail_reason", "never_complete",
        "token_ttl_sec", "delay_ms", "processing_ms", "moderation_ms" };
    static const std::set<std::string> kFailReasons = { "", "file_format_check_failed",
        "duration_check_failed", "frame_rate_check_failed", "picture_size_check_failed", "internal",
        "video_pull_failed", "publish_cancelled", "auth_removed", "spam_risk_too_many_posts",
        "spam_risk_user_banned_from_posting", "spam_risk_text", "spam_risk" };
    Faults f;
    {
        std::lock_guard lock(m_impl->m_mutex);
        f = m_impl->m_faults;
    }
    try {
        for (const auto &item : doc.items()) {
            const std::string &k = item.key();
            const Json &v = item.value();
            if (!kKeys.count(k))
                throw std::invalid_argument("unknown fault \"" + k + "\"");
            if (k == "chunk_5xx" || k == "chunk_drop" || k == "chunk_drop_after_commit") {
                auto &list = k == "chunk_5xx" ? f.chunk5xx
                    : k == "chunk_drop"       ? f.chunkDrop
                                              : f.chunkDropAfterCommit;
                list.clear();
                for (const auto &e : v)
                    list.push_back(parseChunkFault(e, k == "chunk_5xx" ? 503 : 0));
            } else if (k == "status_429_next") {
                const int n = v.get<int>();
                if (n > 0)
                    f.api.push_back({ "*", "429", 429, n });
            } else if (k == "api_faults") {
                for (const auto &e : v) {
                    ApiFault a;
                    a.endpoint = e.value("endpoint", std::string("*"));
                    a.kind = e.value("kind", std::string("5xx"));
                    a.status = e.value("status", a.kind == "429" ? 429 : 500);
                    a.remaining = e.value("count", 1);
                    if (!kEndpoints.count(a.endpoint) || a.endpoint == "upload")
                        throw std::invalid_argument("unknown endpoint " + a.endpoint
                            + " (upload faults are chunk_5xx/chunk_drop)");
                    if (a.kind != "429" && a.kind != "5xx" && a.kind != "drop")
                        throw std::invalid_argument("api fault kind is 429, 5xx or drop");
                    if (a.kind == "5xx" && (a.status < 500 || a.status > 599))
                        throw std::invalid_argument("a 5xx fault needs a 5xx status");
                    if (a.remaining < 1)
                        throw std::invalid_argument("api fault count must be >= 1");
                    f.api.push_back(a);
                }
            } else if (k == "fail_reason") {
                f.failReason = v.is_null() ? std::string() : v.get<std::string>();
                if (!kFailReasons.count(f.failReason))
                    throw std::invalid_argument("unknown fail_reason " + f.failReason);
            } else if (k == "never_complete") {
                f.neverComplete = v.get<bool>();
            } else if (k == "token_ttl_sec") {
                f.tokenTtlSec = v.is_null() ? -1 : v.get<std::int64_t>();
            } else if (k == "delay_ms") {
                f.delayMs = v.get<std::int64_t>();
            } else if (k == "processing_ms") {
                f.processingMs = v.is_null() ? -1 : v.get<std::int64_t>();
            } else if (k == "moderation_ms") {
                f.moderationMs = v.is_null() ? -1 : v.get<std::int64_t>();
            }
        }
    } catch (const Json::exception &e) {
        throw std::invalid_argument(std::string("bad fault value: ") + e.what());
    }
    std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_faults = f;
    m_impl->m_faultsDoc.update(doc);
}

nlohmann::json SandboxServer::faults() const
{
    std::lock_guard lock(m_impl->m_mutex);
    Json j = m_impl->m_faultsDoc;
    Json pending = Json::array();
    for (const auto &a : m_impl->m_faults.api) {
        pending.push_back({ { "endpoint", a.endpoint }, { "kind", a.kind }, { "status", a.status },
            { "count", a.remaining } });
    }
    j["pending_api_faults"] = pending;
    return j;
}

void SandboxServer::clearFaults()
{
    std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_faults = Faults();
    m_impl->m_faultsDoc = Json::object();
}

void SandboxServer::advanceClock(std::chrono::milliseconds by)
{
    std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_offsetMs += by.count();
    m_impl->saveStateLocked();
}

void SandboxServer::reset()
{
    std::lock_guard lock(m_impl->m_mutex);
    Impl &d = *m_impl;
    d.m_offsetMs = 0;
    d.m_faults = Faults();
    d.m_faultsDoc = Json::object();
    d.m_grants.clear();
    d.m_codes.clear();
    d.m_access.clear();
    d.m_refresh.clear();
    for (auto &[id, p] : d.m_publishes) {
        if (p.upload) {
            std::error_code ec;
            fs::remove(p.upload->path, ec);
        }
    }
    d.m_publishes.clear();
    d.m_uploadIds.clear();
    d.m_publishOrder.clear();
    d.m_rateWindows.clear();
    d.m_rejectedInits.clear();
    d.m_log.clear();
    d.saveStateLocked();
}

nlohmann::json SandboxServer::issueTokens(
    const std::string &creator, const std::string &scopes, const std::string &clientKey)
{
    std::lock_guard lock(m_impl->m_mutex);
    Impl &d = *m_impl;
    const SandboxCreator *c = d.findCreator(creator);
    if (!c)
        throw std::invalid_argument("no such creator: " + creator);
    const std::string key = clientKey.empty() ? d.m_config.clients.front().clientKey : clientKey;
    if (!d.findClient(key))
        throw std::invalid_argument("no such client_key: " + key);
    Grant g;
    g.clientKey = key;
    g.creator = c->username;
    g.openId = d.openIdOf(*c);
    g.scopes = Util::split(scopes, ',');
    g.refreshExpiresMs = d.now() + d.m_config.refreshTokenTtlSec * 1000;
    d.m_grants.push_back(g);
    Json answer = d.issueLocked(static_cast<int>(d.m_grants.size()) - 1);
    d.saveStateLocked();
    return answer;
}

} // namespace Cuepoint::Sandbox
