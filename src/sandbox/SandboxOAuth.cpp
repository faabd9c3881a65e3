// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Login Kit for desktop: the authorize page, the token/refresh/revoke endpoints and user info
// (tiktok-api.md §1, §9).
#include "SandboxImpl.h"

#include <algorithm>

namespace Cuepoint::Sandbox {

namespace {

struct Uri
{
    std::string scheme;
    std::string host;
    std::string port; ///< as written; "*" for the registered wildcard
    std::string path;
    bool hasQuery = false;
    bool hasFragment = false;
};

std::optional<Uri> parseUri(const std::string &s)
{
    Uri u;
    const auto schemeEnd = s.find("://");
    if (schemeEnd == std::string::npos)
        return std::nullopt;
    u.scheme = Util::toLower(s.substr(0, schemeEnd));
    std::string rest = s.substr(schemeEnd + 3);
    const auto frag = rest.find('#');
    if (frag != std::string::npos) {
        u.hasFragment = true;
        rest = rest.substr(0, frag);
    }
    const auto query = rest.find('?');
    if (query != std::string::npos) {
        u.hasQuery = true;
        rest = rest.substr(0, query);
    }
    const auto slash = rest.find('/');
    const std::string authority = rest.substr(0, slash);
    u.path = slash == std::string::npos ? std::string() : rest.substr(slash);
    if (authority.find('@') != std::string::npos)
        return std::nullopt;
    const auto colon = authority.rfind(':');
    if (colon == std::string::npos) {
        u.host = Util::toLower(authority);
    } else {
        u.host = Util::toLower(authority.substr(0, colon));
        u.port = authority.substr(colon + 1);
    }
    return u;
}

/// Desktop redirect rules [DESK]: absolute http(s), loopback host, explicit port, static.
std::string redirectProblem(const std::string &s)
{
    if (s.size() >= 512)
        return "redirect_uri must be shorter than 512 characters";
    const auto u = parseUri(s);
    if (!u || (u->scheme != "http" && u->scheme != "https"))
        return "redirect_uri must be an absolute http or https URL";
    if (u->hasQuery || u->hasFragment)
        return "redirect_uri must not carry a query or a fragment";
    if (u->host != "127.0.0.1" && u->host != "localhost")
        return "redirect_uri host must be localhost or 127.0.0.1";
    const auto port = Util::parseInt64(u->port);
    if (!port || *port < 1 || *port > 65535)
        return "redirect_uri must name a port";
    return {};
}

bool matchesRegistered(const std::string &registered, const std::string &actual)
{
    const auto r = parseUri(registered);
    const auto a = parseUri(actual);
    if (!r || !a)
        return false;
    return r->scheme == a->scheme && r->host == a->host && r->path == a->path
        && (r->port == "*" || r->port == a->port);
}

bool validVerifier(const std::string &v)
{
    if (v.size() < 43 || v.size() > 128)
        return false;
    return std::all_of(v.begin(), v.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
            || c == '-' || c == '.' || c == '_' || c == '~';
    });
}

void errorPage(
    httplib::Response &res, LogCtx &ctx, const std::string &error, const std::string &description)
{
    // Like TikTok's "Something went wrong" page: no redirect when the client or the
    // redirect_uri cannot be trusted.
    ctx.errorCode = error;
    res.status = 400;
    res.set_content("<!doctype html><title>Something went wrong</title><h1>Something went "
                    "wrong</h1><p>error="
            + error + "</p><p>" + description + "</p>",
        "text/html; charset=UTF-8");
}

std::string param(const std::multimap<std::string, std::string> &form, const std::string &key)
{
    const auto it = form.find(key);
    return it == form.end() ? std::string() : it->second;
}

std::string tokenWithBang(const char *prefix)
{
    // TikTok's tokens contain '.', '!' and '*': clients must form-encode them.
    return std::string(prefix) + Util::randomToken(48) + "!"
        + std::to_string(Util::randomInt(1000, 9999));
}

const std::map<std::string, std::string> kUserFieldScopes = {
    { "open_id", "user.info.basic" },
    { "union_id", "user.info.basic" },
    { "avatar_url", "user.info.basic" },
    { "avatar_url_100", "user.info.basic" },
    { "avatar_large_url", "user.info.basic" },
    { "display_name", "user.info.basic" },
    { "username", "user.info.profile" },
    { "bio_description", "user.info.profile" },
    { "profile_deep_link", "user.info.profile" },
    { "is_verified", "user.info.profile" },
    { "follower_count", "user.info.stats" },
    { "following_count", "user.info.stats" },
    { "likes_count", "user.info.stats" },
    { "video_count", "user.info.stats" },
};
} // namespace

