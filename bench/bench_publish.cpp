// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The publishing engine under a burst (issue "Publishing 4/7"): N sandbox accounts, M posts of
// one target each per account, all due at the same instant a few seconds ahead. A real SQLite
// profile, a FileTokenStore, Core::PublishEngine with the system clock and the system
// WakeTimer, and a TikTok sandbox in *another* process (bench/bench-publish.sh starts it), so
// that this process's CPU time is the engine's alone. Runs until every target reached a final
// state, then reads each target's journal and the sandbox's summary and prints one JSON object
// (and a few lines for humans on stderr).
//
//   bench_publish --api-base URL --video FILE --work DIR [--accounts 50] [--per-account 20]
//                 [--lead-s 15] [--client-key K --client-secret S] [--max-concurrent N]
//                 [--timeout-s 1200] [--rss-csv FILE] [--count-db-events]
//
// Measured: due -> claim delay of every target (first `publishing` journal entry), split into
// targets the rate limit held back (journal: "waits its turn") and the others; for held-back
// targets also the delay from their turn (the moment TikTok's 6-inits-per-minute window of
// their account admitted one more, from the sandbox's init times) to their final claim; the
// process's CPU time (getrusage RUSAGE_SELF, from just before the engine is created to the
// moment the last target became final, minus the RSS sampler thread's own time) and its split
// per thread; RSS every 500 ms; wall time; the sandbox's totals and requests per endpoint.
#include "cuepoint/core/domain/JournalEntry.h"
#include "cuepoint/core/domain/Post.h"
#include "cuepoint/core/publish/PublishEngine.h"
#include "cuepoint/core/publish/PublishNotifier.h"
#include "cuepoint/core/publish/WakeTimer.h"
#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/Logging.h"
#include "cuepoint/core/support/TokenStore.h"
#include "cuepoint/core/tiktok/HttpTransport.h"
#include "cuepoint/core/tiktok/OAuth.h"
#include "cuepoint/core/tiktok/TikTokConfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <iostream>
#include <limits>
#include <mutex>
#include <pthread.h>
#include <stdexcept>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace Cuepoint::Core;

namespace {

constexpr qint64 kWindowMs = 60'000; // TikTok's rate window
constexpr int kInitsPerWindow = 6; // video init per access token per minute

qint64 cpuUsOf(const rusage &r)
{
    return (static_cast<qint64>(r.ru_utime.tv_sec) + r.ru_stime.tv_sec) * 1'000'000
        + r.ru_utime.tv_usec + r.ru_stime.tv_usec;
}

qint64 processCpuUs()
{
    rusage r {};
    getrusage(RUSAGE_SELF, &r);
    return cpuUsOf(r);
}

qint64 rssKb()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QList<QByteArray> fields = f.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * (sysconf(_SC_PAGESIZE) / 1024) : -1;
}

/// CPU time (ms) of each live thread of this process, by thread name.
QMap<QString, double> threadCpuMs()
{
    QMap<QString, double> byName;
    const double tick = 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile f(tasks.filePath(tid) + QStringLiteral("/stat"));
        if (!f.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QByteArray stat = f.readAll();
        const qsizetype open = stat.indexOf('(');
        const qsizetype close = stat.lastIndexOf(')');
        const QString name = QString::fromUtf8(stat.mid(open + 1, close - open - 1));
        const QList<QByteArray> rest = stat.mid(close + 2).split(' ');
        if (rest.size() > 12) {
            // After the name: state(3) ... utime(14) stime(15), 1-based over the whole line.
            byName[name] +=
                static_cast<double>(rest.at(11).toLongLong() + rest.at(12).toLongLong()) * tick;
        }
    }
    return byName;
}

