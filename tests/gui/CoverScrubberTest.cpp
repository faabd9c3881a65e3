// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The cover scrubber: the strip fills with thumbnails, the exact frame shown is the one
// FrameGrabber::exactFrame gives for coverTimeMs() (what gets published), the arrow keys step
// one frame, and a fast drag leaves no queue of decodes behind.
#include "composer/CoverScrubber.h"

#include "composer/CoverPicker.h"
#include "composer/FrameRequester.h"

#include "cuepoint/core/media/FrameGrabber.h"
#include "cuepoint/core/media/ThumbnailStrip.h"

#include <QApplication>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <thread>

using namespace Cuepoint;
using Gui::CoverPicker;

namespace {

constexpr int kWait = 30000;

QString fixture(const char *name)
{
    const QString path = QStringLiteral(CUEPOINT_FIXTURES_DIR "/") + QString::fromUtf8(name);
    EXPECT_TRUE(QFile::exists(path)) << "missing fixture " << path.toStdString();
    return path;
}

/// Waits until the preview shows the exact frame for the latest request and the worker idles.
bool waitExact(const CoverPicker &picker)
{
    return QTest::qWaitFor(
        [&] { return picker.showsExactFrame() && !picker.frameRequester()->isBusy(); }, kWait);
}

/// What FrameGrabber gives for @p ms at the preview's size, from a grabber of our own.
Core::VideoFrame grab(const QString &path, qint64 ms)
{
    Core::FrameGrabber grabber;
    QString error;
    EXPECT_TRUE(grabber.open(path, &error)) << error.toStdString();
    std::optional<Core::VideoFrame> frame =
        grabber.exactFrame(ms, CoverPicker::previewFrameSize(), &error);
    EXPECT_TRUE(frame.has_value()) << error.toStdString();
    return frame.value_or(Core::VideoFrame {});
}

void sendMouse(QWidget *w, QEvent::Type type, int x, Qt::MouseButtons buttons)
{
    const QPointF local(x, w->height() / 2);
    QMouseEvent event(type, local, w->mapToGlobal(local), Qt::LeftButton, buttons, Qt::NoModifier);
    QApplication::sendEvent(w, &event);
}

/// A picker with @p file loaded, its first exact frame shown.
struct Loaded
{
    explicit Loaded(const char *file)
        : path(fixture(file))
    {
        picker.resize(600, 500);
        picker.show();
        picker.setThumbnailCacheDir(cache.path());
        picker.setFrameRate(30.0);
        picker.load(path);
        ok = waitExact(picker);
    }
    QTemporaryDir cache;
    QString path;
    CoverPicker picker;
    bool ok = false;
};

} // namespace

TEST(CoverScrubberTest, StripFillsWithThumbnailsFromTheWorker)
{
    Loaded l("ok_h264_aac_faststart.mp4");
    ASSERT_TRUE(l.ok);
    Gui::CoverScrubber *scrubber = l.picker.scrubber();
    EXPECT_EQ(scrubber->slotCount(), CoverPicker::kSlots);
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return scrubber->thumbnailCount() == CoverPicker::kSlots; }, kWait));
    EXPECT_NEAR(double(scrubber->durationMs()), 5000.0, 100.0);
    l.picker.thumbnailStrip()->waitForDone();
}

