// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// In-process latency of the cover scrubber's building blocks, on one video:
//   - keyframe image for a scrub position (FrameGrabber::keyframeNear, 180 px wide), at
//     positions spread over the whole video in a shuffled order, as a user drags around;
//   - exact frame (native size) at given times;
//   - a 20-slot keyframe strip (ThumbnailStrip::generate, no cache).
// Prints min/median/max per measurement. Run by bench/bench-frames.sh; build it with
// `cmake --build BUILD --target bench_scrub`.
//
//   [CUEPOINT_BENCH_THREADS=N] bench_scrub FILE [EXACT_MS ...]
#include "cuepoint/core/media/FrameGrabber.h"
#include "cuepoint/core/media/ThumbnailStrip.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

using namespace Cuepoint::Core;

namespace {

void report(const char *what, std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    const double median =
        ms.size() % 2 ? ms[ms.size() / 2] : (ms[ms.size() / 2 - 1] + ms[ms.size() / 2]) / 2;
    std::printf("  %-44s median %8.2f ms  min %8.2f  max %8.2f  (%zu runs)\n", what, median,
        ms.front(), ms.back(), ms.size());
}

double elapsedMs(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_scrub FILE [EXACT_MS ...]\n");
        return 2;
    }
    const QString path = args.at(1);
    QElapsedTimer timer;
    timer.start();
    FrameGrabber grabber;
    // Decoder threads for exact frames (0: FFmpeg's default, cores + 1), to compare settings.
    grabber.setThreadCount(qEnvironmentVariableIntValue("CUEPOINT_BENCH_THREADS"));
    QString error;
    if (!grabber.open(path, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    std::printf("%s (%lld ms)\n", qPrintable(path), static_cast<long long>(grabber.durationMs()));
    std::printf("  %-44s %8.2f ms\n", "open", elapsedMs(timer));

    // 60 scrub positions over the whole video, visited in a shuffled order (no reuse of the
    // previous keyframe unless two positions share one).
    std::vector<qint64> positions;
    for (int i = 0; i < 60; ++i) {
        positions.push_back(grabber.durationMs() * (2 * i + 1) / 120);
    }
    std::shuffle(positions.begin(), positions.end(), std::mt19937(42));
    std::vector<double> keyMs;
    for (const qint64 t : positions) {
        timer.restart();
        if (!grabber.keyframeNear(t, { 180, 0 }, &error)) {
            std::fprintf(
                stderr, "keyframe at %lld: %s\n", static_cast<long long>(t), qPrintable(error));
            return 1;
        }
        keyMs.push_back(elapsedMs(timer));
    }
    report("keyframe image for a scrub position (180 px)", keyMs);

    for (int i = 2; i < args.size(); ++i) {
        const qint64 at = args.at(i).toLongLong();
        std::vector<double> exactMs;
        for (int run = 0; run < 5; ++run) {
            timer.restart();
            if (!grabber.exactFrame(at, {}, &error)) {
                std::fprintf(
                    stderr, "exact at %lld: %s\n", static_cast<long long>(at), qPrintable(error));
                return 1;
            }
            exactMs.push_back(elapsedMs(timer));
        }
        const QByteArray label =
            QStringLiteral("exact frame at %1 ms (native size)").arg(at).toUtf8();
        report(label.constData(), exactMs);
    }

    std::vector<double> stripMs;
    for (int run = 0; run < 5; ++run) {
        ThumbnailRequest request;
        request.count = 20;
        timer.restart();
        const ThumbnailStats stats =
            ThumbnailStrip::generate(path, request, [](const Thumbnail &) {});
        stripMs.push_back(elapsedMs(timer));
        if (stats.delivered != 20) {
            std::fprintf(stderr, "strip delivered %d of 20\n", stats.delivered);
            return 1;
        }
    }
    report("20-slot keyframe strip incl. open (no cache)", stripMs);
    return 0;
}
