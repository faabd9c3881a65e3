// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// PUT upload_url: sequential Content-Range chunks streamed to disk and hashed as they arrive,
// with bounded memory (tiktok-api.md §3.5, §9).
#include "SandboxImpl.h"

#include <algorithm>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Cuepoint::Sandbox {

namespace {
constexpr std::int64_t kMaxDrainBytes = 200'000'000;
constexpr std::size_t kWriteBuffer = 1 << 20;

struct Range
{
    std::int64_t first = 0;
    std::int64_t last = 0;
    std::int64_t total = 0;
};

std::optional<Range> parseContentRange(const std::string &s)
{
    // Exactly "bytes FIRST-LAST/TOTAL".
    const std::string prefix = "bytes ";
    if (s.compare(0, prefix.size(), prefix) != 0)
        return std::nullopt;
    const std::string rest = s.substr(prefix.size());
    const auto dash = rest.find('-');
    const auto slash = rest.find('/');
    if (dash == std::string::npos || slash == std::string::npos || slash < dash)
        return std::nullopt;
    const auto first = Util::parseInt64(rest.substr(0, dash));
    const auto last = Util::parseInt64(rest.substr(dash + 1, slash - dash - 1));
    const auto total = Util::parseInt64(rest.substr(slash + 1));
    if (!first || !last || !total || *last < *first || *last >= *total)
        return std::nullopt;
    return Range { *first, *last, *total };
}

void plain(httplib::Response &res, LogCtx &ctx, int status, const std::string &code,
    const std::string &message)
{
    // The upload host's error body format is UNCONFIRMED; a small JSON error object.
    ctx.errorCode = code;
    res.status = status;
    nlohmann::json body = { { "error", { { "code", code }, { "message", message } } } };
    res.set_content(body.dump(), "application/json; charset=UTF-8");
}

std::string progressRange(std::int64_t committed, std::int64_t total)
{
    if (committed <= 0)
        return "bytes */" + std::to_string(total);
    return "bytes 0-" + std::to_string(committed - 1) + "/" + std::to_string(total);
}

bool writeAll(int fd, const char *p, std::size_t n, std::int64_t offset)
{
    while (n > 0) {
        const ssize_t w = ::pwrite(fd, p, n, offset);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= static_cast<std::size_t>(w);
        offset += w;
    }
    return true;
}
} // namespace

