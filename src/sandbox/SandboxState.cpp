// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Persistence of the sandbox between runs (docs/SANDBOX.md, "Persistence"): what must outlive
// the process goes to stateDir/state.json, written atomically with mode 0600 (it holds tokens)
// on every change that matters, and is loaded at start. A file that cannot be used is set
// aside as state.json.broken-<time> and the sandbox starts fresh; it never crashes on one.
#include "SandboxImpl.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace Cuepoint::Sandbox {

namespace fs = std::filesystem;

namespace {

constexpr int kStateFormat = 1;
constexpr const char *kStateKind = "cuepoint-sandbox-state";

/// temp file (0600) + write + fsync + rename; false with errno kept on failure.
bool writePrivateFileAtomically(const std::string &path, const std::string &text)
{
    const std::string tmp = path + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    bool ok = ::fchmod(fd, 0600) == 0;
    const char *p = text.data();
    std::size_t left = text.size();
    while (ok && left > 0) {
        const ssize_t w = ::write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            ok = false;
            break;
        }
        p += w;
        left -= static_cast<std::size_t>(w);
    }
    ok = ok && ::fsync(fd) == 0;
    const int savedErrno = errno;
    ::close(fd);
    if (ok && ::rename(tmp.c_str(), path.c_str()) == 0)
        return true;
    ::unlink(tmp.c_str());
    errno = savedErrno;
    return false;
}

std::string utcStamp()
{
    const std::time_t t = std::time(nullptr);
    std::tm tm {};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
    return buf;
}

Json publishToJson(const Publish &p)
{
    Json j = { { "publish_id", p.publishId }, { "kind", p.kind }, { "source", p.source },
        { "client_key", p.clientKey }, { "creator", p.creator }, { "open_id", p.openId },
        { "grant", p.grant }, { "created_ms", p.createdMs }, { "upload_id", p.uploadId },
        { "upload_token", p.uploadToken }, { "upload_url_expires_ms", p.uploadUrlExpiresMs },
        { "video_size", p.videoSize }, { "chunk_size", p.chunkSize },
        { "total_chunk_count", p.totalChunks }, { "video_url", p.videoUrl },
        { "post_info", p.postInfo }, { "privacy", p.privacy },
        { "upload_completed_ms", p.uploadCompletedMs }, { "failed_ms", p.failedMs },
        { "fail_reason", p.failReason }, { "injected_fail_reason", p.injectedFailReason },
        { "never_complete", p.neverComplete }, { "processing_ms", p.processingMs },
        { "moderation_ms", p.moderationMs }, { "inbox_posts_after_ms", p.inboxPostsAfterMs },
        { "inbox_posted_ms", p.inboxPostedMs }, { "post_id", p.postId },
        { "put_requests", p.putRequests }, { "chunks_accepted", p.chunksAccepted } };
    if (p.upload) {
        // The bytes stay in uploads/<upload_id>.upload; only their progress and hash go here.
        j["upload"] = { { "committed", p.upload->committed }, { "sha256", p.upload->sha256 } };
    }
    return j;
}

template<typename T> T req(const Json &j, const char *key)
{
    return j.at(key).get<T>();
}

/// Hashes the first @p bytes of @p path into a fresh SHA-256 context; null when the file has
/// fewer bytes or cannot be read.
EVP_MD_CTX *rehash(const std::string &path, std::int64_t bytes)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) != 1) {
        EVP_MD_CTX_free(ctx);
        return nullptr;
    }
    if (bytes == 0)
        return ctx;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        EVP_MD_CTX_free(ctx);
        return nullptr;
    }
    std::string buf(1 << 20, '\0');
    std::int64_t left = bytes;
    while (left > 0) {
        const ssize_t r =
            ::read(fd, buf.data(), static_cast<std::size_t>(std::min<std::int64_t>(left, 1 << 20)));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        EVP_DigestUpdate(ctx, buf.data(), static_cast<std::size_t>(r));
        left -= r;
    }
    ::close(fd);
    if (left != 0) {
        EVP_MD_CTX_free(ctx);
        return nullptr;
    }
    return ctx;
}

} // namespace

void SandboxServer::Impl::say(const std::string &line) const
{
    if (m_config.logger)
        m_config.logger(line);
    else
        std::cerr << "cuepoint-sandbox: " << line << std::endl;
}

