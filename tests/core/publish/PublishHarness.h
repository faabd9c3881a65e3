// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A profile, an in-process TikTok sandbox on loopback and a PublishEngine wired together, for
// the engine's tests: real SQLite, real HTTP, real files.

#include "FakeClock.h"
#include "FakeWakeTimer.h"
#include "SandboxServer.h"
#include "TestProfile.h"

#include "cuepoint/core/publish/PublishEngine.h"
#include "cuepoint/core/publish/PublishNotifier.h"
#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/TokenStore.h"
#include "cuepoint/core/tiktok/HttpTransport.h"
#include "cuepoint/core/tiktok/OAuth.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QFile>
#include <QMutex>
#include <QTemporaryDir>
#include <QThread>

#include <gtest/gtest.h>

#include <functional>
#include <memory>

namespace Cuepoint::Test {

/// Called on the engine's worker thread before each HTTP request leaves; may block (it sees
/// the request's cancel flag) or move a clock. A request cancelled meanwhile is not sent.
using RequestHook = std::function<void(const Core::HttpRequest &)>;

/// The libcurl transport with a test hook in front of it.
class HookedTransport final : public Core::HttpTransport
{
public:
    HookedTransport(std::shared_ptr<QMutex> mutex, std::shared_ptr<RequestHook> hook)
        : m_inner(Core::createCurlTransport())
        , m_mutex(std::move(mutex))
        , m_hook(std::move(hook))
    {
    }

    Core::HttpResponse send(const Core::HttpRequest &request) override
    {
        RequestHook hook;
        {
            QMutexLocker lock(m_mutex.get());
            hook = *m_hook;
        }
        if (hook) {
            hook(request);
            if (request.cancel && request.cancel->load()) {
                Core::HttpResponse cancelled;
                cancelled.failure = Core::HttpResponse::Failure::Cancelled;
                cancelled.failureText = QStringLiteral("cancelled before sending");
                return cancelled;
            }
        }
        return m_inner->send(request);
    }

private:
    std::unique_ptr<Core::HttpTransport> m_inner;
    std::shared_ptr<QMutex> m_mutex;
    std::shared_ptr<RequestHook> m_hook;
};

/// The sandbox endpoint name of a request ("video_init", "upload", "status", ...), from its
/// path, as the sandbox's request log names it.
inline QString endpointOf(const Core::HttpRequest &request)
{
    const QString path = request.url.path();
    if (path.startsWith(QLatin1String("/video/"))) {
        return QStringLiteral("upload");
    }
    if (path.endsWith(QLatin1String("/creator_info/query/"))) {
        return QStringLiteral("creator_info");
    }
    if (path.endsWith(QLatin1String("/inbox/video/init/"))) {
        return QStringLiteral("inbox_init");
    }
    if (path.endsWith(QLatin1String("/video/init/"))) {
        return QStringLiteral("video_init");
    }
    if (path.endsWith(QLatin1String("/status/fetch/"))) {
        return QStringLiteral("status");
    }
    if (path.endsWith(QLatin1String("/oauth/token/"))) {
        return QStringLiteral("token");
    }
    return path;
}

/// The first byte of an upload PUT (from its Content-Range), -1 for other requests.
inline qint64 uploadOffsetOf(const Core::HttpRequest &request)
{
    for (const auto &[name, value] : request.headers) {
        if (name.compare("Content-Range", Qt::CaseInsensitive) == 0) {
            const QByteArray range = value.mid(value.indexOf(' ') + 1);
            return range.left(range.indexOf('-')).toLongLong();
        }
    }
    return -1;
}

/// Remembers every notice, for assertions.
class RecordingNotifier final : public Core::PublishNotifier
{
public:
    void notify(const Core::PublishNotice &notice) override { notices.append(notice); }
    QList<Core::PublishNotice> notices;
};

/// A fixture video of TikTok-valid content padded with an MP4 `free` box to @p size bytes, so
/// uploads can span several chunks. Returns its path inside @p dir.
inline QString paddedVideo(const QString &dir, const QString &name, qint64 size)
{
    const QString source = QStringLiteral(CUEPOINT_FIXTURES_DIR) + QStringLiteral("/ok_3s.mp4");
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly)) {
        return {};
    }
    QByteArray bytes = in.readAll();
    const qint64 pad = size - bytes.size();
    const QString path = dir + QLatin1Char('/') + name;
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        return {};
    }
    out.write(bytes);
    if (pad >= 8) {
        const auto box = static_cast<quint32>(pad);
        const char header[8] = { static_cast<char>(box >> 24), static_cast<char>(box >> 16),
            static_cast<char>(box >> 8), static_cast<char>(box), 'f', 'r', 'e', 'e' };
        out.write(header, 8);
        QByteArray filler(64 * 1024, '\0');
        qint64 left = pad - 8;
        quint32 seed = 7;
        while (left > 0) {
            // Not all zeros: a byte pattern that differs per position catches misplaced chunks.
            for (char &c : filler) {
                seed = seed * 1664525u + 1013904223u;
                c = static_cast<char>(seed >> 24);
            }
            const qint64 n = std::min<qint64>(left, filler.size());
            out.write(filler.constData(), n);
            left -= n;
        }
    }
    return path;
}

