// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SandboxServer.h"
#include "SandboxUtil.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <map>
#include <memory>
#include <string>

namespace Cuepoint::Sandbox::Test {

using Json = nlohmann::json;

inline constexpr const char *kVerifier =
    "Abc-._~0123456789abcdefghijklmnopqrstuvwxyzABCDEFG"; // 50 chars, the PKCE alphabet
inline constexpr const char *kRedirect = "http://127.0.0.1:53682/callback/";
inline constexpr const char *kJson = "application/json; charset=UTF-8";

/// An in-process sandbox on a free loopback port with a fixed, test-driven clock.
class SandboxTest : public ::testing::Test
{
protected:
    void SetUp() override { startWith(SandboxConfig::defaults()); }

    void startWith(SandboxConfig config)
    {
        m_server.reset();
        config.clock = [this] { return m_now.load(); };
        m_server = std::make_unique<SandboxServer>(std::move(config));
        m_port = m_server->start();
    }

    void advance(std::int64_t ms) { m_server->advanceClock(std::chrono::milliseconds(ms)); }

    httplib::Client client() const
    {
        httplib::Client c("127.0.0.1", m_port);
        c.set_read_timeout(60, 0);
        c.set_write_timeout(60, 0);
        return c;
    }

    Json tokens(const std::string &creator = "sandbox_creator",
        const std::string &scope = "user.info.basic,video.publish,video.upload",
        const std::string &clientKey = "sandbox-client")
    {
        return m_server->issueTokens(creator, scope, clientKey);
    }

    /// POST a JSON body with a Bearer token; @p body null sends "{}".
    httplib::Result api(
        const std::string &path, const std::string &token, const Json &body = nullptr)
    {
        httplib::Headers h { { "Authorization", "Bearer " + token } };
        return client().Post(
            path.c_str(), h, body.is_null() ? std::string("{}") : body.dump(), kJson);
    }

    static Json parse(const httplib::Result &r)
    {
        return r ? Json::parse(r->body, nullptr, false) : Json();
    }
    static std::string code(const httplib::Result &r)
    {
        const Json j = parse(r);
        return j.is_object() && j.contains("error") && j["error"].is_object()
            ? j["error"].value("code", std::string())
            : std::string();
    }

    static Json directBody(
        const std::string &privacy, std::int64_t size, std::int64_t chunk, std::int64_t count)
    {
        return { { "post_info",
                     { { "title", "Sandbox post #test @friend" }, { "privacy_level", privacy },
                         { "disable_comment", false }, { "disable_duet", true },
                         { "disable_stitch", true }, { "video_cover_timestamp_ms", 1200 },
                         { "brand_content_toggle", false }, { "brand_organic_toggle", false },
                         { "is_aigc", true } } },
            { "source_info",
                { { "source", "FILE_UPLOAD" }, { "video_size", size }, { "chunk_size", chunk },
                    { "total_chunk_count", count } } } };
    }
    static Json inboxBody(std::int64_t size, std::int64_t chunk, std::int64_t count)
    {
        return { { "source_info",
            { { "source", "FILE_UPLOAD" }, { "video_size", size }, { "chunk_size", chunk },
                { "total_chunk_count", count } } } };
    }

    /// PUT bytes [first, last] of @p data to an upload_url of this server.
    httplib::Result put(const std::string &uploadUrl, const std::string &data, std::int64_t first,
        std::int64_t last, const std::string &contentType = "video/mp4")
    {
        const std::string path = uploadUrl.substr(m_server->baseUrl().size());
        httplib::Headers h { { "Content-Range",
            "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/"
                + std::to_string(data.size()) } };
        return client().Put(path.c_str(), h, data.data() + first,
            static_cast<std::size_t>(last - first + 1), contentType.c_str());
    }

    /// Uploads @p data in the declared chunks; returns the HTTP statuses in order.
    std::vector<int> uploadAll(const std::string &uploadUrl, const std::string &data,
        std::int64_t chunk, std::int64_t count)
    {
        std::vector<int> statuses;
        for (std::int64_t i = 0; i < count; ++i) {
            const std::int64_t first = i * chunk;
            const std::int64_t last =
                i + 1 == count ? static_cast<std::int64_t>(data.size()) - 1 : first + chunk - 1;
            const auto r = put(uploadUrl, data, first, last);
            statuses.push_back(r ? r->status : 0);
        }
        return statuses;
    }

    Json status(const std::string &token, const std::string &publishId)
    {
        return parse(api("/v2/post/publish/status/fetch/", token, { { "publish_id", publishId } }));
    }

    static std::string bytes(std::size_t n, unsigned seed = 1)
    {
        std::string s(n, '\0');
        std::uint32_t x = seed * 2654435761u + 1;
        for (auto &c : s) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            c = static_cast<char>(x & 0xFF);
        }
        return s;
    }

    std::atomic<std::int64_t> m_now { 1'800'000'000'000 };
    std::unique_ptr<SandboxServer> m_server;
    int m_port = 0;
};

} // namespace Cuepoint::Sandbox::Test
