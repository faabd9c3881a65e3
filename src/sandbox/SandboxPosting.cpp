// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Content Posting API: creator_info, Direct Post and inbox inits, status, cancel
// (tiktok-api.md §3, §4, §9).
#include "SandboxImpl.h"

#include <algorithm>

namespace Cuepoint::Sandbox {

namespace {
constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
// The docs never say whether "MB" is 10^6 or 2^20 bytes, so the sandbox accepts only values
// that are valid under both readings (docs/SANDBOX.md, "The MB rule").
constexpr std::int64_t kMinChunk = 5 * 1024 * 1024; // 5 MB read as MiB (the larger minimum)
constexpr std::int64_t kMaxChunk = 64'000'000; // 64 MB read as 10^6 (the smaller maximum)
constexpr std::int64_t kMaxLastChunk = 128'000'000;
constexpr std::int64_t kMaxVideo = 4'000'000'000; // 4 GB read as 10^9
constexpr std::int64_t kMaxChunks = 1000;
constexpr std::size_t kMaxTitleUtf16 = 2200;

bool isJsonRequest(const httplib::Request &req)
{
    return Util::toLower(req.get_header_value("Content-Type")).rfind("application/json", 0) == 0;
}
} // namespace

std::vector<std::string> SandboxServer::Impl::privacyOptions(
    const SandboxCreator &c, const SandboxClientApp &app) const
{
    if (!app.audited && m_config.unauditedSelfOnlyOptions)
        return { "SELF_ONLY" };
    if (c.privateAccount)
        return { "FOLLOWER_OF_CREATOR", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY" };
    return { "PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY" };
}

bool SandboxServer::Impl::activeUserCapReached(
    const SandboxClientApp &app, const std::string &openId) const
{
    std::set<std::string> active;
    const std::int64_t since = now() - kDayMs;
    for (const auto &[id, p] : m_publishes) {
        if (p.clientKey != app.clientKey || p.createdMs <= since)
            continue;
        if (p.kind == "inbox" && !m_config.inboxCountsActiveUsers)
            continue;
        active.insert(p.openId);
    }
    return !active.count(openId) && static_cast<int>(active.size()) >= app.activeUserCap;
}

void SandboxServer::Impl::handleCreatorInfo(
    const httplib::Request &req, httplib::Response &res, LogCtx &ctx)
{
    std::lock_guard lock(m_mutex);
    const int grant = authenticate(req, res, ctx);
    if (grant < 0)
        return;
    if (!hasScope(grant, "video.publish"))
        return sendApiError(res, ctx, 401, "scope_not_authorized",
            "The user did not authorize the scope required for completing this request.");
    if (!rateLimit(res, ctx, "creator_info", m_config.rateCreatorInfoPerMin))
        return;
    const Grant &g = m_grants.at(static_cast<std::size_t>(grant));
    const SandboxCreator *c = findCreator(g.creator);
    const SandboxClientApp *app = findClient(g.clientKey);
    if (!c || !app)
        return sendApiError(res, ctx, 500, "internal_error", "Unknown creator.");
    // "Cannot post now" arrives with HTTP 200, intentionally [CI].
    std::string cannot = c->cannotPost;
    if (cannot.empty() && activeUserCapReached(*app, g.openId))
        cannot = "reached_active_user_cap";
    if (!cannot.empty()) {
        sendApiError(res, ctx, 200, cannot,
            cannot == "reached_active_user_cap"
                ? "The daily quota of active publishing users of this client has been reached."
                : "This creator cannot make more posts via the API at this moment.");
        return;
    }
    sendApiOk(res, ctx,
        { { "creator_avatar_url", selfUrl() + "/_sandbox/avatar/" + c->username + ".png" },
            { "creator_username", c->username }, { "creator_nickname", c->nickname },
            { "privacy_level_options", privacyOptions(*c, *app) },
            { "comment_disabled", c->commentDisabled },
            { "duet_disabled", c->duetDisabled || c->privateAccount },
            { "stitch_disabled", c->stitchDisabled || c->privateAccount },
            { "max_video_post_duration_sec", c->maxVideoPostDurationSec } });
}

void SandboxServer::Impl::handleInit(
    const httplib::Request &req, httplib::Response &res, LogCtx &ctx, bool inbox)
{
    std::lock_guard lock(m_mutex);
    const int grant = authenticate(req, res, ctx);
    if (grant < 0)
        return;
    if (!hasScope(grant, inbox ? "video.upload" : "video.publish"))
        return sendApiError(res, ctx, 401, "scope_not_authorized",
            "The user did not authorize the scope required for completing this request.");
    if (!rateLimit(res, ctx, inbox ? "inbox_init" : "video_init",
            inbox ? m_config.rateInboxInitPerMin : m_config.rateVideoInitPerMin))
        return;
    const Grant &g = m_grants.at(static_cast<std::size_t>(grant));
    const SandboxCreator *creator = findCreator(g.creator);
    const SandboxClientApp *app = findClient(g.clientKey);
    if (!creator || !app)
        return sendApiError(res, ctx, 500, "internal_error", "Unknown creator.");
    auto reject = [&](int status, const std::string &code, const std::string &message) {
        ++m_rejectedInits[creator->username][code];
        sendApiError(res, ctx, status, code, message);
        saveStateLocked();
    };
    const std::string &bad = m_config.invalidParamsCode;
    if (!isJsonRequest(req))
        return reject(400, bad, "Content-Type must be application/json; charset=UTF-8.");
    const Json body = Json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object())
        return reject(400, bad, "The request body is not a JSON object.");

    // ---- source_info ----
    const auto si = body.find("source_info");
    if (si == body.end() || !si->is_object())
        return reject(400, bad, "source_info is required.");
    const std::string source = si->value("source", std::string());
    std::int64_t videoSize = 0, chunkSize = 0, totalChunks = 0;
    std::string videoUrl;
    if (source == "FILE_UPLOAD") {
        for (const char *k : { "video_size", "chunk_size", "total_chunk_count" }) {
            if (!si->contains(k) || !si->at(k).is_number_integer())
                return reject(400, bad, std::string(k) + " is required for FILE_UPLOAD.");
        }
        videoSize = si->at("video_size").get<std::int64_t>();
        chunkSize = si->at("chunk_size").get<std::int64_t>();
        totalChunks = si->at("total_chunk_count").get<std::int64_t>();
        if (videoSize <= 0 || videoSize > kMaxVideo)
            return reject(400, bad, "The video size is invalid.");
        if (chunkSize <= 0 || chunkSize > videoSize)
            return reject(400, bad, "The chunk size is invalid.");
        if (videoSize < kMinChunk && chunkSize != videoSize)
            return reject(400, bad, "The chunk size is invalid."); // small files go whole
        if (videoSize >= kMinChunk && chunkSize != videoSize
            && (chunkSize < kMinChunk || chunkSize > kMaxChunk))
            return reject(400, bad, "The chunk size is invalid.");
        if (chunkSize == videoSize && videoSize > kMaxChunk)
            return reject(400, bad, "The chunk size is invalid."); // large files must be chunked
        if (totalChunks != videoSize / chunkSize || totalChunks < 1 || totalChunks > kMaxChunks)
            return reject(400, bad, "The total chunk count is invalid.");
        if (totalChunks == 1 && videoSize > kMaxChunk)
            return reject(400, bad, "The total chunk count is invalid.");
        if (videoSize - (totalChunks - 1) * chunkSize > kMaxLastChunk)
            return reject(400, bad, "The chunk size is invalid.");
    } else if (source == "PULL_FROM_URL") {
        videoUrl = si->value("video_url", std::string());
        if (videoUrl.rfind("https://", 0) != 0)
            return reject(400, bad, "video_url must be an https URL.");
        const bool verified =
            std::any_of(m_config.verifiedUrlPrefixes.begin(), m_config.verifiedUrlPrefixes.end(),
                [&videoUrl](const std::string &p) { return videoUrl.rfind(p, 0) == 0; });
        if (!verified)
            return reject(403, "url_ownership_unverified",
                "The domain or URL prefix of video_url is not verified.");
    } else {
        return reject(400, bad, "source must be FILE_UPLOAD or PULL_FROM_URL.");
    }

    // ---- post_info (Direct Post; the inbox endpoint ignores it, UNCONFIRMED) ----
    Json postInfo = Json::object();
    std::string privacy;
    const auto pi = body.find("post_info");
    if (pi != body.end() && !pi->is_object())
        return reject(400, bad, "post_info must be an object.");
    if (pi != body.end())
        postInfo = *pi;
    if (!inbox) {
        if (pi == body.end())
            return reject(
                403, "privacy_level_option_mismatch", "post_info.privacy_level is required.");
        if (pi->contains("title")) {
            if (!pi->at("title").is_string())
                return reject(400, bad, "title must be a string.");
            const auto units = Util::utf16Length(pi->at("title").get<std::string>());
            if (!units)
                return reject(400, bad, "title is not valid UTF-8.");
            if (*units > kMaxTitleUtf16)
                return reject(400, bad, "title is longer than 2200 UTF-16 runes.");
        }
        for (const char *k : { "disable_duet", "disable_stitch", "disable_comment",
                 "brand_content_toggle", "brand_organic_toggle", "is_aigc" }) {
            if (pi->contains(k) && !pi->at(k).is_boolean())
                return reject(400, bad, std::string(k) + " must be a boolean.");
        }
        if (pi->contains("video_cover_timestamp_ms")
            && !pi->at("video_cover_timestamp_ms").is_number_integer())
            return reject(400, bad, "video_cover_timestamp_ms must be an integer.");
        if (m_config.requireBrandContentToggle && !pi->contains("brand_content_toggle"))
            return reject(400, bad, "brand_content_toggle is required.");
        if (pi->contains("privacy_level") && !pi->at("privacy_level").is_string())
            return reject(403, "privacy_level_option_mismatch", "privacy_level must be a string.");
        privacy = pi->value("privacy_level", std::string());
    }

    // ---- who may post ----
    if (!creator->cannotPost.empty())
        return reject(403, creator->cannotPost, "This creator cannot post via the API right now.");
    if (!inbox && !app->audited && !creator->privateAccount)
        return reject(403, "unaudited_client_can_only_post_to_private_accounts",
            "Unaudited clients can only post to a private account.");
    if (!inbox) {
        const auto options = privacyOptions(*creator, *app);
        const bool allowed = std::find(options.begin(), options.end(), privacy) != options.end()
            && (app->audited || privacy == "SELF_ONLY");
        if (!allowed)
            return reject(403, "privacy_level_option_mismatch",
                "privacy_level is not one of the creator's privacy_level_options.");
        if (m_config.brandedContentMustBeVisible && privacy == "SELF_ONLY"
            && pi->value("brand_content_toggle", false))
            return reject(400, bad, "Branded content visibility cannot be set to private.");
    }
    if ((!inbox || m_config.inboxCountsActiveUsers) && activeUserCapReached(*app, g.openId))
        return reject(403, "reached_active_user_cap",
            "The daily quota of active publishing users of this client has been reached.");
    const std::int64_t t = now();
    if (!inbox) {
        int posts = 0;
        for (const auto &[id, p] : m_publishes)
            posts +=
                p.kind == "direct" && p.creator == creator->username && p.createdMs > t - kDayMs;
        if (posts >= creator->dailyPostCap)
            return reject(403, "spam_risk_too_many_posts",
                "The creator reached the daily post cap of the API.");
    } else {
        int pending = 0;
        for (const auto &[id, p] : m_publishes) {
            if (p.kind != "inbox" || p.creator != creator->username || p.createdMs <= t - kDayMs)
                continue;
            const std::string st = statusOf(p, t).value("status", std::string());
            pending += st != "PUBLISH_COMPLETE" && st != "FAILED";
        }
        if (pending >= m_config.inboxPendingCap)
            return reject(403, "spam_risk_too_many_pending_share",
                "The creator has too many pending shares in the last 24 hours.");
    }

    // ---- accepted ----
    Publish p;
    const std::string number =
        std::to_string(Util::randomInt(100000000000000000LL, 999999999999999999LL));
    p.kind = inbox ? "inbox" : "direct";
    p.source = source;
    p.publishId = source == "PULL_FROM_URL" ? (inbox ? "v_inbox_url~v2." : "v_pub_url~v2.") + number
        : inbox                             ? "v_inbox_file~v2." + number
                                            : "v_pub_file~v2-1." + number;
    p.clientKey = app->clientKey;
    p.creator = creator->username;
    p.openId = g.openId;
    p.grant = grant;
    p.createdMs = t;
    p.videoSize = videoSize;
    p.chunkSize = chunkSize;
    p.totalChunks = totalChunks;
    p.videoUrl = videoUrl;
    p.postInfo = postInfo;
    if (inbox && !postInfo.empty())
        p.postInfo["ignored_by_inbox"] = true;
    p.privacy = privacy;
    p.processingMs = m_config.processingMs;
    p.moderationMs = m_config.moderationMs;
    p.inboxPostsAfterMs = m_config.inboxUserPostsAfterMs;
    // Post ids are int64 above 2^53: a double-based JSON parser corrupts them.
    p.postId = Util::randomInt((1LL << 53) + 1, 7999999999999999999LL);
    if (source == "PULL_FROM_URL") {
        p.injectedFailReason = m_faults.failReason;
        p.neverComplete = m_faults.neverComplete;
    }
    Json data = { { "publish_id", p.publishId } };
    if (source == "FILE_UPLOAD") {
        p.uploadId = std::to_string(Util::randomInt(1000000000000000000LL, 9199999999999999999LL));
        p.uploadToken = Util::randomToken(32);
        p.uploadUrlExpiresMs = t + m_config.uploadUrlTtlSec * 1000;
        p.upload = std::make_shared<Upload>();
        p.upload->path = m_uploadDir + "/" + p.uploadId + ".upload";
        data["upload_url"] =
            selfUrl() + "/video/?upload_id=" + p.uploadId + "&upload_token=" + p.uploadToken;
        m_uploadIds[p.uploadId] = p.publishId;
    }
    ctx.publishId = p.publishId;
    m_publishOrder.push_back(p.publishId);
    m_publishes.emplace(p.publishId, std::move(p));
    sendApiOk(res, ctx, data);
    persistSummary();
    saveStateLocked();
}

Json SandboxServer::Impl::statusOf(const Publish &p, std::int64_t t) const
{
    if (p.failedMs >= 0 && p.failedMs <= t)
        return { { "status", "FAILED" }, { "fail_reason", p.failReason } };
    const bool pull = p.source == "PULL_FROM_URL";
    const char *waiting = pull ? "PROCESSING_DOWNLOAD" : "PROCESSING_UPLOAD";
    Json d = Json::object();
    if (!pull)
        d["uploaded_bytes"] = p.upload ? p.upload->committed : 0;
    else
        d["downloaded_bytes"] = 0;
    d["publicaly_available_post_id"] = Json::array();
    const std::int64_t done = pull ? p.createdMs + m_config.downloadMs : p.uploadCompletedMs;
    if ((!pull && done < 0) || t < done) {
        d["status"] = waiting;
        return d;
    }
    if (pull)
        d["downloaded_bytes"] = 1;
    if (p.neverComplete || t < done + p.processingMs) {
        d["status"] = pull ? "PROCESSING_DOWNLOAD" : "PROCESSING_UPLOAD";
        return d;
    }
    if (!p.injectedFailReason.empty())
        return { { "status", "FAILED" }, { "fail_reason", p.injectedFailReason } };
    const std::int64_t ready = done + p.processingMs;
    if (p.kind == "direct") {
        d["status"] = "PUBLISH_COMPLETE";
        // Only public posts get an id, and only once moderation is over.
        if (p.privacy == "PUBLIC_TO_EVERYONE" && t >= ready + p.moderationMs)
            d["publicaly_available_post_id"] = Json::array({ p.postId });
        return d;
    }
    const bool posted = (p.inboxPostedMs >= 0 && p.inboxPostedMs <= t)
        || (p.inboxPostsAfterMs >= 0 && t >= ready + p.inboxPostsAfterMs);
    d["status"] = posted ? "PUBLISH_COMPLETE" : "SEND_TO_USER_INBOX";
    if (posted)
        d["publicaly_available_post_id"] = Json::array({ p.postId });
    return d;
}

int SandboxServer::Impl::authenticatePosting(
    const httplib::Request &req, httplib::Response &res, LogCtx &ctx)
{
    // Status and cancel need a token with one of the posting scopes.
    const int grant = authenticate(req, res, ctx);
    if (grant < 0)
        return -1;
    if (!hasScope(grant, "video.publish") && !hasScope(grant, "video.upload")) {
        sendApiError(res, ctx, 401, "scope_not_authorized",
            "The user did not authorize the scope required for completing this request.");
        return -1;
    }
    return grant;
}

void SandboxServer::Impl::handleStatus(
    const httplib::Request &req, httplib::Response &res, LogCtx &ctx)
{
    std::lock_guard lock(m_mutex);
    const int grant = authenticatePosting(req, res, ctx);
    if (grant < 0)
        return;
    if (!rateLimit(res, ctx, "status", m_config.rateStatusPerMin))
        return;
    const Publish *p = publishOfRequest(req, res, ctx, grant);
    if (!p)
        return;
    sendApiOk(res, ctx, statusOf(*p, now()));
}

Publish *SandboxServer::Impl::publishOfRequest(
    const httplib::Request &req, httplib::Response &res, LogCtx &ctx, int grant)
{
    // The JSON body's publish_id, which must exist and belong to the token's user and client.
    if (!isJsonRequest(req)) {
        sendApiError(res, ctx, 400, m_config.invalidParamsCode,
            "Content-Type must be application/json; charset=UTF-8.");
        return nullptr;
    }
    const Json body = Json::parse(req.body, nullptr, false);
    const std::string id =
        body.is_object() && body.contains("publish_id") && body["publish_id"].is_string()
        ? body["publish_id"].get<std::string>()
        : std::string();
    ctx.publishId = id;
    const auto it = m_publishes.find(id);
    if (it == m_publishes.end()) {
        sendApiError(res, ctx, 400, "invalid_publish_id", "The publish_id is invalid.");
        return nullptr;
    }
    const Grant &g = m_grants.at(static_cast<std::size_t>(grant));
    if (it->second.openId != g.openId || it->second.clientKey != g.clientKey) {
        sendApiError(res, ctx, 400, "token_not_authorized_for_specified_publish_id",
            "The access token is not authorized for this publish_id.");
        return nullptr;
    }
    return &it->second;
}

void SandboxServer::Impl::handleCancel(
    const httplib::Request &req, httplib::Response &res, LogCtx &ctx)
{
    std::lock_guard lock(m_mutex);
    const int grant = authenticatePosting(req, res, ctx);
    if (grant < 0)
        return;
    Publish *found = publishOfRequest(req, res, ctx, grant);
    if (!found)
        return;
    Publish &p = *found;
    // Only an ongoing PULL_FROM_URL download can be cancelled [MT].
    if (p.source != "PULL_FROM_URL"
        || statusOf(p, now()).value("status", std::string()) != "PROCESSING_DOWNLOAD")
        return sendApiError(
            res, ctx, 400, "publish_not_cancellable", "This publish cannot be cancelled.");
    p.failedMs = now();
    p.failReason = "publish_cancelled";
    sendApiOk(res, ctx, Json::object());
    persistSummary();
    saveStateLocked();
}

} // namespace Cuepoint::Sandbox