inline QString sha256Of(const QString &path)
{
    return QString::fromLatin1(fileHash(path));
}

class PublishHarness
{
public:
    /// @p fakeClock: the stores, the engine and the sandbox share a FakeClock and a
    /// FakeWakeTimer (fire it with fireDue()); otherwise the system clock and a real timer.
    explicit PublishHarness(
        bool fakeClock = false, Sandbox::SandboxConfig config = Sandbox::SandboxConfig::defaults())
        : m_fake(fakeClock)
    {
        EXPECT_TRUE(m_dir.isValid());
        if (m_fake) {
            m_fakeClock = std::make_unique<FakeClock>(
                QDateTime::currentDateTimeUtc().addSecs(-60)); // near real time: TTLs stay sane
            FakeClock *fc = m_fakeClock.get();
            config.clock = [fc] { return fc->nowMs(); };
        }
        config.processingMs = 200;
        m_sandbox = std::make_unique<Sandbox::SandboxServer>(config);
        m_sandbox->start("127.0.0.1", 0);
        m_db = Core::Database::open(m_dir.filePath(QStringLiteral("cuepoint.db")));
        accounts = std::make_unique<Core::AccountStore>(*m_db, clock());
        posts = std::make_unique<Core::PostStore>(*m_db, clock());
        tokens =
            std::make_unique<Core::FileTokenStore>(m_dir.filePath(QStringLiteral("tokens.json")));
        tiktok.apiBase = QString::fromStdString(m_sandbox->baseUrl());
        tiktok.authUrl = tiktok.apiBase + QStringLiteral("/v2/auth/authorize/");
        tiktok.clientKey = QStringLiteral("sandbox-client");
        tiktok.clientSecret = "sandbox-secret";
        tiktok.sandbox = true;
        options.firstPollMs = 50;
        options.maxPollMs = 300;
        options.retryBaseMs = 50;
        options.retryMaxMs = 400;
        options.chunkRetryBaseMs = 20;
        options.policy = [this] { return policy; };
        options.transportFactory = [mutex = m_hookMutex, hook = m_hook] {
            return std::make_unique<HookedTransport>(mutex, hook);
        };
    }

    /// Runs @p hook before every request of the engine (empty: none).
    void setRequestHook(RequestHook hook)
    {
        QMutexLocker lock(m_hookMutex.get());
        *m_hook = std::move(hook);
    }

    ~PublishHarness()
    {
        setRequestHook({});
        engine.reset();
        m_sandbox->stop();
    }