void SandboxServer::Impl::handleAuthorize(
    const httplib::Request &req, httplib::Response &res, LogCtx &ctx)
{
    const auto q = [&req](const char *k) { return req.get_param_value(k); };
    std::lock_guard lock(m_mutex);
    const SandboxClientApp *app = findClient(q("client_key"));
    if (!app)
        return errorPage(res, ctx, "client_key", "The client_key is missing or unknown.");
    const std::string redirect = q("redirect_uri");
    if (redirect.empty())
        return errorPage(res, ctx, "redirect_uri", "redirect_uri is required.");
    if (const std::string problem = redirectProblem(redirect); !problem.empty())
        return errorPage(res, ctx, "redirect_uri", problem);
    const bool registered = std::any_of(app->redirectUris.begin(), app->redirectUris.end(),
        [&redirect](const std::string &r) { return matchesRegistered(r, redirect); });
    if (!registered)
        return errorPage(res, ctx, "redirect_uri", "redirect_uri is not registered for this app.");

    const std::string state = q("state");
    auto redirectWith = [&](const std::vector<std::pair<std::string, std::string>> &params) {
        std::string url = redirect + "?";
        bool first = true;
        for (const auto &[k, v] : params) {
            url += (first ? "" : "&") + k + "=" + Util::formEncode(v);
            first = false;
        }
        if (!state.empty())
            url += "&state=" + Util::formEncode(state);
        res.status = 302;
        res.set_header("Location", url);
        res.set_content("Redirecting", "text/plain");
    };
    auto redirectError = [&](const std::string &error, const std::string &description) {
        ctx.errorCode = error;
        redirectWith({ { "error", error }, { "error_description", description } });
    };

    if (q("response_type") != "code")
        return redirectError("unsupported_response_type", "response_type must be code.");
    if (q("code_challenge").empty())
        return redirectError("invalid_request", "code_challenge is required.");
    if (q("code_challenge_method") != "S256")
        return redirectError("invalid_request", "code_challenge_method must be S256.");
    const auto requested = Util::split(q("scope"), ',');
    if (q("scope").empty())
        return redirectError("invalid_scope", "scope is required.");
    for (const auto &s : requested) {
        if (std::find(app->scopes.begin(), app->scopes.end(), s) == app->scopes.end())
            return redirectError(
                "invalid_scope", "The scope " + s + " is not authorized for this app.");
    }
    const std::string user =
        req.has_param("sandbox_user") ? q("sandbox_user") : m_config.defaultCreator;
    const SandboxCreator *creator = findCreator(user);
    if (!creator)
        return errorPage(res, ctx, "sandbox_user", "No sandbox creator named " + user + ".");
    if (!creator->sandboxTarget)
        return redirectError(
            "non_sandbox_target", "The account is not a target user of this sandbox.");
    if (q("sandbox_deny") == "1")
        return redirectError("access_denied", "The user denied the authorization request.");

    std::vector<std::string> granted = requested;
    if (req.has_param("sandbox_grant")) {
        // The user unticks toggleable scopes: grant only those listed (and requested).
        const auto allowed = Util::split(q("sandbox_grant"), ',');
        granted.clear();
        for (const auto &s : requested) {
            if (std::find(allowed.begin(), allowed.end(), s) != allowed.end())
                granted.push_back(s);
        }
    }
    AuthCode code;
    code.clientKey = app->clientKey;
    code.redirectUri = redirect;
    code.codeChallenge = q("code_challenge");
    code.creator = creator->username;
    code.scopes = granted;
    code.expiresMs = now() + m_config.codeTtlSec * 1000;
    const std::string value = Util::randomToken(40) + "*!" + Util::randomToken(6);
    m_codes[value] = code;
    ctx.openId = openIdOf(*creator);
    ctx.errorCode = "ok";
    redirectWith({ { "code", value }, { "scopes", Util::join(granted, ',') } });
}

