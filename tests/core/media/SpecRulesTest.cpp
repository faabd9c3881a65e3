// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/media/SpecRules.h"

#include "cuepoint/core/media/VideoProbe.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using Cuepoint::Core::SpecLimits;
using Cuepoint::Core::SpecResult;
using Cuepoint::Core::SpecRules;
using Cuepoint::Core::VideoInfo;

namespace {

QByteArray sourceSpecFile()
{
    QFile file(QDir(QStringLiteral(CUEPOINT_TEST_DATA_DIR))
                   .filePath(QStringLiteral("../../resources/spec/tiktok-video-spec.json")));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << file.fileName().toStdString();
    return file.readAll();
}

/// A video that breaks no rule and earns no warning: 1080x1920 H.264 MP4, 30 fps, 60 s.
VideoInfo goodVideo()
{
    VideoInfo info;
    info.path = QStringLiteral("clip.mp4");
    info.sizeBytes = 50 * 1024 * 1024;
    info.container = QStringLiteral("mp4");
    info.videoCodec = QStringLiteral("h264");
    info.bitDepth = 8;
    info.width = info.displayWidth = 1080;
    info.height = info.displayHeight = 1920;
    info.fps = 30;
    info.durationMs = 60000;
    info.videoStreamCount = 1;
    info.audioStreamCount = 1;
    info.hasAudio = true;
    info.audioCodec = QStringLiteral("aac");
    return info;
}

class SpecRulesTest : public ::testing::Test
{
protected:
    SpecRules rules = SpecRules::defaults();

