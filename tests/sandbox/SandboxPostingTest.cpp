// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxTestSupport.h"

namespace Cuepoint::Sandbox::Test {
namespace {

constexpr const char *kInit = "/v2/post/publish/video/init/";
constexpr const char *kInbox = "/v2/post/publish/inbox/video/init/";
constexpr const char *kCreatorInfo = "/v2/post/publish/creator_info/query/";

class SandboxPostingTest : public SandboxTest
{
};

TEST_F(SandboxPostingTest, CreatorInfoReportsTheConfiguredCreator)
{
    auto r = api(kCreatorInfo, tokens("sandbox_creator")["access_token"]);
    ASSERT_EQ(r->status, 200);
    Json j = parse(r);
    EXPECT_EQ(j["error"]["code"], "ok");
    EXPECT_FALSE(j["error"].value("log_id", "").empty());
    EXPECT_EQ(j["data"]["creator_username"], "sandbox_creator");
    EXPECT_EQ(j["data"]["creator_nickname"], "Sandbox Creator");
    EXPECT_EQ(j["data"]["privacy_level_options"],
        Json::array({ "FOLLOWER_OF_CREATOR", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY" }));
    EXPECT_EQ(j["data"]["duet_disabled"], true) << "private accounts cannot be dueted";
    EXPECT_EQ(j["data"]["max_video_post_duration_sec"], 300);

    j = parse(api(kCreatorInfo, tokens("sandbox_restricted")["access_token"]));
    EXPECT_EQ(j["data"]["privacy_level_options"],
        Json::array({ "PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY" }));
    EXPECT_EQ(j["data"]["comment_disabled"], true);
    EXPECT_EQ(j["data"]["max_video_post_duration_sec"], 60);

    // "Cannot post now" arrives with HTTP 200 and an error code.
    for (const auto &[creator, expected] :
        { std::pair { "sandbox_capped", "spam_risk_too_many_posts" },
            std::pair { "sandbox_banned", "spam_risk_user_banned_from_posting" } }) {
        r = api(kCreatorInfo, tokens(creator)["access_token"]);
        EXPECT_EQ(r->status, 200);
        EXPECT_EQ(code(r), expected);
    }
    r = api(
        kCreatorInfo, tokens("sandbox_creator", "user.info.basic,video.upload")["access_token"]);
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(code(r), "scope_not_authorized");

    // A POST with no body at all (no Content-Length) is answered at once, not after a timeout.
    httplib::Client c = client();
    c.set_read_timeout(2, 0);
    const auto bare = c.Post(kCreatorInfo,
        httplib::Headers {
            { "Authorization", "Bearer " + tokens()["access_token"].get<std::string>() } });
    ASSERT_TRUE(bare);
    EXPECT_EQ(bare->status, 200);
}

TEST_F(SandboxPostingTest, DirectPostInitValidatesPrivacyAndTheUnauditedRule)
{
    const std::string priv = tokens("sandbox_creator")["access_token"];
    auto r = api(kInit, priv, directBody("SELF_ONLY", 1000, 1000, 1));
    ASSERT_EQ(r->status, 200) << r->body;
    const Json data = parse(r)["data"];
    EXPECT_EQ(data.value("publish_id", "").rfind("v_pub_file~v2-1.", 0), 0u);
    EXPECT_LE(data.value("publish_id", "").size(), 64u);
    EXPECT_EQ(
        data.value("upload_url", "").rfind(m_server->baseUrl() + "/video/?upload_id=", 0), 0u);
    EXPECT_LE(data.value("upload_url", "").size(), 256u);

    // Unaudited: SELF_ONLY only, even where the creator offers more.
    r = api(kInit, priv, directBody("FOLLOWER_OF_CREATOR", 1000, 1000, 1));
    EXPECT_EQ(r->status, 403);
    EXPECT_EQ(code(r), "privacy_level_option_mismatch");
    r = api(kInit, priv, directBody("PUBLIC_TO_EVERYONE", 1000, 1000, 1));
    EXPECT_EQ(code(r), "privacy_level_option_mismatch");
    Json noPrivacy = directBody("SELF_ONLY", 1000, 1000, 1);
    noPrivacy["post_info"].erase("privacy_level");
    EXPECT_EQ(code(api(kInit, priv, noPrivacy)), "privacy_level_option_mismatch");

    // A public account is refused for unaudited clients, whatever the post's privacy.
    r = api(
        kInit, tokens("sandbox_public")["access_token"], directBody("SELF_ONLY", 1000, 1000, 1));
    EXPECT_EQ(r->status, 403);
    EXPECT_EQ(code(r), "unaudited_client_can_only_post_to_private_accounts");

    // The audited client may post publicly, but only with an offered option.
    const std::string audited =
        tokens("sandbox_public", "video.publish", "sandbox-audited")["access_token"];
    EXPECT_EQ(api(kInit, audited, directBody("PUBLIC_TO_EVERYONE", 1000, 1000, 1))->status, 200);
    EXPECT_EQ(code(api(kInit, audited, directBody("FOLLOWER_OF_CREATOR", 1000, 1000, 1))),
        "privacy_level_option_mismatch");
    Json branded = directBody("SELF_ONLY", 1000, 1000, 1);
    branded["post_info"]["brand_content_toggle"] = true;
    EXPECT_EQ(code(api(kInit, audited, branded)), "invalid_params");

    // Inbox needs video.upload, ignores post_info and is allowed for public accounts.
    const std::string pub = tokens("sandbox_public")["access_token"];
    r = api(kInbox, pub, directBody("PUBLIC_TO_EVERYONE", 1000, 1000, 1));
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(parse(r)["data"].value("publish_id", "").rfind("v_inbox_file~v2.", 0), 0u);
    r = api(kInbox, tokens("sandbox_public", "video.publish")["access_token"],
        inboxBody(1000, 1000, 1));
    EXPECT_EQ(code(r), "scope_not_authorized");
    EXPECT_EQ(code(api(kInit, tokens("sandbox_banned")["access_token"],
                  directBody("SELF_ONLY", 1000, 1000, 1))),
        "spam_risk_user_banned_from_posting");
}

TEST_F(SandboxPostingTest, TitleIsLimitedTo2200Utf16Units)
{
    const std::string t = tokens()["access_token"];
    auto withTitle = [](const std::string &title) {
        Json b = directBody("SELF_ONLY", 1000, 1000, 1);
        b["post_info"]["title"] = title;
        return b;
    };
    std::string emoji; // U+1F3AC: 4 UTF-8 bytes, 2 UTF-16 units
    for (int i = 0; i < 1100; ++i)
        emoji += "\xF0\x9F\x8E\xAC";
    EXPECT_EQ(api(kInit, t, withTitle(emoji))->status, 200) << "2200 units";
    EXPECT_EQ(code(api(kInit, t, withTitle(emoji + "a"))), "invalid_params") << "2201 units";
    std::string accents; // U+00E9: 2 UTF-8 bytes, 1 UTF-16 unit
    for (int i = 0; i < 2200; ++i)
        accents += "\xC3\xA9";
    EXPECT_EQ(api(kInit, t, withTitle(accents))->status, 200);
    Json notBool = directBody("SELF_ONLY", 1000, 1000, 1);
    notBool["post_info"]["disable_comment"] = "yes";
    EXPECT_EQ(code(api(kInit, t, notBool)), "invalid_params");
    Json noBrand = directBody("SELF_ONLY", 1000, 1000, 1);
    noBrand["post_info"].erase("brand_content_toggle");
    EXPECT_EQ(code(api(kInit, t, noBrand)), "invalid_params") << "required in the DP table";
}

TEST_F(SandboxPostingTest, ChunkRulesAcceptOnlyPlansValidUnderBothMbReadings)
{
    SandboxConfig c = SandboxConfig::defaults();
    c.rateVideoInitPerMin = 1000;
    c.creators[0].dailyPostCap = 1000;
    startWith(c);
    const std::string t = tokens()["access_token"];
    struct Case
    {
        std::int64_t size, chunk, count;
        bool ok;
        const char *why;
    };
    const Case cases[] = {
        { 1, 1, 1, true, "one byte, whole" },
        { 4'194'304, 4'194'304, 1, true, "docs' whole-upload example" },
        { 4'999'999, 4'999'999, 1, true, "small file whole" },
        { 5'100'000, 5'000'000, 1, false, "below 5 MiB must be whole (2^20 reading)" },
        { 5'242'879, 5'242'879, 1, true, "just below 5 MiB, whole" },
        { 50'000'123, 10'000'000, 5, true, "docs' worked example" },
        { 50'000'123, 10'000'000, 6, false, "ceiling count" },
        { 50'000'123, 10'000'000, 4, false, "wrong floor count" },
        { 20'000'000, 5'242'880, 3, true, "5 MiB chunks" },
        { 20'000'000, 5'242'879, 3, false, "chunk one byte under 5 MiB" },
        { 20'000'000, 5'000'000, 4, false, "5*10^6 chunk: invalid under 2^20" },
        { 64'000'000, 64'000'000, 1, true, "64*10^6 whole" },
        { 64'000'001, 64'000'001, 1, false, "over 64*10^6 must be chunked" },
        { 67'108'864, 67'108'864, 1, false, "64 MiB whole: invalid under 10^6" },
        { 200'000'000, 64'000'000, 3, true, "64*10^6 chunks" },
        { 200'000'000, 64'000'001, 3, false, "chunk over 64*10^6" },
        { 100'000'000, 60'000'000, 1, false, "one 100 MB chunk: must be chunked" },
        { 30'000'000, 20'000'000, 1, true, "one chunk absorbing the rest" },
        { 5'242'880'000LL, 5'242'880, 1000, false, "over 4*10^9 bytes" },
        { 3'999'999'999LL, 5'242'880, 762, true, "762 chunks, last absorbs" },
        { 3'999'999'999LL, 4'000'000, 999, false, "chunk under 5 MiB" },
        { 1000, 2000, 0, false, "chunk larger than the video" },
        { 0, 0, 0, false, "empty" },
    };
    for (const Case &k : cases) {
        const auto r = api(kInit, t, directBody("SELF_ONLY", k.size, k.chunk, k.count));
        EXPECT_EQ(r->status == 200, k.ok) << k.why << ": " << r->body;
        if (!k.ok) {
            EXPECT_EQ(r->status, 400) << k.why;
            EXPECT_EQ(code(r), "invalid_params") << k.why;
        }
    }
    // 5,242,880,000 needs > 1000 chunks of 5 MiB; 1001 chunks is refused with the count message.
    const auto r = api(kInit, t, directBody("SELF_ONLY", 3'999'999'999LL, 3'990'000, 1002));
    EXPECT_EQ(code(r), "invalid_params");
    const auto count = api(kInit, t, directBody("SELF_ONLY", 50'000'123, 10'000'000, 6));
    EXPECT_EQ(parse(count)["error"]["message"], "The total chunk count is invalid.");
    const auto size = api(kInit, t, directBody("SELF_ONLY", 20'000'000, 5'000'000, 4));
    EXPECT_EQ(parse(size)["error"]["message"], "The chunk size is invalid.");
}

TEST_F(SandboxPostingTest, RateLimitsArePerTokenAndEndpointPerMinute)
{
    const std::string a = tokens()["access_token"];
    const std::string b = tokens()["access_token"];
    for (int i = 0; i < 6; ++i)
        ASSERT_EQ(api(kInit, a, directBody("SELF_ONLY", 1000, 1000, 1))->status, 200) << i;
    auto r = api(kInit, a, directBody("SELF_ONLY", 1000, 1000, 1));
    EXPECT_EQ(r->status, 429);
    EXPECT_EQ(code(r), "rate_limit_exceeded");
    EXPECT_EQ(parse(r)["data"], Json::object());
    EXPECT_EQ(api(kInit, b, directBody("SELF_ONLY", 1000, 1000, 1))->status, 200) << "other token";
    EXPECT_EQ(api(kInbox, a, inboxBody(1000, 1000, 1))->status, 200) << "other endpoint";
    advance(59'999);
    EXPECT_EQ(api(kInit, a, directBody("SELF_ONLY", 1000, 1000, 1))->status, 429);
    advance(2);
    EXPECT_EQ(api(kInit, a, directBody("SELF_ONLY", 1000, 1000, 1))->status, 200) << "window slid";

    for (int i = 0; i < 20; ++i)
        ASSERT_EQ(api(kCreatorInfo, a)->status, 200) << i;
    EXPECT_EQ(api(kCreatorInfo, a)->status, 429);
    const std::string id =
        parse(api(kInit, b, directBody("SELF_ONLY", 1000, 1000, 1)))["data"]["publish_id"];
    for (int i = 0; i < 30; ++i)
        ASSERT_EQ(api("/v2/post/publish/status/fetch/", b, { { "publish_id", id } })->status, 200)
            << i;
    EXPECT_EQ(code(api("/v2/post/publish/status/fetch/", b, { { "publish_id", id } })),
        "rate_limit_exceeded");
}

TEST_F(SandboxPostingTest, DailyCapsAndTheActiveUserCap)
{
    SandboxConfig c = SandboxConfig::defaults();
    c.creators.clear();
    for (int i = 0; i < 7; ++i) {
        SandboxCreator cr;
        cr.username = "private_" + std::to_string(i);
        cr.nickname = cr.username;
        cr.privateAccount = true;
        cr.dailyPostCap = 2;
        c.creators.push_back(cr);
    }
    c.defaultCreator = "private_0";
    startWith(c);
    const std::string t0 = tokens("private_0")["access_token"];
    EXPECT_EQ(api(kInit, t0, directBody("SELF_ONLY", 1000, 1000, 1))->status, 200);
    EXPECT_EQ(api(kInit, t0, directBody("SELF_ONLY", 1000, 1000, 1))->status, 200);
    auto r = api(kInit, t0, directBody("SELF_ONLY", 1000, 1000, 1));
    EXPECT_EQ(r->status, 403);
    EXPECT_EQ(code(r), "spam_risk_too_many_posts");

    // Inbox: 5 pending shares per 24 h.
    for (int i = 0; i < 5; ++i)
        ASSERT_EQ(api(kInbox, t0, inboxBody(1000, 1000, 1))->status, 200) << i;
    advance(61'000);
    r = api(kInbox, t0, inboxBody(1000, 1000, 1));
    EXPECT_EQ(r->status, 403);
    EXPECT_EQ(code(r), "spam_risk_too_many_pending_share");

    // Unaudited: 5 creators per 24 h; a 6th is refused, the first five still post.
    for (int i = 1; i < 5; ++i) {
        EXPECT_EQ(api(kInit, tokens("private_" + std::to_string(i))["access_token"],
                      directBody("SELF_ONLY", 1000, 1000, 1))
                      ->status,
            200);
    }
    const std::string t5 = tokens("private_5")["access_token"];
    r = api(kInit, t5, directBody("SELF_ONLY", 1000, 1000, 1));
    EXPECT_EQ(code(r), "reached_active_user_cap");
    r = api(kCreatorInfo, t5);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(code(r), "reached_active_user_cap");
    advance(24LL * 3600 * 1000);
    EXPECT_EQ(
        api(kInit, tokens("private_5")["access_token"], directBody("SELF_ONLY", 1000, 1000, 1))
            ->status,
        200)
        << "the day is over";
    const Json summary = m_server->publishSummary();
    EXPECT_EQ(summary["creators"]["private_0"]["rejected_inits"]["spam_risk_too_many_posts"], 1);
}

TEST_F(SandboxPostingTest, StatusMachineForDirectPostWithModerationAnd64BitIds)
{
    SandboxConfig c = SandboxConfig::defaults();
    c.moderationMs = 30'000;
    startWith(c);
    const std::string t =
        tokens("sandbox_public", "video.publish", "sandbox-audited")["access_token"];
    const std::string data = bytes(1000);
    const Json init = parse(api(kInit, t, directBody("PUBLIC_TO_EVERYONE", 1000, 1000, 1)));
    const std::string id = init["data"]["publish_id"];
    Json s = status(t, id);
    EXPECT_EQ(s["data"]["status"], "PROCESSING_UPLOAD");
    EXPECT_EQ(s["data"]["uploaded_bytes"], 0);
    ASSERT_EQ(uploadAll(init["data"]["upload_url"], data, 1000, 1), std::vector<int> { 201 });
    s = status(t, id);
    EXPECT_EQ(s["data"]["status"], "PROCESSING_UPLOAD");
    EXPECT_EQ(s["data"]["uploaded_bytes"], 1000);
    advance(1500);
    s = status(t, id);
    EXPECT_EQ(s["data"]["status"], "PUBLISH_COMPLETE");
    EXPECT_EQ(s["data"]["publicaly_available_post_id"], Json::array()) << "moderation pending";
    advance(30'000);
    const auto raw = api("/v2/post/publish/status/fetch/", t, { { "publish_id", id } });
    s = parse(raw);
    ASSERT_EQ(s["data"]["publicaly_available_post_id"].size(), 1u);
    const Json &postId = s["data"]["publicaly_available_post_id"][0];
    ASSERT_TRUE(postId.is_number_integer());
    const auto value = postId.get<std::int64_t>();
    EXPECT_GT(value, (1LL << 53)) << "ids above 2^53 catch double-based parsers";
    EXPECT_NE(raw->body.find(std::to_string(value)), std::string::npos) << "an exact JSON integer";

    // Another user's token, an unknown id.
    const std::string other = tokens("sandbox_creator")["access_token"];
    EXPECT_EQ(code(api("/v2/post/publish/status/fetch/", other, { { "publish_id", id } })),
        "token_not_authorized_for_specified_publish_id");
    EXPECT_EQ(
        code(api("/v2/post/publish/status/fetch/", t, { { "publish_id", "v_pub_file~v2-1.1" } })),
        "invalid_publish_id");
    // FILE_UPLOAD cannot be cancelled.
    EXPECT_EQ(code(api("/v2/post/publish/cancel/", t, { { "publish_id", id } })),
        "publish_not_cancellable");

    const Json summary = m_server->publishSummary();
    const Json &p = summary["publishes"][0];
    EXPECT_EQ(p["published"], true);
    EXPECT_EQ(p["uploads_completed"], 1);
    EXPECT_EQ(p["sha256"], Util::sha256Hex(data));
    EXPECT_EQ(p["post_info"]["title"], "Sandbox post #test @friend");
    EXPECT_EQ(p["post_info"]["privacy_level"], "PUBLIC_TO_EVERYONE");
    EXPECT_EQ(p["post_info"]["disable_duet"], true);
    EXPECT_EQ(p["post_info"]["video_cover_timestamp_ms"], 1200);
    EXPECT_EQ(p["post_info"]["is_aigc"], true);
    EXPECT_EQ(summary["creators"]["sandbox_public"]["published"], 1);
    EXPECT_EQ(summary["creators"]["sandbox_public"]["direct_inits"], 1);
}

TEST_F(SandboxPostingTest, SelfOnlyPostsNeverGetAPostIdAndInboxWaitsForTheUser)
{
    const std::string t = tokens()["access_token"];
    Json init = parse(api(kInit, t, directBody("SELF_ONLY", 1000, 1000, 1)));
    uploadAll(init["data"]["upload_url"], bytes(1000), 1000, 1);
    advance(100'000);
    Json s = status(t, init["data"]["publish_id"]);
    EXPECT_EQ(s["data"]["status"], "PUBLISH_COMPLETE");
    EXPECT_EQ(s["data"]["publicaly_available_post_id"], Json::array());

    init = parse(api(kInbox, t, inboxBody(1000, 1000, 1)));
    const std::string id = init["data"]["publish_id"];
    uploadAll(init["data"]["upload_url"], bytes(1000), 1000, 1);
    advance(100'000);
    EXPECT_EQ(status(t, id)["data"]["status"], "SEND_TO_USER_INBOX");
    httplib::Client c = client();
    ASSERT_EQ(
        c.Post("/_sandbox/inbox/post", Json { { "publish_id", id } }.dump(), kJson)->status, 200);
    s = status(t, id);
    EXPECT_EQ(s["data"]["status"], "PUBLISH_COMPLETE");
    EXPECT_EQ(s["data"]["publicaly_available_post_id"].size(), 1u);
}

TEST_F(SandboxPostingTest, FaultsFailReasonNeverCompleteAndApiFaults)
{
    const std::string t = tokens()["access_token"];
    m_server->setFaults({ { "fail_reason", "frame_rate_check_failed" } });
    Json init = parse(api(kInit, t, directBody("SELF_ONLY", 1000, 1000, 1)));
    uploadAll(init["data"]["upload_url"], bytes(1000), 1000, 1);
    advance(2000);
    Json s = status(t, init["data"]["publish_id"]);
    EXPECT_EQ(s["data"]["status"], "FAILED");
    EXPECT_EQ(s["data"]["fail_reason"], "frame_rate_check_failed");
    EXPECT_EQ(s["error"]["code"], "ok") << "FAILED arrives in an ok envelope";

    m_server->clearFaults();
    m_server->setFaults({ { "never_complete", true } });
    init = parse(api(kInit, t, directBody("SELF_ONLY", 1000, 1000, 1)));
    uploadAll(init["data"]["upload_url"], bytes(1000), 1000, 1);
    advance(10LL * 3600 * 1000);
    EXPECT_EQ(status(t, init["data"]["publish_id"])["data"]["status"], "PROCESSING_UPLOAD");

    m_server->clearFaults();
    m_server->setFaults({ { "status_429_next", 2 },
        { "api_faults",
            { { { "endpoint", "video_init" }, { "kind", "5xx" }, { "status", 502 } } } } });
    EXPECT_EQ(api(kCreatorInfo, t)->status, 429);
    EXPECT_EQ(code(api(kCreatorInfo, t)), "rate_limit_exceeded");
    EXPECT_EQ(api(kCreatorInfo, t)->status, 200);
    EXPECT_EQ(api(kInit, t, directBody("SELF_ONLY", 1000, 1000, 1))->status, 502);
    EXPECT_EQ(api(kInit, t, directBody("SELF_ONLY", 1000, 1000, 1))->status, 200);

    m_server->setFaults({ { "api_faults", { { { "endpoint", "status" }, { "kind", "drop" } } } } });
    const auto dropped = api("/v2/post/publish/status/fetch/", t, { { "publish_id", "x" } });
    EXPECT_FALSE(dropped) << "a dropped connection gives the client no response at all";
    EXPECT_THROW(m_server->setFaults({ { "fail_reason", "bogus" } }), std::invalid_argument);
    EXPECT_THROW(m_server->setFaults({ { "no_such_fault", 1 } }), std::invalid_argument);
}

TEST_F(SandboxPostingTest, TheLogNeverContainsSecrets)
{
    const Json tk = tokens();
    const std::string t = tk["access_token"];
    const Json init = parse(api(kInit, t, directBody("SELF_ONLY", 1000, 1000, 1)));
    const std::string url = init["data"]["upload_url"];
    uploadAll(url, bytes(1000), 1000, 1);
    client().Post("/v2/oauth/token/",
        "client_key=sandbox-client&client_secret=sandbox-secret&grant_type=refresh_token&refresh_"
        "token="
            + Util::formEncode(tk["refresh_token"].get<std::string>()),
        "application/x-www-form-urlencoded");
    const std::string log = m_server->requestLog().dump();
    EXPECT_EQ(log.find(t), std::string::npos);
    EXPECT_EQ(log.find(t.substr(4, 20)), std::string::npos);
    EXPECT_EQ(log.find(tk["refresh_token"].get<std::string>().substr(4, 20)), std::string::npos);
    EXPECT_EQ(log.find("sandbox-secret"), std::string::npos);
    EXPECT_EQ(log.find(url.substr(url.find("upload_token=") + 13)), std::string::npos);
    const Json entries = m_server->requestLog();
    ASSERT_GE(entries.size(), 3u);
    EXPECT_EQ(entries[0]["endpoint"], "video_init");
    EXPECT_EQ(entries[0]["publish_id"], init["data"]["publish_id"]);
    EXPECT_EQ(entries[0]["token"], Util::secretTag(t));
    EXPECT_EQ(entries[1]["endpoint"], "upload");
    EXPECT_EQ(entries[1]["status"], 201);
    EXPECT_EQ(entries[1]["content_range"], "bytes 0-999/1000");
}

TEST_F(SandboxPostingTest, PullFromUrlNeedsAVerifiedPrefixAndCanBeCancelled)
{
    SandboxConfig c = SandboxConfig::defaults();
    c.verifiedUrlPrefixes = { "https://media.example.org/verified/" };
    startWith(c);
    const std::string t = tokens()["access_token"];
    auto pull = [](const std::string &url) {
        return Json { { "post_info",
                          { { "privacy_level", "SELF_ONLY" }, { "brand_content_toggle", false } } },
            { "source_info", { { "source", "PULL_FROM_URL" }, { "video_url", url } } } };
    };
    auto r = api(kInit, t, pull("https://elsewhere.example.org/v.mp4"));
    EXPECT_EQ(r->status, 403);
    EXPECT_EQ(code(r), "url_ownership_unverified");
    r = api(kInit, t, pull("https://media.example.org/verified/v.mp4"));
    ASSERT_EQ(r->status, 200) << r->body;
    const Json data = parse(r)["data"];
    EXPECT_FALSE(data.contains("upload_url"));
    const std::string id = data["publish_id"];
    EXPECT_EQ(id.rfind("v_pub_url~v2.", 0), 0u);
    EXPECT_EQ(status(t, id)["data"]["status"], "PROCESSING_DOWNLOAD");
    EXPECT_EQ(api("/v2/post/publish/cancel/", t, { { "publish_id", id } })->status, 200);
    const Json s = status(t, id);
    EXPECT_EQ(s["data"]["status"], "FAILED");
    EXPECT_EQ(s["data"]["fail_reason"], "publish_cancelled");
    EXPECT_EQ(code(api("/v2/post/publish/cancel/", t, { { "publish_id", id } })),
        "publish_not_cancellable");
}

TEST_F(SandboxPostingTest, InitNeedsJsonAndRecordsIgnoredInboxPostInfo)
{
    const std::string t = tokens()["access_token"];
    httplib::Headers h { { "Authorization", "Bearer " + t } };
    auto r = client().Post(kInit, h, directBody("SELF_ONLY", 1000, 1000, 1).dump(), "text/plain");
    EXPECT_EQ(r->status, 400);
    EXPECT_EQ(code(r), "invalid_params");
    r = client().Post(kInit, h, "{not json", kJson);
    EXPECT_EQ(code(r), "invalid_params");
    r = api(kInbox, t, directBody("SELF_ONLY", 1000, 1000, 1));
    ASSERT_EQ(r->status, 200);
    const Json p = m_server->publishSummary()["publishes"][0];
    EXPECT_EQ(p["kind"], "inbox");
    EXPECT_EQ(p["post_info"]["ignored_by_inbox"], true);
}

TEST_F(SandboxPostingTest, ConfigFileParsingIsStrict)
{
    const Json doc = { { "audited", true }, { "delays", { { "processing_ms", 10 } } },
        { "creators", { { { "username", "alice" }, { "private_account", false } } } } };
    const SandboxConfig c = SandboxConfig::fromJson(doc);
    EXPECT_TRUE(c.clients.at(0).audited);
    EXPECT_EQ(c.processingMs, 10);
    EXPECT_EQ(c.defaultCreator, "alice");
    EXPECT_THROW(SandboxConfig::fromJson({ { "delay", 1 } }), std::invalid_argument);
    EXPECT_THROW(SandboxConfig::fromJson({ { "creators", { { { "nickname", "x" } } } } }),
        std::invalid_argument);
    EXPECT_THROW(
        SandboxConfig::fromJson({ { "oauth_error_http_status", 500 } }), std::invalid_argument);
}

} // namespace
} // namespace Cuepoint::Sandbox::Test
