// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/media/FrameGrabber.h"

#include "FrameTestSupport.h"

#include "cuepoint/core/media/CoverTime.h"
#include "cuepoint/core/media/PngCodec.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtEndian>

#include <gtest/gtest.h>

#include <random>
#include <zlib.h>

namespace Cuepoint::Core {
namespace {

using FrameTesting::fixture;
using FrameTesting::probeOracle;

// --- CoverTime: the §3.9 mapping ------------------------------------------------------------

TEST(CoverTimeTest, RoundsTheFrameStartUpToWholeMilliseconds)
{
    const CoverTime::TimeBase tb { 1, 15360 }; // 30 fps: 512 ticks per frame
    EXPECT_EQ(CoverTime::coverTimestampMs(99 * 512, tb, 0), 3300); // media.md §3.9 examples
    EXPECT_EQ(CoverTime::coverTimestampMs(100 * 512, tb, 0), 3334);
    EXPECT_EQ(CoverTime::frameStartMs(100 * 512, tb, 0), 3333);
    EXPECT_EQ(CoverTime::coverTimestampMs(0, tb, 0), 0);
}

TEST(CoverTimeTest, CountsFromTheFormatStartTime)
{
    // Fragmented MP4: video starts at 1024/15360 s, the format at 0.
    EXPECT_EQ(CoverTime::coverTimestampMs(1024, { 1, 15360 }, 0), 67);
    // WebM + Opus: the format starts at -7 ms (audio), the video at +7 ms.
    EXPECT_EQ(CoverTime::coverTimestampMs(7, { 1, 1000 }, -7000), 14);
    EXPECT_EQ(CoverTime::targetPts(14, { 1, 1000 }, -7000), 7);
    EXPECT_EQ(CoverTime::targetPts(0, { 1, 1000 }, -7000), -7);
}

TEST(CoverTimeTest, ClampsToTheDuration)
{
    EXPECT_EQ(CoverTime::coverTimestampMs(15360 * 10, { 1, 15360 }, 0, 5000), 4999);
    EXPECT_EQ(CoverTime::coverTimestampMs(-512, { 1, 15360 }, 0, 5000), 0);
    EXPECT_EQ(CoverTime::coverTimestampMs(512, { 0, 0 }, 0, 5000), 0); // invalid time base
}

TEST(CoverTimeTest, TargetOfTheCoverValueIsTheFrameItself)
{
    // For any frame of >= 8 ms (<= 120 fps), the tick targeted by its cover value lies inside
    // [pts, next pts): exact(cover(n)) == n.
    std::mt19937 rng(7);
    const CoverTime::TimeBase bases[] = { { 1, 15360 }, { 1, 90000 }, { 1, 1000 }, { 1001, 30000 },
        { 1, 16000 }, { 1, 600 } };
    for (const CoverTime::TimeBase tb : bases) {
        for (int i = 0; i < 2000; ++i) {
            const qint64 pts = std::uniform_int_distribution<qint64>(0, 100000000)(rng);
            const qint64 zeroUs = std::uniform_int_distribution<qint64>(-100000, 100000)(rng);
            // One 120 fps frame in ticks, rounded up.
            const qint64 frameTicks = (qint64(tb.den) + 120LL * tb.num - 1) / (120LL * tb.num);
            const qint64 ms = CoverTime::coverTimestampMs(pts, tb, zeroUs);
            if (ms == 0) {
                continue; // clamped: the frame starts before the zero
            }
            const qint64 target = CoverTime::targetPts(ms, tb, zeroUs);
            ASSERT_GE(target, pts) << tb.num << "/" << tb.den << " pts " << pts;
            ASSERT_LT(target, pts + std::max<qint64>(frameTicks, 1))
                << tb.num << "/" << tb.den << " pts " << pts;
        }
    }
}

// --- exact frames -----------------------------------------------------------------------------

class ExactSeekTest : public ::testing::TestWithParam<const char *>
{
};

// media.md §5.4: exact(cover_ms(frame n)) == n for n in {0, 1, 59, 60, 61, last}, with the
// frame times taken from ffprobe, not from our own code.
TEST_P(ExactSeekTest, CoverTimestampRoundTripsToTheSameFrame)
{
    const QString path = fixture(GetParam());
    const FrameTesting::ProbeOracle oracle = probeOracle(path);
    ASSERT_GT(oracle.pts.size(), 62u);
    FrameGrabber grabber;
    QString error;
    ASSERT_TRUE(grabber.open(path, &error)) << error.toStdString();
    EXPECT_EQ(grabber.timeBaseNum(), oracle.tbNum);
    EXPECT_EQ(grabber.timeBaseDen(), oracle.tbDen);

    const int last = static_cast<int>(oracle.pts.size()) - 1;
    // Out of order on purpose: backward and forward seeks, and neighbours across a keyframe.
    for (const int n : { 61, 0, last, 59, 1, 60, 61 }) {
        const qint64 cover = CoverTime::coverTimestampMs(
            oracle.pts[n], { oracle.tbNum, oracle.tbDen }, oracle.formatStartUs, oracle.durationMs);
        const std::optional<VideoFrame> frame = grabber.exactFrame(cover, { 90, 0 }, &error);
        ASSERT_TRUE(frame) << "frame " << n << ": " << error.toStdString();
        EXPECT_EQ(frame->pts, oracle.pts[n]) << GetParam() << " frame " << n << " at " << cover;
        EXPECT_EQ(frame->coverTimestampMs, cover) << GetParam() << " frame " << n;
        EXPECT_TRUE(frame->isExact());
        EXPECT_EQ(frame->width, 90);
    }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ExactSeekTest,
    ::testing::Values("ok_h264_aac_faststart.mp4", "ok_vfr.mp4", "ok_fragmented.mp4",
        "ok_vp9_opus.webm", "ok_rotation_minus90.mp4"),
    [](const auto &param) { return FrameTesting::testName(param.param); });

TEST(FrameGrabberTest, EveryFrameOfAClipRoundTrips)
{
    // Denser than the §5.4 sample: every frame of the VFR fixture (60 then 20 fps).
    const QString path = fixture("ok_vfr.mp4");
    const FrameTesting::ProbeOracle oracle = probeOracle(path);
    FrameGrabber grabber;
    ASSERT_TRUE(grabber.open(path));
    for (size_t n = 0; n < oracle.pts.size(); n += 7) {
        const qint64 cover = CoverTime::coverTimestampMs(
            oracle.pts[n], { oracle.tbNum, oracle.tbDen }, oracle.formatStartUs, oracle.durationMs);
        const auto frame = grabber.exactFrame(cover, { 36, 64 });
        ASSERT_TRUE(frame);
        EXPECT_EQ(frame->pts, oracle.pts[n]) << "frame " << n;
    }
}

struct PixelCase
{
    const char *file;
    int frame;
};

class ExactPixelsTest : public ::testing::TestWithParam<PixelCase>
{
};

// The exact frame's pixels equal ffmpeg's decode of the same frame (at native size, so only
// the colour conversion may differ by rounding), and clearly differ from its neighbours.
TEST_P(ExactPixelsTest, MatchFfmpegDecodeOfTheSameFrame)
{
    const PixelCase c = GetParam();
    const QString path = fixture(c.file);
    const FrameTesting::ProbeOracle oracle = probeOracle(path);
    FrameGrabber grabber;
    ASSERT_TRUE(grabber.open(path));
    const qint64 cover = CoverTime::coverTimestampMs(
        oracle.pts[c.frame], { oracle.tbNum, oracle.tbDen }, oracle.formatStartUs);
    QString error;
    const auto frame = grabber.exactFrame(cover, {}, &error);
    ASSERT_TRUE(frame) << error.toStdString();
    const double same =
        FrameTesting::meanAbsDiff(*frame, FrameTesting::ffmpegFrameRgba(path, c.frame));
    const double before =
        FrameTesting::meanAbsDiff(*frame, FrameTesting::ffmpegFrameRgba(path, c.frame - 1));
    const double after =
        FrameTesting::meanAbsDiff(*frame, FrameTesting::ffmpegFrameRgba(path, c.frame + 1));
    // Observed: 0.0 (bit-identical: same decoder, same libswscale path as the CLI).
    EXPECT_LT(same, 0.5) << c.file << " frame " << c.frame;
    EXPECT_GT(before, same + 0.5) << c.file << " frame " << c.frame;
    EXPECT_GT(after, same + 0.5) << c.file << " frame " << c.frame;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ExactPixelsTest,
    ::testing::Values(PixelCase { "ok_h264_aac_faststart.mp4", 75 },
        PixelCase { "ok_h264_aac_faststart.mp4", 119 }, PixelCase { "ok_rotation_minus90.mp4", 59 },
        PixelCase { "ok_vp9_opus.webm", 100 }, PixelCase { "ok_fragmented.mp4", 1 },
        PixelCase { "ok_rotation_plus90.mp4", 30 }, PixelCase { "ok_rotation_180.mp4", 30 },
        PixelCase { "ok_hevc_10bit_hlg.mov", 40 }),
    [](const auto &param) {
        return FrameTesting::testName(param.param.file) + "_" + std::to_string(param.param.frame);
    });

TEST(FrameGrabberTest, AppliesRotationAndSampleAspectRatio)
{
    FrameGrabber rotated;
    ASSERT_TRUE(rotated.open(fixture("ok_rotation_minus90.mp4")));
    EXPECT_EQ(rotated.rotation(), 90); // ffprobe "rotation=-90": turn 90 degrees clockwise
    EXPECT_EQ(rotated.displayWidth(), 360);
    EXPECT_EQ(rotated.displayHeight(), 640);
    const auto portrait = rotated.exactFrame(1000);
    ASSERT_TRUE(portrait);
    EXPECT_EQ(portrait->width, 360);
    EXPECT_EQ(portrait->height, 640);

    FrameGrabber sar;
    ASSERT_TRUE(sar.open(fixture("ok_sar_2_1.mp4"))); // coded 180x640, SAR 2:1
    EXPECT_EQ(sar.displayWidth(), 360);
    EXPECT_EQ(sar.displayHeight(), 640);
    const auto wide = sar.exactFrame(1000);
    ASSERT_TRUE(wide);
    EXPECT_EQ(wide->width, 360);
    EXPECT_EQ(wide->height, 640);
    const auto boxed = sar.exactFrame(1000, { 100, 100 }); // fit into a box
    ASSERT_TRUE(boxed);
    EXPECT_EQ(boxed->width, 56);
    EXPECT_EQ(boxed->height, 100);
    EXPECT_GE(boxed->stride, boxed->width * 4);
    EXPECT_EQ(boxed->rgba.size(), qsizetype(boxed->stride) * boxed->height);
}

TEST(FrameGrabberTest, ClampsTimesToTheTimeline)
{
    const QString path = fixture("ok_fragmented.mp4"); // the video starts 67 ms after zero
    const FrameTesting::ProbeOracle oracle = probeOracle(path);
    FrameGrabber grabber;
    ASSERT_TRUE(grabber.open(path));
    const auto first = grabber.exactFrame(-500, { 36, 0 });
    ASSERT_TRUE(first);
    EXPECT_EQ(first->pts, oracle.pts.front());
    const auto zero = grabber.exactFrame(0, { 36, 0 });
    ASSERT_TRUE(zero);
    EXPECT_EQ(zero->pts, oracle.pts.front());
    const auto last = grabber.exactFrame(10 * 60 * 1000, { 36, 0 });
    ASSERT_TRUE(last);
    EXPECT_EQ(last->pts, oracle.pts.back());
    EXPECT_LT(last->coverTimestampMs, grabber.durationMs());
}

TEST(FrameGrabberTest, SkipsUnreferencedFramesBeforeTheTarget)
{
    // Frame 119 ends the second 60-frame GOP: x264's non-reference B-frames before it need not
    // be decoded, so fewer pictures come out of the decoder than packets went in.
    const QString path = fixture("ok_h264_aac_faststart.mp4");
    const FrameTesting::ProbeOracle oracle = probeOracle(path);
    FrameGrabber grabber;
    ASSERT_TRUE(grabber.open(path));
    const auto frame = grabber.exactFrame(
        CoverTime::coverTimestampMs(oracle.pts[119], { oracle.tbNum, oracle.tbDen }, 0), { 36, 0 });
    ASSERT_TRUE(frame);
    EXPECT_EQ(frame->pts, oracle.pts[119]);
    const FrameGrabber::Counters counters = grabber.counters();
    EXPECT_GE(counters.packetsSent, 60);
    EXPECT_LT(counters.framesDecoded, counters.packetsSent * 9 / 10);
}

TEST(FrameGrabberTest, StopsWhenCancelled)
{
    FrameGrabber grabber;
    ASSERT_TRUE(grabber.open(fixture("ok_h264_aac_faststart.mp4")));
    std::stop_source stop;
    stop.request_stop();
    QString error;
    EXPECT_FALSE(grabber.exactFrame(1500, {}, &error, stop.get_token()));
    EXPECT_EQ(error, QStringLiteral("Cancelled."));
    EXPECT_TRUE(grabber.exactFrame(1500, { 36, 0 }, &error)); // still usable afterwards
}

// --- keyframes --------------------------------------------------------------------------------

TEST(FrameGrabberTest, KeyframeNearestToATime)
{
    // GOP of 60 frames at 30 fps: keyframes at 0, 2000 and 4000 ms.
    const QString path = fixture("ok_h264_aac_faststart.mp4");
    const FrameTesting::ProbeOracle oracle = probeOracle(path);
    FrameGrabber grabber;
    ASSERT_TRUE(grabber.open(path));
    const qint64 keyPts[] = { oracle.pts[0], oracle.pts[60], oracle.pts[120] };
    ASSERT_TRUE(oracle.key[0] && oracle.key[60] && oracle.key[120]);

    struct Case
    {
        qint64 atMs;
        bool nearest;
        qint64 expectedPts;
    };
    const Case cases[] = { { 900, true, keyPts[0] }, { 1400, true, keyPts[1] },
        { 1900, false, keyPts[0] }, { 3100, true, keyPts[2] }, { 2500, false, keyPts[1] },
        { 4900, true, keyPts[2] }, { 4900, false, keyPts[2] } };
    for (const Case &c : cases) {
        QString error;
        const auto frame = c.nearest ? grabber.keyframeNear(c.atMs, { 90, 0 }, &error)
                                     : grabber.keyframeAtOrBefore(c.atMs, { 90, 0 }, &error);
        ASSERT_TRUE(frame) << error.toStdString();
        EXPECT_EQ(frame->pts, c.expectedPts) << c.atMs << (c.nearest ? " nearest" : " before");
        EXPECT_EQ(frame->kind, VideoFrame::Kind::Keyframe);
        EXPECT_EQ(frame->width, 90);
        EXPECT_EQ(frame->height, 160);
    }
    // The keyframe's cover value selects that very frame exactly.
    const auto key = grabber.keyframeNear(2100, { 90, 0 });
    ASSERT_TRUE(key);
    const auto exact = grabber.exactFrame(key->coverTimestampMs, { 90, 0 });
    ASSERT_TRUE(exact);
    EXPECT_EQ(exact->pts, key->pts);
}

TEST(FrameGrabberTest, KeyframeDecodesOnePictureAndReusesIt)
{
    FrameGrabber grabber;
    ASSERT_TRUE(grabber.open(fixture("long_11min.mp4")));
    const auto a = grabber.keyframeNear(300400, { 90, 0 });
    ASSERT_TRUE(a);
    const FrameGrabber::Counters afterFirst = grabber.counters();
    EXPECT_EQ(afterFirst.framesDecoded, 1);
    EXPECT_EQ(afterFirst.packetsSent, 1);
    // Same keyframe (300 s), same size: no decoding at all.
    const auto b = grabber.keyframeNear(300200, { 90, 0 });
    ASSERT_TRUE(b);
    EXPECT_EQ(b->pts, a->pts);
    EXPECT_EQ(grabber.counters().framesDecoded, 1);
    EXPECT_EQ(grabber.counters().keyframeReuses, 1);
    // A different keyframe: one more picture.
    const auto c = grabber.keyframeNear(450000, { 90, 0 });
    ASSERT_TRUE(c);
    EXPECT_NE(c->pts, a->pts);
    EXPECT_EQ(grabber.counters().framesDecoded, 2);
    EXPECT_EQ(c->ptsMs, 450000);
}

// --- inputs -----------------------------------------------------------------------------------

TEST(FrameGrabberTest, OpensFromMemory)
{
    const QString path = fixture("ok_h264_aac_faststart.mp4");
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const FrameTesting::ProbeOracle oracle = probeOracle(path);

    FrameGrabber fromMemory;
    QString error;
    ASSERT_TRUE(fromMemory.openMemory(bytes, &error)) << error.toStdString();
    FrameGrabber fromFile;
    ASSERT_TRUE(fromFile.open(path));
    const qint64 cover =
        CoverTime::coverTimestampMs(oracle.pts[61], { oracle.tbNum, oracle.tbDen }, 0);
    const auto a = fromMemory.exactFrame(cover, { 90, 0 });
    const auto b = fromFile.exactFrame(cover, { 90, 0 });
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->pts, oracle.pts[61]);
    EXPECT_EQ(a->rgba, b->rgba);

