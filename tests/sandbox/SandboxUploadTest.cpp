// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxTestSupport.h"

#include <fstream>
#include <sstream>

namespace Cuepoint::Sandbox::Test {
namespace {

constexpr std::int64_t kChunk = 5'242'880;

class SandboxUploadTest : public SandboxTest
{
protected:
    struct Task
    {
        std::string token;
        std::string publishId;
        std::string url;
    };

    Task init(std::int64_t size, std::int64_t chunk, std::int64_t count)
    {
        Task t;
        t.token = tokens()["access_token"];
        const Json j = parse(api(
            "/v2/post/publish/video/init/", t.token, directBody("SELF_ONLY", size, chunk, count)));
        t.publishId = j["data"].value("publish_id", "");
        t.url = j["data"].value("upload_url", "");
        EXPECT_FALSE(t.url.empty()) << j.dump();
        return t;
    }

    Json summaryOf(const std::string &publishId) const
    {
        const Json summary = m_server->publishSummary(); // keep the temporary alive
        for (const Json &p : summary["publishes"]) {
            if (p["publish_id"] == publishId)
                return p;
        }
        return {};
    }

    static std::string readFile(const std::string &path)
    {
        std::ifstream in(path, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }
};

TEST_F(SandboxUploadTest, SequentialChunksAnswer206Then201AndKeepTheBytes)
{
    const std::string data = bytes(3 * kChunk + 123);
    const Task t = init(static_cast<std::int64_t>(data.size()), kChunk, 3);
    auto r = put(t.url, data, 0, kChunk - 1);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 206);
    EXPECT_EQ(r->get_header_value("Content-Range"), "bytes 0-5242879/15728763");
    r = put(t.url, data, kChunk, 2 * kChunk - 1);
    EXPECT_EQ(r->status, 206);
    EXPECT_EQ(status(t.token, t.publishId)["data"]["uploaded_bytes"], 2 * kChunk);
    r = put(t.url, data, 2 * kChunk, static_cast<std::int64_t>(data.size()) - 1);
    EXPECT_EQ(r->status, 201) << "the last chunk absorbs the trailing bytes";
    const Json s = summaryOf(t.publishId);
    EXPECT_EQ(s["sha256"], Util::sha256Hex(data));
    EXPECT_EQ(s["chunks_accepted"], 3);
    EXPECT_EQ(readFile(s["upload_file"]), data);
    // The task is done: further PUTs find no upload task.
    EXPECT_EQ(put(t.url, data, 0, kChunk - 1)->status, 404);
}

TEST_F(SandboxUploadTest, HeadersAndRangesAreCheckedStrictly)
{
    const std::string data = bytes(2 * kChunk);
    const Task t = init(static_cast<std::int64_t>(data.size()), kChunk, 2);
    EXPECT_EQ(put(t.url, data, 0, kChunk - 1, "application/octet-stream")->status, 400);
    EXPECT_EQ(put(t.url, data, 0, kChunk - 2)->status, 400) << "not the declared chunk";

    auto r = put(t.url, data, kChunk, 2 * kChunk - 1);
    EXPECT_EQ(r->status, 416) << "out of order";
    EXPECT_EQ(r->get_header_value("Content-Range"), "bytes */10485760");

    const std::string path = t.url.substr(m_server->baseUrl().size());
    r = client().Put(path.c_str(), httplib::Headers {}, data.data(), kChunk, "video/mp4");
    EXPECT_EQ(r->status, 400) << "no Content-Range";
    r = client().Put(path.c_str(), httplib::Headers { { "Content-Range", "bytes 0-5242879/999" } },
        data.data(), kChunk, "video/mp4");
    EXPECT_EQ(r->status, 400) << "total differs from video_size";

    EXPECT_EQ(put(t.url, data, 0, kChunk - 1)->status, 206);
    r = put(t.url, data, 0, kChunk - 1);
    EXPECT_EQ(r->status, 416) << "the same chunk again";
    EXPECT_EQ(r->get_header_value("Content-Range"), "bytes 0-5242879/10485760");

    const std::string forged = path.substr(0, path.find("upload_token=") + 13) + "forged";
    r = client().Put(forged.c_str(),
        httplib::Headers { { "Content-Range", "bytes 5242880-10485759/10485760" } },
        data.data() + kChunk, kChunk, "video/mp4");
    EXPECT_EQ(r->status, 404);

    advance(3600'000);
    EXPECT_EQ(put(t.url, data, kChunk, 2 * kChunk - 1)->status, 403) << "the URL lives one hour";
}

TEST_F(SandboxUploadTest, A5xxAndADroppedConnectionAreRetriedToTheRightBytes)
{
    const std::int64_t count = 6;
    const std::string data = bytes(static_cast<std::size_t>(count * kChunk + 77), 7);
    m_server->setFaults({ { "chunk_5xx", { 3 } }, { "chunk_drop", { 5 } } });
    const Task t = init(static_cast<std::int64_t>(data.size()), kChunk, count);
    std::vector<int> statuses;
    for (std::int64_t i = 0; i < count; ++i) {
        const std::int64_t first = i * kChunk;
        const std::int64_t last =
            i + 1 == count ? static_cast<std::int64_t>(data.size()) - 1 : first + kChunk - 1;
        for (int attempt = 0; attempt < 3; ++attempt) {
            const auto r = put(t.url, data, first, last);
            statuses.push_back(r ? r->status : 0);
            if (r && r->status < 500)
                break;
        }
    }
    EXPECT_EQ(statuses, (std::vector<int> { 206, 206, 503, 206, 206, 0, 206, 201 }));
    const Json s = summaryOf(t.publishId);
    EXPECT_EQ(s["sha256"], Util::sha256Hex(data));
    EXPECT_EQ(s["put_requests"], 8);
    EXPECT_EQ(s["uploads_completed"], 1);
    const Json log = m_server->requestLog();
    int drops = 0, fives = 0;
    for (const Json &e : log) {
        drops += e.value("fault", "") == "chunk_drop" && e["status"] == 0 && e["chunk"] == 5;
        fives += e.value("fault", "") == "chunk_5xx" && e["status"] == 503 && e["chunk"] == 3;
    }
    EXPECT_EQ(drops, 1);
    EXPECT_EQ(fives, 1);
}

TEST_F(SandboxUploadTest, ADropAfterTheLastChunkLeavesTheUploadComplete)
{
    const std::string data = bytes(1000);
    m_server->setFaults({ { "chunk_drop_after_commit", { 1 } } });
    const Task t = init(1000, 1000, 1);
    EXPECT_FALSE(put(t.url, data, 0, 999)) << "no response for the last chunk";
    // The ambiguous case: the client must poll status rather than re-init.
    EXPECT_EQ(put(t.url, data, 0, 999)->status, 404);
    EXPECT_EQ(status(t.token, t.publishId)["data"]["uploaded_bytes"], 1000);
    advance(2000);
    EXPECT_EQ(status(t.token, t.publishId)["data"]["status"], "PUBLISH_COMPLETE");
    EXPECT_EQ(m_server->publishSummary()["totals"]["uploads_completed"], 1);
}

TEST_F(SandboxUploadTest, ALargeUploadStreamsWithBoundedMemory)
{
    // 8 x 8 MB through the streaming path, checked byte for byte by SHA-256.
    const std::int64_t chunk = 8'000'000;
    const std::string data = bytes(static_cast<std::size_t>(8 * chunk + 999), 3);
    const Task t = init(static_cast<std::int64_t>(data.size()), chunk, 8);
    const auto statuses = uploadAll(t.url, data, chunk, 8);
    EXPECT_EQ(statuses.back(), 201);
    EXPECT_EQ(summaryOf(t.publishId)["sha256"], Util::sha256Hex(data));
}

} // namespace
} // namespace Cuepoint::Sandbox::Test
