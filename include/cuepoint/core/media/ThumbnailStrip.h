// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/media/FrameGrabber.h"
#include "cuepoint/core/media/VideoFrame.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <mutex>
#include <stop_token>

namespace Cuepoint::Core {

/// How a strip's pictures are made.
enum class ThumbnailMode : quint8 {
    Keyframe, ///< the keyframe nearest each slot: one decoded picture each (about 10 ms)
    Exact, ///< the exact frame at each slot: decodes forward from a keyframe (up to a GOP)
};

/// What to make: @ref count evenly spaced pictures across the whole video.
struct ThumbnailRequest
{
    int count = 20; ///< number of slots, 1-1000
    FrameSize size { 180, 0 }; ///< upright size of each picture
    ThumbnailMode mode = ThumbnailMode::Keyframe;
    /// Folder of the on-disk cache (e.g. Profile::cacheDir() + "/thumbnails"); empty: none.
    QString cacheDir;
    /// Parallel decoders, each with its own demuxer; 0: one per core, at most 4.
    int workers = 0;
};

/// One slot of a strip, as delivered.
struct Thumbnail
{
    int index = 0; ///< slot number, 0 .. count - 1
    qint64 timestampMs = 0; ///< the slot's time (its centre, rounded to 100 ms)
    VideoFrame frame; ///< the picture; null when this slot failed
    QString error; ///< why the slot failed (a sentence), empty on success
    bool fromCache = false; ///< read from the disk cache instead of decoded
};

/// What one run did (for the CLI's summary, tests and benchmarks).
struct ThumbnailStats
{
    int delivered = 0; ///< slots handed to the callback with a picture
    int fromCache = 0; ///< of those, read from the disk cache
    int failed = 0; ///< slots that could not be decoded
    int framesDecoded = 0; ///< pictures the decoders produced (the real work)
    bool cancelled = false; ///< stopped before every slot was handled
    bool fatal = false; ///< nothing could be done (the video could not be opened)
};

/// Evenly spaced thumbnails of a video, for the cover scrubber: delivered one by one as they
/// are ready, cancellable, and cached on disk keyed by the file's content, the slot time, the
/// size and the mode (see the file comment of ThumbnailStrip.cpp for the key).
///
/// The object lives in the GUI thread; the work runs on a pool thread (plus helper threads
/// for parallel decoders) and comes back through queued signals. After cancel() or a new
/// start(), no further signal of the old run is emitted.
class ThumbnailStrip final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThumbnailStrip)

public:
    /// Called for every slot, from worker threads and possibly concurrently.
    using Callback = std::function<void(const Thumbnail &)>;

    explicit ThumbnailStrip(QObject *parent = nullptr);
    /// Cancels a running strip and waits for its threads.
    ~ThumbnailStrip() override;

    /// Starts making the strip of @p path, cancelling any strip still running (and waiting
    /// for its threads to notice, which takes one packet's decode at most).
    void start(const QString &path, const ThumbnailRequest &request);
    /// Stops the current strip: nothing more is emitted for it, its threads end after the
    /// picture they are decoding.
    void cancel();
    /// True while a worker (of the current or a cancelled run) is still busy.
    bool isRunning() const;
    /// Blocks until no worker is busy (tests, shutdown).
    void waitForDone();
    /// Counters of the run that ended last (cancelled runs included).
    ThumbnailStats lastStats() const;

    /// The slot times for a video of @p durationMs: the centre of each of @p count equal
    /// parts, rounded to 100 ms (the cache's time quantum), within [0, durationMs).
    static QList<qint64> slotTimesMs(qint64 durationMs, int count);

    /// Makes the strip synchronously (the CLI uses this; so does start()). Calls @p callback
    /// for each slot, cached ones first, the others as decoders finish them. Returns the
    /// counters; on a fatal error (unreadable video, bad request) sets ThumbnailStats::fatal
    /// and a sentence in @p error.
    static ThumbnailStats generate(const QString &path, const ThumbnailRequest &request,
        const Callback &callback, QString *error = nullptr, std::stop_token stop = {});

Q_SIGNALS:
    /// One slot is ready (in the order decoders finish, roughly by index).
    void thumbnailReady(int index, qint64 timestampMs, const Cuepoint::Core::VideoFrame &frame);
    /// One slot could not be decoded (damaged part of the video); the strip goes on.
    void thumbnailFailed(int index, qint64 timestampMs, const QString &message);
    /// Every slot was handled.
    void finished();
    /// Nothing could be made; @p message is a sentence for the user.
    void failed(const QString &message);

private:
    QFuture<void> m_future;
    std::stop_source m_stop;
    quint64 m_run = 0;
    mutable std::mutex m_statsMutex;
    ThumbnailStats m_lastStats;
};

} // namespace Cuepoint::Core
