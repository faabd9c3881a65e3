// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxImpl.h"
#include "SandboxServer.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <set>
#include <stdexcept>

namespace Cuepoint::Sandbox {

namespace {
using Json = nlohmann::json;

const std::vector<std::string> kAllScopes = { "user.info.basic", "user.info.profile",
    "user.info.stats", "video.publish", "video.upload", "video.list" };

SandboxCreator creator(std::string username, std::string nickname, bool privateAccount)
{
    SandboxCreator c;
    c.username = std::move(username);
    c.nickname = std::move(nickname);
    c.privateAccount = privateAccount;
    return c;
}

// A config typo must not silently fall back to a default, so unknown keys are errors.
void checkKeys(const Json &obj, const std::set<std::string> &allowed, const std::string &where)
{
    if (!obj.is_object())
        throw std::invalid_argument(where + " must be a JSON object");
    for (const auto &item : obj.items()) {
        if (!allowed.count(item.key()))
            throw std::invalid_argument("unknown key \"" + item.key() + "\" in " + where);
    }
}

template<typename T> void read(const Json &obj, const char *key, T &out, const std::string &where)
{
    const auto it = obj.find(key);
    if (it == obj.end())
        return;
    try {
        out = it->get<T>();
    } catch (const Json::exception &) {
        throw std::invalid_argument(where + "." + key + " has the wrong type");
    }
}

SandboxCreator parseCreator(const Json &j)
{
    checkKeys(j,
        { "username", "nickname", "open_id", "private_account", "comment_disabled", "duet_disabled",
            "stitch_disabled", "max_video_post_duration_sec", "cannot_post", "daily_post_cap",
            "sandbox_target", "bio", "verified", "follower_count" },
        "creator");
    SandboxCreator c;
    read(j, "username", c.username, "creator");
    if (c.username.empty())
        throw std::invalid_argument("every creator needs a username");
    c.nickname = c.username;
    read(j, "nickname", c.nickname, "creator");
    read(j, "open_id", c.openId, "creator");
    read(j, "private_account", c.privateAccount, "creator");
    read(j, "comment_disabled", c.commentDisabled, "creator");
    read(j, "duet_disabled", c.duetDisabled, "creator");
    read(j, "stitch_disabled", c.stitchDisabled, "creator");
    read(j, "max_video_post_duration_sec", c.maxVideoPostDurationSec, "creator");
    read(j, "cannot_post", c.cannotPost, "creator");
    read(j, "daily_post_cap", c.dailyPostCap, "creator");
    read(j, "sandbox_target", c.sandboxTarget, "creator");
    read(j, "bio", c.bio, "creator");
    read(j, "verified", c.verified, "creator");
    read(j, "follower_count", c.followerCount, "creator");
    static const std::set<std::string> kCannot = { "", "spam_risk_too_many_posts",
        "spam_risk_user_banned_from_posting", "reached_active_user_cap" };
    if (!kCannot.count(c.cannotPost))
        throw std::invalid_argument("creator " + c.username + ": unknown cannot_post value");
    return c;
}

SandboxClientApp parseClient(const Json &j)
{
    checkKeys(j,
        { "client_key", "client_secret", "redirect_uris", "scopes", "audited", "active_user_cap" },
        "client");
    SandboxClientApp a;
    a.redirectUris = { "http://127.0.0.1:*/callback/" };
    a.scopes = kAllScopes;
    read(j, "client_key", a.clientKey, "client");
    read(j, "client_secret", a.clientSecret, "client");
    read(j, "redirect_uris", a.redirectUris, "client");
    read(j, "scopes", a.scopes, "client");
    read(j, "audited", a.audited, "client");
    a.activeUserCap = a.audited ? 500 : 5;
    read(j, "active_user_cap", a.activeUserCap, "client");
    if (a.clientKey.empty() || a.clientSecret.empty())
        throw std::invalid_argument("every client needs client_key and client_secret");
    if (a.redirectUris.empty() || a.redirectUris.size() > 10)
        throw std::invalid_argument("a client registers 1 to 10 redirect URIs");
    return a;
}
} // namespace

void applyCreatorChanges(SandboxCreator &c, const Json &changes)
{
    c.privateAccount = changes.value("private_account", c.privateAccount);
    c.commentDisabled = changes.value("comment_disabled", c.commentDisabled);
    c.duetDisabled = changes.value("duet_disabled", c.duetDisabled);
    c.stitchDisabled = changes.value("stitch_disabled", c.stitchDisabled);
    c.maxVideoPostDurationSec =
        changes.value("max_video_post_duration_sec", c.maxVideoPostDurationSec);
    c.cannotPost = changes.value("cannot_post", c.cannotPost);
    c.dailyPostCap = changes.value("daily_post_cap", c.dailyPostCap);
}

Json changeableFieldsOf(const SandboxCreator &c)
{
    return { { "private_account", c.privateAccount }, { "comment_disabled", c.commentDisabled },
        { "duet_disabled", c.duetDisabled }, { "stitch_disabled", c.stitchDisabled },
        { "max_video_post_duration_sec", c.maxVideoPostDurationSec },
        { "cannot_post", c.cannotPost }, { "daily_post_cap", c.dailyPostCap } };
}

SandboxConfig SandboxConfig::defaults()
{
    SandboxConfig c;
    SandboxClientApp unaudited;
    unaudited.clientKey = "sandbox-client";
    unaudited.clientSecret = "sandbox-secret";
    unaudited.redirectUris = { "http://127.0.0.1:*/callback/", "http://localhost:*/callback/" };
    unaudited.scopes = kAllScopes;
    unaudited.audited = false;
    unaudited.activeUserCap = 5;
    SandboxClientApp audited = unaudited;
    audited.clientKey = "sandbox-audited";
    audited.clientSecret = "sandbox-audited-secret";
    audited.audited = true;
    audited.activeUserCap = 500;
    c.clients = { unaudited, audited };

    // A private account works with the unaudited default client; the public ones need
    // "sandbox-audited" (or --audited) for Direct Post, exactly like TikTok.
    SandboxCreator priv = creator("sandbox_creator", "Sandbox Creator", true);
    priv.duetDisabled = true; // private accounts: duet and stitch are off (creator_info docs)
    priv.stitchDisabled = true;
    priv.bio = "The default sandbox account (private).";
    SandboxCreator pub = creator("sandbox_public", "Sandbox Public", false);
    pub.maxVideoPostDurationSec = 600;
    pub.verified = true;
    pub.followerCount = 120345;
    SandboxCreator restricted = creator("sandbox_restricted", "Sandbox Restricted", false);
    restricted.commentDisabled = true;
    restricted.duetDisabled = true;
    restricted.stitchDisabled = true;
    restricted.maxVideoPostDurationSec = 60;
    SandboxCreator capped = creator("sandbox_capped", "Sandbox Capped", true);
    capped.cannotPost = "spam_risk_too_many_posts";
    SandboxCreator banned = creator("sandbox_banned", "Sandbox Banned", true);
    banned.cannotPost = "spam_risk_user_banned_from_posting";
    SandboxCreator outsider = creator("sandbox_outsider", "Not A Target", true);
    outsider.sandboxTarget = false;
    c.creators = { priv, pub, restricted, capped, banned, outsider };
    c.defaultCreator = "sandbox_creator";
    return c;
}

SandboxConfig SandboxConfig::fromJson(const nlohmann::json &doc, SandboxConfig base)
{
    checkKeys(doc,
        { "clients", "creators", "default_creator", "audited", "tokens", "oauth_error_http_status",
            "invalid_params_code", "require_brand_content_toggle",
            "branded_content_must_be_visible", "user_info_missing_scope_is_error",
            "unaudited_self_only_options", "inbox_counts_active_users", "delays",
            "upload_url_ttl_sec", "inbox_pending_cap", "verified_url_prefixes", "rate_limits" },
        "config");
    SandboxConfig c = std::move(base);
    if (doc.contains("clients")) {
        c.clients.clear();
        for (const auto &j : doc.at("clients"))
            c.clients.push_back(parseClient(j));
    }
    if (doc.contains("creators")) {
        c.creators.clear();
        for (const auto &j : doc.at("creators"))
            c.creators.push_back(parseCreator(j));
        c.defaultCreator = c.creators.empty() ? std::string() : c.creators.front().username;
    }
    read(doc, "default_creator", c.defaultCreator, "config");
    if (doc.contains("audited")) {
        bool audited = false;
        read(doc, "audited", audited, "config");
        for (auto &client : c.clients) {
            client.audited = audited;
            client.activeUserCap = audited ? 500 : 5;
        }
    }
    if (doc.contains("tokens")) {
        const Json &t = doc.at("tokens");
        checkKeys(t,
            { "access_ttl_sec", "refresh_ttl_sec", "code_ttl_sec", "rotate_refresh",
                "old_refresh_valid_after_rotation" },
            "tokens");
        read(t, "access_ttl_sec", c.accessTokenTtlSec, "tokens");
        read(t, "refresh_ttl_sec", c.refreshTokenTtlSec, "tokens");
        read(t, "code_ttl_sec", c.codeTtlSec, "tokens");
        read(t, "rotate_refresh", c.rotateRefreshTokens, "tokens");
        read(t, "old_refresh_valid_after_rotation", c.oldRefreshTokenValidAfterRotation, "tokens");
    }
    read(doc, "oauth_error_http_status", c.oauthErrorHttpStatus, "config");
    if (c.oauthErrorHttpStatus != 200 && c.oauthErrorHttpStatus != 400)
        throw std::invalid_argument("oauth_error_http_status must be 200 or 400");
    read(doc, "invalid_params_code", c.invalidParamsCode, "config");
    if (c.invalidParamsCode != "invalid_params" && c.invalidParamsCode != "invalid_param")
        throw std::invalid_argument("invalid_params_code must be invalid_params or invalid_param");
    read(doc, "require_brand_content_toggle", c.requireBrandContentToggle, "config");
    read(doc, "branded_content_must_be_visible", c.brandedContentMustBeVisible, "config");
    read(doc, "user_info_missing_scope_is_error", c.userInfoMissingScopeIsError, "config");
    read(doc, "unaudited_self_only_options", c.unauditedSelfOnlyOptions, "config");
    read(doc, "inbox_counts_active_users", c.inboxCountsActiveUsers, "config");
    if (doc.contains("delays")) {
        const Json &d = doc.at("delays");
        checkKeys(d,
            { "processing_ms", "moderation_ms", "inbox_user_posts_after_ms", "download_ms" },
            "delays");
        read(d, "processing_ms", c.processingMs, "delays");
        read(d, "moderation_ms", c.moderationMs, "delays");
        read(d, "inbox_user_posts_after_ms", c.inboxUserPostsAfterMs, "delays");
        read(d, "download_ms", c.downloadMs, "delays");
    }
    read(doc, "upload_url_ttl_sec", c.uploadUrlTtlSec, "config");
    read(doc, "inbox_pending_cap", c.inboxPendingCap, "config");
    read(doc, "verified_url_prefixes", c.verifiedUrlPrefixes, "config");
    if (doc.contains("rate_limits")) {
        const Json &r = doc.at("rate_limits");
        checkKeys(r, { "creator_info", "video_init", "inbox_init", "status", "user_info" },
            "rate_limits");
        read(r, "creator_info", c.rateCreatorInfoPerMin, "rate_limits");
        read(r, "video_init", c.rateVideoInitPerMin, "rate_limits");
        read(r, "inbox_init", c.rateInboxInitPerMin, "rate_limits");
        read(r, "status", c.rateStatusPerMin, "rate_limits");
        read(r, "user_info", c.rateUserInfoPerMin, "rate_limits");
    }
    if (c.clients.empty())
        throw std::invalid_argument("the config registers no client app");
    bool found = false;
    for (const auto &cr : c.creators)
        found = found || cr.username == c.defaultCreator;
    if (!found)
        throw std::invalid_argument(
            "default_creator \"" + c.defaultCreator + "\" is not a creator");
    return c;
}

bool isLoopbackHost(const std::string &host)
{
    if (host == "localhost")
        return true;
    in_addr v4 {};
    if (inet_pton(AF_INET, host.c_str(), &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6 {};
    if (inet_pton(AF_INET6, host.c_str(), &v6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&v6);
    return false;
}

} // namespace Cuepoint::Sandbox
