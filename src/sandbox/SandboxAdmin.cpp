// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The admin API under /_sandbox/ (docs/SANDBOX.md): log, summary, faults, clock, tokens,
// reset, inbox posting, creator changes and the locally served avatars.
#include "SandboxImpl.h"

#include <unistd.h>

namespace Cuepoint::Sandbox {

void SandboxServer::Impl::registerAdminRoutes()
{
    using Req = httplib::Request;
    using Res = httplib::Response;
    // ---- avatars (no external hosts) ----
    m_server.Get(R"(/_sandbox/avatar/([A-Za-z0-9_.\-]+)\.png)", [this](const Req &req, Res &res) {
        const std::string h = Util::sha256Hex(req.matches[1].str());
        const auto byte = [&h](int i) {
            return static_cast<std::uint8_t>(std::stoi(h.substr(i * 2, 2), nullptr, 16));
        };
        res.set_content(Util::solidPng(byte(0), byte(1), byte(2)), "image/png");
    });

    // ---- admin API (loopback only, like the whole server; docs/SANDBOX.md) ----
    auto jsonReply = [](Res &res, const Json &j, int status = 200) {
        res.status = status;
        res.set_content(j.dump(), "application/json; charset=UTF-8");
    };
    auto parseBody = [jsonReply](const Req &req, Res &res, Json &out) {
        out = req.body.empty() ? Json::object() : Json::parse(req.body, nullptr, false);
        if (out.is_discarded() || !out.is_object()) {
            jsonReply(res, { { "error", "the body must be a JSON object" } }, 400);
            return false;
        }
        return true;
    };
    // Cheap liveness check for another process sharing this sandbox (probeSandbox()).
    m_server.Get("/_sandbox/health", [this, jsonReply](const Req &, Res &res) {
        jsonReply(res,
            { { "service", "cuepoint-sandbox" }, { "pid", static_cast<std::int64_t>(::getpid()) },
                { "persistent", m_persist }, { "state_dir", m_config.stateDir } });
    });
    m_server.Get("/_sandbox/log", [this, jsonReply](const Req &, Res &res) {
        std::lock_guard lock(m_mutex);
        jsonReply(res, Json(m_log));
    });
    m_server.Get("/_sandbox/summary", [this, jsonReply](const Req &, Res &res) {
        std::lock_guard lock(m_mutex);
        jsonReply(res, summaryLocked());
    });
    m_server.Get("/_sandbox/faults", [this, jsonReply](const Req &, Res &res) {
        std::lock_guard lock(m_mutex);
        jsonReply(res, m_faultsDoc);
    });
    post("/_sandbox/faults", [this, jsonReply, parseBody](const Req &req, Res &res) {
        Json body;
        if (!parseBody(req, res, body))
            return;
        try {
            m_self->setFaults(body);
        } catch (const std::exception &e) {
            jsonReply(res, { { "error", e.what() } }, 400);
            return;
        }
        jsonReply(res, m_self->faults());
    });
    post("/_sandbox/faults/clear", [this, jsonReply](const Req &, Res &res) {
        m_self->clearFaults();
        jsonReply(res, Json::object());
    });
    post("/_sandbox/reset", [this, jsonReply](const Req &, Res &res) {
        m_self->reset();
        jsonReply(res, Json::object());
    });
    post("/_sandbox/clock", [this, jsonReply, parseBody](const Req &req, Res &res) {
        Json body;
        if (!parseBody(req, res, body))
            return;
        const auto ms = body.value("advance_ms", static_cast<std::int64_t>(0));
        if (ms < 0) {
            jsonReply(res, { { "error", "advance_ms must be >= 0" } }, 400);
            return;
        }
        m_self->advanceClock(std::chrono::milliseconds(ms));
        std::lock_guard lock(m_mutex);
        jsonReply(res, { { "now_ms", now() }, { "offset_ms", m_offsetMs } });
    });
    post("/_sandbox/tokens", [this, jsonReply, parseBody](const Req &req, Res &res) {
        Json body;
        if (!parseBody(req, res, body))
            return;
        try {
            jsonReply(res,
                m_self->issueTokens(body.value("creator", m_config.defaultCreator),
                    body.value("scope", std::string("user.info.basic,video.publish,video.upload")),
                    body.value("client_key", std::string())));
        } catch (const std::exception &e) {
            jsonReply(res, { { "error", e.what() } }, 400);
        }
    });
    post("/_sandbox/inbox/post", [this, jsonReply, parseBody](const Req &req, Res &res) {
        Json body;
        if (!parseBody(req, res, body))
            return;
        std::lock_guard lock(m_mutex);
        const auto it = m_publishes.find(body.value("publish_id", std::string()));
        if (it == m_publishes.end() || it->second.kind != "inbox") {
            jsonReply(res, { { "error", "no such inbox publish_id" } }, 404);
            return;
        }
        it->second.inboxPostedMs = now();
        saveStateLocked();
        jsonReply(res, statusOf(it->second, now()));
    });
    m_server.Post(R"(/_sandbox/creators/([A-Za-z0-9_.\-]+))",
        [this, jsonReply, parseBody](const Req &req, Res &res) {
            Json body;
            if (!parseBody(req, res, body))
                return;
            std::lock_guard lock(m_mutex);
            for (auto &c : m_config.creators) {
                if (c.username != req.matches[1].str())
                    continue;
                try {
                    applyCreatorChanges(c, body);
                } catch (const Json::exception &e) {
                    jsonReply(res, { { "error", e.what() } }, 400);
                    return;
                }
                // Changed at run time: remembered across restarts (over the config's values).
                m_creatorOverrides[c.username] = changeableFieldsOf(c);
                saveStateLocked();
                jsonReply(res,
                    { { "username", c.username }, { "private_account", c.privateAccount },
                        { "cannot_post", c.cannotPost } });
                return;
            }
            jsonReply(res, { { "error", "no such creator" } }, 404);
        });
}

} // namespace Cuepoint::Sandbox
