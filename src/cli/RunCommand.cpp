// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// cuepoint-cli run: the publishing engine without a window (the headless daemon).
#include "CliArguments.h"
#include "CliContext.h"
#include "CliJson.h"
#include "Commands.h"
#include "TikTokEnvironment.h"

#include "cuepoint/core/publish/PublishEngine.h"
#include "cuepoint/core/publish/PublishNotifier.h"
#include "cuepoint/core/publish/PublisherLock.h"
#include "cuepoint/core/publish/WakeTimer.h"
#include "cuepoint/core/review/ReviewServer.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/Logging.h"
#include "cuepoint/core/support/QuitSignals.h"
#include "cuepoint/core/support/Settings.h"
#include "cuepoint/core/support/TokenStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QSysInfo>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <csignal>

namespace Cuepoint::Cli {

namespace {

/// The lease in the database; renewed three times within it.
constexpr std::chrono::seconds kLease { 90 };

/// Tells the user on standard output (one line per notice, or one JSON object per line).
class OutputNotifier final : public Core::PublishNotifier
{
public:
    OutputNotifier(QTextStream &out, bool json)
        : m_out(out)
        , m_json(json)
    {
    }

    void notify(const Core::PublishNotice &n) override
    {
        if (m_json) {
            nlohmann::json line = {
                { "event", "notice" },
                { "post_id", n.postId },
                { "target_id", n.targetId },
                { "state", Core::toString(n.state).toStdString() },
                { "account", n.account.toStdString() },
                { "title", n.title.toStdString() },
                { "message", n.body.toStdString() },
                { "at", QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString() },
            };
            if (!n.caption.isEmpty()) {
                line["caption"] = n.caption.toStdString();
            }
            m_out << QString::fromStdString(line.dump()) << '\n';
        } else {
            m_out << QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")) << "  post "
                  << n.postId
                  << (n.account.isEmpty() ? QString() : QStringLiteral(" to ") + n.account) << ": "
                  << n.title << ". " << n.body << '\n';
            if (!n.caption.isEmpty()) {
                m_out << "          Caption to paste:\n" << n.caption << '\n';
            }
        }
        m_out.flush();
    }

private:
    QTextStream &m_out;
    bool m_json;
};

QString describeLease(const Core::PublisherLease &lease)
{
    return QStringLiteral("%1, since %2")
        .arg(lease.description.isEmpty() ? lease.holderId : lease.description,
            lease.acquiredAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}

} // namespace

int runRun(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Publishes every due post of the profile at its minute, without a window, "
                       "until SIGINT or SIGTERM (which stop it within seconds; uploads resume "
                       "from their checkpoint on the next start). Only one publisher may run "
                       "per profile."));
    const QCommandLineOption untilIdle(QStringLiteral("until-idle"),
        QStringLiteral("exit 0 once no post is due or in flight (posts due later are left)"));
    const QCommandLineOption json(
        QStringLiteral("json"), QStringLiteral("print notices as JSON, one object per line"));
    const QCommandLineOption help(
        { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("print this help"));
    parser.addOptions({ help, untilIdle, json });
    if (parseOrShowHelp(ctx, parser, args,
            QStringLiteral("cuepoint-cli run [--until-idle] [--json]\n\n%1\n")
                .arg(parser.applicationDescription()))) {
        return ExitSuccess;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return ctx.fail(ExitUsage, QStringLiteral("cuepoint-cli run takes no arguments"));
    }

    const Core::Profile &profile = ctx.profile();
    Core::Database &db = ctx.database();
    const Core::SystemClock clock;
    const QString who = QStringLiteral("cuepoint-cli run (pid %1 on %2)")
                            .arg(QCoreApplication::applicationPid())
                            .arg(QSysInfo::machineHostName());
    Core::PublisherLock lock(profile, db, clock, who);
    if (!lock.tryAcquire(kLease)) {
        const std::optional<Core::PublisherLease> holder = lock.holder();
        return ctx.fail(ExitProblems,
            QStringLiteral("Another Cuepoint already publishes from this profile (%1). Only one "
                           "publisher runs per profile, so that no post goes out twice.")
                .arg(holder ? describeLease(*holder) : QStringLiteral("holder unknown")));
    }

    Core::Settings settings(profile.settingsPath());
    QString note;
    std::unique_ptr<Core::TokenStore> tokens = Core::createTokenStore(profile, &note);
    qCInfo(lcCli).noquote() << "tokens:" << tokens->description() << note;
    QString error;
    std::unique_ptr<TikTokEnvironment> env =
        TikTokEnvironment::create(&profile, &settings, tokens.get(), &error);
    if (!env) {
        return ctx.fail(ExitProblems, error);
    }
    if (!env->problem().isEmpty()) {
        return ctx.fail(ExitUsage, env->problem());
    }

    OutputNotifier notifier(ctx.out(), parser.isSet(json));
    Core::PublishEngineOptions options;
    options.workerName = who;
    const QString settingsPath = profile.settingsPath();
    options.policy = [settingsPath] { return Core::PublishPolicy::fromSettings(settingsPath); };
    Core::PublishEngine engine(db.path(), env->config(), *tokens, clock,
        Core::WakeTimer::createSystemTimer(), &notifier, options);

    QEventLoop loop;
    int exitCode = ExitSuccess;
    Core::QuitSignals quit;
    QObject::connect(&quit, &Core::QuitSignals::received, &loop, [&](int signalNumber) {
        qCInfo(lcCli) << "signal" << signalNumber << "received: stopping";
        loop.quit();
    });
    QTimer renew;
    renew.setInterval(std::chrono::duration_cast<std::chrono::milliseconds>(kLease / 3));
    QObject::connect(&renew, &QTimer::timeout, &loop, [&] {
        if (!lock.renew(kLease)) {
            ctx.err() << "Another process took over publishing from this profile; stopping.\n";
            exitCode = ExitProblems;
            loop.quit();
        }
    });
    // The built-in sandbox may belong to another process of this profile (the window); when
    // that process quits, take the sandbox over on the same address so publishing goes on.
    QTimer sandboxWatch;
    sandboxWatch.setInterval(std::chrono::seconds(10));
    QObject::connect(&sandboxWatch, &QTimer::timeout, &loop, [&] {
        QString why;
        if (!env->ensureSandbox(&why)) {
            qCWarning(lcCli).noquote() << why;
        }
    });
    if (env->usesSharedSandbox()) {
        sandboxWatch.start();
    }
    if (parser.isSet(untilIdle)) {
        QObject::connect(
            &engine, &Core::PublishEngine::idle, &loop, [&] { loop.quit(); }, Qt::QueuedConnection);
    }

    if (!parser.isSet(json)) {
        ctx.out() << "Publishing from " << profile.rootDir() << " through " << env->label()
                  << (parser.isSet(untilIdle) ? QStringLiteral(" until nothing is due.")
                                              : QStringLiteral(". Ctrl-C stops."))
                  << '\n';
        ctx.out().flush();
    }
    try {
        engine.start();
    } catch (const Core::StorageError &e) {
        return ctx.fail(ExitProblems, QString::fromUtf8(e.what()));
    }
    renew.start();
    // Review links of this profile are served while it publishes; a reviewer's approval
    // wakes the engine at once (an approval-gated post goes out through its gate).
    Core::ReviewServer reviewServer(db.path(), clock);
    QObject::connect(&reviewServer, &Core::ReviewServer::feedbackReceived, &engine,
        [&engine](qint64 postId, qint64) {
            qCInfo(lcCli) << "review feedback on post" << postId;
            engine.wake();
        });
    if (!parser.isSet(untilIdle)) {
        QString reviewError;
        if (reviewServer.start(
                { settings.reviewBindAddress(), settings.reviewPort() }, &reviewError)) {
            if (!parser.isSet(json)) {
                ctx.out() << "Review links are served on http://" << reviewServer.bindAddress()
                          << ':' << reviewServer.port() << "/ (cuepoint-cli share makes one).\n";
                ctx.out().flush();
            }
        } else {
            ctx.err() << reviewError << " Publishing goes on; review links do not open until "
                      << "this is fixed.\n";
            ctx.err().flush();
        }
    }
    if (parser.isSet(untilIdle) && engine.isIdle()) {
        // Nothing to do at all.
    } else {
        loop.exec();
    }
    renew.stop();
    reviewServer.stop();
    engine.stop(std::chrono::seconds(10));
    lock.release();
    if (!parser.isSet(json)) {
        ctx.out() << "Stopped.\n";
    }
    return exitCode;
}

} // namespace Cuepoint::Cli