void SandboxServer::Impl::openState()
{
    const fs::path dir(m_config.stateDir);
    m_statePath = (dir / "state.json").string();
    // One persisting server per folder: two would overwrite each other's state. flock() is
    // released by the kernel when the process dies, so there is no stale lock to clean up.
    const std::string lockPath = (dir / "state.lock").string();
    m_stateLockFd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_stateLockFd < 0)
        throw std::runtime_error("cannot open " + lockPath + ": " + std::strerror(errno));
    if (::flock(m_stateLockFd, LOCK_EX | LOCK_NB) != 0) {
        ::close(m_stateLockFd);
        m_stateLockFd = -1;
        throw std::runtime_error("the sandbox state in " + dir.string()
            + " is in use by another sandbox (state.lock is held)");
    }
    m_persist = true;
    loadStateFile();
    pruneUploads();
}

void SandboxServer::Impl::pruneUploads()
{
    // The embedded sandbox lives in the profile for months: the copies of videos it received
    // must not pile up. Kept: the bytes of uploads still going on and of those completed in
    // the last week (the summary's upload_file); their hashes stay in the state for good.
    constexpr std::int64_t kKeepMs = 7LL * 24 * 3600 * 1000;
    std::set<std::string> keep;
    const std::int64_t t = now();
    for (const auto &[id, p] : m_publishes) {
        if (p.upload && (p.uploadCompletedMs < 0 || t - p.uploadCompletedMs < kKeepMs))
            keep.insert(fs::path(p.upload->path).filename().string());
    }
    std::error_code ec;
    for (const auto &e : fs::directory_iterator(m_uploadDir, ec)) {
        const std::string name = e.path().filename().string();
        if (e.path().extension() == ".upload" && !keep.count(name)) {
            std::error_code ignored;
            fs::remove(e.path(), ignored);
        }
    }
}

void SandboxServer::Impl::loadStateFile()
{
    std::error_code ec;
    if (!fs::exists(m_statePath, ec))
        return;
    std::ifstream in(m_statePath, std::ios::binary);
    if (!in) {
        setStateAside(std::string("it cannot be read (") + std::strerror(errno) + ")");
        return;
    }
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Never let the parser's message through: it quotes the text, which holds tokens.
    const Json doc = Json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        setStateAside("it is not valid JSON");
        return;
    }
    const auto format = doc.find("format");
    const auto kind = doc.find("kind");
    if (kind == doc.end() || !kind->is_string() || kind->get<std::string>() != kStateKind
        || format == doc.end() || !format->is_number_integer()) {
        setStateAside("it is not a sandbox state file");
        return;
    }
    if (format->get<std::int64_t>() > kStateFormat) {
        setStateAside("it was written by a newer Cuepoint (format "
            + std::to_string(format->get<std::int64_t>()) + ", this one reads "
            + std::to_string(kStateFormat) + ")");
        return;
    }
    try {
        loadStateDocument(doc);
    } catch (const std::exception &) {
        setStateAside("its content is inconsistent or incomplete");
    }
}

void SandboxServer::Impl::setStateAside(const std::string &reason)
{
    std::string target = m_statePath + ".broken-" + utcStamp();
    std::error_code ec;
    for (int i = 1; fs::exists(target, ec) && i < 100; ++i)
        target = m_statePath + ".broken-" + utcStamp() + "-" + std::to_string(i);
    fs::rename(m_statePath, target, ec);
    if (ec) {
        say("the saved state " + m_statePath + " cannot be used (" + reason + ") nor moved aside ("
            + ec.message() + "); starting with a fresh sandbox state, the file will be replaced");
        return;
    }
    say("the saved state " + m_statePath + " cannot be used (" + reason + "); moved it to " + target
        + " and started with a fresh sandbox state (earlier tokens and publishes are gone)");
}