Json SandboxServer::Impl::issueLocked(int grantIndex)
{
    const Grant &g = m_grants.at(static_cast<std::size_t>(grantIndex));
    const std::int64_t t = now();
    const std::int64_t ttl =
        m_faults.tokenTtlSec >= 0 ? m_faults.tokenTtlSec : m_config.accessTokenTtlSec;
    const std::string access = tokenWithBang("act.");
    const std::string refresh = tokenWithBang("rft.");
    m_access[access] = { grantIndex, t + ttl * 1000, true };
    m_refresh[refresh] = { grantIndex, g.refreshExpiresMs, true };
    return { { "open_id", g.openId }, { "scope", Util::join(g.scopes, ',') },
        { "access_token", access }, { "expires_in", ttl }, { "refresh_token", refresh },
        { "refresh_expires_in", std::max<std::int64_t>(0, (g.refreshExpiresMs - t) / 1000) },
        { "token_type", "Bearer" } };
}

std::optional<std::multimap<std::string, std::string>> SandboxServer::Impl::oauthForm(
    const httplib::Request &req, httplib::Response &res, LogCtx &ctx)
{
    // The token and revoke endpoints take form-encoded bodies only.
    if (Util::toLower(req.get_header_value("Content-Type"))
            .rfind("application/x-www-form-urlencoded", 0)
        != 0) {
        sendOAuthError(
            res, ctx, "invalid_request", "Content-Type must be application/x-www-form-urlencoded.");
        return std::nullopt;
    }
    auto form = Util::parseForm(req.body);
    if (!form)
        sendOAuthError(res, ctx, "invalid_request", "The request body is not form-encoded.");
    return form;
}

void SandboxServer::Impl::handleToken(
    const httplib::Request &req, httplib::Response &res, LogCtx &ctx)
{
    const auto form = oauthForm(req, res, ctx);
    if (!form)
        return;
    std::lock_guard lock(m_mutex);
    const std::string grantType = param(*form, "grant_type");
    if (grantType.empty())
        return sendOAuthError(res, ctx, "invalid_request", "grant_type is required.");
    if (grantType != "authorization_code" && grantType != "refresh_token")
        return sendOAuthError(
            res, ctx, "unsupported_grant_type", "The grant_type is not supported.");
    const SandboxClientApp *app = findClient(param(*form, "client_key"));
    if (!app || app->clientSecret != param(*form, "client_secret"))
        return sendOAuthError(res, ctx, "invalid_client", "Client key or secret is invalid.");

    if (grantType == "authorization_code") {
        const std::string codeValue = param(*form, "code");
        if (codeValue.empty())
            return sendOAuthError(res, ctx, "invalid_request", "code is required.");
        const auto it = m_codes.find(codeValue);
        if (it == m_codes.end() || it->second.used || it->second.expiresMs <= now()
            || it->second.clientKey != app->clientKey)
            return sendOAuthError(res, ctx, "invalid_grant", "Authorization code is expired.");
        AuthCode &code = it->second;
        if (param(*form, "redirect_uri") != code.redirectUri)
            return sendOAuthError(res, ctx, "invalid_request",
                "Redirect_uri is not matched with the uri when requesting code.");
        const std::string verifier = param(*form, "code_verifier");
        if (!validVerifier(verifier) || Util::sha256Hex(verifier) != code.codeChallenge)
            return sendOAuthError(
                res, ctx, "invalid_request", "Code verifier or code challenge is invalid.");
        code.used = true;
        const SandboxCreator *creator = findCreator(code.creator);
        Grant g;
        g.clientKey = app->clientKey;
        g.creator = code.creator;
        g.openId = creator ? openIdOf(*creator) : code.creator;
        g.scopes = code.scopes;
        g.refreshExpiresMs = now() + m_config.refreshTokenTtlSec * 1000;
        m_grants.push_back(g);
        ctx.openId = g.openId;
        ctx.errorCode = "ok";
        res.status = 200;
        res.set_content(issueLocked(static_cast<int>(m_grants.size()) - 1).dump(),
            "application/json; charset=UTF-8");
        saveStateLocked();
        return;
    }

    const std::string refresh = param(*form, "refresh_token");
    if (refresh.empty())
        return sendOAuthError(res, ctx, "invalid_request", "refresh_token is required.");
    ctx.tokenTag = Util::secretTag(refresh);
    const auto it = m_refresh.find(refresh);
    if (it == m_refresh.end() || !it->second.valid || it->second.expiresMs <= now())
        return sendOAuthError(res, ctx, "invalid_grant", "Refresh token is invalid or expired.");
    Grant &g = m_grants.at(static_cast<std::size_t>(it->second.grant));
    if (g.revoked || g.clientKey != app->clientKey)
        return sendOAuthError(res, ctx, "invalid_grant", "Refresh token is invalid or expired.");
    const int grantIndex = it->second.grant;
    ctx.openId = g.openId;
    Json answer = issueLocked(grantIndex);
    if (!m_config.rotateRefreshTokens) {
        // Same refresh token back: drop the freshly minted one.
        m_refresh.erase(answer["refresh_token"].get<std::string>());
        answer["refresh_token"] = refresh;
    } else if (!m_config.oldRefreshTokenValidAfterRotation) {
        it->second.valid = false;
    }
    ctx.errorCode = "ok";
    res.status = 200;
    res.set_content(answer.dump(), "application/json; charset=UTF-8");
    saveStateLocked();
}

