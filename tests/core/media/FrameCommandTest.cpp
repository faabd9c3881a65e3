// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `cuepoint-cli frame` and `cuepoint-cli thumbnails`, run as the real executable.
#include "FrameTestSupport.h"

#include "cuepoint/core/media/FrameGrabber.h"
#include "cuepoint/core/media/PngCodec.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace Cuepoint::Core {
namespace {

using FrameTesting::fixture;

struct CliRun
{
    int exitCode = -1;
    bool crashed = true;
    QString out;
    QString err;
};

// Runs cuepoint-cli with its own profile folder, so the thumbnail cache starts empty.
CliRun runCli(const QStringList &arguments, const QString &profile = {})
{
    QProcess process;
    QStringList args;
    if (!profile.isEmpty()) {
        args << QStringLiteral("--profile") << profile;
    }
    args << arguments;
    process.start(QStringLiteral(CUEPOINT_CLI_PATH), args);
    CliRun run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        ADD_FAILURE() << "cuepoint-cli hung: " << args.join(QLatin1Char(' ')).toStdString();
        return run;
    }
    run.crashed = process.exitStatus() != QProcess::NormalExit;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

VideoFrame readPng(const QString &path)
{
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
    QString error;
    const std::optional<VideoFrame> frame = Png::decode(file.readAll(), &error);
    EXPECT_TRUE(frame) << path.toStdString() << ": " << error.toStdString();
    return frame.value_or(VideoFrame {});
}

// A usage or input error: exit 2, no crash, exactly one line on stderr.
void expectInputError(const CliRun &run, const char *what)
{
    EXPECT_FALSE(run.crashed) << what;
    EXPECT_EQ(run.exitCode, 2) << what << ": " << run.err.toStdString();
    EXPECT_EQ(run.err.count(QLatin1Char('\n')), 1) << what << ": " << run.err.toStdString();
    EXPECT_GT(run.err.trimmed().size(), 20) << what;
}

TEST(FrameCommandTest, WritesTheExactFrameAsPng)
{
    QTemporaryDir dir;
    const QString file = fixture("ok_rotation_minus90.mp4");
    const QString png = dir.filePath(QStringLiteral("cover.png"));
    const CliRun run = runCli({ QStringLiteral("frame"), file, QStringLiteral("--at-ms"),
        QStringLiteral("2500"), QStringLiteral("--out"), png });
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.err.isEmpty());
    EXPECT_TRUE(run.out.contains(QLatin1String("video_cover_timestamp_ms=")))
        << run.out.toStdString();

    // The PNG holds exactly the in-process exact frame (PNG is lossless), upright.
    const VideoFrame written = readPng(png);
    FrameGrabber grabber;
    ASSERT_TRUE(grabber.open(file));
    const auto expected = grabber.exactFrame(2500);
    ASSERT_TRUE(expected);
    ASSERT_EQ(written.width, 360);
    ASSERT_EQ(written.height, 640);
    for (int y = 0; y < written.height; ++y) {
        ASSERT_EQ(0,
            std::memcmp(written.rgba.constData() + written.offsetOf(0, y),
                expected->rgba.constData() + expected->offsetOf(0, y), size_t(written.width) * 4));
    }
    EXPECT_TRUE(run.out.contains(
        QStringLiteral("video_cover_timestamp_ms=%1").arg(expected->coverTimestampMs)));

    // ffprobe agrees that it is a 360x640 PNG.
    const QByteArray probe = FrameTesting::runTool(QStringLiteral("ffprobe"),
        { QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_entries"),
            QStringLiteral("stream=codec_name,width,height"), QStringLiteral("-of"),
            QStringLiteral("csv=p=0"), png });
    EXPECT_EQ(probe.trimmed(), QByteArray("png,360,640"));
}

TEST(FrameCommandTest, ScalesToTheRequestedWidthAndOffersKeyframes)
{
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("small.png"));
    CliRun run = runCli({ QStringLiteral("frame"), fixture("ok_sar_2_1.mp4"),
        QStringLiteral("--at-ms"), QStringLiteral("1000"), QStringLiteral("--out"), png,
        QStringLiteral("--width"), QStringLiteral("90") });
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const VideoFrame small = readPng(png);
    EXPECT_EQ(small.width, 90);
    EXPECT_EQ(small.height, 160); // SAR 2:1 applied: displays as 360x640

    run = runCli(
        { QStringLiteral("frame"), fixture("ok_h264_aac_faststart.mp4"), QStringLiteral("--at-ms"),
            QStringLiteral("1500"), QStringLiteral("--out"), png, QStringLiteral("--keyframe") });
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QLatin1String("keyframe starting at 2000 ms")))
        << run.out.toStdString();
}

