// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Step 1 of the composer on a real video, in one process per run (bench/bench-composer.sh
// runs it and compares with ffprobe and ffmpeg -ss):
//   - setVideo -> the verdict shown (videoChecked), target < 100 ms;
//   - setVideo -> the first thumbnail painted in the strip (cold cache), target < 300 ms;
//   - a handle move -> the keyframe picture under it, target < 30 ms (median of the moves);
//   - the handle at rest -> the exact frame shown (just after a keyframe, mid-GOP, end of GOP).
//
//   bench_composer run VIDEO CACHE_DIR      one run; prints one line of numbers (ms)
//   bench_composer check VIDEO               the check alone, for comparison
//   bench_composer demo VIDEO SECONDS [DB]  shows the step (for screenshots under Xvfb;
//                                           CUEPOINT_DEMO_SNIPPETS=1 opens the manager)
#include "composer/CaptionEditor.h"
#include "composer/ComposerContentStep.h"
#include "composer/CoverPicker.h"
#include "composer/CoverScrubber.h"
#include "composer/FrameRequester.h"
#include "controllers/VideoCheck.h"

#include "cuepoint/core/media/ThumbnailStrip.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMouseEvent>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <vector>

using namespace Cuepoint;

namespace {

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

/// Spins the event loop until @p done, at most @p timeoutMs.
template<typename Pred> bool waitFor(Pred done, int timeoutMs = 60000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}

double median(std::vector<double> v)
{
    if (v.empty()) {
        return -1;
    }
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

void mouse(QWidget *w, QEvent::Type type, int x, Qt::MouseButtons buttons)
{
    const QPointF local(x, w->height() / 2);
    QMouseEvent event(type, local, w->mapToGlobal(local), Qt::LeftButton, buttons, Qt::NoModifier);
    QApplication::sendEvent(w, &event);
}

int run(const QString &video, const QString &cacheDir)
{
    QDir(cacheDir).removeRecursively(); // cold thumbnail cache
    Gui::ComposerContentStep step;
    step.resize(1100, 680);
    step.show();
    step.setCacheDir(cacheDir);
    auto *picker = step.findChild<Gui::CoverPicker *>();
    Gui::CoverScrubber *scrubber = picker->scrubber();
    QCoreApplication::processEvents();

    double validation = -1;
    double firstThumb = -1;
    double firstPreview = -1;
    QElapsedTimer t;
    QObject context;
    QObject::connect(&step, &Gui::ComposerContentStep::videoChecked, &context, [&] {
        step.repaint(); // the verdict on screen, not only in the label
        validation = msSince(t);
    });
    QObject::connect(
        picker->thumbnailStrip(), &Core::ThumbnailStrip::thumbnailReady, &context, [&] {
            if (firstThumb < 0) {
                QCoreApplication::processEvents(); // the scrubber's own slot runs first
                scrubber->repaint();
                firstThumb = msSince(t);
            }
        });
    QObject::connect(picker->frameRequester(), &Gui::FrameRequester::frameReady, &context, [&] {
        if (firstPreview < 0) {
            firstPreview = msSince(t);
        }
    });
    t.start();
    step.setVideo(video);
    if (!waitFor([&] { return step.isVideoChecked() && firstThumb >= 0; })) {
        std::cerr << "timed out waiting for the check and the strip\n";
        return 1;
    }
    waitFor([&] { return scrubber->thumbnailCount() == Gui::CoverPicker::kSlots; });
    const double allThumbs = msSince(t);
    picker->thumbnailStrip()->waitForDone();
    waitFor([&] { return picker->showsExactFrame(); });

    // Handle moves: each waits for its keyframe picture (no coalescing).
    std::vector<double> keyframe;
    quint64 lastId = 0;
    bool gotKeyframe = false;
    QObject::connect(picker->frameRequester(), &Gui::FrameRequester::frameReady, &context,
        [&](quint64 id, qint64, const Core::VideoFrame &frame) {
            if (id == lastId && !frame.isExact()) {
                gotKeyframe = true;
            }
        });
    const int width = scrubber->width();
    mouse(scrubber, QEvent::MouseButtonPress, 10, Qt::LeftButton);
    waitFor([&] { return !picker->frameRequester()->isBusy(); });
    for (int i = 1; i <= 15; ++i) {
        const int x = 10 + (i * 157) % (width - 20);
        gotKeyframe = false;
        QElapsedTimer m;
        m.start();
        mouse(scrubber, QEvent::MouseMove, x, Qt::LeftButton);
        lastId = picker->frameRequester()->latestRequestId();
        waitFor([&] { return gotKeyframe; });
        keyframe.push_back(msSince(m));
    }
    mouse(scrubber, QEvent::MouseButtonRelease, width / 2, Qt::NoButton);
    waitFor([&] { return picker->showsExactFrame() && !picker->frameRequester()->isBusy(); });

    // The handle at rest: exact frames at 3 places of the 2 s GOP whose keyframe is at 300.161 s
    // (the loop of the 10 s seed shifts the keyframes by the AAC priming): 1, 30 and 59 frames
    // after it.
    const qint64 places[] = { 300200, 301167, 302127 };
    double exact[3] = {};
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer e;
        e.start();
        picker->setCoverTimeMs(places[i]);
        waitFor([&] { return picker->showsExactFrame(); });
        exact[i] = msSince(e);
        waitFor([&] { return !picker->frameRequester()->isBusy(); });
    }
    std::printf("validation_ms=%.1f first_thumb_painted_ms=%.1f all_thumbs_ms=%.1f "
                "first_preview_ms=%.1f keyframe_move_median_ms=%.1f keyframe_move_max_ms=%.1f "
                "exact_after_key_ms=%.1f exact_mid_gop_ms=%.1f exact_end_gop_ms=%.1f\n",
        validation, firstThumb, allThumbs, firstPreview, median(keyframe),
        *std::max_element(keyframe.begin(), keyframe.end()), exact[0], exact[1], exact[2]);
    return 0;
}

/// The check alone (VideoProbe + SpecRules on a pool thread), nothing else running: what the
/// verdict costs without the strip and the preview competing for the two cores.
int checkOnly(const QString &video)
{
    QElapsedTimer t;
    t.start();
    const Gui::VideoCheckResult r = Gui::checkVideo(video).result();
    std::printf("check_only_ms=%.1f readable=%d\n", msSince(t), int(r.readable));
    return 0;
}

int demo(const QString &video, int seconds, const QString &db)
{
    Gui::ComposerContentStep step;
    step.setWindowTitle(QStringLiteral("New post \u2014 Cuepoint"));
    step.resize(1160, 720);
    if (!db.isEmpty()) {
        step.setDatabasePath(db);
    }
    step.setCaption(QStringLiteral("Morning run by the fjord \u2014 3 tips for cold days #running "
                                   "#oslo"));
    step.setVideo(video);
    step.setCoverTimeMs(2500);
    step.show();
    if (qEnvironmentVariableIsSet("CUEPOINT_DEMO_SNIPPETS")) {
        // For a screenshot of the manager: open it over the step.
        QTimer::singleShot(500, &step, [&step] {
            if (auto *caption = step.findChild<Gui::CaptionEditor *>()) {
                caption->openManager();
            }
        });
    }
    QTimer::singleShot(seconds * 1000, qApp, &QApplication::quit);
    return QApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() >= 4 && args.at(1) == QStringLiteral("run")) {
        return run(args.at(2), args.at(3));
    }
    if (args.size() >= 3 && args.at(1) == QStringLiteral("check")) {
        return checkOnly(args.at(2));
    }
    if (args.size() >= 4 && args.at(1) == QStringLiteral("demo")) {
        return demo(args.at(2), args.at(3).toInt(), args.value(4));
    }
    std::cerr
        << "usage: bench_composer run VIDEO CACHE_DIR | check VIDEO | demo VIDEO SECONDS [DB]\n";
    return 2;
}