void SandboxServer::Impl::handleRevoke(
    const httplib::Request &req, httplib::Response &res, LogCtx &ctx)
{
    const auto form = oauthForm(req, res, ctx);
    if (!form)
        return;
    std::lock_guard lock(m_mutex);
    const SandboxClientApp *app = findClient(param(*form, "client_key"));
    if (!app || app->clientSecret != param(*form, "client_secret"))
        return sendOAuthError(res, ctx, "invalid_client", "Client key or secret is invalid.");
    const std::string token = param(*form, "token");
    if (token.empty())
        return sendOAuthError(res, ctx, "invalid_request", "token is required.");
    ctx.tokenTag = Util::secretTag(token);
    const auto it = m_access.find(token);
    if (it != m_access.end()
        && m_grants.at(static_cast<std::size_t>(it->second.grant)).clientKey == app->clientKey) {
        const Grant &revoked = m_grants.at(static_cast<std::size_t>(it->second.grant));
        const std::string openId = revoked.openId;
        ctx.openId = openId;
        // The user removes the app: every grant of this user for this client dies, and
        // publishes still in flight end FAILED / auth_removed.
        std::set<int> dead;
        for (std::size_t i = 0; i < m_grants.size(); ++i) {
            if (m_grants[i].clientKey == app->clientKey && m_grants[i].openId == openId) {
                m_grants[i].revoked = true;
                dead.insert(static_cast<int>(i));
            }
        }
        for (auto &[k, t] : m_access)
            t.valid = t.valid && !dead.count(t.grant);
        for (auto &[k, t] : m_refresh)
            t.valid = t.valid && !dead.count(t.grant);
        const std::int64_t t = now();
        for (auto &[id, p] : m_publishes) {
            if (p.clientKey != app->clientKey || p.openId != openId || p.failedMs >= 0)
                continue;
            const std::string st = statusOf(p, t).value("status", std::string());
            if (st == "PROCESSING_UPLOAD" || st == "PROCESSING_DOWNLOAD") {
                p.failedMs = t;
                p.failReason = "auth_removed";
            }
        }
        saveStateLocked();
    }
    // RFC 7009: an unknown token is not an error. The success body is empty.
    ctx.errorCode = "ok";
    res.status = 200;
    res.set_content("{}", "application/json; charset=UTF-8");
}

