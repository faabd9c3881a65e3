// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `cuepoint-cli validate FILE [--json] [--max-duration-sec N]`: checks one video against
// TikTok's limits. Exit 0 valid, 1 violations, 2 not readable as a video (or bad usage).
#include "CliArguments.h"
#include "CliContext.h"
#include "CliJson.h"
#include "Commands.h"

#include "cuepoint/core/media/SpecRules.h"
#include "cuepoint/core/media/VideoProbe.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QLocale>

#include <cmath>

namespace Cuepoint::Cli {

namespace {

const char kHelp[] = "Usage: cuepoint-cli validate FILE [--json] [--max-duration-sec N]\n"
                     "\n"
                     "Checks a video file against TikTok's limits (container, codec, frame "
                     "rate,\nduration, picture size, file size) without decoding it.\n"
                     "\n"
                     "Options:\n"
                     "  --json                  print one JSON object instead of a report\n"
                     "  --max-duration-sec N    the account's longest allowed video in seconds\n"
                     "                          (TikTok's max_video_post_duration_sec)\n"
                     "  -h, --help              print this help and exit\n"
                     "\n"
                     "Exit codes: 0 the video is valid, 1 it breaks a rule, 2 the file cannot be\n"
                     "read as a video (missing, unreadable, not a video) or the usage is wrong.\n";

nlohmann::json variantToJson(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
        return value.toLongLong();
    case QMetaType::Double: {
        // Three decimals are plenty for a frame rate and keep 30.0019 from printing 17 digits.
        return std::round(value.toDouble() * 1000.0) / 1000.0;
    }
    case QMetaType::QString:
        return str(value.toString());
    default:
        return nullptr;
    }
}

nlohmann::json nullIfEmpty(const QString &s)
{
    return s.isEmpty() ? nlohmann::json(nullptr) : nlohmann::json(str(s));
}

nlohmann::json toJson(const Core::VideoInfo &info, const Core::SpecResult &result)
{
    nlohmann::json json;
    json["file"] = str(info.path);
    json["valid"] = result.passed();
    json["size_bytes"] = info.sizeBytes;
    json["container"] = nullIfEmpty(info.container);
    json["video_codec"] = nullIfEmpty(info.videoCodec);
    json["profile"] = nullIfEmpty(info.profile);
    json["pixel_format"] = nullIfEmpty(info.pixelFormat);
    json["bit_depth"] = info.bitDepth > 0 ? nlohmann::json(info.bitDepth) : nlohmann::json(nullptr);
    json["width"] = info.width;
    json["height"] = info.height;
    json["display_width"] = info.displayWidth;
    json["display_height"] = info.displayHeight;
    json["rotation"] = info.rotation;
    json["fps"] = info.fps > 0 ? nlohmann::json(std::round(info.fps * 1000.0) / 1000.0)
                               : nlohmann::json(nullptr);
    json["variable_frame_rate"] = info.variableFrameRate;
    json["duration_ms"] =
        info.durationMs >= 0 ? nlohmann::json(info.durationMs) : nlohmann::json(nullptr);
    json["video_streams"] = info.videoStreamCount;
    json["has_audio"] = info.hasAudio;
    json["audio_codec"] = nullIfEmpty(info.audioCodec);
    json["hdr"] = info.hdr;
    auto violations = nlohmann::json::array();
    for (const Core::SpecViolation &v : result.violations) {
        violations.push_back({ { "rule", str(v.rule) }, { "message", str(v.message) },
            { "actual", variantToJson(v.actual) }, { "limit", variantToJson(v.limit) } });
    }
    json["violations"] = violations;
    auto warnings = nlohmann::json::array();
    for (const Core::SpecWarning &w : result.warnings) {
        warnings.push_back({ { "rule", str(w.rule) }, { "message", str(w.message) } });
    }
    json["warnings"] = warnings;
    return json;
}

QString humanSize(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString summary(const Core::VideoInfo &info)
{
    QStringList parts;
    parts << Core::SpecRules::containerDisplayName(info.container);
    QString video = Core::SpecRules::codecDisplayName(info.videoCodec);
    if (!info.profile.isEmpty()) {
        video += QStringLiteral(" (%1)").arg(info.profile);
    }
    parts << video;
    QString size = QStringLiteral("%1x%2").arg(info.displayWidth).arg(info.displayHeight);
    if (info.displayWidth != info.width || info.displayHeight != info.height
        || info.rotation != 0) {
        size += QStringLiteral(" (coded %1x%2, rotated %3°)")
                    .arg(info.width)
                    .arg(info.height)
                    .arg(info.rotation);
    }
    parts << size;
    if (info.fps > 0) {
        parts << QStringLiteral("%1 fps%2")
                     .arg(QString::number(info.fps, 'g', 5),
                         info.variableFrameRate ? QStringLiteral(" (variable)") : QString());
    }
    if (info.durationMs >= 0) {
        parts << QStringLiteral("%1 s").arg(QString::number(info.durationMs / 1000.0, 'f', 2));
    }
    parts << (info.hasAudio
            ? QStringLiteral("%1 audio").arg(Core::SpecRules::codecDisplayName(info.audioCodec))
            : QStringLiteral("no audio"));
    parts << humanSize(info.sizeBytes);
    return parts.join(QStringLiteral(", "));
}

} // namespace

int runValidate(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption helpOption(
        { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("print this help"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("print JSON"));
    const QCommandLineOption maxDurationOption(QStringLiteral("max-duration-sec"),
        QStringLiteral("longest allowed video"), QStringLiteral("N"));
    parser.addOptions({ helpOption, jsonOption, maxDurationOption });
    if (parseOrShowHelp(ctx, parser, args, QLatin1String(kHelp))) {
        return ExitSuccess;
    }
    const QString file = singleFileArgument(parser);
    std::optional<int> maxDurationSec;
    if (parser.isSet(maxDurationOption)) {
        maxDurationSec = static_cast<int>(wholeNumberArgument(
            parser.value(maxDurationOption), "--max-duration-sec", 1, 24 * 3600));
    }
    const bool json = parser.isSet(jsonOption);

    const Core::VideoInfo info = Core::VideoProbe::probe(file);
    if (!info.isReadable()) {
        if (json) {
            nlohmann::json out;
            out["file"] = str(file);
            out["valid"] = false;
            out["size_bytes"] =
                info.sizeBytes >= 0 ? nlohmann::json(info.sizeBytes) : nlohmann::json(nullptr);
            out["error"] = str(Core::probeErrorCode(info.error));
            out["message"] = str(info.errorMessage);
            printJson(ctx.out(), out);
        }
        return ctx.fail(ExitUsage, QStringLiteral("%1: %2").arg(file, info.errorMessage));
    }

    const Core::SpecRules rules = Core::SpecRules::defaults();
    const Core::SpecResult result = rules.check(info, maxDurationSec);
    if (json) {
        printJson(ctx.out(), toJson(info, result));
    } else {
        QTextStream &out = ctx.out();
        const QString name = QFileInfo(file).fileName();
        if (result.passed()) {
            out << name << ": valid for TikTok\n";
        } else {
            out << name << ": not valid for TikTok (" << result.violations.size()
                << (result.violations.size() == 1 ? " problem)\n" : " problems)\n");
        }
        out << "  " << summary(info) << '\n';
        for (const Core::SpecViolation &v : result.violations) {
            out << "  problem: " << v.message << '\n';
        }
        for (const Core::SpecWarning &w : result.warnings) {
            out << "  warning: " << w.message << '\n';
        }
    }
    return result.passed() ? ExitSuccess : ExitProblems;
}

} // namespace Cuepoint::Cli
