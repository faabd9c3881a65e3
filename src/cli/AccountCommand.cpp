// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `cuepoint-cli account`: connect a TikTok account (desktop OAuth through the browser), list
// the connected accounts, disconnect one, and store the TikTok app's client key and secret.
#include "CliContext.h"
#include "CliJson.h"
#include "Commands.h"
#include "TikTokEnvironment.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/support/Logging.h"
#include "cuepoint/core/support/Settings.h"
#include "cuepoint/core/support/TokenStore.h"
#include "cuepoint/core/tiktok/AccountConnector.h"
#include "cuepoint/core/tiktok/ApiError.h"

#include <QCommandLineParser>
#include <QProcess>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>

namespace Cuepoint::Cli {

namespace {

std::atomic_bool g_interrupted { false };

extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
}

/// Ctrl-C cancels the wait for the browser instead of killing the process, for as long as
/// this object lives.
class InterruptGuard
{
public:
    InterruptGuard()
    {
        g_interrupted.store(false);
        m_previous = std::signal(SIGINT, &onInterrupt);
        m_previousTerm = std::signal(SIGTERM, &onInterrupt);
    }
    ~InterruptGuard()
    {
        std::signal(SIGINT, m_previous);
        std::signal(SIGTERM, m_previousTerm);
    }
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;

private:
    void (*m_previous)(int) = SIG_DFL;
    void (*m_previousTerm)(int) = SIG_DFL;
};

QString accountName(const Core::Account &a)
{
    QString name = a.displayName.isEmpty() ? a.openId : a.displayName;
    if (!a.username.isEmpty()) {
        name += QStringLiteral(" (@%1)").arg(a.username);
    }
    if (a.isSandbox) {
        name += QStringLiteral(" [Sandbox]");
    }
    return name;
}

QString expiry(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
                       : QStringLiteral("-");
}

/// Parses the options of a subcommand; returns -1 to go on, else the exit code.
int parse(CliContext &ctx, QCommandLineParser &parser, const QStringList &args, const char *name)
{
    parser.addHelpOption();
    if (!parser.parse(args)) {
        return ctx.fail(ExitUsage,
            QStringLiteral("cuepoint-cli account %1: %2")
                .arg(QLatin1String(name), parser.errorText()));
    }
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out() << parser.helpText();
        return ExitSuccess;
    }
    return -1;
}

std::unique_ptr<TikTokEnvironment> makeEnvironment(
    const Core::Profile &profile, Core::Settings &settings, Core::TokenStore &tokens)
{
    QString error;
    auto env = TikTokEnvironment::create(&profile, &settings, &tokens, &error);
    if (!env) {
        throw CliExit { ExitProblems, error };
    }
    if (!env->problem().isEmpty()) {
        throw CliExit { ExitUsage, env->problem() };
    }
    return env;
}

