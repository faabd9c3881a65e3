// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `cuepoint-cli frame FILE --at-ms N --out OUT.png [--width W] [--keyframe]`: writes the exact
// frame on screen at N ms (or the nearest keyframe) as a PNG and prints the value to send as
// video_cover_timestamp_ms. Exit 0 written, 2 usage or input error.
#include "CliArguments.h"
#include "CliContext.h"
#include "Commands.h"

#include "cuepoint/core/media/FrameGrabber.h"
#include "cuepoint/core/media/PngCodec.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

namespace Cuepoint::Cli {

namespace {

const char kHelp[] =
    "Usage: cuepoint-cli frame FILE --at-ms N --out OUT.png [--width W] [--keyframe]\n"
    "\n"
    "Writes the frame on screen at N milliseconds as a PNG (rotation and pixel aspect\n"
    "ratio applied) and prints the video_cover_timestamp_ms that selects exactly that\n"
    "frame. Milliseconds count from the file's start, as for ffmpeg -ss.\n"
    "\n"
    "Options:\n"
    "  --at-ms N      the time in milliseconds (0 to the video's duration)\n"
    "  --out OUT.png  the PNG to write (replaced atomically)\n"
    "  --width W      scale to W pixels wide, keeping the aspect ratio (default: the\n"
    "                 displayed size)\n"
    "  --keyframe     the keyframe nearest N instead of the exact frame (fast preview)\n"
    "  -h, --help     print this help and exit\n"
    "\n"
    "Exit codes: 0 the PNG was written, 2 usage or input error (missing, unreadable or\n"
    "damaged file, not a video, bad arguments).\n";

constexpr int kMaxWidth = 8192;

} // namespace

int runFrame(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption helpOption(
        { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("print this help"));
    const QCommandLineOption atOption(
        QStringLiteral("at-ms"), QStringLiteral("time"), QStringLiteral("N"));
    const QCommandLineOption outOption(
        QStringLiteral("out"), QStringLiteral("PNG to write"), QStringLiteral("OUT.png"));
    const QCommandLineOption widthOption(
        QStringLiteral("width"), QStringLiteral("width"), QStringLiteral("W"));
    const QCommandLineOption keyframeOption(
        QStringLiteral("keyframe"), QStringLiteral("nearest keyframe"));
    parser.addOptions({ helpOption, atOption, outOption, widthOption, keyframeOption });
    if (parseOrShowHelp(ctx, parser, args, QLatin1String(kHelp))) {
        return ExitSuccess;
    }
    const QString file = singleFileArgument(parser);
    if (!parser.isSet(atOption)) {
        throw CliExit { ExitUsage, QStringLiteral("--at-ms N is required (see --help)") };
    }
    if (!parser.isSet(outOption) || parser.value(outOption).isEmpty()) {
        throw CliExit { ExitUsage, QStringLiteral("--out OUT.png is required (see --help)") };
    }
    const qint64 atMs = wholeNumberArgument(
        parser.value(atOption), "--at-ms", 0, std::numeric_limits<qint32>::max());
    int width = 0;
    if (parser.isSet(widthOption)) {
        width = static_cast<int>(
            wholeNumberArgument(parser.value(widthOption), "--width", 0, kMaxWidth));
        if (width == 0) {
            throw CliExit { ExitUsage, QStringLiteral("--width must be at least 1") };
        }
    }
    const QString outPath = parser.value(outOption);
    const QFileInfo outInfo(outPath);
    if (outInfo.isDir()) {
        throw CliExit { ExitUsage,
            QStringLiteral("--out %1 is a folder; give a file name such "
                           "as frame.png")
                .arg(outPath) };
    }
    if (!outInfo.absoluteDir().exists()) {
        throw CliExit { ExitUsage,
            QStringLiteral("the folder of --out %1 does not exist").arg(outPath) };
    }

    Core::FrameGrabber grabber;
    // The picture only goes into the PNG: take it as RGB straight from the scaler.
    grabber.setFormat(Core::VideoFrame::Format::Rgb888);
    QString error;
    if (!grabber.open(file, &error)) {
        throw CliExit { ExitUsage, QStringLiteral("%1: %2").arg(file, error) };
    }
    const qint64 durationMs = grabber.durationMs();
    if (durationMs > 0 && atMs >= durationMs) {
        throw CliExit { ExitUsage,
            QStringLiteral("--at-ms %1 is past the end of the video (it "
                           "lasts %2 ms)")
                .arg(atMs)
                .arg(durationMs) };
    }
    const Core::FrameSize size { width, 0 };
    const std::optional<Core::VideoFrame> frame = parser.isSet(keyframeOption)
        ? grabber.keyframeNear(atMs, size, &error)
        : grabber.exactFrame(atMs, size, &error);
    if (!frame) {
        throw CliExit { ExitUsage, QStringLiteral("%1: %2").arg(file, error) };
    }
    if (!Core::Png::write(*frame, outPath, &error)) {
        throw CliExit { ExitUsage, error };
    }
    ctx.out() << QStringLiteral("%1: %2x%3, %4 starting at %5 ms; video_cover_timestamp_ms=%6\n")
                     .arg(outPath)
                     .arg(frame->width)
                     .arg(frame->height)
                     .arg(frame->isExact() ? QStringLiteral("exact frame")
                                           : QStringLiteral("keyframe"))
                     .arg(frame->ptsMs)
                     .arg(frame->coverTimestampMs);
    return ExitSuccess;
}

} // namespace Cuepoint::Cli
