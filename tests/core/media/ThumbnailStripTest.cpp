// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/media/ThumbnailStrip.h"

#include "FrameTestSupport.h"

#include "cuepoint/core/media/CoverTime.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>

namespace Cuepoint::Core {
namespace {

using FrameTesting::fixture;

// Processes events until @p done or @p ms pass; returns done().
template<typename Predicate> bool waitFor(Predicate done, int ms = 30000)
{
    QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return done();
}

// Runs generate() and collects what the callback saw, by slot.
struct Collected
{
    std::mutex mutex;
    std::map<int, Thumbnail> bySlot;
    int calls = 0;
};

ThumbnailStats collect(const QString &path, const ThumbnailRequest &request, Collected *out,
    QString *error = nullptr, std::stop_token stop = {})
{
    return ThumbnailStrip::generate(
        path, request,
        [out](const Thumbnail &t) {
            const std::lock_guard lock(out->mutex);
            ++out->calls;
            out->bySlot[t.index] = t;
        },
        error, stop);
}

TEST(ThumbnailStripTest, SlotsAreCentresOfEqualPartsRoundedTo100Ms)
{
    const QList<qint64> strip = ThumbnailStrip::slotTimesMs(600000, 20);
    ASSERT_EQ(strip.size(), 20);
    for (int i = 0; i < 20; ++i) {
        EXPECT_EQ(strip[i], 15000 + 30000 * i); // media.md §4.5: 15, 45, ..., 585 s
    }
    EXPECT_EQ(ThumbnailStrip::slotTimesMs(5000, 3), (QList<qint64> { 800, 2500, 4200 }));
    EXPECT_EQ(ThumbnailStrip::slotTimesMs(50, 1), (QList<qint64> { 0 }));
    EXPECT_EQ(ThumbnailStrip::slotTimesMs(5049, 1), (QList<qint64> { 2500 }));
    EXPECT_TRUE(ThumbnailStrip::slotTimesMs(0, 5).isEmpty());
    EXPECT_TRUE(ThumbnailStrip::slotTimesMs(1000, 0).isEmpty());
}

TEST(ThumbnailStripTest, KeyframeStripDecodesOnePicturePerSlot)
{
    // long_11min.mp4: 660 s, a keyframe at every whole second.
    ThumbnailRequest request;
    request.count = 20;
    request.size = { 90, 0 };
    Collected got;
    QString error;
    const ThumbnailStats stats = collect(fixture("long_11min.mp4"), request, &got, &error);
    ASSERT_FALSE(stats.fatal) << error.toStdString();
    EXPECT_EQ(stats.delivered, 20);
    EXPECT_EQ(stats.failed, 0);
    EXPECT_EQ(stats.fromCache, 0);
    EXPECT_EQ(stats.framesDecoded, 20); // no GOP decoding in keyframe mode
    EXPECT_EQ(got.calls, 20); // delivered one by one
    ASSERT_EQ(got.bySlot.size(), 20u);
    const QList<qint64> times = ThumbnailStrip::slotTimesMs(660000, 20);
    for (const auto &[index, t] : got.bySlot) {
        EXPECT_EQ(t.timestampMs, times[index]);
        EXPECT_FALSE(t.fromCache);
        ASSERT_FALSE(t.frame.isNull());
        EXPECT_EQ(t.frame.kind, VideoFrame::Kind::Keyframe);
        EXPECT_EQ(t.frame.width, 90);
        EXPECT_EQ(t.frame.height, 160);
        EXPECT_EQ(t.frame.ptsMs % 1000, 0) << "slot " << index << " not a keyframe";
        EXPECT_LE(std::abs(t.frame.ptsMs - t.timestampMs), 500) << "slot " << index;
    }
}

TEST(ThumbnailStripTest, ExactStripGivesTheFrameOnScreenAtEachSlot)
{
    const QString path = fixture("ok_h264_aac_faststart.mp4");
    const FrameTesting::ProbeOracle oracle = FrameTesting::probeOracle(path);
    ThumbnailRequest request;
    request.count = 4;
    request.size = { 90, 0 };
    request.mode = ThumbnailMode::Exact;
    Collected got;
    const ThumbnailStats stats = collect(path, request, &got);
    EXPECT_EQ(stats.delivered, 4);
    ASSERT_EQ(got.bySlot.size(), 4u);
    for (const auto &[index, t] : got.bySlot) {
        // The oracle's answer: the last frame starting at or before the slot time.
        qint64 expected = oracle.pts.front();
        for (const qint64 pts : oracle.pts) {
            if (CoverTime::frameStartMs(pts, { oracle.tbNum, oracle.tbDen }, 0) <= t.timestampMs
                && pts > expected) {
                expected = pts;
            }
        }
        EXPECT_TRUE(t.frame.isExact());
        EXPECT_EQ(t.frame.pts, expected) << "slot " << index << " at " << t.timestampMs;
    }
}

TEST(ThumbnailStripTest, SecondRunIsServedFromTheDiskCacheAndDamagedEntriesAreRewritten)
{
    QTemporaryDir cacheDir;
    ASSERT_TRUE(cacheDir.isValid());
    const QString path = fixture("long_11min.mp4");
    ThumbnailRequest request;
    request.count = 6;
    request.size = { 72, 0 };
    request.cacheDir = cacheDir.path();

    Collected first;
    const ThumbnailStats cold = collect(path, request, &first);
    EXPECT_EQ(cold.delivered, 6);
    EXPECT_EQ(cold.fromCache, 0);
    EXPECT_EQ(cold.framesDecoded, 6);
    const QStringList files =
        QDir(cacheDir.path()).entryList({ QStringLiteral("*.thumb") }, QDir::Files, QDir::Name);
    ASSERT_EQ(files.size(), 6);
    // Only the entries: no temporary files left behind.
    EXPECT_EQ(QDir(cacheDir.path()).entryList(QDir::Files | QDir::Hidden).size(), 6);

    Collected second;
    const ThumbnailStats warm = collect(path, request, &second);
    EXPECT_EQ(warm.delivered, 6);
    EXPECT_EQ(warm.fromCache, 6);
    EXPECT_EQ(warm.framesDecoded, 0); // no decoding at all
    for (const auto &[index, t] : second.bySlot) {
        EXPECT_TRUE(t.fromCache);
        const VideoFrame &a = first.bySlot.at(index).frame;
        EXPECT_EQ(t.frame.rgba, a.rgba) << "slot " << index;
        EXPECT_EQ(t.frame.width, a.width);
        EXPECT_EQ(t.frame.height, a.height);
        EXPECT_EQ(t.frame.stride, a.stride);
        EXPECT_EQ(t.frame.pts, a.pts);
        EXPECT_EQ(t.frame.coverTimestampMs, a.coverTimestampMs);
        EXPECT_EQ(t.frame.kind, a.kind);
    }

    // Damage two entries: flip pixel bytes in one (same size), cut the other short.
    {
        QFile flipped(cacheDir.filePath(files[0]));
        ASSERT_TRUE(flipped.open(QIODevice::ReadWrite));
        QByteArray bytes = flipped.readAll();
        bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5a);
        flipped.seek(0);
        flipped.write(bytes);
        QFile cut(cacheDir.filePath(files[1]));
        ASSERT_TRUE(cut.resize(cut.size() / 3));
    }
    Collected third;
    const ThumbnailStats repaired = collect(path, request, &third);
    EXPECT_EQ(repaired.delivered, 6);
    EXPECT_EQ(repaired.fromCache, 4);
    EXPECT_EQ(repaired.framesDecoded, 2);
    for (const auto &[index, t] : third.bySlot) {
        EXPECT_EQ(t.frame.rgba, first.bySlot.at(index).frame.rgba) << "slot " << index;
    }
    Collected fourth;
    EXPECT_EQ(collect(path, request, &fourth).fromCache, 6); // rewritten