/// Samples RSS every 500 ms on its own thread (so the engine's event loop sees no extra
/// timer); remembers its own CPU time so that it can be taken out of the engine's.
class RssSampler
{
public:
    void start(qint64 t0Ms)
    {
        m_thread = std::thread([this, t0Ms] {
            pthread_setname_np(pthread_self(), "rss-sampler");
            QElapsedTimer clock;
            clock.start();
            while (!m_stop.load()) {
                const qint64 kb = rssKb();
                {
                    const std::lock_guard lock(m_mutex);
                    m_samples.push_back({ t0Ms + clock.elapsed(), kb });
                }
                std::unique_lock lock(m_wakeMutex);
                m_wake.wait_for(
                    lock, std::chrono::milliseconds(500), [this] { return m_stop.load(); });
            }
            rusage r {};
            getrusage(RUSAGE_THREAD, &r);
            m_ownCpuUs = cpuUsOf(r);
        });
    }
    void stop()
    {
        {
            const std::lock_guard lock(m_wakeMutex);
            m_stop = true;
        }
        m_wake.notify_all();
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }
    std::vector<std::pair<qint64, qint64>> samples() const
    {
        const std::lock_guard lock(m_mutex);
        return m_samples;
    }
    qint64 ownCpuUs() const { return m_ownCpuUs; }

private:
    std::thread m_thread;
    std::atomic_bool m_stop { false };
    mutable std::mutex m_mutex;
    std::mutex m_wakeMutex;
    std::condition_variable m_wake;
    std::vector<std::pair<qint64, qint64>> m_samples;
    std::atomic<qint64> m_ownCpuUs { 0 };
};

class CountingNotifier final : public PublishNotifier
{
public:
    void notify(const PublishNotice &) override { ++count; }
    int count = 0;
};

struct Stats
{
    int n = 0;
    int within1s = 0;
    double medianMs = 0;
    double p95Ms = 0;
    double maxMs = 0;
    double minMs = 0;
};

double percentile(std::vector<double> sorted, double p)
{
    if (sorted.empty()) {
        return 0;
    }
    // Nearest rank.
    const auto rank = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
    return sorted.at(std::clamp<size_t>(rank, 1, sorted.size()) - 1);
}

Stats statsOf(std::vector<double> v)
{
    Stats s;
    std::sort(v.begin(), v.end());
    s.n = static_cast<int>(v.size());
    if (v.empty()) {
        return s;
    }
    s.within1s =
        static_cast<int>(std::count_if(v.begin(), v.end(), [](double d) { return d <= 1000.0; }));
    s.medianMs =
        v.size() % 2 ? v.at(v.size() / 2) : (v.at(v.size() / 2 - 1) + v.at(v.size() / 2)) / 2;
    s.p95Ms = percentile(v, 0.95);
    s.maxMs = v.back();
    s.minMs = v.front();
    return s;
}

QJsonObject toJson(const Stats &s)
{
    return { { QStringLiteral("n"), s.n }, { QStringLiteral("within_1s"), s.within1s },
        { QStringLiteral("min_ms"), s.minMs }, { QStringLiteral("median_ms"), s.medianMs },
        { QStringLiteral("p95_ms"), s.p95Ms }, { QStringLiteral("max_ms"), s.maxMs } };
}

std::string line(const char *what, const Stats &s)
{
    return QStringLiteral("%1: n=%2, within 1 s %3, median %4 ms, p95 %5 ms, max %6 ms")
        .arg(QLatin1String(what))
        .arg(s.n)
        .arg(s.within1s)
        .arg(s.medianMs, 0, 'f', 0)
        .arg(s.p95Ms, 0, 'f', 0)
        .arg(s.maxMs, 0, 'f', 0)
        .toStdString();
}