void SandboxServer::Impl::loadStateDocument(const Json &doc)
{
    // Everything is read into locals first: a throw leaves the server untouched.
    std::vector<Grant> grants;
    const Json grantsDoc = doc.value("grants", Json::array());
    for (const Json &g : grantsDoc) {
        Grant x;
        x.clientKey = req<std::string>(g, "client_key");
        x.creator = req<std::string>(g, "creator");
        x.openId = req<std::string>(g, "open_id");
        x.scopes = req<std::vector<std::string>>(g, "scopes");
        x.refreshExpiresMs = req<std::int64_t>(g, "refresh_expires_ms");
        x.revoked = req<bool>(g, "revoked");
        grants.push_back(std::move(x));
    }
    const auto grantIndex = [&grants](const Json &j) {
        const int i = req<int>(j, "grant");
        if (i < 0 || static_cast<std::size_t>(i) >= grants.size())
            throw std::runtime_error("grant out of range");
        return i;
    };
    auto readTokens = [&](const char *key) {
        std::map<std::string, TokenInfo> out;
        const Json list = doc.value(key, Json::array());
        for (const Json &t : list) {
            TokenInfo info;
            info.grant = grantIndex(t);
            info.expiresMs = req<std::int64_t>(t, "expires_ms");
            info.valid = req<bool>(t, "valid");
            const std::string token = req<std::string>(t, "token");
            if (token.empty())
                throw std::runtime_error("empty token");
            out[token] = info;
        }
        return out;
    };
    auto access = readTokens("access_tokens");
    auto refresh = readTokens("refresh_tokens");

    std::map<std::string, Publish> publishes;
    std::map<std::string, std::string> uploadIds;
    std::vector<std::string> order;
    const Json publishesDoc = doc.value("publishes", Json::array());
    for (const Json &j : publishesDoc) {
        Publish p;
        p.publishId = req<std::string>(j, "publish_id");
        p.kind = req<std::string>(j, "kind");
        p.source = req<std::string>(j, "source");
        p.clientKey = req<std::string>(j, "client_key");
        p.creator = req<std::string>(j, "creator");
        p.openId = req<std::string>(j, "open_id");
        p.grant = req<int>(j, "grant");
        if (p.grant >= static_cast<int>(grants.size()) || p.grant < -1)
            throw std::runtime_error("grant out of range");
        p.createdMs = req<std::int64_t>(j, "created_ms");
        p.uploadId = req<std::string>(j, "upload_id");
        p.uploadToken = req<std::string>(j, "upload_token");
        p.uploadUrlExpiresMs = req<std::int64_t>(j, "upload_url_expires_ms");
        p.videoSize = req<std::int64_t>(j, "video_size");
        p.chunkSize = req<std::int64_t>(j, "chunk_size");
        p.totalChunks = req<std::int64_t>(j, "total_chunk_count");
        p.videoUrl = req<std::string>(j, "video_url");
        p.postInfo = j.at("post_info");
        p.privacy = req<std::string>(j, "privacy");
        p.uploadCompletedMs = req<std::int64_t>(j, "upload_completed_ms");
        p.failedMs = req<std::int64_t>(j, "failed_ms");
        p.failReason = req<std::string>(j, "fail_reason");
        p.injectedFailReason = req<std::string>(j, "injected_fail_reason");
        p.neverComplete = req<bool>(j, "never_complete");
        p.processingMs = req<std::int64_t>(j, "processing_ms");
        p.moderationMs = req<std::int64_t>(j, "moderation_ms");
        p.inboxPostsAfterMs = req<std::int64_t>(j, "inbox_posts_after_ms");
        p.inboxPostedMs = req<std::int64_t>(j, "inbox_posted_ms");
        p.postId = req<std::int64_t>(j, "post_id");
        p.putRequests = req<int>(j, "put_requests");
        p.chunksAccepted = req<int>(j, "chunks_accepted");
        if (p.publishId.empty() || publishes.count(p.publishId))
            throw std::runtime_error("duplicate publish");
        if (p.source == "FILE_UPLOAD") {
            if (p.uploadId.empty() || p.chunkSize <= 0 || p.videoSize <= 0
                || p.uploadId.find('/') != std::string::npos)
                throw std::runtime_error("bad upload");
            const Json &u = j.at("upload");
            auto up = std::make_shared<Upload>();
            up->path = m_uploadDir + "/" + p.uploadId + ".upload";
            up->committed = req<std::int64_t>(u, "committed");
            up->sha256 = req<std::string>(u, "sha256");
            if (up->committed < 0 || up->committed > p.videoSize)
                throw std::runtime_error("bad upload progress");
            if (p.uploadCompletedMs < 0 && p.failedMs < 0) {
                // An upload still going on: continue the hash from the bytes on disk (read once
                // here, never on the upload path). Bytes lost with the file restart the upload
                // at the last whole chunk still there; a 416 tells the client where.
                up->hash = rehash(up->path, up->committed);
                if (!up->hash) {
                    std::error_code ec;
                    const auto size = fs::file_size(up->path, ec);
                    const std::int64_t have = ec ? 0 : static_cast<std::int64_t>(size);
                    up->committed = std::min(up->committed, have / p.chunkSize * p.chunkSize);
                    up->hash = rehash(up->path, up->committed);
                    if (!up->hash)
                        throw std::runtime_error("cannot hash the upload");
                }
            }
            p.upload = std::move(up);
            uploadIds[p.uploadId] = p.publishId;
        }
        order.push_back(p.publishId);
        publishes.emplace(p.publishId, std::move(p));
    }

    std::map<std::string, std::map<std::string, int>> rejected;
    const Json rejectedDoc = doc.value("rejected_inits", Json::object());
    for (const auto &[creator, codes] : rejectedDoc.items())
        rejected[creator] = codes.get<std::map<std::string, int>>();

    std::map<std::string, Json> overrides;
    std::vector<SandboxCreator> creators = m_config.creators;
    const Json overridesDoc = doc.value("creator_overrides", Json::object());
    for (const auto &[username, o] : overridesDoc.items()) {
        if (!o.is_object())
            throw std::runtime_error("bad creator override");
        overrides[username] = o;
        for (auto &c : creators) {
            if (c.username != username)
                continue;
            applyCreatorChanges(c, o);
        }
    }
    const std::int64_t offset = doc.value("clock_offset_ms", static_cast<std::int64_t>(0));
    const int port = doc.value("port", 0);
    const std::string host = doc.value("host", std::string());

    // Nothing threw: take it all.
    m_grants = std::move(grants);
    m_access = std::move(access);
    m_refresh = std::move(refresh);
    m_publishes = std::move(publishes);
    m_uploadIds = std::move(uploadIds);
    m_publishOrder = std::move(order);
    m_rejectedInits = std::move(rejected);
    m_creatorOverrides = std::move(overrides);
    m_config.creators = std::move(creators);
    m_offsetMs = offset;
    m_savedPort = port > 0 && port < 65536 ? port : 0;
    m_savedHost = host;
}

