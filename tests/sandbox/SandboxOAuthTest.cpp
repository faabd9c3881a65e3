// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxTestSupport.h"

namespace Cuepoint::Sandbox::Test {
namespace {

using Params = std::map<std::string, std::string>;

class SandboxOAuthTest : public SandboxTest
{
protected:
    Params authorizeParams() const
    {
        return { { "client_key", "sandbox-client" },
            { "scope", "user.info.basic,video.publish,video.upload" },
            { "redirect_uri", kRedirect }, { "state", "st@te 1" }, { "response_type", "code" },
            { "code_challenge", Util::sha256Hex(kVerifier) }, { "code_challenge_method", "S256" } };
    }

    httplib::Result authorize(const Params &p)
    {
        std::string path = "/v2/auth/authorize/?";
        for (const auto &[k, v] : p)
            path += k + "=" + Util::formEncode(v) + "&";
        return client().Get(path.c_str()); // httplib does not follow redirects by default
    }

    /// The callback's query parameters, decoded; empty when there was no redirect.
    static Params callback(const httplib::Result &r)
    {
        Params out;
        if (!r || r->status != 302)
            return out;
        const std::string loc = r->get_header_value("Location");
        EXPECT_EQ(loc.rfind(kRedirect, 0), 0u) << loc;
        const auto form = Util::parseForm(loc.substr(loc.find('?') + 1));
        EXPECT_TRUE(form.has_value());
        for (const auto &[k, v] : *form)
            out[k] = v;
        return out;
    }

    httplib::Result token(Params form)
    {
        std::string body;
        for (const auto &[k, v] : form)
            body += Util::formEncode(k) + "=" + Util::formEncode(v) + "&";
        return client().Post("/v2/oauth/token/", body, "application/x-www-form-urlencoded");
    }

    Params exchangeForm(const std::string &code) const
    {
        return { { "client_key", "sandbox-client" }, { "client_secret", "sandbox-secret" },
            { "code", code }, { "grant_type", "authorization_code" }, { "redirect_uri", kRedirect },
            { "code_verifier", kVerifier } };
    }

    std::string freshCode() { return callback(authorize(authorizeParams()))["code"]; }
};

TEST_F(SandboxOAuthTest, AuthorizeApprovesAtOnceAndRedirectsWithCodeScopesState)
{
    const auto r = authorize(authorizeParams());
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 302);
    const Params cb = callback(r);
    EXPECT_FALSE(cb.at("code").empty());
    EXPECT_NE(cb.at("code").find_first_of("*!"), std::string::npos)
        << "codes carry characters that must be URL-decoded once";
    EXPECT_EQ(cb.at("scopes"), "user.info.basic,video.publish,video.upload");
    EXPECT_EQ(cb.at("state"), "st@te 1");
}

TEST_F(SandboxOAuthTest, AuthorizeRefusesBadRedirectUrisWithAnErrorPage)
{
    for (const std::string bad :
        { "http://127.0.0.1/callback/", "http://127.0.0.1:5000/callback/?x=1",
            "http://127.0.0.1:5000/callback/#frag", "http://example.com:5000/callback/",
            "http://192.168.1.2:5000/callback/", "http://127.0.0.1:5000/other/",
            "https://127.0.0.1:5000/callback/", "127.0.0.1:5000/callback/", "" }) {
        Params p = authorizeParams();
        p["redirect_uri"] = bad;
        const auto r = authorize(p);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 400) << bad;
        EXPECT_FALSE(r->has_header("Location")) << bad;
    }
    Params p = authorizeParams();
    p["redirect_uri"] = "http://localhost:61000/callback/"; // the second registered URI
    EXPECT_EQ(authorize(p)->status, 302);
    p["client_key"] = "nope";
    EXPECT_EQ(authorize(p)->status, 400);
}

TEST_F(SandboxOAuthTest, AuthorizeRedirectsProtocolErrorsWithState)
{
    struct Case
    {
        const char *key;
        const char *value;
        const char *error;
    };
    for (const Case c : { Case { "response_type", "token", "unsupported_response_type" },
             Case { "code_challenge", "", "invalid_request" },
             Case { "code_challenge_method", "plain", "invalid_request" },
             Case { "scope", "user.info.basic,video.delete", "invalid_scope" },
             Case { "scope", "", "invalid_scope" },
             Case { "sandbox_user", "sandbox_outsider", "non_sandbox_target" },
             Case { "sandbox_deny", "1", "access_denied" } }) {
        Params p = authorizeParams();
        p[c.key] = c.value;
        const Params cb = callback(authorize(p));
        EXPECT_EQ(cb.count("code"), 0u) << c.key;
        EXPECT_EQ(cb.count("error") ? cb.at("error") : "", c.error) << c.key << '=' << c.value;
        EXPECT_EQ(cb.count("state") ? cb.at("state") : "", "st@te 1");
        EXPECT_FALSE(cb.count("error_description") ? cb.at("error_description").empty() : true);
    }
}