class Admin
{
public:
    explicit Admin(QString base)
        : m_base(std::move(base))
        , m_transport(createCurlTransport())
    {
    }
    QJsonDocument call(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        HttpRequest request;
        request.method = method;
        request.url = QUrl(m_base + path);
        if (method == "POST") {
            request.headers.append(
                qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
            request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        }
        request.totalTimeoutMs = 60'000;
        const HttpResponse response = m_transport->send(request);
        if (!response.ok() || response.status != 200) {
            throw std::runtime_error(QStringLiteral("sandbox %1 %2 failed: %3 %4")
                                         .arg(QString::fromLatin1(method), path,
                                             QString::number(response.status), response.failureText)
                                         .toStdString());
        }
        return QJsonDocument::fromJson(response.body);
    }

private:
    QString m_base;
    std::unique_ptr<HttpTransport> m_transport;
};

struct Options
{
    QString apiBase;
    QString video;
    QString work;
    int accounts = 50;
    int perAccount = 20;
    int leadS = 15;
    QString clientKey = QStringLiteral("bench-client");
    QByteArray clientSecret = "bench-secret";
    int maxConcurrent = 0; // 0: the engine's default
    int timeoutS = 1200;
    QString rssCsv;
    bool countDbEvents = false;
};

QString creatorName(int i)
{
    return QStringLiteral("bench_%1").arg(i, 2, 10, QLatin1Char('0'));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Options o;
    const QStringList args = QCoreApplication::arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        const bool hasValue = i + 1 < args.size();
        if (a == QLatin1String("--api-base") && hasValue) {
            o.apiBase = args.at(++i);
        } else if (a == QLatin1String("--video") && hasValue) {
            o.video = QFileInfo(args.at(++i)).absoluteFilePath();
        } else if (a == QLatin1String("--work") && hasValue) {
            o.work = QFileInfo(args.at(++i)).absoluteFilePath();
        } else if (a == QLatin1String("--accounts") && hasValue) {
            o.accounts = args.at(++i).toInt();
        } else if (a == QLatin1String("--per-account") && hasValue) {
            o.perAccount = args.at(++i).toInt();
        } else if (a == QLatin1String("--lead-s") && hasValue) {
            o.leadS = args.at(++i).toInt();
        } else if (a == QLatin1String("--client-key") && hasValue) {
            o.clientKey = args.at(++i);
        } else if (a == QLatin1String("--client-secret") && hasValue) {
            o.clientSecret = args.at(++i).toUtf8();
        } else if (a == QLatin1String("--max-concurrent") && hasValue) {
            o.maxConcurrent = args.at(++i).toInt();
        } else if (a == QLatin1String("--timeout-s") && hasValue) {
            o.timeoutS = args.at(++i).toInt();
        } else if (a == QLatin1String("--rss-csv") && hasValue) {
            o.rssCsv = args.at(++i);
        } else if (a == QLatin1String("--count-db-events")) {
            o.countDbEvents = true;
        } else {
            std::cerr << "usage: bench_publish --api-base URL --video FILE --work DIR "
                         "[--accounts N] [--per-account M] [--lead-s S] [--client-key K] "
                         "[--client-secret S] [--max-concurrent N] [--timeout-s T] "
                         "[--rss-csv FILE] [--count-db-events]\n";
            return 2;
        }
    }
    if (o.apiBase.isEmpty() || o.video.isEmpty() || o.work.isEmpty() || o.accounts < 1
        || o.perAccount < 1) {
        std::cerr << "bench_publish: --api-base, --video and --work are required\n";
        return 2;
    }
    if (!QDir().mkpath(o.work)) {
        std::cerr << "cannot create " << o.work.toStdString() << '\n';
        return 2;
    }
    const QString dbPath = o.work + QStringLiteral("/cuepoint.db");
    QFile::remove(dbPath);
    QFile::remove(dbPath + QStringLiteral("-wal"));
    QFile::remove(dbPath + QStringLiteral("-shm"));
    QFile::remove(o.work + QStringLiteral("/tokens.json"));
    QString error;
    // As `cuepoint-cli run` does: every message to the profile's rotating log file.
    if (!Logging::installFileLogger(
            o.work + QStringLiteral("/logs"), QStringLiteral("bench_publish"), &error, false)) {
        std::cerr << error.toStdString() << '\n';
    }