int runConnect(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Connects a TikTok account: opens TikTok's authorization page in the browser and waits "
        "for its answer on 127.0.0.1. Without a TikTok client key configured, the built-in "
        "Sandbox stands in for TikTok."));
    const QCommandLineOption noBrowser(
        QStringLiteral("no-browser"), QStringLiteral("only print the URL; do not open a browser"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
        QStringLiteral("seconds to wait for the browser (default 300)"), QStringLiteral("SEC"),
        QStringLiteral("300"));
    parser.addOptions({ noBrowser, timeout });
    if (const int code = parse(ctx, parser, args, "connect"); code >= 0) {
        return code;
    }
    bool ok = false;
    const int timeoutSec = parser.value(timeout).toInt(&ok);
    if (!ok || timeoutSec <= 0) {
        return ctx.fail(ExitUsage,
            QStringLiteral("cuepoint-cli account connect: --timeout needs a number of seconds"));
    }

    Core::Database &db = ctx.database();
    Core::Settings settings(ctx.profile().settingsPath());
    std::unique_ptr<Core::TokenStore> tokenStore = Core::createTokenStore(ctx.profile());
    std::unique_ptr<TikTokEnvironment> env = makeEnvironment(ctx.profile(), settings, *tokenStore);
    const Core::SystemClock clock;
    Core::AccountConnector connector(env->client(), *tokenStore, clock);
    // Ctrl-C cancels the attempt (the wait and any call in flight) cleanly.
    InterruptGuard guard;
    connector.setCancelFlag(&g_interrupted);
    const bool openBrowser = !parser.isSet(noBrowser);
    const auto announce = [&ctx, &env, openBrowser](const QUrl &authorizeUrl) {
        if (env->isSandbox()) {
            ctx.out() << "No TikTok app is configured: connecting a Sandbox account (the built-in "
                         "local TikTok emulator). See docs/TIKTOK-SETUP.md to connect a real "
                         "one.\n";
        }
        const QString url = authorizeUrl.toString(QUrl::FullyEncoded);
        ctx.out() << "Open this URL to authorize: " << url << '\n';
        ctx.out().flush();
        if (openBrowser) {
            // QDesktopServices needs QtGui; xdg-open is what it would call on Linux anyway.
            if (!QProcess::startDetached(QStringLiteral("xdg-open"), { url })) {
                ctx.err() << "Could not open a browser; open the URL above by hand.\n";
                ctx.err().flush();
            }
        }
        ctx.out() << "Waiting for the browser (Ctrl-C cancels)...\n";
        ctx.out().flush();
    };

    Core::ConnectedAccount connected;
    try {
        connected = connector.authorize(announce, timeoutSec * 1000);
    } catch (const Core::ApiError &e) {
        if (e.code() == QLatin1String(Core::AccountConnector::kListenerUnavailable)) {
            return ctx.fail(ExitProblems, e.message());
        }
        if (e.code() == QLatin1String(Core::ApiError::kCancelled)) {
            return ctx.fail(ExitProblems, QStringLiteral("Cancelled: no account was connected."));
        }
        qCWarning(lcCli).noquote() << "account connect failed:" << e.describe();
        return ctx.fail(ExitProblems,
            QStringLiteral("Not connected: %1 (%2%3)")
                .arg(e.userMessage(), e.code(),
                    e.logId().isEmpty() ? QString() : QStringLiteral(", log_id ") + e.logId()));
    }
    Core::AccountStore accounts(db, clock);
    Core::AccountConnector::store(accounts, connected);
    const Core::Account &account = connected.account;
    ctx.out() << "Connected " << accountName(account) << " (open_id " << account.openId << ")\n";
    ctx.out() << "Scopes: " << account.scopes.join(QStringLiteral(", ")) << '\n';
    if (!connected.missingScopes.isEmpty()) {
        ctx.out() << "Not granted: " << connected.missingScopes.join(QStringLiteral(", "))
                  << " - connect again and allow them to post.\n";
    }
    return ExitSuccess;
}

int runAccountList(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Lists the connected TikTok accounts."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("print JSON"));
    parser.addOption(json);
    if (const int code = parse(ctx, parser, args, "list"); code >= 0) {
        return code;
    }
    const Core::SystemClock clock;
    Core::AccountStore store(ctx.database(), clock);
    const QList<Core::Account> accounts = store.accounts();
    if (parser.isSet(json)) {
        nlohmann::json list = nlohmann::json::array();
        for (const Core::Account &a : accounts) {
            list.push_back(toJson(a));
        }
        printJson(ctx.out(), list);
        return ExitSuccess;
    }
    QTextStream &out = ctx.out();
    if (accounts.isEmpty()) {
        out << "No TikTok accounts. Connect one with: cuepoint-cli account connect\n";
        return ExitSuccess;
    }
    out << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
               .arg(QStringLiteral("NAME"), -24)
               .arg(QStringLiteral("USERNAME"), -18)
               .arg(QStringLiteral("OPEN_ID"), -36)
               .arg(QStringLiteral("TOKEN EXPIRES"), -20)
               .arg(QStringLiteral("STATUS"), -16)
               .arg(QStringLiteral("SCOPES"));
    for (const Core::Account &a : accounts) {
        QString status = Core::toString(a.status);
        if (a.isSandbox) {
            status += QStringLiteral(" (Sandbox)");
        }
        out << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                   .arg(a.displayName, -24)
                   .arg(a.username.isEmpty() ? QStringLiteral("-") : QLatin1Char('@') + a.username,
                       -18)
                   .arg(a.openId, -36)
                   .arg(expiry(a.accessTokenExpiresAt), -20)
                   .arg(status, -16)
                   .arg(a.scopes.join(QLatin1Char(',')));
    }
    return ExitSuccess;
}