    // Another size or mode is another entry.
    request.size = { 64, 0 };
    Collected other;
    EXPECT_EQ(collect(path, request, &other).fromCache, 0);
    request.size = { 72, 0 };
    request.mode = ThumbnailMode::Exact;
    request.count = 2;
    Collected exact;
    EXPECT_EQ(collect(path, request, &exact).fromCache, 0);
}

TEST(ThumbnailStripTest, StopsWhenCancelled)
{
    ThumbnailRequest request;
    request.count = 20;
    request.size = { 36, 0 };
    request.workers = 1;
    std::stop_source stop;
    int calls = 0;
    const ThumbnailStats stats = ThumbnailStrip::generate(
        fixture("long_11min.mp4"), request,
        [&](const Thumbnail &) {
            ++calls;
            stop.request_stop();
        },
        nullptr, stop.get_token());
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(stats.delivered, 1);
    EXPECT_TRUE(stats.cancelled);
    EXPECT_FALSE(stats.fatal);
}

TEST(ThumbnailStripTest, DamagedPartsFailSlotBySlotAndBadFilesFailAtOnce)
{
    ThumbnailRequest request;
    request.count = 6;
    request.size = { 36, 0 };
    Collected got;
    QString error;
    const ThumbnailStats truncated =
        collect(fixture("truncated_faststart.mp4"), request, &got, &error);
    EXPECT_FALSE(truncated.fatal) << error.toStdString();
    EXPECT_GE(truncated.delivered, 2);
    EXPECT_GE(truncated.failed, 2);
    EXPECT_EQ(truncated.delivered + truncated.failed, 6);
    for (const auto &[index, t] : got.bySlot) {
        EXPECT_EQ(t.frame.isNull(), !t.error.isEmpty()) << "slot " << index;
    }

    for (const char *bad : { "empty.mp4", "audio_only.m4a", "random_bytes.mp4" }) {
        Collected none;
        const ThumbnailStats stats = collect(fixture(bad), request, &none, &error);
        EXPECT_TRUE(stats.fatal) << bad;
        EXPECT_FALSE(error.isEmpty()) << bad;
        EXPECT_EQ(none.calls, 0) << bad;
    }
    request.count = 0;
    EXPECT_TRUE(collect(fixture("long_11min.mp4"), request, nullptr, &error).fatal);
}

// --- the QObject -------------------------------------------------------------------------------

TEST(ThumbnailStripTest, SignalsDeliverEachThumbnailThenFinished)
{
    ThumbnailStrip strip;
    std::set<int> indices;
    int ready = 0;
    int finished = 0;
    int failed = 0;
    QObject::connect(&strip, &ThumbnailStrip::thumbnailReady, &strip,
        [&](int index, qint64 timestampMs, const VideoFrame &frame) {
            ++ready;
            indices.insert(index);
            EXPECT_FALSE(frame.isNull());
            EXPECT_GT(timestampMs, 0);
            EXPECT_EQ(finished, 0); // every picture comes before finished()
        });
    QObject::connect(&strip, &ThumbnailStrip::finished, &strip, [&] { ++finished; });
    QObject::connect(&strip, &ThumbnailStrip::failed, &strip, [&] { ++failed; });
    ThumbnailRequest request;
    request.count = 8;
    request.size = { 36, 0 };
    strip.start(fixture("long_11min.mp4"), request);
    ASSERT_TRUE(waitFor([&] { return finished > 0 || failed > 0; }));
    EXPECT_EQ(finished, 1);
    EXPECT_EQ(failed, 0);
    EXPECT_EQ(ready, 8);
    EXPECT_EQ(indices.size(), 8u);
    EXPECT_EQ(strip.lastStats().delivered, 8);
}

TEST(ThumbnailStripTest, CancelStopsTheWorkerAndSilencesTheRun)
{
    ThumbnailStrip strip;
    int ready = 0;
    int finished = 0;
    QObject::connect(
        &strip, &ThumbnailStrip::thumbnailReady, &strip, [&](int, qint64, const VideoFrame &) {
            ++ready;
            strip.cancel();
        });
    QObject::connect(&strip, &ThumbnailStrip::finished, &strip, [&] { ++finished; });
    ThumbnailRequest request;
    request.count = 40;
    request.size = { 36, 0 };
    request.mode = ThumbnailMode::Exact; // slow enough that cancel() lands mid-strip
    request.workers = 1;
    strip.start(fixture("long_11min.mp4"), request);
    ASSERT_TRUE(waitFor([&] { return ready > 0; }));
    strip.waitForDone();
    QCoreApplication::processEvents(); // anything still queued from the run
    QCoreApplication::processEvents();
    EXPECT_EQ(ready, 1);
    EXPECT_EQ(finished, 0);
    EXPECT_FALSE(strip.isRunning());
    const ThumbnailStats stats = strip.lastStats();
    EXPECT_TRUE(stats.cancelled);
    EXPECT_LT(stats.delivered, 40);
}

TEST(ThumbnailStripTest, RestartingReplacesTheRunningStrip)
{
    ThumbnailStrip strip;
    int ready = 0;
    int finished = 0;
    bool onlyKeyframes = true;
    QObject::connect(&strip, &ThumbnailStrip::thumbnailReady, &strip,
        [&](int index, qint64, const VideoFrame &frame) {
            ++ready;
            onlyKeyframes = onlyKeyframes && index < 3 && !frame.isExact();
        });
    QObject::connect(&strip, &ThumbnailStrip::finished, &strip, [&] { ++finished; });
    ThumbnailRequest slow;
    slow.count = 40;
    slow.size = { 36, 0 };
    slow.mode = ThumbnailMode::Exact;
    strip.start(fixture("long_11min.mp4"), slow);
    ThumbnailRequest quick;
    quick.count = 3;
    quick.size = { 36, 0 };
    strip.start(fixture("long_11min.mp4"), quick);
    ASSERT_TRUE(waitFor([&] { return finished > 0; }));
    strip.waitForDone();
    QCoreApplication::processEvents();
    EXPECT_EQ(finished, 1);
    EXPECT_EQ(ready, 3); // nothing of the replaced exact strip
    EXPECT_TRUE(onlyKeyframes);
}

TEST(ThumbnailStripTest, ReportsAnUnreadableVideoThroughFailed)
{
    ThumbnailStrip strip;
    QString message;
    int finished = 0;
    QObject::connect(
        &strip, &ThumbnailStrip::failed, &strip, [&](const QString &m) { message = m; });
    QObject::connect(&strip, &ThumbnailStrip::finished, &strip, [&] { ++finished; });
    strip.start(fixture("audio_with_cover.m4a"), ThumbnailRequest {});
    ASSERT_TRUE(waitFor([&] { return !message.isEmpty(); }));
    EXPECT_TRUE(message.contains(QLatin1String("cover art"))) << message.toStdString();
    EXPECT_EQ(finished, 0);
}

} // namespace
} // namespace Cuepoint::Core