    const Core::Clock &clock() const
    {
        return m_fake ? static_cast<const Core::Clock &>(*m_fakeClock) : m_systemClock;
    }
    FakeClock &fakeClock() { return *m_fakeClock; }
    FakeWakeTimer *wakeTimer() { return m_wakeTimer; }
    Sandbox::SandboxServer &sandbox() { return *m_sandbox; }
    QString dir() const { return m_dir.path(); }
    QString databasePath() const { return m_dir.filePath(QStringLiteral("cuepoint.db")); }

    /// Connects sandbox creator @p creator: tokens in the token store, an account row.
    qint64 connect(const std::string &creator,
        const std::string &scopes = "user.info.basic,video.publish,video.upload",
        const std::string &clientKey = {})
    {
        const nlohmann::json answer = m_sandbox->issueTokens(creator, scopes, clientKey);
        Core::TokenSet set;
        set.accessToken = QByteArray::fromStdString(answer.at("access_token").get<std::string>());
        set.refreshToken = QByteArray::fromStdString(answer.at("refresh_token").get<std::string>());
        set.openId = QString::fromStdString(answer.at("open_id").get<std::string>());
        set.scopes = QString::fromStdString(answer.value("scope", std::string()))
                         .split(QLatin1Char(','), Qt::SkipEmptyParts);
        set.accessExpiresAt = clock().nowUtc().addSecs(answer.value("expires_in", 86400));
        set.refreshExpiresAt =
            clock().nowUtc().addSecs(answer.value("refresh_expires_in", 31536000));
        Core::Account account;
        account.openId = set.openId;
        account.username = QString::fromStdString(creator);
        account.displayName = account.username;
        account.scopes = set.scopes;
        account.isSandbox = true;
        account.accessTokenExpiresAt = set.accessExpiresAt;
        account.refreshTokenExpiresAt = set.refreshExpiresAt;
        QString error;
        EXPECT_TRUE(tokens->write(account.tokenKey(), set.toJson(), &error)) << error.toStdString();
        return accounts->save(account);
    }

    /// A post of @p video due at @p at to @p accountIds, private (SELF_ONLY), comments allowed.
    Core::Post post(const QString &video, const QDateTime &at, const QList<qint64> &accountIds,
        const QString &caption = QStringLiteral("Launch day #cuepoint"))
    {
        Core::Post p;
        p.caption = caption;
        p.videoPath = video;
        p.scheduledAt = at.toUTC();
        p.timeZoneId = QStringLiteral("Europe/Paris");
        p.privacyLevel = QStringLiteral("SELF_ONLY");
        p.allowComments = true;
        p.coverTimestampMs = 1234;
        for (const qint64 id : accountIds) {
            Core::PostTarget t;
            t.accountId = id;
            t.state = Core::TargetState::Scheduled;
            p.targets.append(t);
        }
        return p;
    }

    qint64 add(const Core::Post &p) { return posts->add(p); }

    /// The ids of a post due now to one connected creator.
    struct Due
    {
        qint64 account = 0;
        qint64 postId = 0;
        qint64 targetId = 0;
    };
    /// Connects @p creator and adds a post of @p video due now to it.
    Due dueNow(const QString &video, const std::string &creator = "sandbox_creator")
    {
        Due due;
        due.account = connect(creator);
        due.postId = add(post(video, clock().nowUtc(), { due.account }));
        due.targetId = target(due.postId).id;
        return due;
    }

    /// The sandbox's summary entry of @p publishId (null when TikTok never saw it).
    nlohmann::json publishOf(const QString &publishId) const
    {
        const nlohmann::json summary = m_sandbox->publishSummary();
        for (const nlohmann::json &p : summary.at("publishes")) {
            if (p.at("publish_id").get<std::string>() == publishId.toStdString()) {
                return p;
            }
        }
        return {};
    }

    void startEngine()
    {
        std::unique_ptr<Core::WakeTimer> timer;
        if (m_fake) {
            auto fake = std::make_unique<FakeWakeTimer>();
            m_wakeTimer = fake.get();
            timer = std::move(fake);
        } else {
            timer = Core::WakeTimer::createSystemTimer();
        }
        engine = std::make_unique<Core::PublishEngine>(
            databasePath(), tiktok, *tokens, clock(), std::move(timer), &notifier, options);
        engine->start();
    }

