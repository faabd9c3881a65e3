// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `cuepoint-cli thumbnails FILE --count N --out DIR [--width W] [--exact] [--no-cache]`:
// N evenly spaced thumbnails as DIR/thumb_NNN.png, keyframes by default. Exit 0 all written,
// 1 some slots could not be decoded (the others are written), 2 usage or input error.
#include "CliArguments.h"
#include "CliContext.h"
#include "Commands.h"

#include "cuepoint/core/media/PngCodec.h"
#include "cuepoint/core/media/ThumbnailStrip.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <map>
#include <mutex>

namespace Cuepoint::Cli {

namespace {

const char kHelp[] =
    "Usage: cuepoint-cli thumbnails FILE --count N --out DIR [--width W] [--exact]\n"
    "                                [--no-cache]\n"
    "\n"
    "Writes N thumbnails evenly spaced across the video as DIR/thumb_001.png ... and\n"
    "prints one line per thumbnail: its slot time and the video_cover_timestamp_ms of\n"
    "the frame shown. Thumbnails are cached in the profile (cache/thumbnails), so a\n"
    "second run is almost free.\n"
    "\n"
    "Options:\n"
    "  --count N   number of thumbnails (1-1000)\n"
    "  --out DIR   folder to write to (created when missing)\n"
    "  --width W   thumbnail width in pixels (default 180), aspect ratio kept\n"
    "  --exact     the exact frame at each slot instead of the nearest keyframe\n"
    "              (slower: decodes up to a keyframe interval per thumbnail)\n"
    "  --no-cache  neither read nor write the profile's thumbnail cache\n"
    "  -h, --help  print this help and exit\n"
    "\n"
    "Exit codes: 0 all thumbnails written, 1 some parts of the video could not be decoded\n"
    "(the other thumbnails are written), 2 usage or input error.\n";

constexpr int kDefaultWidth = 180;
constexpr int kMaxWidth = 8192;
constexpr int kMaxCount = 1000;

} // namespace

int runThumbnails(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption helpOption(
        { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("print this help"));
    const QCommandLineOption countOption(
        QStringLiteral("count"), QStringLiteral("count"), QStringLiteral("N"));
    const QCommandLineOption outOption(
        QStringLiteral("out"), QStringLiteral("folder"), QStringLiteral("DIR"));
    const QCommandLineOption widthOption(
        QStringLiteral("width"), QStringLiteral("width"), QStringLiteral("W"));
    const QCommandLineOption exactOption(QStringLiteral("exact"), QStringLiteral("exact"));
    const QCommandLineOption noCacheOption(QStringLiteral("no-cache"), QStringLiteral("no cache"));
    parser.addOptions(
        { helpOption, countOption, outOption, widthOption, exactOption, noCacheOption });
    if (parseOrShowHelp(ctx, parser, args, QLatin1String(kHelp))) {
        return ExitSuccess;
    }
    const QString file = singleFileArgument(parser);
    if (!parser.isSet(countOption)) {
        throw CliExit { ExitUsage, QStringLiteral("--count N is required (see --help)") };
    }
    if (!parser.isSet(outOption) || parser.value(outOption).isEmpty()) {
        throw CliExit { ExitUsage, QStringLiteral("--out DIR is required (see --help)") };
    }
    Core::ThumbnailRequest request;
    request.count =
        static_cast<int>(wholeNumberArgument(parser.value(countOption), "--count", 1, kMaxCount));
    request.size = { parser.isSet(widthOption) ? static_cast<int>(
                         wholeNumberArgument(parser.value(widthOption), "--width", 1, kMaxWidth))
                                               : kDefaultWidth,
        0 };
    request.mode =
        parser.isSet(exactOption) ? Core::ThumbnailMode::Exact : Core::ThumbnailMode::Keyframe;
    const QString outDir = parser.value(outOption);
    if (QFileInfo(outDir).exists() && !QFileInfo(outDir).isDir()) {
        throw CliExit { ExitUsage, QStringLiteral("--out %1 is a file, not a folder").arg(outDir) };
    }
    if (!QDir().mkpath(outDir)) {
        throw CliExit { ExitUsage, QStringLiteral("cannot create the folder %1").arg(outDir) };
    }
    if (!parser.isSet(noCacheOption)) {
        // The cache is an optimisation: without a usable profile we simply go without it.
        QString ignored;
        if (ctx.profile().ensureExists(&ignored)) {
            request.cacheDir = ctx.profile().cacheDir() + QStringLiteral("/thumbnails");
        }
    }

    const int digits = QString::number(request.count).size() < 3
        ? 3
        : static_cast<int>(QString::number(request.count).size());
    std::mutex mutex;
    std::map<int, QString> lines; // printed in slot order at the end
    QStringList writeErrors;
    QStringList decodeErrors;
    QString error;
    const Core::ThumbnailStats stats = Core::ThumbnailStrip::generate(
        file, request,
        [&](const Core::Thumbnail &t) {
            // Runs on the decoder threads: encode there, in parallel.
            const QString name =
                QStringLiteral("thumb_%1.png").arg(t.index + 1, digits, 10, QLatin1Char('0'));
            QString line;
            QString writeError;
            if (t.frame.isNull()) {
                line = QStringLiteral("%1 %2 ms: %3").arg(name).arg(t.timestampMs).arg(t.error);
            } else if (Core::Png::write(t.frame, QDir(outDir).filePath(name), &writeError)) {
                line = QStringLiteral("%1 %2 ms: %3 at %4 ms, video_cover_timestamp_ms=%5%6")
                           .arg(name)
                           .arg(t.timestampMs)
                           .arg(t.frame.isExact() ? QStringLiteral("exact frame")
                                                  : QStringLiteral("keyframe"))
                           .arg(t.frame.ptsMs)
                           .arg(t.frame.coverTimestampMs)
                           .arg(t.fromCache ? QStringLiteral(" (cached)") : QString());
            }
            const std::lock_guard lock(mutex);
            if (!writeError.isEmpty()) {
                writeErrors << writeError;
            } else if (t.frame.isNull()) {
                decodeErrors << line;
            }
            lines[t.index] = line;
        },
        &error);
    if (stats.fatal) {
        throw CliExit { ExitUsage, QStringLiteral("%1: %2").arg(file, error) };
    }
    if (!writeErrors.isEmpty()) {
        throw CliExit { ExitUsage, writeErrors.first() };
    }
    for (const auto &[index, line] : lines) {
        ctx.out() << line << '\n';
    }
    if (stats.failed > 0) {
        return ctx.fail(ExitProblems,
            QStringLiteral("%1: %2 of %3 thumbnails could not be "
                           "decoded; the video is damaged (first: %4)")
                .arg(file)
                .arg(stats.failed)
                .arg(request.count)
                .arg(decodeErrors.value(0)));
    }
    return ExitSuccess;
}

} // namespace Cuepoint::Cli