    FrameGrabber noise;
    EXPECT_FALSE(noise.openMemory(QByteArray(4096, 'x'), &error));
    EXPECT_FALSE(error.isEmpty());
    EXPECT_FALSE(noise.openMemory(QByteArray(), &error));
}

struct BadInput
{
    const char *file; ///< a fixture, or "" for special paths
    const char *expectedWords; ///< a phrase the sentence must contain (case-insensitive)
};

class BadInputTest : public ::testing::TestWithParam<BadInput>
{
};

TEST_P(BadInputTest, IsRefusedWithASentence)
{
    const BadInput c = GetParam();
    FrameGrabber grabber;
    QString error;
    EXPECT_FALSE(grabber.open(fixture(c.file), &error));
    EXPECT_FALSE(grabber.isOpen());
    EXPECT_TRUE(error.endsWith(QLatin1Char('.'))) << error.toStdString();
    EXPECT_TRUE(error.contains(QLatin1String(c.expectedWords), Qt::CaseInsensitive))
        << c.file << ": " << error.toStdString();
    EXPECT_FALSE(grabber.exactFrame(0, {}, &error));
    EXPECT_FALSE(grabber.keyframeNear(0, {}, &error));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadInputTest,
    ::testing::Values(BadInput { "empty.mp4", "empty" },
        BadInput { "text_named.mp4", "not a video" },
        BadInput { "random_bytes.mp4", "not a video" }, BadInput { "jpeg_named.mp4", "image" },
        BadInput { "audio_only.m4a", "only audio" },
        BadInput { "audio_with_cover.m4a", "cover art" },
        BadInput { "corrupt_header.mp4", "damaged" },
        BadInput { "truncated_moov_at_end.mp4", "truncated" }),
    [](const auto &param) { return FrameTesting::testName(param.param.file); });

TEST(FrameGrabberTest, RefusesFoldersAndMissingPaths)
{
    QTemporaryDir dir;
    FrameGrabber grabber;
    QString error;
    EXPECT_FALSE(grabber.open(dir.path(), &error));
    EXPECT_TRUE(error.contains(QLatin1String("folder"))) << error.toStdString();
    EXPECT_FALSE(grabber.open(dir.filePath(QStringLiteral("missing.mp4")), &error));
    EXPECT_TRUE(error.contains(QLatin1String("does not exist"))) << error.toStdString();
}

TEST(FrameGrabberTest, TruncatedFileGivesFramesBeforeTheCutAndAnErrorAfter)
{
    FrameGrabber grabber;
    QString error;
    ASSERT_TRUE(grabber.open(fixture("truncated_faststart.mp4"), &error)) << error.toStdString();
    EXPECT_TRUE(grabber.exactFrame(500, { 36, 0 }, &error)) << error.toStdString();
    EXPECT_FALSE(grabber.exactFrame(4500, { 36, 0 }, &error));
    EXPECT_TRUE(error.contains(QLatin1String("truncated"))) << error.toStdString();
    EXPECT_FALSE(grabber.keyframeNear(4500, { 36, 0 }, &error));
    EXPECT_FALSE(error.isEmpty());
}

// --- PNG --------------------------------------------------------------------------------------

TEST(PngCodecTest, RoundTripsAFrameLosslessly)
{
    FrameGrabber grabber;
    ASSERT_TRUE(grabber.open(fixture("ok_rotation_minus90.mp4")));
    const auto frame = grabber.exactFrame(2500, { 101, 0 }); // odd width: stride != 4 * width
    ASSERT_TRUE(frame);
    QString error;
    const QByteArray png = Png::encode(*frame, &error);
    ASSERT_FALSE(png.isEmpty()) << error.toStdString();
    EXPECT_TRUE(png.startsWith("\x89PNG\r\n\x1a\n"));
    const auto back = Png::decode(png, &error);
    ASSERT_TRUE(back) << error.toStdString();
    ASSERT_EQ(back->width, frame->width);
    ASSERT_EQ(back->height, frame->height);
    for (int y = 0; y < frame->height; ++y) {
        ASSERT_EQ(0,
            std::memcmp(back->rgba.constData() + back->offsetOf(0, y),
                frame->rgba.constData() + frame->offsetOf(0, y), size_t(frame->width) * 4))
            << "row " << y;
    }
    EXPECT_FALSE(Png::decode(QByteArray("not a png"), &error));
    EXPECT_FALSE(Png::encode(VideoFrame {}, &error).size());
}

// The IDAT payload of a PNG with a single IDAT chunk (what Png::encode writes).
QByteArray idatOf(const QByteArray &png)
{
    qsizetype at = 8;
    while (at + 12 <= png.size()) {
        const quint32 length = qFromBigEndian<quint32>(png.constData() + at);
        if (png.mid(at + 4, 4) == "IDAT") {
            return png.mid(at + 8, qsizetype(length));
        }
        at += 12 + qsizetype(length);
    }
    return {};
}

// A picture large enough to be deflated in bands on several threads (pigz's scheme): both
// layouts, a padded stride, and noise so that matches cross the band boundaries. zlib's own
// inflate checks the joined stream (block structure and the combined Adler-32).
TEST(PngCodecTest, LargePicturesRoundTripInBothLayouts)
{
    std::mt19937 random(7);
    for (const VideoFrame::Format format :
        { VideoFrame::Format::Rgb888, VideoFrame::Format::Rgba8888 }) {
        VideoFrame frame;
        frame.format = format;
        frame.width = 1501;
        frame.height = 1103;
        const int bpp = frame.bytesPerPixel();
        frame.stride = frame.width * bpp + 5;
        frame.rgba = QByteArray(qsizetype(frame.stride) * frame.height, '\0');
        for (int y = 0; y < frame.height; ++y) {
            for (int x = 0; x < frame.width; ++x) {
                char *pixel = frame.rgba.data() + frame.offsetOf(x, y);
                pixel[0] = char((x * 7 + y * 3) & 0xff);
                pixel[1] = char((x / 16 + y / 16) & 0xff);
                pixel[2] = char(random() & 0x0f);
                if (bpp == 4) {
                    pixel[3] = char(0xff);
                }
            }
        }
        QString error;
        const QByteArray png = Png::encode(frame, &error);
        ASSERT_FALSE(png.isEmpty()) << error.toStdString();

        const QByteArray idat = idatOf(png);
        const qsizetype rawBytes = qsizetype(frame.width * 3 + 1) * frame.height;
        QByteArray raw(rawBytes, '\0');
        uLongf rawLength = uLongf(raw.size());
        ASSERT_EQ(uncompress(reinterpret_cast<Bytef *>(raw.data()), &rawLength,
                      reinterpret_cast<const Bytef *>(idat.constData()), uLong(idat.size())),
            Z_OK);
        EXPECT_EQ(qsizetype(rawLength), rawBytes);

        const auto back = Png::decode(png, &error);
        ASSERT_TRUE(back) << error.toStdString();
        ASSERT_EQ(back->width, frame.width);
        ASSERT_EQ(back->height, frame.height);
        for (int y = 0; y < frame.height; ++y) {
            for (int x = 0; x < frame.width; ++x) {
                ASSERT_EQ(0,
                    std::memcmp(back->rgba.constData() + back->offsetOf(x, y),
                        frame.rgba.constData() + frame.offsetOf(x, y), 3))
                    << "pixel " << x << "," << y;
            }
        }
    }
}

TEST(FrameGrabberTest, RgbLayoutHasTheSamePixelsAsRgba)
{
    // The CLI asks for Rgb888; the pixels must be the very same as the RGBA every other caller
    // gets, at native size (libswscale writes RGB24 directly) and scaled (repacked RGBA).
    for (const char *name : { "ok_rotation_minus90.mp4", "ok_sar_2_1.mp4", "ok_hevc_10bit_hlg.mov",
             "small_300x300.mp4" }) {
        for (const FrameSize size : { FrameSize {}, FrameSize { 90, 0 }, FrameSize { 1000, 0 } }) {
            FrameGrabber rgba;
            FrameGrabber rgb;
            ASSERT_TRUE(rgba.open(fixture(name)));
            ASSERT_TRUE(rgb.open(fixture(name)));
            rgb.setFormat(VideoFrame::Format::Rgb888);
            const auto a = rgba.exactFrame(1000, size);
            const auto b = rgb.exactFrame(1000, size);
            ASSERT_TRUE(a && b) << name;
            EXPECT_EQ(b->format, VideoFrame::Format::Rgb888);
            ASSERT_EQ(a->width, b->width) << name;
            ASSERT_EQ(a->height, b->height) << name;
            EXPECT_EQ(a->coverTimestampMs, b->coverTimestampMs) << name;
            for (int y = 0; y < a->height; ++y) {
                for (int x = 0; x < a->width; ++x) {
                    ASSERT_EQ(0,
                        std::memcmp(a->rgba.constData() + a->offsetOf(x, y),
                            b->rgba.constData() + b->offsetOf(x, y), 3))
                        << name << " " << size.width << ": pixel " << x << "," << y;
                }
            }
        }
    }
}

} // namespace
} // namespace Cuepoint::Core