    const SystemClock clock;
    const int total = o.accounts * o.perAccount;
    QElapsedTimer setupTimer;
    setupTimer.start();
    Admin admin(o.apiBase);
    auto db = Database::open(dbPath);
    AccountStore accounts(*db, clock);
    PostStore posts(*db, clock);
    FileTokenStore tokens(o.work + QStringLiteral("/tokens.json"));
    QList<qint64> accountIds;
    QHash<qint64, QString> creatorOfAccount;
    try {
        for (int i = 0; i < o.accounts; ++i) {
            const QJsonObject answer = admin
                                           .call("POST", QStringLiteral("/_sandbox/tokens"),
                                               { { QStringLiteral("creator"), creatorName(i) },
                                                   { QStringLiteral("scope"),
                                                       QStringLiteral("user.info.basic,video."
                                                                      "publish,video.upload") },
                                                   { QStringLiteral("client_key"), o.clientKey } })
                                           .object();
            TokenSet set;
            set.accessToken = answer.value(QStringLiteral("access_token")).toString().toLatin1();
            set.refreshToken = answer.value(QStringLiteral("refresh_token")).toString().toLatin1();
            set.openId = answer.value(QStringLiteral("open_id")).toString();
            set.scopes = answer.value(QStringLiteral("scope"))
                             .toString()
                             .split(QLatin1Char(','), Qt::SkipEmptyParts);
            set.tokenType = QStringLiteral("Bearer");
            set.accessExpiresAt =
                clock.nowUtc().addSecs(answer.value(QStringLiteral("expires_in")).toInt(86400));
            set.refreshExpiresAt = clock.nowUtc().addSecs(
                answer.value(QStringLiteral("refresh_expires_in")).toInt(31536000));
            if (set.accessToken.isEmpty() || set.openId.isEmpty()) {
                std::cerr << "no tokens for " << creatorName(i).toStdString() << '\n';
                return 1;
            }
            Account account;
            account.openId = set.openId;
            account.username = creatorName(i);
            account.displayName = account.username;
            account.scopes = set.scopes;
            account.isSandbox = true;
            account.accessTokenExpiresAt = set.accessExpiresAt;
            account.refreshTokenExpiresAt = set.refreshExpiresAt;
            if (!tokens.write(account.tokenKey(), set.toJson(), &error)) {
                std::cerr << error.toStdString() << '\n';
                return 1;
            }
            const qint64 id = accounts.save(account);
            accountIds << id;
            creatorOfAccount.insert(id, account.username);
        }
    } catch (const std::exception &e) {
        std::cerr << e.what() << '\n';
        return 1;
    }

    // One instant, on a whole second, a few seconds ahead. Posts are added round-robin over
    // the accounts (post k goes to account k % N), one target each.
    const QDateTime nowAtSetup = clock.nowUtc();
    const QDateTime due = QDateTime::fromMSecsSinceEpoch(
        (nowAtSetup.toMSecsSinceEpoch() / 1000 + o.leadS + 1) * 1000, Qt::UTC);
    for (int k = 0; k < total; ++k) {
        Post p;
        p.caption = QStringLiteral("bench post %1 #cuepoint").arg(k);
        p.videoPath = o.video;
        p.scheduledAt = due;
        p.timeZoneId = QStringLiteral("Europe/Paris");
        p.privacyLevel = QStringLiteral("SELF_ONLY");
        p.allowComments = true;
        p.coverTimestampMs = 1000;
        PostTarget t;
        t.accountId = accountIds.at(k % o.accounts);
        t.state = TargetState::Scheduled;
        p.targets << t;
        posts.add(p);
    }
    const qint64 setupMs = setupTimer.elapsed();
    const qint64 dueMs = due.toMSecsSinceEpoch();
    if (clock.nowMs() > dueMs - 1000) {
        std::cerr << "setup took " << setupMs << " ms, past the due time: raise --lead-s\n";
        return 1;
    }

    TikTokConfig config;
    config.apiBase = o.apiBase;
    config.authUrl = o.apiBase + QStringLiteral("/v2/auth/authorize/");
    config.clientKey = o.clientKey;
    config.clientSecret = o.clientSecret;
    config.sandbox = true;
    PublishEngineOptions engineOptions; // the defaults, except:
    if (o.maxConcurrent > 0) {
        engineOptions.maxConcurrentUploads = o.maxConcurrent;
    }
    CountingNotifier notifier;

    // Measurement starts here: everything from now on is the engine's work (plus the sampler,
    // whose own CPU time is taken out).
    const QMap<QString, double> threadsAtStart = threadCpuMs();
    const qint64 rssAtStartKb = rssKb();
    const qint64 cpuStartUs = processCpuUs();
    const qint64 startMs = clock.nowMs();
    RssSampler sampler;
    sampler.start(startMs);
    auto engine = std::make_unique<PublishEngine>(
        dbPath, config, tokens, clock, WakeTimer::createSystemTimer(), &notifier, engineOptions);

