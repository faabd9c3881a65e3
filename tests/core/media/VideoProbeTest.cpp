// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/media/VideoProbe.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cctype>
#include <chrono>
#include <ostream>

using Cuepoint::Core::ProbeError;
using Cuepoint::Core::VideoInfo;
using Cuepoint::Core::VideoProbe;

namespace {

QString fixture(const char *name)
{
    return QDir(QStringLiteral(CUEPOINT_FIXTURES_DIR)).filePath(QLatin1String(name));
}

VideoInfo probeFixture(const char *name)
{
    const QString path = fixture(name);
    if (!QFile::exists(path)) {
        ADD_FAILURE() << "fixture missing (run ctest so MediaFixtures.Generate runs first): "
                      << path.toStdString();
    }
    return VideoProbe::probe(path);
}

QByteArray readFixture(const char *name)
{
    QFile file(fixture(name));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << name;
    return file.readAll();
}

// --- readable videos ------------------------------------------------------------------------

TEST(VideoProbeTest, ReadsPlainMp4)
{
    const VideoInfo info = probeFixture("ok_h264_aac_faststart.mp4");
    ASSERT_TRUE(info.isReadable()) << info.errorMessage.toStdString();
    EXPECT_EQ(info.container, QStringLiteral("mp4"));
    EXPECT_EQ(info.demuxer, QStringLiteral("mov,mp4,m4a,3gp,3g2,mj2"));
    EXPECT_EQ(info.videoCodec, QStringLiteral("h264"));
    EXPECT_EQ(info.profile, QStringLiteral("High"));
    EXPECT_EQ(info.pixelFormat, QStringLiteral("yuv420p"));
    EXPECT_EQ(info.bitDepth, 8);
    EXPECT_EQ(info.width, 360);
    EXPECT_EQ(info.height, 640);
    EXPECT_EQ(info.displayWidth, 360);
    EXPECT_EQ(info.displayHeight, 640);
    EXPECT_EQ(info.rotation, 0);
    EXPECT_NEAR(info.fps, 30.0, 0.001);
    EXPECT_FALSE(info.variableFrameRate);
    EXPECT_NEAR(info.durationMs, 5000, 50);
    EXPECT_EQ(info.videoStreamCount, 1);
    EXPECT_TRUE(info.hasAudio);
    EXPECT_EQ(info.audioCodec, QStringLiteral("aac"));
    EXPECT_FALSE(info.truncated);
    EXPECT_FALSE(info.hdr);
    EXPECT_EQ(info.sizeBytes, QFileInfo(fixture("ok_h264_aac_faststart.mp4")).size());
}

TEST(VideoProbeTest, MoovAtEndAndFragmentedMp4ReadLikeFaststart)
{
    for (const char *name : { "ok_moov_at_end.mp4", "ok_fragmented.mp4" }) {
        SCOPED_TRACE(name);
        const VideoInfo info = probeFixture(name);
        ASSERT_TRUE(info.isReadable()) << info.errorMessage.toStdString();
        EXPECT_EQ(info.container, QStringLiteral("mp4"));
        EXPECT_EQ(info.displayWidth, 360);
        EXPECT_EQ(info.displayHeight, 640);
        EXPECT_NEAR(info.fps, 30.0, 0.2);
        EXPECT_NEAR(info.durationMs, 5000, 100);
        EXPECT_FALSE(info.variableFrameRate);
        EXPECT_FALSE(info.truncated);
        EXPECT_TRUE(info.hasAudio);
    }
}

TEST(VideoProbeTest, TellsMovFromMp4ByBrand)
{
    const VideoInfo info = probeFixture("ok_h264.mov");
    ASSERT_TRUE(info.isReadable());
    EXPECT_EQ(info.container, QStringLiteral("mov"));
    EXPECT_EQ(info.demuxer, QStringLiteral("mov,mp4,m4a,3gp,3g2,mj2"));
}

TEST(VideoProbeTest, TellsWebmFromMatroskaByDocType)
{
    const VideoInfo vp9 = probeFixture("ok_vp9_opus.webm");
    ASSERT_TRUE(vp9.isReadable()) << vp9.errorMessage.toStdString();
    EXPECT_EQ(vp9.container, QStringLiteral("webm"));
    EXPECT_EQ(vp9.demuxer, QStringLiteral("matroska,webm"));
    EXPECT_EQ(vp9.videoCodec, QStringLiteral("vp9"));
    EXPECT_EQ(vp9.profile, QStringLiteral("Profile 0"));
    EXPECT_EQ(vp9.bitDepth, 8);
    EXPECT_EQ(vp9.audioCodec, QStringLiteral("opus"));
    EXPECT_NEAR(vp9.fps, 30.0, 0.01);
    // Matroska has no stream duration; the container's must be used.
    EXPECT_NEAR(vp9.durationMs, 5000, 50);

    const VideoInfo vp8 = probeFixture("ok_vp8.webm");
    ASSERT_TRUE(vp8.isReadable());
    EXPECT_EQ(vp8.container, QStringLiteral("webm"));
    EXPECT_EQ(vp8.videoCodec, QStringLiteral("vp8"));
    EXPECT_EQ(vp8.pixelFormat, QStringLiteral("yuv420p"));
    EXPECT_FALSE(vp8.hasAudio);

    const VideoInfo mkv = probeFixture("ok_h264.mkv");
    ASSERT_TRUE(mkv.isReadable());
    EXPECT_EQ(mkv.container, QStringLiteral("matroska"));
    EXPECT_EQ(mkv.demuxer, QStringLiteral("matroska,webm"));
    EXPECT_EQ(mkv.videoCodec, QStringLiteral("h264"));
    EXPECT_EQ(mkv.pixelFormat, QStringLiteral("yuv420p"));
}

TEST(VideoProbeTest, ReadsHevcTenBitHlg)
{
    const VideoInfo info = probeFixture("ok_hevc_10bit_hlg.mov");
    ASSERT_TRUE(info.isReadable());
    EXPECT_EQ(info.container, QStringLiteral("mov"));
    EXPECT_EQ(info.videoCodec, QStringLiteral("hevc"));
    EXPECT_EQ(info.profile, QStringLiteral("Main 10"));
    EXPECT_EQ(info.pixelFormat, QStringLiteral("yuv420p10le"));
    EXPECT_EQ(info.bitDepth, 10);
    EXPECT_EQ(info.colorTransfer, QStringLiteral("arib-std-b67"));
    EXPECT_TRUE(info.hdr);
}

TEST(VideoProbeTest, AppliesDisplayMatrixRotation)
{
    struct Case
    {
        const char *file;
        int rotation;
        int displayWidth;
        int displayHeight;
    };
    // Phones write -90 for "turn 90 degrees clockwise"; ffprobe shows it as rotation=-90.
    for (const Case &c : { Case { "ok_rotation_minus90.mp4", 90, 360, 640 },
             Case { "ok_rotation_plus90.mp4", 270, 360, 640 },
             Case { "ok_rotation_180.mp4", 180, 360, 640 } }) {
        SCOPED_TRACE(c.file);
        const VideoInfo info = probeFixture(c.file);
        ASSERT_TRUE(info.isReadable());
        EXPECT_EQ(info.rotation, c.rotation);
        EXPECT_EQ(info.displayWidth, c.displayWidth);
        EXPECT_EQ(info.displayHeight, c.displayHeight);
        EXPECT_FALSE(info.mirrored);
        // These went through a millisecond time base: 30.0019 fps, still constant.
        EXPECT_NEAR(info.fps, 30.0, 0.01);
        EXPECT_FALSE(info.variableFrameRate);
    }
    const VideoInfo coded = probeFixture("ok_rotation_minus90.mp4");
    EXPECT_EQ(coded.width, 640);
    EXPECT_EQ(coded.height, 360);
}

TEST(VideoProbeTest, AppliesSampleAspectRatio)
{
    const VideoInfo info = probeFixture("ok_sar_2_1.mp4");
    ASSERT_TRUE(info.isReadable());
    EXPECT_EQ(info.width, 180);
    EXPECT_EQ(info.sampleAspectNum, 2);
    EXPECT_EQ(info.sampleAspectDen, 1);
    EXPECT_EQ(info.displayWidth, 360);
    EXPECT_EQ(info.displayHeight, 640);
}

TEST(VideoProbeTest, DetectsVariableFrameRateFromTheIndex)
{
    const VideoInfo vfr = probeFixture("ok_vfr.mp4");
    ASSERT_TRUE(vfr.isReadable());
    EXPECT_TRUE(vfr.variableFrameRate);
    EXPECT_NEAR(vfr.fps, 2400.0 / 59.0, 0.05); // 240 frames in 5.9 s
    for (const char *cfr : { "ok_fps23_976.mp4", "ok_fps59_94.mp4", "ok_fps60.mp4", "fps20.mp4" }) {
        SCOPED_TRACE(cfr);
        EXPECT_FALSE(probeFixture(cfr).variableFrameRate);
    }
}

TEST(VideoProbeTest, ReportsNtscFrameRatesExactly)
{
    EXPECT_NEAR(probeFixture("ok_fps23_976.mp4").fps, 24000.0 / 1001.0, 0.001);
    EXPECT_NEAR(probeFixture("ok_fps59_94.mp4").fps, 60000.0 / 1001.0, 0.001);
    EXPECT_NEAR(probeFixture("fps120.mp4").fps, 120.0, 0.001);
}

TEST(VideoProbeTest, ReadsLongVideoDurationFromHeader)
{
    EXPECT_NEAR(probeFixture("ok_10min.mp4").durationMs, 600000, 100);
    EXPECT_NEAR(probeFixture("long_11min.mp4").durationMs, 660000, 100);
    EXPECT_NEAR(probeFixture("short_2_5s.mp4").durationMs, 2500, 50);
}

TEST(VideoProbeTest, CountsVideoStreamsWithoutCoverArt)
{
    const VideoInfo two = probeFixture("two_video_streams.mp4");
    ASSERT_TRUE(two.isReadable());
    EXPECT_EQ(two.videoStreamCount, 2);
    EXPECT_FALSE(two.hasAudio);
}

TEST(VideoProbeTest, NamesCodecsTikTokRefuses)
{
    const VideoInfo av1 = probeFixture("av1.mp4");
    ASSERT_TRUE(av1.isReadable());
    EXPECT_EQ(av1.videoCodec, QStringLiteral("av1"));
    EXPECT_EQ(av1.container, QStringLiteral("mp4"));

    const VideoInfo avi = probeFixture("ok_mpeg4.avi");
    ASSERT_TRUE(avi.isReadable()) << avi.errorMessage.toStdString();
    EXPECT_EQ(avi.container, QStringLiteral("avi"));
    EXPECT_EQ(avi.videoCodec, QStringLiteral("mpeg4"));
    EXPECT_EQ(avi.displayWidth, 360);
}

TEST(VideoProbeTest, SparseHugeFileKeepsItsRealSize)
{
    const VideoInfo info = probeFixture("big_over_1gib.mp4");
    ASSERT_TRUE(info.isReadable()) << info.errorMessage.toStdString();
    EXPECT_EQ(info.sizeBytes, 1073741825);
    EXPECT_FALSE(info.truncated);
}

// --- not a video ----------------------------------------------------------------------------

struct BadCase
{
    const char *file;
    ProbeError error;
    const char *messagePart;
};

// Shows the file name, not the struct's bytes, in test names and failures.
void PrintTo(const BadCase &c, std::ostream *os)
{
    *os << c.file;
}

class VideoProbeBadInputTest : public ::testing::TestWithParam<BadCase>
{
};

TEST_P(VideoProbeBadInputTest, FailsWithASpecificSentence)
{
    const BadCase &c = GetParam();
    const auto start = std::chrono::steady_clock::now();
    const VideoInfo info = probeFixture(c.file);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_FALSE(info.isReadable());
    EXPECT_EQ(Cuepoint::Core::probeErrorCode(info.error), Cuepoint::Core::probeErrorCode(c.error));
    EXPECT_TRUE(info.errorMessage.contains(QLatin1String(c.messagePart)))
        << info.errorMessage.toStdString();
    EXPECT_TRUE(info.errorMessage.endsWith(QLatin1Char('.'))) << info.errorMessage.toStdString();
    EXPECT_LT(elapsed, std::chrono::seconds(2)); // never a hang
}

INSTANTIATE_TEST_SUITE_P(Fixtures, VideoProbeBadInputTest,
    ::testing::Values(BadCase { "empty.mp4", ProbeError::Empty, "empty" },
        BadCase { "text_named.mp4", ProbeError::NotAVideo, "not a video" },
        BadCase { "random_bytes.mp4", ProbeError::NotAVideo, "not a video" },
        BadCase { "jpeg_named.mp4", ProbeError::NotAVideo, "JPEG image" },
        BadCase { "animated.gif", ProbeError::NotAVideo, "GIF image" },
        BadCase { "audio_only.m4a", ProbeError::NoVideoStream, "audio only" },
        BadCase { "audio_with_cover.m4a", ProbeError::NoVideoStream, "cover picture" },
        BadCase { "corrupt_header.mp4", ProbeError::Damaged, "damaged" },
        BadCase { "truncated_moov_at_end.mp4", ProbeError::Damaged, "missing or damaged" },
        BadCase { "truncated_faststart.mp4", ProbeError::Truncated, "cut short" },
        BadCase { "truncated_vp9.webm", ProbeError::Truncated, "cut short" }),
    [](const ::testing::TestParamInfo<BadCase> &param) {
        std::string name = param.param.file;
        for (char &ch : name) {
            if (!std::isalnum(static_cast<unsigned char>(ch))) {
                ch = '_';
            }
        }
        return name;
    });

TEST(VideoProbeTest, TruncatedFileStillDescribesWhatItHas)
{
    const VideoInfo info = probeFixture("truncated_faststart.mp4");
    EXPECT_TRUE(info.truncated);
    EXPECT_EQ(info.videoCodec, QStringLiteral("h264"));
    EXPECT_EQ(info.displayWidth, 360);
}

TEST(VideoProbeTest, MissingPathAndFolder)
{
    const QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const VideoInfo missing = VideoProbe::probe(dir.filePath(QStringLiteral("nope.mp4")));
    EXPECT_EQ(missing.error, ProbeError::NotFound);
    EXPECT_TRUE(missing.errorMessage.contains(QLatin1String("no file")));

    const VideoInfo folder = VideoProbe::probe(dir.path());
    EXPECT_EQ(folder.error, ProbeError::NotAFile);
    EXPECT_TRUE(folder.errorMessage.contains(QLatin1String("folder")));

    EXPECT_EQ(VideoProbe::probe(QString()).error, ProbeError::NotFound);
}

TEST(VideoProbeTest, FileNameIsNeverReadAsAUrl)
{
    // "concat:" and "http:" are FFmpeg protocols; a file so named must be read as a file.
    const QTemporaryDir dir;
    const QString name = dir.filePath(QStringLiteral("concat:x|y.mp4"));
    ASSERT_TRUE(QFile::copy(fixture("ok_h264_aac_faststart.mp4"), name));
    const VideoInfo info = VideoProbe::probe(name);
    EXPECT_TRUE(info.isReadable()) << info.errorMessage.toStdString();
    EXPECT_EQ(info.videoCodec, QStringLiteral("h264"));
}

TEST(VideoProbeTest, ReadErrorIsUnreadable)
{
    // Opening /proc/self/mem works, reading its first page fails (EIO): a real read error
    // that does not depend on file permissions (the tests may run as root).
    if (!QFile::exists(QStringLiteral("/proc/self/mem"))) {
        GTEST_SKIP() << "needs Linux /proc";
    }
    const VideoInfo info = VideoProbe::probe(QStringLiteral("/proc/self/mem"));
    EXPECT_EQ(info.error, ProbeError::Unreadable);
    EXPECT_TRUE(info.errorMessage.startsWith(QLatin1String("The file cannot be read")))
        << info.errorMessage.toStdString();
}

TEST(VideoProbeTest, PermissionDeniedIsUnreadable)
{
    const QTemporaryDir dir;
    const QString name = dir.filePath(QStringLiteral("locked.mp4"));
    ASSERT_TRUE(QFile::copy(fixture("ok_h264_aac_faststart.mp4"), name));
    ASSERT_TRUE(QFile::setPermissions(name, QFileDevice::Permissions()));
    QFile probe(name);
    if (probe.open(QIODevice::ReadOnly)) {
        GTEST_SKIP() << "running with privileges that ignore file permissions (root)";
    }
    const VideoInfo info = VideoProbe::probe(name);
    EXPECT_EQ(info.error, ProbeError::Unreadable);
    EXPECT_TRUE(info.errorMessage.contains(QLatin1String("permission")));
}

// --- fuzzer findings ---------------------------------------------------------------------

long peakRssKb()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

TEST(VideoProbeTest, HugeSampleTablesInATinyFileDoNotExhaustMemory)
{
    // 1,095 bytes found by cuepoint_fuzz_media (docs/FUZZING.md, run 3): its sample tables
    // announce so many samples that the mov demuxer asked for 2.8 GB of index. The
    // allocation cap of FFmpeg::initialize() makes the demuxer fail instead.
    const QString path = QDir(QStringLiteral(CUEPOINT_TEST_DATA_DIR))
                             .filePath(QStringLiteral("fuzz-regressions/oom-mov-huge-index.mp4"));
    ASSERT_TRUE(QFile::exists(path));
    const long before = peakRssKb();
    const VideoInfo info = VideoProbe::probe(path);
    EXPECT_LT(peakRssKb() - before, 512 * 1024) << "peak memory grew by more than 512 MB";
    EXPECT_EQ(info.error, ProbeError::Damaged) << info.errorMessage.toStdString();
}

// --- in memory ------------------------------------------------------------------------------

TEST(VideoProbeTest, ProbesBytesInMemoryLikeTheFile)
{
    for (const char *name : { "ok_h264_aac_faststart.mp4", "ok_moov_at_end.mp4", "ok_vp9_opus.webm",
             "ok_rotation_minus90.mp4", "ok_vfr.mp4" }) {
        SCOPED_TRACE(name);
        const VideoInfo file = probeFixture(name);
        const VideoInfo memory = VideoProbe::probeBytes(readFixture(name));
        ASSERT_TRUE(memory.isReadable()) << memory.errorMessage.toStdString();
        EXPECT_TRUE(memory.path.isEmpty());
        EXPECT_EQ(memory.sizeBytes, file.sizeBytes);
        EXPECT_EQ(memory.container, file.container);
        EXPECT_EQ(memory.videoCodec, file.videoCodec);
        EXPECT_EQ(memory.pixelFormat, file.pixelFormat);
        EXPECT_EQ(memory.displayWidth, file.displayWidth);
        EXPECT_EQ(memory.displayHeight, file.displayHeight);
        EXPECT_EQ(memory.rotation, file.rotation);
        EXPECT_DOUBLE_EQ(memory.fps, file.fps);
        EXPECT_EQ(memory.variableFrameRate, file.variableFrameRate);
        EXPECT_EQ(memory.durationMs, file.durationMs);
        EXPECT_EQ(memory.hasAudio, file.hasAudio);
    }
}

TEST(VideoProbeTest, ProbesDamagedBytesInMemory)
{
    EXPECT_EQ(VideoProbe::probeBytes(QByteArray()).error, ProbeError::Empty);
    EXPECT_EQ(VideoProbe::probeBytes(readFixture("truncated_faststart.mp4")).error,
        ProbeError::Truncated);
    EXPECT_EQ(VideoProbe::probeBytes(readFixture("corrupt_header.mp4")).error, ProbeError::Damaged);
    EXPECT_EQ(VideoProbe::probeBytes(QByteArray(100000, '\0')).error, ProbeError::NotAVideo);
    // Every prefix of a real file is either a truncated video or not a video; never a crash.
    const QByteArray whole = readFixture("ok_h264_aac_faststart.mp4");
    for (qsizetype size : { 1, 7, 8, 32, 100, 1000, 4096, 40000, 200000, 545000 }) {
        SCOPED_TRACE(size);
        const VideoInfo info = VideoProbe::probeBytes(whole.left(size));
        EXPECT_FALSE(info.isReadable());
        EXPECT_FALSE(info.errorMessage.isEmpty());
    }
}

} // namespace
