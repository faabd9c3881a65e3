// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `cuepoint-cli library`: the media library without a window (import, list).
#include "CliArguments.h"
#include "CliContext.h"
#include "CliJson.h"
#include "Commands.h"

#include "cuepoint/core/media/MediaImporter.h"
#include "cuepoint/core/storage/MediaStore.h"
#include "cuepoint/core/support/Clock.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QLocale>

namespace Cuepoint::Cli {

namespace {

const char kHelp[] = "Usage: cuepoint-cli library import PATH... [--copy] [--json]\n"
                     "       cuepoint-cli library list [--json]\n"
                     "\n"
                     "The media library: videos imported once (probed, checked against TikTok's "
                     "rules and given a cover) to schedule later.\n"
                     "\n"
                     "  import PATH...  import video files and folders (walked recursively); "
                     "the same content is never added twice\n"
                     "  list            the library's videos, newest first\n"
                     "\n"
                     "Options:\n"
                     "  --copy      keep a copy in the profile's library folder\n"
                     "  --no-covers probe only, without cover thumbnails (benchmarks)\n"
                     "  --json      print JSON\n"
                     "  -h, --help  print this help and exit\n";

QString outcomeName(Core::ImportOutcome outcome)
{
    switch (outcome) {
    case Core::ImportOutcome::Added:
        return QStringLiteral("added");
    case Core::ImportOutcome::Duplicate:
        return QStringLiteral("duplicate");
    case Core::ImportOutcome::Relinked:
        return QStringLiteral("relinked");
    case Core::ImportOutcome::Failed:
        break;
    }
    return QStringLiteral("failed");
}

} // namespace

int runLibrary(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption helpOption(
        { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("print this help"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("print JSON"));
    const QCommandLineOption copyOption(QStringLiteral("copy"), QStringLiteral("copy"));
    const QCommandLineOption noCoversOption(
        QStringLiteral("no-covers"), QStringLiteral("no cover thumbnails"));
    parser.addOptions({ helpOption, jsonOption, copyOption, noCoversOption });
    if (parseOrShowHelp(ctx, parser, args, QLatin1String(kHelp))) {
        return ExitSuccess;
    }
    QStringList positional = parser.positionalArguments();
    const QString action = positional.isEmpty() ? QString() : positional.takeFirst();
    const bool json = parser.isSet(jsonOption);
    Core::SystemClock clock;
    if (action == QLatin1String("import")) {
        if (positional.isEmpty()) {
            return ctx.fail(ExitUsage, QStringLiteral("cuepoint-cli library import: no PATH"));
        }
        for (const QString &p : positional) {
            if (!QFileInfo::exists(p)) {
                return ctx.fail(ExitUsage,
                    QStringLiteral("cuepoint-cli library import: %1 does not exist").arg(p));
            }
        }
        Core::MediaStore store(ctx.database(), clock);
        Core::ImportOptions options;
        options.copyIntoLibrary = parser.isSet(copyOption);
        options.libraryDir = ctx.profile().rootDir() + QStringLiteral("/library");
        if (!parser.isSet(noCoversOption)) {
            options.coverDir = ctx.profile().cacheDir() + QStringLiteral("/library");
        }
        Core::MediaImporter importer(store, options);
        const Core::ImportReport report = importer.run(positional);
        if (json) {
            nlohmann::json items = nlohmann::json::array();
            for (const Core::ImportItem &item : report.items) {
                items.push_back({ { "path", item.sourcePath.toStdString() },
                    { "outcome", outcomeName(item.outcome).toStdString() },
                    { "asset_id", item.assetId }, { "message", item.message.toStdString() } });
            }
            printJson(ctx.out(),
                { { "items", items }, { "skipped", report.skipped },
                    { "summary", report.summary().toStdString() } });
        } else {
            for (const Core::ImportItem &item : report.items) {
                if (item.outcome == Core::ImportOutcome::Failed) {
                    ctx.err() << item.message << '\n';
                }
            }
            ctx.out() << report.summary() << '\n';
        }
        return report.count(Core::ImportOutcome::Failed) > 0 ? ExitProblems : ExitSuccess;
    }
    if (action == QLatin1String("list")) {
        if (!positional.isEmpty()) {
            return ctx.fail(ExitUsage,
                QStringLiteral("cuepoint-cli library list: unexpected argument '%1'")
                    .arg(positional.first()));
        }
        Core::MediaStore store(ctx.database(), clock);
        const QList<Core::MediaAsset> assets = store.assets();
        const QSet<qint64> published = store.publishedAssetIds();
        if (json) {
            nlohmann::json list = nlohmann::json::array();
            for (const Core::MediaAsset &a : assets) {
                nlohmann::json tags = nlohmann::json::array();
                for (const QString &t : a.tags) {
                    tags.push_back(t.toStdString());
                }
                list.push_back({ { "id", a.id }, { "path", a.path.toStdString() },
                    { "content_hash", a.contentHash.toStdString() }, { "size_bytes", a.sizeBytes },
                    { "duration_ms", a.durationMs }, { "width", a.width }, { "height", a.height },
                    { "fps", a.fps }, { "video_codec", a.videoCodec.toStdString() },
                    { "valid", a.valid ? nlohmann::json(*a.valid) : nlohmann::json(nullptr) },
                    { "missing", a.missing }, { "published", published.contains(a.id) },
                    { "tags", tags } });
            }
            printJson(ctx.out(), list);
            return ExitSuccess;
        }
        for (const Core::MediaAsset &a : assets) {
            const qint64 s = (a.durationMs + 500) / 1000;
            ctx.out() << QStringLiteral("%1  %2  %3:%4  %5  %6%7\n")
                             .arg(a.id, 4)
                             .arg(a.valid.value_or(false) ? QStringLiteral("valid  ")
                                                          : QStringLiteral("invalid"))
                             .arg(s / 60, 2)
                             .arg(s % 60, 2, 10, QLatin1Char('0'))
                             .arg(QLocale::c().formattedDataSize(a.sizeBytes), 9)
                             .arg(a.path)
                             .arg(a.missing ? QStringLiteral("  (missing)") : QString());
        }
        return ExitSuccess;
    }
    return ctx.fail(ExitUsage,
        action.isEmpty() ? QStringLiteral("cuepoint-cli library: import or list?")
                         : QStringLiteral("cuepoint-cli library: unknown action '%1'").arg(action));
}

} // namespace Cuepoint::Cli