TEST(FrameCommandTest, HelpAndUsageErrors)
{
    CliRun run = runCli({ QStringLiteral("frame"), QStringLiteral("--help") });
    EXPECT_EQ(run.exitCode, 0);
    EXPECT_TRUE(run.out.startsWith(QLatin1String("Usage: cuepoint-cli frame")));
    run = runCli({ QStringLiteral("thumbnails"), QStringLiteral("--help") });
    EXPECT_EQ(run.exitCode, 0);
    EXPECT_TRUE(run.out.startsWith(QLatin1String("Usage: cuepoint-cli thumbnails")));

    QTemporaryDir dir;
    const QString ok = fixture("ok_h264_aac_faststart.mp4");
    const QString png = dir.filePath(QStringLiteral("x.png"));
    const QString at = QStringLiteral("--at-ms");
    const QString out = QStringLiteral("--out");
    const QString frame = QStringLiteral("frame");
    expectInputError(runCli({ frame, ok, out, png }), "no --at-ms");
    expectInputError(runCli({ frame, ok, at, QStringLiteral("10") }), "no --out");
    expectInputError(runCli({ frame, at, QStringLiteral("10"), out, png }), "no file");
    expectInputError(runCli({ frame, ok, at, QStringLiteral("abc"), out, png }), "bad --at-ms");
    expectInputError(runCli({ frame, ok, at, QStringLiteral("-5"), out, png }), "negative --at-ms");
    expectInputError(runCli({ frame, ok, at, QStringLiteral("5000"), out, png }), "past the end");
    expectInputError(runCli({ frame, ok, at, QStringLiteral("10"), out, png,
                         QStringLiteral("--width"), QStringLiteral("0") }),
        "zero width");
    expectInputError(
        runCli({ frame, ok, at, QStringLiteral("10"), out, dir.path() }), "--out is a folder");
    expectInputError(runCli({ frame, ok, at, QStringLiteral("10"), out,
                         dir.filePath(QStringLiteral("missing/x.png")) }),
        "--out in a missing folder");
    expectInputError(
        runCli({ frame, ok, at, QStringLiteral("10"), out, png, QStringLiteral("--bogus") }),
        "unknown option");
    EXPECT_FALSE(QFile::exists(png));
}

class BadFileCommandTest : public ::testing::TestWithParam<const char *>
{
};

// media.md §5: every damaged or wrong input gives a sentence and exit 2, never a crash or hang.
TEST_P(BadFileCommandTest, FrameAndThumbnailsExitWithTwo)
{
    QTemporaryDir dir;
    const QString name = QString::fromUtf8(GetParam());
    QString file;
    if (name == QLatin1String("<folder>")) {
        file = dir.path();
    } else if (name == QLatin1String("<missing>")) {
        file = dir.filePath(QStringLiteral("missing.mp4"));
    } else {
        file = fixture(GetParam());
    }
    const QString png = dir.filePath(QStringLiteral("x.png"));
    const CliRun frame = runCli({ QStringLiteral("frame"), file, QStringLiteral("--at-ms"),
        QStringLiteral("0"), QStringLiteral("--out"), png });
    expectInputError(frame, GetParam());
    EXPECT_TRUE(frame.err.startsWith(QLatin1String("cuepoint-cli frame: ")))
        << frame.err.toStdString();
    EXPECT_FALSE(QFile::exists(png));
    const CliRun thumbs = runCli({ QStringLiteral("thumbnails"), file, QStringLiteral("--count"),
        QStringLiteral("3"), QStringLiteral("--out"), dir.filePath(QStringLiteral("t")),
        QStringLiteral("--no-cache") });
    expectInputError(thumbs, GetParam());
}

INSTANTIATE_TEST_SUITE_P(Inputs, BadFileCommandTest,
    ::testing::Values("empty.mp4", "text_named.mp4", "random_bytes.mp4", "jpeg_named.mp4",
        "audio_only.m4a", "audio_with_cover.m4a", "corrupt_header.mp4", "truncated_moov_at_end.mp4",
        "<folder>", "<missing>"),
    [](const auto &param) { return FrameTesting::testName(param.param); });

