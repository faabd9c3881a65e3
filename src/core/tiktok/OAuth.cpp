// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/tiktok/OAuth.h"

#include "cuepoint/core/support/Logging.h"
#include "cuepoint/core/tiktok/ApiError.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace Cuepoint::Core {

namespace {

constexpr char kVerifierAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

QByteArray percent(const QString &value)
{
    return QUrl::toPercentEncoding(value);
}

const char kDonePage[] = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Cuepoint"
                         "</title></head><body style=\"font-family:sans-serif;margin:3em\">"
                         "<h1>%1</h1><p>%2</p></body></html>";

std::string page(const QString &title, const QString &text)
{
    return QString::fromLatin1(kDonePage)
        .arg(title.toHtmlEscaped(), text.toHtmlEscaped())
        .toStdString();
}

} // namespace

namespace Pkce {

QByteArray generateVerifier(int length)
{
    length = std::clamp(length, 43, 128);
    QByteArray verifier;
    verifier.reserve(length);
    constexpr quint32 alphabetSize = sizeof(kVerifierAlphabet) - 1;
    // The system generator is a CSPRNG (getrandom); bounded() avoids modulo bias.
    QRandomGenerator *random = QRandomGenerator::system();
    for (int i = 0; i < length; ++i) {
        verifier.append(kVerifierAlphabet[random->bounded(alphabetSize)]);
    }
    return verifier;
}

QByteArray challengeFor(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toHex();
}

QByteArray generateState()
{
    QByteArray raw(16, '\0');
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return raw.toHex();
}

bool isValidVerifier(const QByteArray &verifier)
{
    if (verifier.size() < 43 || verifier.size() > 128) {
        return false;
    }
    const QByteArray alphabet(kVerifierAlphabet);
    return std::all_of(
        verifier.begin(), verifier.end(), [&alphabet](char c) { return alphabet.contains(c); });
}

} // namespace Pkce

QStringList defaultScopes()
{
    return { QStringLiteral("user.info.basic"), QStringLiteral("video.publish"),
        QStringLiteral("video.upload") };
}

QByteArray TokenSet::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("access_token"), QString::fromUtf8(accessToken));
    o.insert(QStringLiteral("refresh_token"), QString::fromUtf8(refreshToken));
    o.insert(QStringLiteral("open_id"), openId);
    o.insert(QStringLiteral("scope"), scopes.join(QLatin1Char(',')));
    o.insert(QStringLiteral("access_expires_at"), accessExpiresAt.toUTC().toString(Qt::ISODate));
    o.insert(QStringLiteral("refresh_expires_at"), refreshExpiresAt.toUTC().toString(Qt::ISODate));
    o.insert(QStringLiteral("token_type"), tokenType);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<TokenSet> TokenSet::fromJson(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject()) {
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    TokenSet t;
    t.accessToken = o.value(QStringLiteral("access_token")).toString().toUtf8();
    t.refreshToken = o.value(QStringLiteral("refresh_token")).toString().toUtf8();
    t.openId = o.value(QStringLiteral("open_id")).toString();
    t.scopes =
        o.value(QStringLiteral("scope")).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    t.accessExpiresAt =
        QDateTime::fromString(o.value(QStringLiteral("access_expires_at")).toString(), Qt::ISODate)
            .toUTC();
    t.refreshExpiresAt =
        QDateTime::fromString(o.value(QStringLiteral("refresh_expires_at")).toString(), Qt::ISODate)
            .toUTC();
    t.tokenType = o.value(QStringLiteral("token_type")).toString();
    if (t.accessToken.isEmpty() && t.refreshToken.isEmpty()) {
        return std::nullopt;
    }
    return t;
}

/// The one-shot loopback listener of one attempt.
struct AuthSession::Listener
{
    httplib::Server server;
    std::thread thread;
    int port = -1;
    std::mutex mutex;
    std::condition_variable arrived;
    bool done = false;
    std::optional<AuthorizationCode> code;
    std::optional<ApiError> error;

    void stop()
    {
        server.stop();
        if (thread.joinable()) {
            thread.join();
        }
    }
};

AuthSession::AuthSession(TikTokConfig config, QStringList scopes)
    : m_config(std::move(config))
    , m_scopes(std::move(scopes))
    , m_verifier(Pkce::generateVerifier())
    , m_state(Pkce::generateState())
{
}

AuthSession::~AuthSession()
{
    if (m_listener) {
        m_listener->stop();
    }
}