    QSet<qint64> finalTargets;
    QHash<QString, int> finalStates;
    qint64 cpuEndUs = 0;
    qint64 endMs = 0;
    qint64 rssAtEndKb = 0;
    QMap<QString, double> threadsAtEnd;
    bool done = false;
    QObject::connect(engine.get(), &PublishEngine::targetChanged, &app,
        [&](qint64, qint64 targetId, TargetState state) {
            if (done || !isFinal(state) || finalTargets.contains(targetId)) {
                return;
            }
            finalTargets.insert(targetId);
            ++finalStates[toString(state)];
            if (finalTargets.size() == total) {
                cpuEndUs = processCpuUs();
                endMs = clock.nowMs();
                rssAtEndKb = rssKb();
                threadsAtEnd = threadCpuMs();
                done = true;
                QCoreApplication::quit();
            }
        });
    int dbEvents = 0;
    QFileSystemWatcher *dbWatcher = nullptr;
    if (o.countDbEvents) {
        // Diagnostic only (it costs main-thread time): how often the database files change,
        // i.e. how often the engine's own watcher schedules a wake().
        dbWatcher = new QFileSystemWatcher({ dbPath, dbPath + QStringLiteral("-wal") }, &app);
        QObject::connect(dbWatcher, &QFileSystemWatcher::fileChanged, &app, [&] { ++dbEvents; });
    }
    QTimer::singleShot(std::chrono::seconds(o.leadS + 2 + o.timeoutS), &app, [&] {
        std::cerr << "timeout: " << finalTargets.size() << " of " << total << " final\n";
        QCoreApplication::quit();
    });
    engine->start();
    app.exec();
    if (!done) {
        cpuEndUs = processCpuUs();
        endMs = clock.nowMs();
        rssAtEndKb = rssKb();
        threadsAtEnd = threadCpuMs();
    }
    sampler.stop();
    engine->stop(std::chrono::seconds(30));
    engine.reset();

    // ---- Analysis (not measured) ----
    QJsonObject summary;
    QJsonArray log;
    try {
        summary = admin.call("GET", QStringLiteral("/_sandbox/summary")).object();
        log = admin.call("GET", QStringLiteral("/_sandbox/log")).array();
    } catch (const std::exception &e) {
        std::cerr << e.what() << '\n';
    }
    // Inits per creator in time order: the k-th init of an account (k >= 6, from 0) could go
    // no earlier than 60 s after its (k-6)-th.
    QHash<QString, std::vector<qint64>> initTimes; // creator -> created_ms, sorted
    QHash<QString, std::pair<QString, int>> initOf; // publish_id -> creator, rank
    for (const QJsonValue &v : summary.value(QStringLiteral("publishes")).toArray()) {
        const QJsonObject p = v.toObject();
        initTimes[p.value(QStringLiteral("creator")).toString()].push_back(
            p.value(QStringLiteral("created_ms")).toInteger());
    }
    for (auto &times : initTimes) {
        std::sort(times.begin(), times.end());
    }
    for (const QJsonValue &v : summary.value(QStringLiteral("publishes")).toArray()) {
        const QJsonObject p = v.toObject();
        const QString creator = p.value(QStringLiteral("creator")).toString();
        const std::vector<qint64> &times = initTimes[creator];
        const auto rank = std::lower_bound(
            times.begin(), times.end(), p.value(QStringLiteral("created_ms")).toInteger());
        initOf.insert(p.value(QStringLiteral("publish_id")).toString(),
            { creator, static_cast<int>(rank - times.begin()) });
    }