TEST(CoverScrubberTest, ShownExactFrameIsFrameGrabbersFrameForTheCoverTime)
{
    Loaded l("ok_h264_aac_faststart.mp4");
    ASSERT_TRUE(l.ok);
    Gui::CoverScrubber *scrubber = l.picker.scrubber();
    // Click two thirds along the strip (mid-GOP: a real exact decode, not a keyframe).
    sendMouse(scrubber, QEvent::MouseButtonPress, scrubber->width() * 2 / 3, Qt::LeftButton);
    sendMouse(scrubber, QEvent::MouseButtonRelease, scrubber->width() * 2 / 3, Qt::NoButton);
    const qint64 clicked = scrubber->positionMs();
    ASSERT_TRUE(waitExact(l.picker));
    const Core::VideoFrame shown = l.picker.shownFrame();
    EXPECT_EQ(shown.pts, grab(l.path, clicked).pts); // the frame on screen where the user clicked
    ASSERT_TRUE(shown.isExact());
    EXPECT_GT(l.picker.coverTimeMs(), 2500);
    EXPECT_EQ(l.picker.coverTimeMs(), shown.coverTimestampMs);
    // The handle snapped onto the frame.
    EXPECT_EQ(scrubber->positionMs(), shown.coverTimestampMs);
    const Core::VideoFrame expected = grab(l.path, l.picker.coverTimeMs());
    EXPECT_EQ(shown.pts, expected.pts);
    EXPECT_EQ(shown.width, expected.width);
    EXPECT_EQ(shown.height, expected.height);
    EXPECT_TRUE(shown.rgba == expected.rgba) << "the preview differs from the published frame";
    // The time label shows it as mm:ss.mmm.
    EXPECT_EQ(CoverPicker::formatTime(l.picker.coverTimeMs()).size(), 9);
    EXPECT_EQ(CoverPicker::formatTime(83456), QStringLiteral("01:23.456"));
    l.picker.thumbnailStrip()->waitForDone();
}

TEST(CoverScrubberTest, ArrowKeysStepOneFrame)
{
    Loaded l("ok_h264_aac_faststart.mp4");
    ASSERT_TRUE(l.ok);
    Gui::CoverScrubber *scrubber = l.picker.scrubber();
    Core::FrameGrabber probe;
    ASSERT_TRUE(probe.open(l.path));
    // One frame of a 30 fps stream in its time base.
    const qint64 frameTicks = qint64(probe.timeBaseDen()) / (qint64(probe.timeBaseNum()) * 30);

    l.picker.setCoverTimeMs(1500);
    ASSERT_TRUE(waitExact(l.picker));
    const Core::VideoFrame start = l.picker.shownFrame();
    scrubber->setFocus();

    QTest::keyClick(scrubber, Qt::Key_Right);
    ASSERT_TRUE(waitExact(l.picker));
    EXPECT_EQ(l.picker.shownFrame().pts - start.pts, frameTicks);
    QTest::keyClick(scrubber, Qt::Key_Right);
    ASSERT_TRUE(waitExact(l.picker));
    EXPECT_EQ(l.picker.shownFrame().pts - start.pts, 2 * frameTicks);
    QTest::keyClick(scrubber, Qt::Key_Left);
    ASSERT_TRUE(waitExact(l.picker));
    EXPECT_EQ(l.picker.shownFrame().pts - start.pts, frameTicks);
    QTest::keyClick(scrubber, Qt::Key_Left);
    ASSERT_TRUE(waitExact(l.picker));
    EXPECT_EQ(l.picker.shownFrame().pts, start.pts);
    EXPECT_TRUE(l.picker.shownFrame().rgba == grab(l.path, l.picker.coverTimeMs()).rgba);

    // Shift steps one second (30 frames).
    QTest::keyClick(scrubber, Qt::Key_Right, Qt::ShiftModifier);
    ASSERT_TRUE(waitExact(l.picker));
    EXPECT_EQ(l.picker.shownFrame().pts - start.pts, 30 * frameTicks);

    // Home and End: the first and the last frame.
    QTest::keyClick(scrubber, Qt::Key_Home);
    ASSERT_TRUE(waitExact(l.picker));
    EXPECT_EQ(l.picker.coverTimeMs(), 0);
    EXPECT_EQ(l.picker.shownFrame().pts, grab(l.path, 0).pts);
    QTest::keyClick(scrubber, Qt::Key_End);
    ASSERT_TRUE(waitExact(l.picker));
    EXPECT_EQ(l.picker.shownFrame().pts, grab(l.path, 1000000).pts);
    // Left from the last frame is the one before it.
    const qint64 last = l.picker.shownFrame().pts;
    QTest::keyClick(scrubber, Qt::Key_Left);
    ASSERT_TRUE(waitExact(l.picker));
    EXPECT_EQ(last - l.picker.shownFrame().pts, frameTicks);
    l.picker.thumbnailStrip()->waitForDone();
}