void SandboxServer::Impl::handleUpload(const httplib::Request &req, httplib::Response &res,
    const httplib::ContentReader &reader, LogCtx &ctx)
{
    const std::int64_t contentLength = req.has_header("Content-Length")
        ? Util::parseInt64(req.get_header_value("Content-Length")).value_or(-1)
        : -1;
    // Errors answered before reading must not leave a body in the pipe: drain it when it is
    // reasonably small (so the client reads the answer), otherwise close after answering.
    auto refuse = [&](int status, const std::string &code, const std::string &message) {
        if (contentLength >= 0 && contentLength <= kMaxDrainBytes)
            reader([](const char *, std::size_t) { return true; });
        else
            res.set_header("Connection", "close");
        plain(res, ctx, status, code, message);
    };

    std::shared_ptr<Upload> up;
    std::int64_t videoSize = 0, chunkSize = 0, totalChunks = 0;
    {
        std::lock_guard lock(m_mutex);
        const auto idIt = m_uploadIds.find(req.get_param_value("upload_id"));
        Publish *p = idIt == m_uploadIds.end() ? nullptr : &m_publishes.at(idIt->second);
        if (p)
            ctx.publishId = p->publishId;
        if (!p || p->uploadToken != req.get_param_value("upload_token"))
            return refuse(404, "not_found", "No valid upload task for this URL.");
        ctx.openId = p->openId;
        ++p->putRequests;
        if (p->uploadCompletedMs >= 0 || p->failedMs >= 0)
            return refuse(404, "not_found", "No valid upload task for this URL.");
        if (now() >= p->uploadUrlExpiresMs)
            return refuse(403, "upload_url_expired", "The upload_url has expired.");
        up = p->upload;
        videoSize = p->videoSize;
        chunkSize = p->chunkSize;
        totalChunks = p->totalChunks;
    }

    static const std::set<std::string> kTypes = { "video/mp4", "video/quicktime", "video/webm" };
    ctx.contentRange = req.get_header_value("Content-Range");
    if (!kTypes.count(Util::toLower(req.get_header_value("Content-Type"))))
        return refuse(400, "invalid_header",
            "Content-Type must be video/mp4, video/quicktime or video/webm.");
    if (req.has_header("Transfer-Encoding") || contentLength < 0)
        return refuse(400, "invalid_header", "Content-Length is required.");
    const auto range = parseContentRange(ctx.contentRange);
    if (!range)
        return refuse(400, "invalid_header", "Content-Range must be bytes FIRST-LAST/TOTAL.");
    if (range->total != videoSize)
        return refuse(400, "invalid_header", "Content-Range total does not match video_size.");

    // One PUT per upload at a time: a retry waits until a dying request lets go.
    std::unique_lock uploadLock(up->mutex);
    std::int64_t committed = 0;
    ChunkFault fault5xx;
    bool is5xx = false, dropMid = false, dropAfter = false;
    const int chunk =
        static_cast<int>(std::min<std::int64_t>(range->first / chunkSize + 1, totalChunks));
    ctx.chunk = chunk;
    {
        std::lock_guard lock(m_mutex);
        committed = up->committed;
        if (range->first == committed) {
            // Each listed chunk fails `times` times per upload, then goes through.
            auto take = [&](std::vector<ChunkFault> &list, int kind, ChunkFault *out) {
                for (const auto &f : list) {
                    if (f.chunk != chunk)
                        continue;
                    int &hits = up->faultHits[chunk * 4 + kind];
                    if (hits >= f.times)
                        return false;
                    ++hits;
                    if (out)
                        *out = f;
                    return true;
                }
                return false;
            };
            is5xx = take(m_faults.chunk5xx, 0, &fault5xx);
            dropMid = !is5xx && take(m_faults.chunkDrop, 1, nullptr);
            dropAfter = !is5xx && !dropMid && take(m_faults.chunkDropAfterCommit, 2, nullptr);
        }
    }
    if (range->first != committed) {
        res.set_header("Content-Range", progressRange(committed, videoSize));
        return refuse(
            416, "range_not_satisfiable", "Content-Range does not match the upload progress.");
    }
    const std::int64_t expectedLast =
        chunk < totalChunks ? range->first + chunkSize - 1 : videoSize - 1;
    if (range->last != expectedLast)
        return refuse(400, "invalid_header", "Content-Range does not match the declared chunks.");
    const std::int64_t length = range->last - range->first + 1;
    if (contentLength != length)
        return refuse(400, "invalid_header", "Content-Length does not match Content-Range.");

    if (up->fd < 0)
        up->fd = ::open(up->path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (!up->hash) {
        // An upload continued after a restart already has the hash of its committed bytes.
        up->hash = EVP_MD_CTX_new();
        if (up->hash && EVP_DigestInit_ex(up->hash, EVP_sha256(), nullptr) != 1) {
            EVP_MD_CTX_free(up->hash);
            up->hash = nullptr;
        }
    }
    if (up->fd < 0 || !up->hash)
        return refuse(500, "internal_error", "The sandbox cannot store the upload.");
    // Hash into a copy: a chunk that fails half-way must leave the committed hash untouched.
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> hash(
        EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!hash || EVP_MD_CTX_copy_ex(hash.get(), up->hash) != 1)
        return refuse(500, "internal_error", "The sandbox cannot hash the upload.");
    std::string buffer;
    buffer.reserve(kWriteBuffer);
    std::int64_t received = 0;
    std::int64_t offset = range->first;
    bool ioOk = true;
    const std::int64_t dropAt = length / 2;
    auto flush = [&] {
        if (!buffer.empty() && ioOk)
            ioOk = writeAll(up->fd, buffer.data(), buffer.size(), offset);
        offset += static_cast<std::int64_t>(buffer.size());
        buffer.clear();
    };
    const bool readOk = reader([&](const char *data, std::size_t n) {
        if (dropMid && received + static_cast<std::int64_t>(n) > dropAt)
            return false;
        received += static_cast<std::int64_t>(n);
        if (received > length)
            return false;
        if (is5xx)
            return true; // the gateway fails this chunk: read it and throw it away
        EVP_DigestUpdate(hash.get(), data, n);
        buffer.append(data, n);
        if (buffer.size() >= kWriteBuffer)
            flush();
        return ioOk;
    });
    flush();
    ctx.bytes = received;
    if (dropMid) {
        ctx.fault = "chunk_drop";
        ctx.dropped = true;
        dropConnection(req);
        return;
    }
    if (!readOk || received != length)
        return plain(res, ctx, 400, "invalid_body", "The body does not match Content-Length.");
    if (!ioOk)
        return plain(res, ctx, 500, "internal_error", "The sandbox cannot store the upload.");
    if (is5xx) {
        ctx.fault = "chunk_5xx";
        return plain(res, ctx, fault5xx.status, "internal_error", "Injected gateway error.");
    }

    std::int64_t nowCommitted = 0;
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_publishes.find(ctx.publishId);
        if (it == m_publishes.end() || it->second.upload != up)
            return plain(res, ctx, 404, "not_found", "The upload task is gone (sandbox reset).");
        EVP_MD_CTX_free(up->hash);
        up->hash = hash.release();
        up->committed += length;
        nowCommitted = up->committed;
        Publish &p = it->second;
        ++p.chunksAccepted;
        if (nowCommitted == videoSize) {
            unsigned char md[EVP_MAX_MD_SIZE];
            unsigned int mdLen = 0;
            EVP_DigestFinal_ex(up->hash, md, &mdLen);
            static constexpr char kHex[] = "0123456789abcdef";
            for (unsigned int i = 0; i < mdLen; ++i) {
                up->sha256.push_back(kHex[md[i] >> 4]);
                up->sha256.push_back(kHex[md[i] & 0xF]);
            }
            if (::ftruncate(up->fd, videoSize) != 0)
                ioOk = false;
            ::close(up->fd);
            up->fd = -1;
            // Faults that shape processing are read when processing starts.
            p.uploadCompletedMs = now();
            p.injectedFailReason = m_faults.failReason;
            p.neverComplete = m_faults.neverComplete;
            if (m_faults.processingMs >= 0)
                p.processingMs = m_faults.processingMs;
            if (m_faults.moderationMs >= 0)
                p.moderationMs = m_faults.moderationMs;
            persistSummary();
        }
        // Progress per chunk (metadata only: the bytes are already in the upload file).
        saveStateLocked();
    }
    if (dropAfter) {
        ctx.fault = "chunk_drop_after_commit";
        ctx.dropped = true;
        dropConnection(req);
        return;
    }
    res.set_header("Content-Range", progressRange(nowCommitted, videoSize));
    ctx.errorCode = "ok";
    res.status = nowCommitted == videoSize ? 201 : 206;
}

} // namespace Cuepoint::Sandbox