    std::vector<double> claimFree, claimHeld, turnHeld, sendMs, publishedAfterDue, claimOrder;
    int bounces = 0;
    int otherRetries = 0;
    int heldCount = 0;
    int maxClaims = 0;
    qint64 lastPublishedMs = 0;
    QJsonArray perTarget;
    for (const Post &p : posts.posts()) {
        for (const PostTarget &t : p.targets) {
            const QList<JournalEntry> journal = posts.journal(t.id);
            qint64 firstClaim = -1;
            qint64 lastClaim = -1;
            qint64 processing = -1;
            qint64 published = -1;
            int waits = 0;
            int claims = 0;
            for (const JournalEntry &e : journal) {
                const qint64 at = e.at.toMSecsSinceEpoch();
                if (e.to == TargetState::Publishing) {
                    ++claims;
                    firstClaim = firstClaim < 0 ? at : firstClaim;
                    lastClaim = at;
                } else if (e.to == TargetState::Processing) {
                    processing = at;
                } else if (e.to == TargetState::Published) {
                    published = at;
                } else if (e.from == TargetState::Publishing && e.to == TargetState::Scheduled) {
                    if (e.detail.contains(QLatin1String("waits its turn"))) {
                        ++waits;
                    } else {
                        ++otherRetries;
                    }
                }
            }
            maxClaims = std::max(maxClaims, claims);
            bounces += waits;
            // Held back by the rate limit: put back to wait for its turn, or (never claimed
            // before its turn, since the engine skips a profile until then) initialised after
            // its profile's first six of the minute.
            int initRank = -1;
            if (const auto it = initOf.constFind(t.publishId); it != initOf.cend()) {
                initRank = it->second;
            }
            const bool held = waits > 0 || initRank >= kInitsPerWindow;
            heldCount += held ? 1 : 0;
            if (firstClaim >= 0) {
                (held ? claimHeld : claimFree).push_back(static_cast<double>(firstClaim - dueMs));
                claimOrder.push_back(static_cast<double>(firstClaim - dueMs));
            }
            if (processing >= 0 && lastClaim >= 0) {
                sendMs.push_back(static_cast<double>(processing - lastClaim));
            }
            if (published >= 0) {
                publishedAfterDue.push_back(static_cast<double>(published - dueMs));
                lastPublishedMs = std::max(lastPublishedMs, published);
            }
            qint64 turn = dueMs;
            int rank = -1;
            if (const auto it = initOf.constFind(t.publishId); it != initOf.cend()) {
                rank = it->second;
                const std::vector<qint64> &times = initTimes[it->first];
                if (rank >= kInitsPerWindow) {
                    turn = std::max(turn, times.at(rank - kInitsPerWindow) + kWindowMs);
                }
            }
            if (held && lastClaim >= 0) {
                turnHeld.push_back(static_cast<double>(lastClaim - turn));
            }
            perTarget.append(QJsonArray { t.id, creatorOfAccount.value(t.accountId), rank, held,
                waits, firstClaim - dueMs, lastClaim - dueMs, turn - dueMs, processing - dueMs,
                published - dueMs });
        }
    }
    QHash<QString, int> requests;
    QHash<QString, int> refused;
    for (const QJsonValue &v : log) {
        const QJsonObject r = v.toObject();
        const QString endpoint = r.value(QStringLiteral("endpoint")).toString();
        ++requests[endpoint];
        const int status = r.value(QStringLiteral("status")).toInt();
        if (status >= 300 && status != 0) {
            ++refused[endpoint + QLatin1Char(' ') + QString::number(status) + QLatin1Char(' ')
                + r.value(QStringLiteral("error_code")).toString()];
        }
    }

    const auto samples = sampler.samples();
    qint64 rssMin = std::numeric_limits<qint64>::max();
    qint64 rssMax = 0;
    qint64 rssAt30s = -1;
    for (const auto &[t, kb] : samples) {
        rssMin = std::min(rssMin, kb);
        rssMax = std::max(rssMax, kb);
        if (rssAt30s < 0 && t >= dueMs + 30'000) {
            rssAt30s = kb;
        }
    }
    if (!o.rssCsv.isEmpty()) {
        QFile csv(o.rssCsv);
        if (csv.open(QIODevice::WriteOnly)) {
            csv.write("ms_after_due,rss_kb\n");
            for (const auto &[t, kb] : samples) {
                csv.write(QByteArray::number(t - dueMs) + ',' + QByteArray::number(kb) + '\n');
            }
        }
    }