TEST(CoverScrubberTest, FastDragLeavesNoQueueAndEndsOnTheLastPosition)
{
    Loaded l("ok_10min.mp4");
    ASSERT_TRUE(l.ok);
    Gui::CoverScrubber *scrubber = l.picker.scrubber();
    const Gui::FrameRequester::Counters before = l.picker.frameRequester()->counters();
    constexpr int kMoves = 300;
    const int width = scrubber->width();
    sendMouse(scrubber, QEvent::MouseButtonPress, 8, Qt::LeftButton);
    for (int i = 1; i <= kMoves; ++i) {
        // Back and forth across the strip, as a user hunting for a moment does.
        const int x = 8 + (i * 37) % (width - 16);
        sendMouse(scrubber, QEvent::MouseMove, x, Qt::LeftButton);
    }
    const int lastX = width / 3 + 5;
    sendMouse(scrubber, QEvent::MouseMove, lastX, Qt::LeftButton);
    sendMouse(scrubber, QEvent::MouseButtonRelease, lastX, Qt::NoButton);
    const qint64 released = scrubber->positionMs();
    ASSERT_TRUE(waitExact(l.picker));

    const Gui::FrameRequester::Counters after = l.picker.frameRequester()->counters();
    const int requests = after.requests - before.requests;
    const int decodes = (after.keyframeDecodes - before.keyframeDecodes)
        + (after.exactDecodes - before.exactDecodes);
    RecordProperty("requests", requests);
    RecordProperty("decodes", decodes);
    EXPECT_GE(requests, kMoves);
    EXPECT_LT(decodes, requests / 4) << "decodes " << decodes << " for " << requests << " moves";
    EXPECT_GE(after.replaced - before.replaced, requests / 2);

    // The frame shown is the exact frame at the position of release.
    const Core::VideoFrame shown = l.picker.shownFrame();
    const Core::VideoFrame expected = grab(l.path, released);
    EXPECT_EQ(shown.pts, expected.pts);
    EXPECT_TRUE(shown.rgba == expected.rgba);
    EXPECT_EQ(l.picker.coverTimeMs(), expected.coverTimestampMs);
    l.picker.thumbnailStrip()->waitForDone();
}

TEST(CoverScrubberTest, CoverTimeSetBeforeLoadingIsApplied)
{
    CoverPicker picker;
    picker.setCoverTimeMs(2000);
    EXPECT_EQ(picker.coverTimeMs(), 2000);
    picker.load(fixture("ok_h264_aac_faststart.mp4"));
    ASSERT_TRUE(waitExact(picker));
    const Core::VideoFrame expected = grab(fixture("ok_h264_aac_faststart.mp4"), 2000);
    EXPECT_EQ(picker.shownFrame().pts, expected.pts);
    EXPECT_EQ(picker.coverTimeMs(), expected.coverTimestampMs);
    picker.thumbnailStrip()->waitForDone();
}

TEST(CoverScrubberTest, RunningExactDecodeIsCancelledByANewerRequest)
{
    const QString path = fixture("ok_h264_aac_faststart.mp4");
    Gui::FrameRequester requester;
    QSignalSpy opened(&requester, &Gui::FrameRequester::opened);
    QList<std::pair<quint64, Core::VideoFrame>> delivered;
    QObject context;
    QObject::connect(&requester, &Gui::FrameRequester::frameReady, &context,
        [&](quint64 id, qint64, const Core::VideoFrame &frame) {
            delivered.append({ id, frame });
        });
    requester.open(path, CoverPicker::previewFrameSize());
    ASSERT_TRUE(QTest::qWaitFor([&] { return opened.count() == 1; }, kWait));

    // 1.9 s is the end of the first 2 s GOP: the exact decode runs through ~57 frames.
    requester.request(1900, Gui::FrameRequester::Mode::Exact);
    while (requester.counters().exactDecodes < 1) {
        std::this_thread::yield(); // the worker has started that decode
    }
    const quint64 latest = requester.request(500, Gui::FrameRequester::Mode::Exact);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !requester.isBusy(); }, kWait));
    QCoreApplication::processEvents();
    const Gui::FrameRequester::Counters c = requester.counters();
    EXPECT_EQ(c.exactDecodes, 2);
    EXPECT_EQ(c.exactCancelled, 1);
    EXPECT_EQ(c.exactDelivered, 1);
    ASSERT_EQ(delivered.size(), 1);
    EXPECT_EQ(delivered.first().first, latest);
    EXPECT_EQ(delivered.first().second.pts, grab(path, 500).pts);
}