Json SandboxServer::Impl::stateLocked() const
{
    Json grants = Json::array();
    for (const Grant &g : m_grants) {
        grants.push_back({ { "client_key", g.clientKey }, { "creator", g.creator },
            { "open_id", g.openId }, { "scopes", g.scopes },
            { "refresh_expires_ms", g.refreshExpiresMs }, { "revoked", g.revoked } });
    }
    const std::int64_t t = now();
    auto tokens = [t](const std::map<std::string, TokenInfo> &map) {
        // A token that is invalid or expired can never work again, and an unknown token gets
        // the same answer: only live ones are kept.
        Json out = Json::array();
        for (const auto &[token, info] : map) {
            if (!info.valid || info.expiresMs <= t)
                continue;
            out.push_back({ { "token", token }, { "grant", info.grant },
                { "expires_ms", info.expiresMs }, { "valid", info.valid } });
        }
        return out;
    };
    Json publishes = Json::array();
    for (const auto &id : m_publishOrder)
        publishes.push_back(publishToJson(m_publishes.at(id)));
    Json overrides = Json::object();
    for (const auto &[username, o] : m_creatorOverrides)
        overrides[username] = o;
    return { { "kind", kStateKind }, { "format", kStateFormat }, { "saved_ms", t },
        { "host", m_port > 0 ? m_host : m_savedHost },
        { "port", m_port > 0 ? m_port.load() : m_savedPort }, { "clock_offset_ms", m_offsetMs },
        { "grants", grants }, { "access_tokens", tokens(m_access) },
        { "refresh_tokens", tokens(m_refresh) }, { "publishes", publishes },
        { "rejected_inits", m_rejectedInits }, { "creator_overrides", overrides } };
}

void SandboxServer::Impl::saveStateLocked()
{
    if (!m_persist)
        return;
    if (writePrivateFileAtomically(m_statePath, stateLocked().dump())) {
        if (m_saveFailed)
            say("the sandbox state is saved again to " + m_statePath);
        m_saveFailed = false;
        return;
    }
    if (!m_saveFailed) {
        say("cannot save the sandbox state to " + m_statePath + ": " + std::strerror(errno)
            + " (the sandbox goes on in memory)");
    }
    m_saveFailed = true;
}

nlohmann::json probeSandbox(const std::string &host, int port, int timeoutMs)
{
    if (port <= 0 || port > 65535)
        return nullptr;
    httplib::Client c(host, port);
    const auto sec = timeoutMs / 1000;
    const auto usec = (timeoutMs % 1000) * 1000;
    c.set_connection_timeout(sec, usec);
    c.set_read_timeout(sec, usec);
    c.set_write_timeout(sec, usec);
    const auto r = c.Get("/_sandbox/health");
    if (!r || r->status != 200)
        return nullptr;
    Json j = Json::parse(r->body, nullptr, false);
    if (!j.is_object() || j.value("service", std::string()) != "cuepoint-sandbox")
        return nullptr;
    return j;
}

} // namespace Cuepoint::Sandbox