    const double cpuMs = static_cast<double>(cpuEndUs - cpuStartUs - sampler.ownCpuUs()) / 1000.0;
    QJsonObject threads;
    double threadSum = 0;
    for (auto it = threadsAtEnd.cbegin(); it != threadsAtEnd.cend(); ++it) {
        const double ms = it.value() - threadsAtStart.value(it.key());
        threads.insert(it.key(), ms);
        threadSum += ms;
    }
    QJsonObject totalsReq;
    for (auto it = requests.cbegin(); it != requests.cend(); ++it) {
        totalsReq.insert(it.key(), it.value());
    }
    QJsonObject refusedReq;
    for (auto it = refused.cbegin(); it != refused.cend(); ++it) {
        refusedReq.insert(it.key(), it.value());
    }
    QJsonObject states;
    for (auto it = finalStates.cbegin(); it != finalStates.cend(); ++it) {
        states.insert(it.key(), it.value());
    }
    const Stats freeStats = statsOf(claimFree);
    const Stats heldStats = statsOf(claimHeld);
    const Stats turnStats = statsOf(turnHeld);
    const Stats sendStats = statsOf(sendMs);
    const Stats publishStats = statsOf(publishedAfterDue);
    QJsonObject out {
        { QStringLiteral("accounts"), o.accounts },
        { QStringLiteral("per_account"), o.perAccount },
        { QStringLiteral("targets"), total },
        { QStringLiteral("max_concurrent_uploads"), engineOptions.maxConcurrentUploads },
        { QStringLiteral("video_bytes"), QFileInfo(o.video).size() },
        { QStringLiteral("setup_ms"), setupMs },
        { QStringLiteral("engine_started_before_due_ms"), dueMs - startMs },
        { QStringLiteral("complete"), done },
        { QStringLiteral("final_states"), states },
        { QStringLiteral("notices"), notifier.count },
        { QStringLiteral("not_held"), toJson(freeStats) },
        { QStringLiteral("held_first_claim"), toJson(heldStats) },
        { QStringLiteral("held_turn_to_claim"), toJson(turnStats) },
        { QStringLiteral("send_ms"), toJson(sendStats) },
        { QStringLiteral("published_after_due"), toJson(publishStats) },
        { QStringLiteral("held_targets"), heldCount },
        { QStringLiteral("rate_limit_bounces"), bounces },
        { QStringLiteral("other_retries"), otherRetries },
        { QStringLiteral("max_claims_of_a_target"), maxClaims },
        { QStringLiteral("wall_s_engine_start_to_last_final"),
            static_cast<double>(endMs - startMs) / 1000.0 },
        { QStringLiteral("wall_s_due_to_last_published"),
            static_cast<double>(lastPublishedMs - dueMs) / 1000.0 },
        { QStringLiteral("cpu_ms"), cpuMs },
        { QStringLiteral("cpu_ms_per_target"), cpuMs / total },
        { QStringLiteral("cpu_ms_sampler_excluded"),
            static_cast<double>(sampler.ownCpuUs()) / 1000.0 },
        { QStringLiteral("cpu_ms_by_thread"), threads },
        { QStringLiteral("cpu_ms_exited_threads"),
            cpuMs + static_cast<double>(sampler.ownCpuUs()) / 1000.0 - threadSum },
        { QStringLiteral("rss_kb_at_engine_start"), rssAtStartKb },
        { QStringLiteral("rss_kb_min"), rssMin },
        { QStringLiteral("rss_kb_max"), rssMax },
        { QStringLiteral("rss_kb_30s_after_due"), rssAt30s },
        { QStringLiteral("rss_kb_at_end"), rssAtEndKb },
        { QStringLiteral("rss_samples"), static_cast<int>(samples.size()) },
        { QStringLiteral("sandbox_totals"), summary.value(QStringLiteral("totals")) },
        { QStringLiteral("sandbox_requests"), totalsReq },
        { QStringLiteral("sandbox_refused"), refusedReq },
        { QStringLiteral("per_target_columns"),
            QJsonArray { QStringLiteral("target"), QStringLiteral("creator"),
                QStringLiteral("init_rank"), QStringLiteral("held"), QStringLiteral("waits"),
                QStringLiteral("first_claim"), QStringLiteral("last_claim"), QStringLiteral("turn"),
                QStringLiteral("processing"), QStringLiteral("published") } },
        { QStringLiteral("per_target_ms_after_due"), perTarget },
    };
    if (o.countDbEvents) {
        out.insert(QStringLiteral("db_file_events"), dbEvents);
    }
    std::cout << QJsonDocument(out).toJson(QJsonDocument::Compact).toStdString() << std::endl;

    std::cerr << "targets final: " << finalTargets.size() << '/' << total << ", engine started "
              << (dueMs - startMs) << " ms before due, setup " << setupMs << " ms\n"
              << line("not held back, due->claim", freeStats) << '\n'
              << line("held back, due->first claim", heldStats) << '\n'
              << line("held back, turn->final claim", turnStats) << '\n'
              << line("claim->uploaded (send)", sendStats) << '\n'
              << "rate-limit bounces " << bounces << ", other retries " << otherRetries << '\n'
              << "CPU " << cpuMs << " ms = " << cpuMs / total << " ms/target; RSS start "
              << rssAtStartKb << " kB, min " << rssMin << ", max " << rssMax << ", end "
              << rssAtEndKb << "; wall " << static_cast<double>(endMs - startMs) / 1000.0 << " s\n";
    return done ? 0 : 1;
}