TEST_F(SandboxOAuthTest, UserGrantsOnlyASubsetOfScopes)
{
    Params p = authorizeParams();
    p["sandbox_grant"] = "user.info.basic,video.upload";
    const Params cb = callback(authorize(p));
    EXPECT_EQ(cb.at("scopes"), "user.info.basic,video.upload");
    const Json t = parse(token(exchangeForm(cb.at("code"))));
    EXPECT_EQ(t.value("scope", ""), "user.info.basic,video.upload");
    const auto r = api("/v2/post/publish/creator_info/query/", t.value("access_token", ""));
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(code(r), "scope_not_authorized");
}

TEST_F(SandboxOAuthTest, TokenExchangeChecksTheHexPkceVerifier)
{
    const auto ok = token(exchangeForm(freshCode()));
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200);
    const Json t = parse(ok);
    EXPECT_EQ(t.value("access_token", "").rfind("act.", 0), 0u);
    EXPECT_EQ(t.value("refresh_token", "").rfind("rft.", 0), 0u);
    EXPECT_EQ(t.value("expires_in", 0), 86400);
    EXPECT_EQ(t.value("refresh_expires_in", 0), 31536000);
    EXPECT_EQ(t.value("token_type", ""), "Bearer");
    EXPECT_FALSE(t.value("open_id", "").empty());

    // RFC 7636 base64url challenge: TikTok's desktop flow refuses it.
    Params p = authorizeParams();
    p["code_challenge"] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    const std::string b64Code = callback(authorize(p))["code"];
    const auto bad = token(exchangeForm(b64Code));
    EXPECT_EQ(bad->status, 200) << "OAuth errors come with HTTP 200 by default";
    EXPECT_EQ(parse(bad).value("error", ""), "invalid_request");
    EXPECT_EQ(
        parse(bad).value("error_description", ""), "Code verifier or code challenge is invalid.");
    EXPECT_FALSE(parse(bad).value("log_id", "").empty());

    Params wrong = exchangeForm(freshCode());
    wrong["code_verifier"] = std::string(kVerifier).replace(0, 1, "B");
    EXPECT_EQ(parse(token(wrong)).value("error", ""), "invalid_request");
    wrong = exchangeForm(freshCode());
    wrong["code_verifier"] = "short";
    EXPECT_EQ(parse(token(wrong)).value("error", ""), "invalid_request");
}