int runDisconnect(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Disconnects a TikTok account: revokes Cuepoint's access at TikTok, removes its tokens "
        "and marks it disconnected (its posts stay)."));
    parser.addPositionalArgument(
        QStringLiteral("NAME"), QStringLiteral("username, display name or open_id"));
    if (const int code = parse(ctx, parser, args, "disconnect"); code >= 0) {
        return code;
    }
    if (parser.positionalArguments().size() != 1) {
        return ctx.fail(ExitUsage,
            QStringLiteral("cuepoint-cli account disconnect: name one account (see --help)"));
    }
    QString name = parser.positionalArguments().first();
    if (name.startsWith(QLatin1Char('@'))) {
        name.remove(0, 1);
    }
    const Core::SystemClock clock;
    Core::AccountStore accounts(ctx.database(), clock);
    const std::optional<Core::Account> account = accounts.findByName(name);
    if (!account) {
        return ctx.fail(ExitUsage, QStringLiteral("No TikTok account named '%1'.").arg(name));
    }
    Core::Settings settings(ctx.profile().settingsPath());
    std::unique_ptr<Core::TokenStore> tokenStore = Core::createTokenStore(ctx.profile());
    std::unique_ptr<TikTokEnvironment> env = makeEnvironment(ctx.profile(), settings, *tokenStore);
    Core::AccountConnector connector(env->client(), *tokenStore, clock);
    Core::DisconnectOutcome outcome;
    try {
        outcome = connector.revokeAccess(*account);
    } catch (const Core::ApiError &e) {
        return ctx.fail(ExitProblems, e.userMessage() + QStringLiteral(" (") + e.message() + u')');
    }
    Core::AccountConnector::markDisconnected(accounts, account->id);
    ctx.out() << "Disconnected " << accountName(*account) << '\n';
    if (!outcome.warning.isEmpty()) {
        ctx.out().flush();
        ctx.err() << outcome.warning << '\n';
    }
    return ExitSuccess;
}

int runSetApp(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Stores the client key of your TikTok developer app in the settings and its client "
        "secret, read from standard input, in the keychain (see docs/TIKTOK-SETUP.md). "
        "--clear goes back to the built-in Sandbox."));
    const QCommandLineOption key(QStringLiteral("client-key"),
        QStringLiteral("the app's client key"), QStringLiteral("KEY"));
    const QCommandLineOption clear(QStringLiteral("clear"), QStringLiteral("forget the app"));
    parser.addOptions({ key, clear });
    if (const int code = parse(ctx, parser, args, "set-app"); code >= 0) {
        return code;
    }
    QString error;
    if (!ctx.profile().ensureExists(&error)) {
        return ctx.fail(ExitUsage, error);
    }
    Core::Settings settings(ctx.profile().settingsPath());
    std::unique_ptr<Core::TokenStore> tokens = Core::createTokenStore(ctx.profile());
    const QString secretKey = QString::fromLatin1(Core::TikTokConfig::kClientSecretKey);
    if (parser.isSet(clear)) {
        settings.setValue(Core::Settings::TikTokClientKey, QString());
        if (!tokens->remove(secretKey, &error) || !settings.sync(&error)) {
            return ctx.fail(ExitProblems, error);
        }
        ctx.out() << "The TikTok app was removed; Cuepoint uses the built-in Sandbox.\n";
        return ExitSuccess;
    }
    const QString clientKey = parser.value(key).trimmed();
    if (clientKey.isEmpty()) {
        return ctx.fail(ExitUsage,
            QStringLiteral("cuepoint-cli account set-app: --client-key KEY is required"));
    }
    ctx.err() << "Client secret (read from standard input): ";
    ctx.err().flush();
    std::string line;
    std::getline(std::cin, line);
    const QByteArray secret = QByteArray::fromStdString(line).trimmed();
    ctx.err() << '\n';
    if (secret.isEmpty()) {
        return ctx.fail(ExitUsage, QStringLiteral("No client secret was given."));
    }
    if (!tokens->write(secretKey, secret, &error)) {
        return ctx.fail(ExitProblems, error);
    }
    settings.setValue(Core::Settings::TikTokClientKey, clientKey);
    if (!settings.sync(&error)) {
        return ctx.fail(ExitProblems, error);
    }
    ctx.out() << "Stored the TikTok app " << clientKey << " (secret in " << tokens->description()
              << ").\n";
    return ExitSuccess;
}

} // namespace

int runAccount(CliContext &ctx, const QStringList &args)
{
    const QString sub = args.size() > 1 ? args.at(1) : QString();
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("connect")) {
        return runConnect(ctx, rest);
    }
    if (sub == QLatin1String("list")) {
        return runAccountList(ctx, rest);
    }
    if (sub == QLatin1String("disconnect")) {
        return runDisconnect(ctx, rest);
    }
    if (sub == QLatin1String("set-app")) {
        return runSetApp(ctx, rest);
    }
    const QString usage = QStringLiteral(
        "Usage: cuepoint-cli account connect [--no-browser] [--timeout SEC]\n"
        "       cuepoint-cli account list [--json]\n"
        "       cuepoint-cli account disconnect NAME\n"
        "       cuepoint-cli account set-app --client-key KEY (secret on stdin) | --clear\n");
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        ctx.out() << usage;
        return ExitSuccess;
    }
    ctx.err() << usage;
    return ctx.fail(ExitUsage,
        sub.isEmpty() ? QStringLiteral("cuepoint-cli account: name a subcommand")
                      : QStringLiteral("cuepoint-cli account: unknown subcommand '%1'").arg(sub));
}

} // namespace Cuepoint::Cli
