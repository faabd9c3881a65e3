// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `cuepoint-cli list`: the posts of the profile, in time order.
#include "CliAccounts.h"
#include "CliArguments.h"
#include "CliContext.h"
#include "CliJson.h"
#include "Commands.h"
#include "WhenParser.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/support/Clock.h"

#include <QCommandLineParser>
#include <QTimeZone>

namespace Cuepoint::Cli {

namespace {

/// The first words of a caption, on one line, at most @p width characters.
QString captionStart(const QString &caption, int width)
{
    const QString line = caption.simplified();
    return line.size() <= width ? line : line.left(width - 1) + QChar(0x2026);
}

const char kHelp[] =
    "Usage: cuepoint-cli list [--from DATE] [--to DATE] [--tz ZONE] [--json]\n"
    "\n"
    "Lists the posts of the profile in time order, with each account's state.\n"
    "\n"
    "Options:\n"
    "  --from DATE   only posts at or after DATE\n"
    "  --to DATE     only posts up to DATE, inclusive (a date means the whole day)\n"
    "                DATE: 2030-05-01, 2030-05-01T09:00 (read in ZONE) or an instant\n"
    "                with an offset (2030-05-01T09:00+02:00, 2030-05-01T07:00Z)\n"
    "  --tz ZONE     the IANA time zone of DATE (default: the system's)\n"
    "  --json        print JSON\n"
    "  -h, --help    print this help and exit\n";

} // namespace

int runList(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption helpOption(
        { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("print this help"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("print JSON"));
    const QCommandLineOption fromOption(
        QStringLiteral("from"), QStringLiteral("start"), QStringLiteral("DATE"));
    const QCommandLineOption toOption(
        QStringLiteral("to"), QStringLiteral("end"), QStringLiteral("DATE"));
    const QCommandLineOption tzOption(
        QStringLiteral("tz"), QStringLiteral("zone"), QStringLiteral("ZONE"));
    parser.addOptions({ helpOption, jsonOption, fromOption, toOption, tzOption });
    if (parseOrShowHelp(ctx, parser, args, QLatin1String(kHelp))) {
        return ExitSuccess;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return ctx.fail(ExitUsage,
            QStringLiteral("cuepoint-cli list: unexpected argument '%1'")
                .arg(parser.positionalArguments().first()));
    }
    const QTimeZone zone = zoneArgument(parser.value(tzOption));
    Core::PostStore::Filter filter;
    if (parser.isSet(fromOption)) {
        filter.from = parseBound(parser.value(fromOption), zone, BoundKind::From, "--from");
    }
    if (parser.isSet(toOption)) {
        filter.to = parseBound(parser.value(toOption), zone, BoundKind::To, "--to");
    }
    if (filter.from.isValid() && filter.to.isValid() && filter.to <= filter.from) {
        return ctx.fail(ExitUsage,
            QStringLiteral("cuepoint-cli list: --to %1 is before --from %2")
                .arg(parser.value(toOption), parser.value(fromOption)));
    }

    Core::Database &db = ctx.database();
    const Core::SystemClock clock;
    Core::AccountStore accountStore(db, clock);
    Core::PostStore postStore(db, clock);
    const QHash<qint64, Core::Account> accounts = accountsById(accountStore.accounts());
    const QList<Core::Post> posts = postStore.posts(filter);

    if (parser.isSet(jsonOption)) {
        nlohmann::json list = nlohmann::json::array();
        for (const Core::Post &post : posts) {
            list.push_back(toJson(post, accounts));
        }
        printJson(ctx.out(), list);
        return ExitSuccess;
    }
    QTextStream &out = ctx.out();
    if (posts.isEmpty()) {
        if (filter.from.isValid() || filter.to.isValid()) {
            out << "No posts in that time.\n";
        } else {
            out << "No posts yet. Schedule one with cuepoint-cli schedule or in the Cuepoint "
                   "window.\n";
        }
        return ExitSuccess;
    }
    out << QStringLiteral("%1  %2  %3  %4  %5\n")
               .arg(QStringLiteral("ID"), 5)
               .arg(QStringLiteral("WHEN"), -25)
               .arg(QStringLiteral("MODE"), -6)
               .arg(QStringLiteral("TARGETS"), -34)
               .arg(QStringLiteral("CAPTION"));
    for (const Core::Post &post : posts) {
        const QTimeZone postZone(post.timeZoneId.toUtf8());
        const QDateTime local =
            postZone.isValid() ? post.scheduledAt.toTimeZone(postZone) : post.scheduledAt;
        QStringList targets;
        for (const Core::PostTarget &t : post.targets) {
            targets << QStringLiteral("%1 %2").arg(
                accountLabel(accounts, t.accountId), Core::toString(t.state));
        }
        out << QStringLiteral("%1  %2  %3  %4  %5\n")
                   .arg(post.id, 5)
                   .arg(local.toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QLatin1Char(' ')
                           + postZone.abbreviation(post.scheduledAt),
                       -25)
                   .arg(Core::toString(post.mode), -6)
                   .arg(targets.join(QStringLiteral(", ")), -34)
                   .arg(captionStart(post.caption, 40));
    }
    return ExitSuccess;
}

} // namespace Cuepoint::Cli
