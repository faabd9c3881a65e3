// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `cuepoint-cli list`: the posts of the profile, in time order.
#include "CliContext.h"
#include "CliJson.h"
#include "Commands.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/support/Clock.h"

#include <QCommandLineParser>
#include <QTimeZone>

namespace Cuepoint::Cli {

namespace {

QString accountLabel(const QHash<qint64, Core::Account> &accounts, qint64 id)
{
    const auto it = accounts.constFind(id);
    if (it == accounts.constEnd()) {
        return QStringLiteral("#%1").arg(id);
    }
    return it->username.isEmpty() ? it->displayName : QLatin1Char('@') + it->username;
}

/// The first words of a caption, on one line, at most @p width characters.
QString captionStart(const QString &caption, int width)
{
    const QString line = caption.simplified();
    return line.size() <= width ? line : line.left(width - 1) + QChar(0x2026);
}

} // namespace

int runList(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Lists the posts of the profile in time order."));
    parser.addHelpOption();
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("print JSON"));
    parser.addOption(jsonOption);
    if (!parser.parse(args)) {
        return ctx.fail(ExitUsage, QStringLiteral("cuepoint-cli list: ") + parser.errorText());
    }
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out() << parser.helpText();
        return ExitSuccess;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return ctx.fail(ExitUsage,
            QStringLiteral("cuepoint-cli list: unexpected argument '%1'")
                .arg(parser.positionalArguments().first()));
    }

    Core::Database &db = ctx.database();
    const Core::SystemClock clock;
    Core::AccountStore accountStore(db, clock);
    Core::PostStore postStore(db, clock);
    QHash<qint64, Core::Account> accounts;
    for (const Core::Account &a : accountStore.accounts()) {
        accounts.insert(a.id, a);
    }
    const QList<Core::Post> posts = postStore.posts();

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
        out << "No posts yet. Schedule one in the Cuepoint window.\n";
        return ExitSuccess;
    }
    out << QStringLiteral("%1  %2  %3  %4  %5\n")
               .arg(QStringLiteral("ID"), 5)
               .arg(QStringLiteral("WHEN"), -25)
               .arg(QStringLiteral("MODE"), -6)
               .arg(QStringLiteral("TARGETS"), -34)
               .arg(QStringLiteral("CAPTION"));
    for (const Core::Post &post : posts) {
        const QTimeZone zone(post.timeZoneId.toUtf8());
        const QDateTime local =
            zone.isValid() ? post.scheduledAt.toTimeZone(zone) : post.scheduledAt;
        QStringList targets;
        for (const Core::PostTarget &t : post.targets) {
            targets << QStringLiteral("%1 %2").arg(
                accountLabel(accounts, t.accountId), Core::toString(t.state));
        }
        out << QStringLiteral("%1  %2  %3  %4  %5\n")
                   .arg(post.id, 5)
                   .arg(local.toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QLatin1Char(' ')
                           + zone.abbreviation(post.scheduledAt),
                       -25)
                   .arg(Core::toString(post.mode), -6)
                   .arg(targets.join(QStringLiteral(", ")), -34)
                   .arg(captionStart(post.caption, 40));
    }
    return ExitSuccess;
}

} // namespace Cuepoint::Cli
