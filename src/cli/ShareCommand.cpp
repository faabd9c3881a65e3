// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `cuepoint-cli share`: review links (make one, list them, revoke one).
#include "CliAccounts.h"
#include "CliArguments.h"
#include "CliContext.h"
#include "CliJson.h"
#include "Commands.h"
#include "WhenParser.h"

#include "cuepoint/core/review/ReviewLinks.h"
#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/ReviewStore.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/Settings.h"

#include <QCommandLineParser>
#include <QTimeZone>
#include <QUrl>

#include <limits>

namespace Cuepoint::Cli {

namespace {

const char kHelp[] =
    "Usage: cuepoint-cli share --account NAME [--account NAME ...] [--from DATE] [--to DATE]\n"
    "                          [--days N] [--label TEXT] [--tz ZONE]\n"
    "       cuepoint-cli share list [--json]\n"
    "       cuepoint-cli share revoke ID\n"
    "\n"
    "Makes a review link: people without Cuepoint open it in a browser to see the scheduled\n"
    "posts of the chosen profiles (video, cover, caption, time) and approve them or ask for\n"
    "changes. The link is printed once; only its hash is kept. The review server runs with\n"
    "the window or `cuepoint-cli run`, on the address and port of the settings\n"
    "(review/bindAddress, review/port).\n"
    "\n"
    "Options:\n"
    "  --account NAME  a profile whose posts to share (repeat for several)\n"
    "  --from DATE     only posts at or after DATE (default: from now on)\n"
    "  --to DATE       only posts up to DATE, inclusive (a date means the whole day)\n"
    "  --days N        how many days the link works (default 14, at most 365)\n"
    "  --label TEXT    a name for the link in `share list` (e.g. the client's)\n"
    "  --tz ZONE       the IANA time zone of DATE (default: the system's)\n"
    "  --json          print JSON (share list)\n"
    "  -h, --help      print this help and exit\n";

QString linkState(const Core::ReviewLink &link, const QDateTime &now)
{
    if (link.revokedAt.isValid()) {
        return QStringLiteral("revoked");
    }
    return link.isUsableAt(now) ? QStringLiteral("active") : QStringLiteral("expired");
}

QString localText(const QDateTime &t)
{
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                       : QStringLiteral("-");
}

int listLinks(CliContext &ctx, bool json)
{
    const Core::SystemClock clock;
    Core::AccountStore accountStore(ctx.database(), clock);
    Core::ReviewStore reviews(ctx.database(), clock);
    const QHash<qint64, Core::Account> accounts = accountsById(accountStore.accounts());
    const QList<Core::ReviewLink> links = reviews.links();
    const QDateTime now = clock.nowUtc();
    if (json) {
        nlohmann::json list = nlohmann::json::array();
        for (const Core::ReviewLink &link : links) {
            nlohmann::json profiles = nlohmann::json::array();
            for (const qint64 id : link.accountIds) {
                profiles.push_back({ { "id", id }, { "name", str(accountLabel(accounts, id)) } });
            }
            list.push_back({
                { "id", link.id },
                { "label", str(link.label) },
                { "profiles", profiles },
                { "from", isoUtc(link.rangeFrom) },
                { "to", isoUtc(link.rangeTo) },
                { "created", isoUtc(link.createdAt) },
                { "expires", isoUtc(link.expiresAt) },
                { "revoked", isoUtc(link.revokedAt) },
                { "last_used", isoUtc(link.lastUsedAt) },
                { "state", str(linkState(link, now)) },
            });
        }
        printJson(ctx.out(), list);
        return ExitSuccess;
    }
    QTextStream &out = ctx.out();
    if (links.isEmpty()) {
        out << "No review links yet. Make one with cuepoint-cli share --account NAME.\n";
        return ExitSuccess;
    }
    // Cells are padded one by one (not with chained arg(), which would read a "%1" in a label
    // or a profile name as a placeholder).
    const auto row = [&out](const QStringList &cells) {
        static constexpr int kWidths[] = { 4, -8, -20, -35, -16, -16 };
        for (qsizetype i = 0; i < cells.size(); ++i) {
            const int w = i < 6 ? kWidths[i] : 0;
            out << (w > 0 ? cells.at(i).rightJustified(w) : cells.at(i).leftJustified(-w))
                << (i + 1 < cells.size() ? "  " : "\n");
        }
    };
    row({ QStringLiteral("ID"), QStringLiteral("STATE"), QStringLiteral("PROFILES"),
        QStringLiteral("RANGE"), QStringLiteral("EXPIRES"), QStringLiteral("LAST USED"),
        QStringLiteral("LABEL") });
    for (const Core::ReviewLink &link : links) {
        QStringList profiles;
        for (const qint64 id : link.accountIds) {
            profiles << accountLabel(accounts, id);
        }
        const QString range = link.rangeFrom.isValid() || link.rangeTo.isValid()
            ? QString(localText(link.rangeFrom) + QStringLiteral(" .. ") + localText(link.rangeTo))
            : QString(QStringLiteral("from ") + localText(link.createdAt));
        row({ QString::number(link.id), linkState(link, now), profiles.join(QStringLiteral(", ")),
            range, localText(link.expiresAt), localText(link.lastUsedAt),
            link.label.simplified() });
    }
    return ExitSuccess;
}

int revokeLink(CliContext &ctx, const QStringList &positional)
{
    if (positional.size() != 2) {
        return ctx.fail(ExitUsage,
            QStringLiteral("cuepoint-cli share revoke: which link? Give its ID (cuepoint-cli "
                           "share list shows them)"));
    }
    const qint64 id =
        wholeNumberArgument(positional.at(1), "the link ID", 1, std::numeric_limits<qint64>::max());
    const Core::SystemClock clock;
    Core::ReviewStore reviews(ctx.database(), clock);
    const std::optional<Core::ReviewLink> link = reviews.link(id);
    if (!link) {
        return ctx.fail(ExitUsage,
            QStringLiteral("cuepoint-cli share revoke: there is no review link %1").arg(id));
    }
    if (link->revokedAt.isValid()) {
        ctx.out() << "Review link " << id << " was already revoked.\n";
        return ExitSuccess;
    }
    reviews.revoke(id);
    ctx.out() << "Review link " << id << " revoked: it no longer opens.\n";
    return ExitSuccess;
}

} // namespace

int runShare(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption help(
        { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("print this help"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("print JSON"));
    const QCommandLineOption account(
        QStringLiteral("account"), QStringLiteral("profile"), QStringLiteral("NAME"));
    const QCommandLineOption from(
        QStringLiteral("from"), QStringLiteral("start"), QStringLiteral("DATE"));
    const QCommandLineOption to(
        QStringLiteral("to"), QStringLiteral("end"), QStringLiteral("DATE"));
    const QCommandLineOption days(
        QStringLiteral("days"), QStringLiteral("life in days"), QStringLiteral("N"));
    const QCommandLineOption label(
        QStringLiteral("label"), QStringLiteral("label"), QStringLiteral("TEXT"));
    const QCommandLineOption tz(
        QStringLiteral("tz"), QStringLiteral("zone"), QStringLiteral("ZONE"));
    parser.addOptions({ help, json, account, from, to, days, label, tz });
    if (parseOrShowHelp(ctx, parser, args, QLatin1String(kHelp))) {
        return ExitSuccess;
    }
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()) {
        if (positional.first() == QLatin1String("list") && positional.size() == 1) {
            return listLinks(ctx, parser.isSet(json));
        }
        if (positional.first() == QLatin1String("revoke")) {
            return revokeLink(ctx, positional);
        }
        return ctx.fail(ExitUsage,
            QStringLiteral("cuepoint-cli share: unexpected argument '%1' (see cuepoint-cli share "
                           "--help)")
                .arg(positional.first()));
    }
    const QStringList names = parser.values(account);
    if (names.isEmpty()) {
        return ctx.fail(ExitUsage,
            QStringLiteral("cuepoint-cli share: whose posts? Give --account NAME (cuepoint-cli "
                           "account list shows the profiles)"));
    }
    const QTimeZone zone = zoneArgument(parser.value(tz));
    Core::ReviewShareRequest request;
    if (parser.isSet(from)) {
        request.from = parseBound(parser.value(from), zone, BoundKind::From, "--from");
    }
    if (parser.isSet(to)) {
        request.to = parseBound(parser.value(to), zone, BoundKind::To, "--to");
    }
    if (parser.isSet(days)) {
        request.expiresInDays = static_cast<int>(
            wholeNumberArgument(parser.value(days), "--days", 1, Core::kMaxReviewLinkDays));
    }
    request.label = parser.value(label);

    const Core::SystemClock clock;
    Core::AccountStore accountStore(ctx.database(), clock);
    const QList<Core::Account> accounts = accountStore.accounts();
    for (const QString &name : names) {
        request.accountIds.append(resolveAccount(accounts, name).id);
    }
    Core::ReviewStore reviews(ctx.database(), clock);
    QString error;
    const std::optional<Core::CreatedReviewLink> created =
        Core::createReviewLink(reviews, clock, request, &error);
    if (!created) {
        return ctx.fail(ExitUsage, QStringLiteral("cuepoint-cli share: ") + error);
    }
    const Core::Settings settings(ctx.profile().settingsPath());
    const QUrl url =
        Core::reviewLinkUrl(settings.reviewBindAddress(), settings.reviewPort(), created->token);
    // The token appears here only: it is not logged and the database keeps its hash.
    if (parser.isSet(json)) {
        printJson(ctx.out(),
            { { "id", created->link.id }, { "url", str(url.toString()) },
                { "expires", isoUtc(created->link.expiresAt) } });
    } else {
        ctx.out() << url.toString() << '\n';
        ctx.err() << "Review link " << created->link.id << " works until "
                  << localText(created->link.expiresAt)
                  << ". It opens while Cuepoint or cuepoint-cli run is running.\n";
    }
    return ExitSuccess;
}

} // namespace Cuepoint::Cli
