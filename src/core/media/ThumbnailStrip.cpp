// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Cache key of one thumbnail: SHA-1 of (content key, format version, slot time in ms rounded
// to 100 ms, requested width and height, mode). The content key (ThumbnailCache::contentKey)
// hashes the file's size, modification time and first and last MiB: the MP4 header (moov at
// the start or the end) and WebM's cues live there, so re-encoded or edited videos change
// it, while reading 2 MiB costs about a millisecond even for a 4 GB file. A path would not
// survive a rename; a full-content hash would cost seconds per large video.
#include "cuepoint/core/media/ThumbnailStrip.h"

#include "ThumbnailCache.h"

#include "cuepoint/core/support/Logging.h"

#include <QMetaObject>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>
#include <vector>

namespace Cuepoint::Core {

namespace {

constexpr int kMaxCount = 1000;
constexpr int kMaxWorkers = 4;
constexpr qint64 kQuantumMs = 100;

struct Counters
{
    std::atomic<int> delivered { 0 };
    std::atomic<int> fromCache { 0 };
    std::atomic<int> failed { 0 };
    std::atomic<int> framesDecoded { 0 };
};

} // namespace

QList<qint64> ThumbnailStrip::slotTimesMs(qint64 durationMs, int count)
{
    QList<qint64> times;
    if (durationMs <= 0 || count <= 0) {
        return times;
    }
    times.reserve(count);
    for (int i = 0; i < count; ++i) {
        // Centre of slot i; exact integer arithmetic, then the cache's quantum.
        const qint64 centre = (2 * i + 1) * durationMs / (2 * qint64(count));
        qint64 t = (centre + kQuantumMs / 2) / kQuantumMs * kQuantumMs;
        t = std::clamp<qint64>(t, 0, durationMs - 1);
        times.append(t);
    }
    return times;
}

ThumbnailStats ThumbnailStrip::generate(const QString &path, const ThumbnailRequest &request,
    const Callback &callback, QString *error, std::stop_token stop)
{
    ThumbnailStats stats;
    const auto fatal = [&stats, error](const QString &sentence) {
        stats.fatal = true;
        if (error) {
            *error = sentence;
        }
        return stats;
    };
    if (request.count < 1 || request.count > kMaxCount) {
        return fatal(
            QStringLiteral("The number of thumbnails must be between 1 and %1.").arg(kMaxCount));
    }
    auto first = std::make_unique<FrameGrabber>();
    QString openError;
    if (!first->open(path, &openError)) {
        return fatal(openError);
    }
    const qint64 durationMs = first->durationMs();
    if (durationMs <= 0) {
        return fatal(QStringLiteral("The video's duration is unknown, so thumbnails cannot be "
                                    "spaced across it."));
    }
    const QList<qint64> times = slotTimesMs(durationMs, request.count);

    // Cached slots first: they cost a file read each.
    const ThumbnailCache cache(request.cacheDir);
    const QByteArray contentKey =
        cache.isEnabled() ? ThumbnailCache::contentKey(path) : QByteArray();
    const bool useCache = cache.isEnabled() && !contentKey.isEmpty();
    std::vector<QString> entries(times.size());
    std::vector<int> pending;
    Counters counters;
    for (int i = 0; i < times.size(); ++i) {
        if (stop.stop_requested()) {
            stats.cancelled = true;
            break;
        }
        if (useCache) {
            entries[i] = cache.entryPath(contentKey, times[i], request.size, request.mode);
            if (std::optional<VideoFrame> hit = cache.load(entries[i])) {
                ++counters.delivered;
                ++counters.fromCache;
                callback(Thumbnail { i, times[i], std::move(*hit), {}, true });
                continue;
            }
        }
        pending.push_back(i);
    }

    // Parallel decoders, each with its own demuxer (neither is thread-safe). Slots are dealt
    // round-robin so pictures arrive roughly left to right and each decoder still seeks
    // forward only.
    int workers = request.workers > 0 ? request.workers : std::max(1, QThread::idealThreadCount());
    workers = std::clamp(workers, 1, kMaxWorkers);
    workers = std::min<int>(workers, static_cast<int>(pending.size()));
    const auto work = [&](int worker, FrameGrabber *grabber) {
        std::unique_ptr<FrameGrabber> own;
        if (!grabber) {
            own = std::make_unique<FrameGrabber>();
            QString workerError;
            if (!own->open(path, &workerError)) {
                // The file changed under us; report each slot of this worker.
                for (size_t k = worker; k < pending.size(); k += workers) {
                    ++counters.failed;
                    callback(Thumbnail { pending[k], times[pending[k]], {}, workerError, false });
                }
                return;
            }
            grabber = own.get();
        }
        // Several decoders share the cores; one frame thread each avoids oversubscription.
        grabber->setThreadCount(workers > 1 ? 1 : 0);
        for (size_t k = worker; k < pending.size(); k += workers) {
            if (stop.stop_requested()) {
                break;
            }
            const int index = pending[k];
            const qint64 t = times[index];
            QString slotError;
            const int decodedBefore = grabber->counters().framesDecoded;
            std::optional<VideoFrame> frame = request.mode == ThumbnailMode::Exact
                ? grabber->exactFrame(t, request.size, &slotError, stop)
                : grabber->keyframeNear(t, request.size, &slotError);
            counters.framesDecoded += grabber->counters().framesDecoded - decodedBefore;
            if (!frame) {
                if (stop.stop_requested()) {
                    break;
                }
                ++counters.failed;
                callback(Thumbnail { index, t, {}, slotError, false });
                continue;
            }
            if (useCache) {
                cache.store(entries[index], *frame);
            }
            ++counters.delivered;
            callback(Thumbnail { index, t, std::move(*frame), {}, false });
        }
    };
    if (workers > 0) {
        std::vector<std::thread> helpers;
        helpers.reserve(workers - 1);
        for (int w = 1; w < workers; ++w) {
            helpers.emplace_back(work, w, nullptr);
        }
        work(0, first.get());
        for (std::thread &helper : helpers) {
            helper.join();
        }
    }

    stats.delivered = counters.delivered;
    stats.fromCache = counters.fromCache;
    stats.failed = counters.failed;
    stats.framesDecoded = counters.framesDecoded;
    stats.cancelled = stats.cancelled || stop.stop_requested();
    if (stats.delivered == 0 && stats.failed > 0 && !stats.cancelled) {
        return fatal(QStringLiteral("No thumbnail could be decoded; the video is damaged."));
    }
    return stats;
}

ThumbnailStrip::ThumbnailStrip(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<VideoFrame>();
}

ThumbnailStrip::~ThumbnailStrip()
{
    cancel();
    waitForDone();
}

void ThumbnailStrip::start(const QString &path, const ThumbnailRequest &request)
{
    // The previous run's threads capture `this`; let them finish (they stop between packets,
    // so this waits for one packet's decode at most) before the future that the destructor
    // waits for is replaced.
    cancel();
    waitForDone();
    m_stop = std::stop_source();
    const quint64 run = ++m_run;
    const std::stop_token token = m_stop.get_token();
    // Each queued call checks the run number in the GUI thread, so results of a cancelled or
    // replaced run never reach the signals. The destructor waits for the worker, so `this`
    // outlives every call made from it.
    m_future = QtConcurrent::run([this, path, request, run, token] {
        QString error;
        const ThumbnailStats stats = generate(
            path, request,
            [this, run](const Thumbnail &t) {
                QMetaObject::invokeMethod(
                    this,
                    [this, run, t] {
                        if (run != m_run) {
                            return;
                        }
                        if (t.frame.isNull()) {
                            Q_EMIT thumbnailFailed(t.index, t.timestampMs, t.error);
                        } else {
                            Q_EMIT thumbnailReady(t.index, t.timestampMs, t.frame);
                        }
                    },
                    Qt::QueuedConnection);
            },
            &error, token);
        {
            const std::lock_guard lock(m_statsMutex);
            m_lastStats = stats;
        }
        QMetaObject::invokeMethod(
            this,
            [this, run, stats, error] {
                if (run != m_run) {
                    return;
                }
                if (stats.fatal) {
                    Q_EMIT failed(error);
                } else if (!stats.cancelled) {
                    Q_EMIT finished();
                }
            },
            Qt::QueuedConnection);
    });
}

void ThumbnailStrip::cancel()
{
    m_stop.request_stop();
    ++m_run;
}

bool ThumbnailStrip::isRunning() const
{
    return m_future.isRunning();
}

void ThumbnailStrip::waitForDone()
{
    m_future.waitForFinished();
}

ThumbnailStats ThumbnailStrip::lastStats() const
{
    const std::lock_guard lock(m_statsMutex);
    return m_lastStats;
}

} // namespace Cuepoint::Core