    /// Runs the event loop until @p done or @p timeoutMs; fires the fake wake timer when due.
    bool waitFor(const std::function<bool()> &done, int timeoutMs = 20'000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!done()) {
            if (deadline.hasExpired()) {
                return false;
            }
            if (m_wakeTimer) {
                m_wakeTimer->fireIfDue(clock());
            }
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            QThread::msleep(5);
        }
        return true;
    }

    Core::TargetState stateOf(qint64 targetId) const { return posts->target(targetId)->state; }
    Core::PostTarget target(qint64 postId, int index = 0) const
    {
        return posts->post(postId)->targets.at(index);
    }
    /// Waits until the target is in a state nothing more happens to without the user.
    bool settles(qint64 targetId, int timeoutMs = 20'000)
    {
        return waitFor(
            [&] {
                const Core::TargetState s = stateOf(targetId);
                return s != Core::TargetState::Scheduled && s != Core::TargetState::Publishing
                    && s != Core::TargetState::Processing;
            },
            timeoutMs);
    }
    /// Requests the sandbox logged for @p endpoint ("video_init", "upload", "token", ...).
    int requestCount(const std::string &endpoint) const
    {
        int n = 0;
        for (const nlohmann::json &r : m_sandbox->requestLog()) {
            n += r.value("endpoint", std::string()) == endpoint ? 1 : 0;
        }
        return n;
    }
    /// The sandbox's totals: inits, uploads_completed, published.
    nlohmann::json totals() const { return m_sandbox->publishSummary().at("totals"); }
    /// Exactly-once, as TikTok saw it: no creator got more than one published post or more
    /// than one completed upload (each test sends one target per creator).
    /// Starts the engine and waits until @p targetId settles; returns its journal.
    QString runUntilSettled(qint64 targetId)
    {
        startEngine();
        EXPECT_TRUE(settles(targetId)) << Core::toString(stateOf(targetId)).toStdString();
        return journalText(targetId);
    }

    /// One init and one published post at TikTok, and no duplicate of any kind.
    void expectPublishedOnce()
    {
        EXPECT_EQ(totals().at("inits").get<int>(), 1);
        EXPECT_EQ(totals().at("published").get<int>(), 1);
        expectNoDuplicates();
    }

    void expectNoDuplicates() const
    {
        const nlohmann::json summary = m_sandbox->publishSummary();
        for (const auto &[creator, c] : summary.at("creators").items()) {
            EXPECT_LE(c.value("published", 0), 1) << creator;
            EXPECT_LE(c.value("uploads_completed", 0), 1) << creator;
        }
    }
    QString journalText(qint64 targetId) const
    {
        QString text;
        for (const Core::JournalEntry &e : posts->journal(targetId)) {
            text += e.detail + QLatin1Char('\n');
        }
        return text;
    }

    Core::TikTokConfig tiktok;
    Core::PublishEngineOptions options;
    Core::PublishPolicy policy;
    RecordingNotifier notifier;
    std::unique_ptr<Core::AccountStore> accounts;
    std::unique_ptr<Core::PostStore> posts;
    std::unique_ptr<Core::FileTokenStore> tokens;
    std::unique_ptr<Core::PublishEngine> engine;

private:
    QTemporaryDir m_dir;
    bool m_fake;
    Core::SystemClock m_systemClock;
    std::unique_ptr<FakeClock> m_fakeClock;
    FakeWakeTimer *m_wakeTimer = nullptr;
    std::unique_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<Core::Database> m_db;
    std::shared_ptr<QMutex> m_hookMutex = std::make_shared<QMutex>();
    std::shared_ptr<RequestHook> m_hook = std::make_shared<RequestHook>();
};

} // namespace Cuepoint::Test