int SandboxServer::Impl::authenticate(
    const httplib::Request &req, httplib::Response &res, LogCtx &ctx)
{
    const std::string header = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    std::string token;
    if (header.size() > prefix.size() && header.compare(0, prefix.size(), prefix) == 0)
        token = header.substr(prefix.size());
    ctx.tokenTag = Util::secretTag(token);
    const auto it = m_access.find(token);
    if (token.empty() || it == m_access.end() || !it->second.valid || it->second.expiresMs <= now()
        || m_grants.at(static_cast<std::size_t>(it->second.grant)).revoked) {
        sendApiError(res, ctx, 401, "access_token_invalid",
            "The access token is invalid or not found in the request.");
        return -1;
    }
    ctx.openId = m_grants.at(static_cast<std::size_t>(it->second.grant)).openId;
    return it->second.grant;
}

bool SandboxServer::Impl::hasScope(int grant, const std::string &scope) const
{
    const auto &scopes = m_grants.at(static_cast<std::size_t>(grant)).scopes;
    return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

bool SandboxServer::Impl::rateLimit(
    httplib::Response &res, LogCtx &ctx, const std::string &endpoint, int perMinute)
{
    // One-minute sliding window per access token and endpoint; refused calls do not count.
    auto &window = m_rateWindows[ctx.tokenTag + "|" + endpoint];
    const std::int64_t t = now();
    while (!window.empty() && window.front() <= t - 60000)
        window.pop_front();
    if (static_cast<int>(window.size()) >= perMinute) {
        sendApiError(res, ctx, 429, "rate_limit_exceeded",
            "The API rate limit was exceeded. Please try again later.");
        return false;
    }
    window.push_back(t);
    return true;
}

void SandboxServer::Impl::handleUserInfo(
    const httplib::Request &req, httplib::Response &res, LogCtx &ctx)
{
    std::lock_guard lock(m_mutex);
    const int grant = authenticate(req, res, ctx);
    if (grant < 0)
        return;
    if (!rateLimit(res, ctx, "user_info", m_config.rateUserInfoPerMin))
        return;
    if (!hasScope(grant, "user.info.basic"))
        return sendApiError(res, ctx, 401, "scope_not_authorized",
            "The user did not authorize the scope required for completing this request.");
    const std::string fields = req.get_param_value("fields");
    if (fields.empty())
        return sendApiError(res, ctx, 400, m_config.invalidParamsCode, "fields is required.");
    const Grant &g = m_grants.at(static_cast<std::size_t>(grant));
    const SandboxCreator *c = findCreator(g.creator);
    const std::string avatar = selfUrl() + "/_sandbox/avatar/" + g.creator + ".png";
    Json user = Json::object();
    for (const std::string &f : Util::split(fields, ',')) {
        const auto scopeIt = kUserFieldScopes.find(f);
        if (scopeIt == kUserFieldScopes.end())
            return sendApiError(res, ctx, 400, m_config.invalidParamsCode, "Unknown field: " + f);
        if (!hasScope(grant, scopeIt->second)) {
            if (m_config.userInfoMissingScopeIsError)
                return sendApiError(res, ctx, 401, "scope_not_authorized",
                    "The field " + f + " needs the scope " + scopeIt->second + ".");
            continue;
        }
        if (f == "open_id")
            user[f] = g.openId;
        else if (f == "union_id")
            user[f] = "u" + Util::sha256Hex("union:" + g.creator).substr(0, 31);
        else if (f.rfind("avatar", 0) == 0)
            user[f] = avatar;
        else if (f == "display_name")
            user[f] = c ? c->nickname : g.creator;
        else if (f == "username")
            user[f] = g.creator;
        else if (f == "bio_description")
            user[f] = c ? c->bio : std::string();
        else if (f == "profile_deep_link")
            user[f] = "https://www.tiktok.com/@" + g.creator;
        else if (f == "is_verified")
            user[f] = c && c->verified;
        else if (f == "follower_count")
            user[f] = c ? c->followerCount : 0;
        else
            user[f] = 0;
    }
    sendApiOk(res, ctx, { { "user", user } });
}

} // namespace Cuepoint::Sandbox