TEST(FrameCommandTest, TruncatedFileFailsPastTheCut)
{
    QTemporaryDir dir;
    const QString file = fixture("truncated_faststart.mp4");
    const QString png = dir.filePath(QStringLiteral("x.png"));
    EXPECT_EQ(runCli({ QStringLiteral("frame"), file, QStringLiteral("--at-ms"),
                         QStringLiteral("500"), QStringLiteral("--out"), png })
                  .exitCode,
        0);
    expectInputError(runCli({ QStringLiteral("frame"), file, QStringLiteral("--at-ms"),
                         QStringLiteral("4500"), QStringLiteral("--out"), png }),
        "past the cut");

    // Thumbnails: the slots before the cut are written, the command reports the rest (exit 1).
    const QString out = dir.filePath(QStringLiteral("strip"));
    const CliRun run = runCli({ QStringLiteral("thumbnails"), file, QStringLiteral("--count"),
        QStringLiteral("6"), QStringLiteral("--out"), out, QStringLiteral("--no-cache") });
    EXPECT_FALSE(run.crashed);
    EXPECT_EQ(run.exitCode, 1) << run.err.toStdString();
    EXPECT_EQ(run.err.count(QLatin1Char('\n')), 1) << run.err.toStdString();
    const int written = QDir(out).entryList({ QStringLiteral("*.png") }, QDir::Files).size();
    EXPECT_GE(written, 2);
    EXPECT_LT(written, 6);
}

TEST(FrameCommandTest, ThumbnailsWritesDecodablePngsAndUsesTheProfileCache)
{
    QTemporaryDir dir;
    const QString profile = dir.filePath(QStringLiteral("profile"));
    const QString out = dir.filePath(QStringLiteral("strip"));
    const QStringList args = { QStringLiteral("thumbnails"), fixture("long_11min.mp4"),
        QStringLiteral("--count"), QStringLiteral("12"), QStringLiteral("--out"), out,
        QStringLiteral("--width"), QStringLiteral("90") };
    const CliRun cold = runCli(args, profile);
    ASSERT_EQ(cold.exitCode, 0) << cold.err.toStdString();
    const QStringList pngs =
        QDir(out).entryList({ QStringLiteral("*.png") }, QDir::Files, QDir::Name);
    ASSERT_EQ(pngs.size(), 12);
    EXPECT_EQ(pngs.first(), QStringLiteral("thumb_001.png"));
    EXPECT_EQ(pngs.last(), QStringLiteral("thumb_012.png"));
    for (const QString &name : pngs) {
        const VideoFrame frame = readPng(QDir(out).filePath(name));
        EXPECT_EQ(frame.width, 90) << name.toStdString();
        EXPECT_EQ(frame.height, 160) << name.toStdString();
    }
    EXPECT_EQ(cold.out.count(QLatin1Char('\n')), 12);
    EXPECT_EQ(cold.out.count(QLatin1String("(cached)")), 0);
    EXPECT_EQ(QDir(profile + QStringLiteral("/cache/thumbnails"))
                  .entryList({ QStringLiteral("*.thumb") }, QDir::Files)
                  .size(),
        12);

    const CliRun warm = runCli(args, profile);
    ASSERT_EQ(warm.exitCode, 0) << warm.err.toStdString();
    EXPECT_EQ(warm.out.count(QLatin1String("(cached)")), 12) << warm.out.toStdString();

    QStringList exactArgs = args;
    exactArgs << QStringLiteral("--exact");
    exactArgs[3] = QStringLiteral("3");
    const CliRun exact = runCli(exactArgs, profile);
    ASSERT_EQ(exact.exitCode, 0) << exact.err.toStdString();
    EXPECT_EQ(exact.out.count(QLatin1String("exact frame at")), 3) << exact.out.toStdString();

    expectInputError(
        runCli({ QStringLiteral("thumbnails"), fixture("long_11min.mp4"), QStringLiteral("--count"),
            QStringLiteral("0"), QStringLiteral("--out"), out }),
        "zero count");
    expectInputError(
        runCli({ QStringLiteral("thumbnails"), fixture("long_11min.mp4"), QStringLiteral("--count"),
            QStringLiteral("3"), QStringLiteral("--out"), QDir(out).filePath(pngs.first()) }),
        "--out is a file");
    expectInputError(runCli({ QStringLiteral("thumbnails"), fixture("long_11min.mp4"),
                         QStringLiteral("--out"), out }),
        "no --count");
}

} // namespace
} // namespace Cuepoint::Core