TEST_F(SandboxOAuthTest, CodesAreSingleUseBoundToRedirectAndSecretAndExpire)
{
    const std::string code = freshCode();
    Params wrongRedirect = exchangeForm(code);
    wrongRedirect["redirect_uri"] = "http://127.0.0.1:53683/callback/";
    const Json w = parse(token(wrongRedirect));
    EXPECT_EQ(w.value("error", ""), "invalid_request");
    EXPECT_EQ(w.value("error_description", ""),
        "Redirect_uri is not matched with the uri when requesting code.");

    Params wrongSecret = exchangeForm(code);
    wrongSecret["client_secret"] = "guess";
    EXPECT_EQ(parse(token(wrongSecret)).value("error", ""), "invalid_client");

    EXPECT_EQ(token(exchangeForm(code))->status, 200);
    EXPECT_EQ(parse(token(exchangeForm(code))).value("error", ""), "invalid_grant")
        << "reused code";

    const std::string late = freshCode();
    advance(601'000);
    EXPECT_EQ(parse(token(exchangeForm(late))).value("error", ""), "invalid_grant")
        << "expired code";

    Params grant = exchangeForm(freshCode());
    grant["grant_type"] = "password";
    EXPECT_EQ(parse(token(grant)).value("error", ""), "unsupported_grant_type");

    // Form-encoded only.
    const auto asJson =
        client().Post("/v2/oauth/token/", Json(exchangeForm(freshCode())).dump(), kJson);
    EXPECT_EQ(parse(asJson).value("error", ""), "invalid_request");
}

TEST_F(SandboxOAuthTest, OAuthErrorsCanUseHttp400)
{
    SandboxConfig c = SandboxConfig::defaults();
    c.oauthErrorHttpStatus = 400;
    startWith(c);
    Params p = exchangeForm("no-such-code");
    const auto r = token(p);
    EXPECT_EQ(r->status, 400);
    EXPECT_EQ(parse(r).value("error", ""), "invalid_grant");
}

TEST_F(SandboxOAuthTest, RefreshRotatesAndTheOldRefreshTokenDies)
{
    const Json first = parse(token(exchangeForm(freshCode())));
    advance(3600'000);
    Params refresh = { { "client_key", "sandbox-client" }, { "client_secret", "sandbox-secret" },
        { "grant_type", "refresh_token" }, { "refresh_token", first.value("refresh_token", "") } };
    const Json second = parse(token(refresh));
    ASSERT_TRUE(second.contains("access_token")) << second.dump();
    EXPECT_NE(second.value("refresh_token", ""), first.value("refresh_token", ""));
    EXPECT_NE(second.value("access_token", ""), first.value("access_token", ""));
    EXPECT_EQ(second.value("refresh_expires_in", 0), 31536000 - 3600)
        << "the 365 days do not restart";
    EXPECT_EQ(parse(token(refresh)).value("error", ""), "invalid_grant") << "old refresh token";
    refresh["refresh_token"] = second.value("refresh_token", "");
    EXPECT_EQ(token(refresh)->status, 200);
}

TEST_F(SandboxOAuthTest, AccessTokensExpireAndRevokeKillsTheGrant)
{
    m_server->setFaults({ { "token_ttl_sec", 5 } });
    const Json t = parse(token(exchangeForm(freshCode())));
    EXPECT_EQ(t.value("expires_in", 0), 5);
    const std::string access = t.value("access_token", "");
    EXPECT_EQ(api("/v2/post/publish/creator_info/query/", access)->status, 200);
    advance(5000);
    auto r = api("/v2/post/publish/creator_info/query/", access);
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(code(r), "access_token_invalid");

    // Revoke: the token and its refresh token die; an in-flight publish fails auth_removed.
    m_server->clearFaults();
    const Json live = tokens();
    const std::string liveToken = live["access_token"];
    const Json init = parse(
        api("/v2/post/publish/video/init/", liveToken, directBody("SELF_ONLY", 1000, 1000, 1)));
    const std::string publishId = init["data"].value("publish_id", "");
    ASSERT_FALSE(publishId.empty()) << init.dump();
    const auto rv = client().Post("/v2/oauth/revoke/",
        "client_key=sandbox-client&client_secret=sandbox-secret&token="
            + Util::formEncode(liveToken),
        "application/x-www-form-urlencoded");
    EXPECT_EQ(rv->status, 200);
    EXPECT_EQ(rv->body, "{}");
    r = api("/v2/post/publish/creator_info/query/", liveToken);
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(code(r), "access_token_invalid");
    const Json summary = m_server->publishSummary();
    EXPECT_EQ(summary["publishes"][0]["status"], "FAILED");
    EXPECT_EQ(summary["publishes"][0]["fail_reason"], "auth_removed");
    Params refresh = { { "client_key", "sandbox-client" }, { "client_secret", "sandbox-secret" },
        { "grant_type", "refresh_token" }, { "refresh_token", live.value("refresh_token", "") } };
    EXPECT_EQ(parse(token(refresh)).value("error", ""), "invalid_grant");
}

TEST_F(SandboxOAuthTest, UserInfoFiltersFieldsAndChecksScopes)
{
    const std::string t = tokens("sandbox_public", "user.info.basic")["access_token"];
    httplib::Headers h { { "Authorization", "Bearer " + t } };
    auto r = client().Get("/v2/user/info/?fields=open_id,display_name,avatar_url", h);
    ASSERT_EQ(r->status, 200);
    const Json j = parse(r);
    EXPECT_EQ(j["error"]["code"], "ok");
    EXPECT_EQ(j["data"]["user"]["display_name"], "Sandbox Public");
    EXPECT_EQ(j["data"]["user"].size(), 3u);
    const std::string avatar = j["data"]["user"]["avatar_url"];
    EXPECT_EQ(avatar.rfind(m_server->baseUrl(), 0), 0u) << "avatars are served locally";
    const auto png = client().Get(avatar.substr(m_server->baseUrl().size()).c_str());
    ASSERT_EQ(png->status, 200);
    EXPECT_EQ(png->body.substr(1, 3), "PNG");

    r = client().Get("/v2/user/info/?fields=open_id,username", h);
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(code(r), "scope_not_authorized");
    r = client().Get(
        "/v2/user/info/?fields=open_id", httplib::Headers { { "Authorization", "Bearer x" } });
    EXPECT_EQ(code(r), "access_token_invalid");
}

} // namespace
} // namespace Cuepoint::Sandbox::Test