    SpecResult check(const VideoInfo &info, std::optional<int> creatorMax = {}) const
    {
        return rules.check(info, creatorMax);
    }
};

// --- the data file --------------------------------------------------------------------------

TEST_F(SpecRulesTest, DefaultsComeFromTheCompiledInResource)
{
    ASSERT_TRUE(QFile::exists(QStringLiteral(":/cuepoint/spec/tiktok-video-spec.json")));
    QString error;
    const std::optional<SpecRules> fromSource = SpecRules::fromJson(sourceSpecFile(), &error);
    ASSERT_TRUE(fromSource) << error.toStdString();
    const SpecLimits &a = rules.limits();
    const SpecLimits &b = fromSource->limits();
    EXPECT_EQ(a.videoStreams, b.videoStreams);
    EXPECT_EQ(a.minFps, b.minFps);
    EXPECT_EQ(a.maxFps, b.maxFps);
    EXPECT_EQ(a.minDurationMs, b.minDurationMs);
    EXPECT_EQ(a.maxDurationMs, b.maxDurationMs);
    EXPECT_EQ(a.maxFileSizeBytes, b.maxFileSizeBytes);
    EXPECT_EQ(a.containers, b.containers);
    EXPECT_EQ(a.videoCodecs, b.videoCodecs);
    EXPECT_EQ(a.maxCaptionCharacters, b.maxCaptionCharacters);
}

TEST_F(SpecRulesTest, DefaultsAreProductSection6)
{
    const SpecLimits &l = rules.limits();
    EXPECT_EQ(l.videoStreams, 1);
    EXPECT_EQ(l.minFps, 23);
    EXPECT_EQ(l.maxFps, 60);
    EXPECT_EQ(l.minDurationMs, 3000);
    EXPECT_EQ(l.maxDurationMs, 600000);
    EXPECT_EQ(l.maxFileSizeBytes, 1024LL * 1024 * 1024);
    EXPECT_EQ(l.minDimension, 360);
    EXPECT_EQ(l.maxDimension, 4096);
    EXPECT_EQ(l.containers,
        (QStringList { QStringLiteral("mp4"), QStringLiteral("mov"), QStringLiteral("webm") }));
    EXPECT_EQ(l.videoCodecs,
        (QStringList { QStringLiteral("h264"), QStringLiteral("hevc"), QStringLiteral("vp8"),
            QStringLiteral("vp9") }));
    EXPECT_EQ(l.maxCaptionCharacters, 150);
    EXPECT_EQ(l.maxCaptionUtf16Units, 2200);
}

TEST_F(SpecRulesTest, ALimitChangeIsOneEditInTheDataFile)
{
    QJsonObject spec = QJsonDocument::fromJson(sourceSpecFile()).object();
    spec[QStringLiteral("frame_rate_max")] = 120;
    const std::optional<SpecRules> edited = SpecRules::fromJson(QJsonDocument(spec).toJson());
    ASSERT_TRUE(edited);
    VideoInfo info = goodVideo();
    info.fps = 120;
    EXPECT_FALSE(rules.check(info).passed());
    EXPECT_TRUE(edited->check(info).passed());
}

TEST_F(SpecRulesTest, RejectsBrokenSpecFiles)
{
    QString error;
    EXPECT_FALSE(SpecRules::fromJson("{ not json", &error));
    EXPECT_TRUE(error.contains(QLatin1String("not valid JSON"))) << error.toStdString();
    EXPECT_FALSE(SpecRules::fromJson("[1, 2]", &error));

    const QJsonObject good = QJsonDocument::fromJson(sourceSpecFile()).object();
    QJsonObject missing = good;
    missing.remove(QStringLiteral("duration_max_sec"));
    EXPECT_FALSE(SpecRules::fromJson(QJsonDocument(missing).toJson(), &error));
    EXPECT_TRUE(error.contains(QLatin1String("duration_max_sec"))) << error.toStdString();

    QJsonObject wrongType = good;
    wrongType[QStringLiteral("containers")] = QStringLiteral("mp4");
    EXPECT_FALSE(SpecRules::fromJson(QJsonDocument(wrongType).toJson(), &error));
    EXPECT_TRUE(error.contains(QLatin1String("containers")));

    QJsonObject emptyRange = good;
    emptyRange[QStringLiteral("frame_rate_min")] = 90;
    EXPECT_FALSE(SpecRules::fromJson(QJsonDocument(emptyRange).toJson(), &error));
    EXPECT_TRUE(error.contains(QLatin1String("frame rate")));

    QJsonObject fraction = good;
    fraction[QStringLiteral("dimension_min_px")] = 359.5;
    EXPECT_FALSE(SpecRules::fromJson(QJsonDocument(fraction).toJson(), &error));
}

// --- each rule on both sides of its limit ---------------------------------------------------

TEST_F(SpecRulesTest, GoodVideoPassesWithoutWarnings)
{
    const SpecResult result = check(goodVideo());
    EXPECT_TRUE(result.passed());
    EXPECT_TRUE(result.warnings.isEmpty());
}

TEST_F(SpecRulesTest, FrameRateWithTolerance)
{
    VideoInfo info = goodVideo();
    for (double ok : { 23.0, 23.976, 24.0, 59.94, 60.0, 60.0019, 60.25 }) {
        info.fps = ok;
        EXPECT_FALSE(check(info).hasViolation(QStringLiteral("frame_rate"))) << ok;
    }
    for (double bad : { 20.0, 22.0, 22.8, 60.5, 61.0, 120.0 }) {
        info.fps = bad;
        EXPECT_TRUE(check(info).hasViolation(QStringLiteral("frame_rate"))) << bad;
    }
    info.fps = 20;
    const SpecResult result = check(info);
    ASSERT_EQ(result.violations.size(), 1);
    EXPECT_EQ(result.violations[0].message,
        QStringLiteral("The video runs at 20 fps; TikTok needs 23 to 60 fps."));
    EXPECT_DOUBLE_EQ(result.violations[0].actual.toDouble(), 20.0);
    EXPECT_EQ(result.violations[0].limit.toString(), QStringLiteral("23-60"));

    info.fps = 0; // unknown is not a pass
    EXPECT_TRUE(check(info).hasViolation(QStringLiteral("frame_rate")));
}

TEST_F(SpecRulesTest, DurationWithTolerance)
{
    VideoInfo info = goodVideo();
    for (qint64 ok : { 2900LL, 3000LL, 5067LL, 600000LL, 600100LL }) {
        info.durationMs = ok;
        EXPECT_FALSE(check(info).hasViolation(QStringLiteral("duration"))) << ok;
    }
    for (qint64 bad : { 0LL, 2500LL, 2899LL, 600101LL, 660000LL, -1LL }) {
        info.durationMs = bad;
        EXPECT_TRUE(check(info).hasViolation(QStringLiteral("duration"))) << bad;
    }
    info.durationMs = 2500;
    EXPECT_EQ(check(info).violations[0].message,
        QStringLiteral("The video lasts 2.5 s; TikTok needs at least 3 s."));
    info.durationMs = 660000;
    EXPECT_EQ(check(info).violations[0].message,
        QStringLiteral("The video lasts 11 min; TikTok allows at most 10 min."));
    EXPECT_EQ(check(info).violations[0].limit.toLongLong(), 600000);
    // Just over the limit: the sentence must show why.
    info.durationMs = 600316;
    EXPECT_EQ(check(info).violations[0].message,
        QStringLiteral("The video lasts 10 min 0.316 s; TikTok allows at most 10 min."));
}

TEST_F(SpecRulesTest, CreatorMaximumDurationIsAlsoALimit)
{
    VideoInfo info = goodVideo();
    info.durationMs = 301000; // 5 min 1 s
    EXPECT_TRUE(check(info).passed());
    const SpecResult result = check(info, 300);
    ASSERT_TRUE(result.hasViolation(QStringLiteral("duration")));
    EXPECT_EQ(result.violations[0].message,
        QStringLiteral("The video lasts 5 min 1 s; this account can post at most 5 min."));
    EXPECT_EQ(result.violations[0].limit.toLongLong(), 300000);
    info.durationMs = 300000;
    EXPECT_TRUE(check(info, 300).passed());
    // A creator limit above TikTok's does not lift TikTok's.
    info.durationMs = 660000;
    EXPECT_EQ(check(info, 900).violations[0].limit.toLongLong(), 600000);
}

TEST_F(SpecRulesTest, FileSize)
{
    VideoInfo info = goodVideo();
    info.sizeBytes = 1073741824;
    EXPECT_TRUE(check(info).passed());
    info.sizeBytes = 1073741825;
    const SpecResult result = check(info);
    ASSERT_TRUE(result.hasViolation(QStringLiteral("file_size")));
    EXPECT_EQ(result.violations[0].actual.toLongLong(), 1073741825);
    EXPECT_TRUE(result.violations[0].message.contains(QLatin1String("1 GB")));
}

TEST_F(SpecRulesTest, DisplayedDimensions)
{
    VideoInfo info = goodVideo();
    struct Size
    {
        int w;
        int h;
        bool ok;
    };
    for (const Size s : { Size { 360, 640, true }, Size { 360, 360, true },
             Size { 4096, 4096, true }, Size { 359, 640, false }, Size { 360, 359, false },
             Size { 4097, 2000, false }, Size { 2000, 4097, false }, Size { 0, 0, false } }) {
        info.displayWidth = s.w;
        info.displayHeight = s.h;
        EXPECT_EQ(check(info).hasViolation(QStringLiteral("dimensions")), !s.ok)
            << s.w << "x" << s.h;
    }
    // The coded size does not matter: a 180-wide picture with 2:1 pixels shows 360 wide.
    info.width = 180;
    info.height = 640;
    info.displayWidth = 360;
    info.displayHeight = 640;
    EXPECT_FALSE(check(info).hasViolation(QStringLiteral("dimensions")));
    info.displayWidth = 300;
    info.displayHeight = 300;
    EXPECT_EQ(check(info).violations[0].message,
        QStringLiteral("The video is 300 × 300 px as displayed; TikTok needs 360 to 4096 px "
                       "on each side."));
}

TEST_F(SpecRulesTest, ContainerAndCodec)
{
    VideoInfo info = goodVideo();
    for (const char *ok : { "mp4", "mov", "webm" }) {
        info.container = QLatin1String(ok);
        EXPECT_FALSE(check(info).hasViolation(QStringLiteral("container"))) << ok;
    }
    info.container = QStringLiteral("matroska");
    SpecResult result = check(info);
    ASSERT_TRUE(result.hasViolation(QStringLiteral("container")));
    EXPECT_EQ(result.violations[0].message,
        QStringLiteral("The file's container is Matroska (MKV); TikTok needs MP4, MOV or "
                       "WebM."));
    EXPECT_EQ(result.violations[0].actual.toString(), QStringLiteral("matroska"));
    info.container = QStringLiteral("avi");
    EXPECT_TRUE(check(info).hasViolation(QStringLiteral("container")));

    info = goodVideo();
    for (const char *ok : { "h264", "hevc", "vp8", "vp9" }) {
        info.videoCodec = QLatin1String(ok);
        EXPECT_TRUE(check(info).passed()) << ok;
    }
    info.videoCodec = QStringLiteral("av1");
    result = check(info);
    ASSERT_TRUE(result.hasViolation(QStringLiteral("video_codec")));
    EXPECT_EQ(result.violations[0].message,
        QStringLiteral("The video is encoded with AV1; TikTok needs H.264, H.265, VP8 or "
                       "VP9."));
}

TEST_F(SpecRulesTest, ExactlyOneVideoStream)
{
    VideoInfo info = goodVideo();
    info.videoStreamCount = 2;
    const SpecResult result = check(info);
    ASSERT_TRUE(result.hasViolation(QStringLiteral("video_streams")));
    EXPECT_EQ(result.violations[0].message,
        QStringLiteral("The file has 2 video streams; TikTok needs exactly one."));
    EXPECT_EQ(result.violations[0].actual.toInt(), 2);
    EXPECT_EQ(result.violations[0].limit.toInt(), 1);
}

TEST_F(SpecRulesTest, ViolationsAccumulate)
{
    VideoInfo info = goodVideo();
    info.fps = 20;
    info.durationMs = 1000;
    info.container = QStringLiteral("avi");
    const SpecResult result = check(info);
    EXPECT_EQ(result.violations.size(), 3);
}

// --- warnings -------------------------------------------------------------------------------

TEST_F(SpecRulesTest, WarningsDoNotBlock)
{
    VideoInfo info = goodVideo();
    info.hasAudio = false;
    info.audioStreamCount = 0;
    info.variableFrameRate = true;
    info.bitDepth = 10;
    info.hdr = true;
    info.colorTransfer = QStringLiteral("smpte2084");
    info.displayWidth = 1920;
    info.displayHeight = 1080;
    const SpecResult result = check(info);
    EXPECT_TRUE(result.passed());
    for (const char *rule :
        { "no_audio", "variable_frame_rate", "high_bit_depth", "hdr", "aspect_ratio" }) {
        EXPECT_TRUE(result.hasWarning(QLatin1String(rule))) << rule;
    }
    EXPECT_EQ(result.warnings.size(), 5);
}

TEST_F(SpecRulesTest, NineBySixteenWithinToleranceGetsNoAspectWarning)
{
    VideoInfo info = goodVideo();
    for (const auto &[w, h] : { std::pair { 1080, 1920 }, std::pair { 720, 1280 },
             std::pair { 360, 640 }, std::pair { 1080, 1918 } }) {
        info.displayWidth = w;
        info.displayHeight = h;
        EXPECT_FALSE(check(info).hasWarning(QStringLiteral("aspect_ratio"))) << w << "x" << h;
    }
    info.displayWidth = 1080;
    info.displayHeight = 1350; // 4:5
    EXPECT_TRUE(check(info).hasWarning(QStringLiteral("aspect_ratio")));
}

TEST_F(SpecRulesTest, DisplayNames)
{
    EXPECT_EQ(SpecRules::containerDisplayName(QStringLiteral("webm")), QStringLiteral("WebM"));
    EXPECT_EQ(SpecRules::containerDisplayName(QStringLiteral("matroska")),
        QStringLiteral("Matroska (MKV)"));
    EXPECT_EQ(SpecRules::codecDisplayName(QStringLiteral("hevc")), QStringLiteral("H.265"));
    EXPECT_EQ(SpecRules::codecDisplayName(QStringLiteral("opus")), QStringLiteral("Opus"));
    EXPECT_EQ(SpecRules::codecDisplayName(QStringLiteral("wmv3")), QStringLiteral("WMV3"));
}

// --- captions -------------------------------------------------------------------------------

TEST_F(SpecRulesTest, CaptionCountsCharactersAsAUserDoes)
{
    EXPECT_EQ(SpecRules::userCharacterCount(QString()), 0);
    EXPECT_EQ(SpecRules::userCharacterCount(QStringLiteral("abc")), 3);
    // "é" as e + combining acute: two code points, one character.
    EXPECT_EQ(SpecRules::userCharacterCount(QStringLiteral("e\u0301")), 1);
    // A family with skin tones: 7 code points, 19 UTF-16 units, one character.
    const QString family = QStringLiteral(
        "\U0001F468\U0001F3FB\u200D\U0001F469\U0001F3FB\u200D\U0001F467\U0001F3FB\u200D\U0001F466"
        "\U0001F3FB");
    EXPECT_EQ(family.size(), 19);
    EXPECT_EQ(SpecRules::userCharacterCount(family), 1);
    // A flag: two regional indicators.
    EXPECT_EQ(SpecRules::userCharacterCount(QStringLiteral("\U0001F1EB\U0001F1F7")), 1);
}

TEST_F(SpecRulesTest, CaptionLimits)
{
    EXPECT_TRUE(rules.checkCaption(QString(150, QLatin1Char('a'))).passed());
    const SpecResult tooLong = rules.checkCaption(QString(151, QLatin1Char('a')));
    ASSERT_EQ(tooLong.violations.size(), 1);
    EXPECT_EQ(tooLong.violations[0].rule, QStringLiteral("caption_length"));
    EXPECT_EQ(tooLong.violations[0].message,
        QStringLiteral("The caption has 151 characters; the limit is 150."));

    // 150 accented letters written with combining marks: 300 units, 150 characters.
    EXPECT_TRUE(rules.checkCaption(QStringLiteral("e\u0301").repeated(150)).passed());

    // 120 families are 120 characters, but 2280 UTF-16 units: over TikTok's own limit.
    const QString family = QStringLiteral(
        "\U0001F468\U0001F3FB\u200D\U0001F469\U0001F3FB\u200D\U0001F467\U0001F3FB\u200D\U0001F466"
        "\U0001F3FB");
    const SpecResult units = rules.checkCaption(family.repeated(120));
    ASSERT_EQ(units.violations.size(), 1);
    EXPECT_TRUE(units.violations[0].message.contains(QLatin1String("2280 UTF-16 units")));
    EXPECT_TRUE(rules.checkCaption(family.repeated(115)).passed()); // 2185 units
}

// --- against the fixtures -------------------------------------------------------------------

TEST_F(SpecRulesTest, FixturesOnEachSideOfEachLimit)
{
    struct Case
    {
        const char *file;
        const char *violation; // nullptr: must pass
    };
    const Case cases[] = {
        { "ok_fps23_976.mp4", nullptr },
        { "fps22.mp4", "frame_rate" },
        { "ok_fps60.mp4", nullptr },
        { "fps61.mp4", "frame_rate" },
        { "ok_3s.mp4", nullptr },
        { "short_2_5s.mp4", "duration" },
        { "ok_10min.mp4", nullptr },
        { "long_11min.mp4", "duration" },
        { "ok_sar_2_1.mp4", nullptr },
        { "narrow_320x640.mp4", "dimensions" },
        { "ok_wide_4096.mp4", nullptr },
        { "wide_4160.mp4", "dimensions" },
        { "ok_size_1gib.mp4", nullptr },
        { "big_over_1gib.mp4", "file_size" },
        { "ok_vp9_opus.webm", nullptr },
        { "ok_h264.mkv", "container" },
        { "ok_hevc_10bit_hlg.mov", nullptr },
        { "av1.mp4", "video_codec" },
        { "ok_no_audio.mp4", nullptr },
        { "two_video_streams.mp4", "video_streams" },
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.file);
        const VideoInfo info = Cuepoint::Core::VideoProbe::probe(
            QDir(QStringLiteral(CUEPOINT_FIXTURES_DIR)).filePath(QLatin1String(c.file)));
        ASSERT_TRUE(info.isReadable()) << info.errorMessage.toStdString();
        const SpecResult result = check(info);
        if (c.violation) {
            ASSERT_EQ(result.violations.size(), 1);
            EXPECT_EQ(result.violations[0].rule, QLatin1String(c.violation));
        } else {
            EXPECT_TRUE(result.passed()) << result.violations.value(0).message.toStdString();
        }
    }
}

} // namespace