bool AuthSession::start(QString *error)
{
    if (m_listener) {
        return true;
    }
    auto listener = std::make_unique<Listener>();
    Listener *l = listener.get();
    const std::string expectedState = m_state.toStdString();
    l->server.Get(
        "/callback/", [l, expectedState](const httplib::Request &req, httplib::Response &res) {
            std::lock_guard lock(l->mutex);
            // A browser keeping the connection alive would delay stopping the listener.
            res.set_header("Connection", "close");
            if (l->done) {
                res.status = 410;
                res.set_content(page(QStringLiteral("Already used"),
                                    QStringLiteral("This sign-in link was already used.")),
                    "text/html; charset=utf-8");
                return;
            }
            l->done = true;
            const auto param = [&req](const char *name) {
                return QString::fromStdString(req.get_param_value(name));
            };
            // httplib has URL-decoded the parameters once, as TikTok requires for the code.
            if (req.get_param_value("state") != expectedState) {
                l->error = ApiError(QString::fromLatin1(ApiError::kStateMismatch),
                    QStringLiteral("the redirect's state does not match this attempt"));
                res.status = 400;
                res.set_content(page(QStringLiteral("Sign-in refused"),
                                    QStringLiteral("This answer does not belong to the sign-in "
                                                   "Cuepoint started. Start again from Cuepoint.")),
                    "text/html; charset=utf-8");
            } else if (req.has_param("error") || !req.has_param("code")) {
                const QString code =
                    req.has_param("error") ? param("error") : QStringLiteral("invalid_request");
                l->error = ApiError(code, param("error_description"));
                res.set_content(
                    page(QStringLiteral("Not connected"),
                        QStringLiteral("TikTok did not grant access (%1). You can close "
                                       "this tab and try again from Cuepoint.")
                            .arg(code)),
                    "text/html; charset=utf-8");
            } else {
                l->code = AuthorizationCode { param("code"),
                    param("scopes").split(QLatin1Char(','), Qt::SkipEmptyParts) };
                res.set_content(page(QStringLiteral("Connected"),
                                    QStringLiteral("Cuepoint received the authorization. You can "
                                                   "close this tab.")),
                    "text/html; charset=utf-8");
            }
            l->arrived.notify_all();
        });
    l->port = l->server.bind_to_any_port("127.0.0.1");
    if (l->port <= 0) {
        if (error) {
            *error = QStringLiteral("Cannot listen on 127.0.0.1 for TikTok's answer.");
        }
        return false;
    }
    l->thread = std::thread([l] { l->server.listen_after_bind(); });
    // stop() before the accept loop is running would leave it running and join() waiting
    // forever (an instant cancel): return only once it listens.
    for (int i = 0; i < 2000 && !l->server.is_running(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    m_listener = std::move(listener);
    return true;
}

quint16 AuthSession::port() const
{
    return m_listener ? static_cast<quint16>(m_listener->port) : 0;
}

QString AuthSession::redirectUri() const
{
    return QStringLiteral("http://127.0.0.1:%1/callback/").arg(port());
}

QUrl AuthSession::authorizeUrl() const
{
    QByteArray query;
    const auto add = [&query](const char *name, const QByteArray &value) {
        if (!query.isEmpty()) {
            query += '&';
        }
        query += name;
        query += '=';
        query += value;
    };
    add("client_key", percent(m_config.clientKey));
    add("scope", percent(m_scopes.join(QLatin1Char(','))));
    add("redirect_uri", percent(redirectUri()));
    add("state", m_state);
    add("response_type", "code");
    add("code_challenge", Pkce::challengeFor(m_verifier));
    add("code_challenge_method", "S256");
    QByteArray base = m_config.authUrl.trimmed().toUtf8();
    base += base.contains('?') ? '&' : '?';
    return QUrl::fromEncoded(base + query);
}

AuthorizationCode AuthSession::waitForCode(int timeoutMs, const std::atomic_bool *cancel)
{
    if (!m_listener) {
        throw ApiError(QString::fromLatin1(ApiError::kNetworkError),
            QStringLiteral("the loopback listener was not started"));
    }
    Listener &l = *m_listener;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    bool cancelled = false;
    {
        std::unique_lock lock(l.mutex);
        while (!l.done) {
            if (cancel && cancel->load()) {
                cancelled = true;
                break;
            }
            if (std::chrono::steady_clock::now() >= deadline) {
                break;
            }
            l.arrived.wait_for(lock, std::chrono::milliseconds(100));
        }
    }
    // Give the browser its page before closing the listener.
    l.stop();
    std::lock_guard lock(l.mutex);
    if (l.code) {
        return *l.code;
    }
    if (l.error) {
        qCInfo(lcTikTok).noquote() << "authorization failed:" << l.error->describe();
        throw *l.error;
    }
    if (cancelled) {
        throw ApiError(QString::fromLatin1(ApiError::kCancelled),
            QStringLiteral("the authorization was cancelled"));
    }
    throw ApiError(QString::fromLatin1(ApiError::kAuthTimeout),
        QStringLiteral("no redirect arrived within %1 s").arg(timeoutMs / 1000));
}

} // namespace Cuepoint::Core
