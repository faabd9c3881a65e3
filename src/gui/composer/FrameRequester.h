// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/media/FrameGrabber.h"
#include "cuepoint/core/media/VideoFrame.h"

#include <QObject>
#include <QString>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>

namespace Cuepoint::Gui {

/// The cover preview's frame loader: one FrameGrabber on its own thread with a single
/// "latest request" slot. A new request replaces one that has not started; an exact decode
/// that is running is cancelled (through its stop_token, checked between packets) as soon as a
/// newer request arrives. So a fast drag never builds a queue: the worker answers the latest
/// position, and whatever it skipped is counted in counters().
///
/// Results come back on the GUI thread through frameReady(), tagged with the request's id.
class FrameRequester final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FrameRequester)

public:
    /// What a request asks for.
    enum class Mode : quint8 {
        Keyframe, ///< the keyframe nearest the time only (while the handle is dragged)
        KeyframeThenExact, ///< a keyframe at once, then the exact frame (the handle rests)
        Exact, ///< the exact frame only (frame steps: no keyframe flash in between)
    };

    /// Work done since the last open(), for tests and benchmarks.
    struct Counters
    {
        int requests = 0; ///< request() calls
        int replaced = 0; ///< requests dropped unstarted because a newer one came
        int keyframeDecodes = 0; ///< keyframe pictures made
        int exactDecodes = 0; ///< exact decodes started
        int exactCancelled = 0; ///< exact decodes stopped by a newer request
        int exactDelivered = 0; ///< exact frames delivered
    };

    explicit FrameRequester(QObject *parent = nullptr);
    /// Cancels the running decode and joins the worker thread.
    ~FrameRequester() override;

    /// Opens @p path on the worker (replacing any pending request). Results of requests made
    /// before this call are no longer delivered.
    void open(const QString &path, Core::FrameSize size);
    /// Closes the file (pending requests are dropped).
    void close();
    /// Asks for the picture at @p ms (the file's timeline, FrameGrabber's ms); returns the id
    /// that frameReady() will carry.
    quint64 request(qint64 ms, Mode mode);
    /// Id of the latest request.
    quint64 latestRequestId() const;
    Counters counters() const;
    /// True while the worker has a request to do or is doing one.
    bool isBusy() const;

Q_SIGNALS:
    /// A picture for request @p requestId (at @p requestedMs); frame.kind says which kind.
    void frameReady(quint64 requestId, qint64 requestedMs, const Cuepoint::Core::VideoFrame &frame);
    /// The file could not be opened, or a picture could not be made: a sentence.
    void failed(const QString &message);
    /// The file is open on the worker (its timeline length in ms).
    void opened(qint64 durationMs);

private:
    struct Job
    {
        quint64 id = 0;
        qint64 ms = 0;
        Mode mode = Mode::Keyframe;
        quint64 fileGeneration = 0;
    };
    void run(std::stop_token threadStop);
    void deliver(quint64 fileGeneration, std::function<void()> emitter);

    mutable std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::optional<Job> m_pending;
    std::stop_source m_running; ///< stops the decode in progress
    bool m_working = false;
    quint64 m_nextId = 0;
    quint64 m_fileGeneration = 0;
    std::optional<QString> m_openPath; ///< a file to open before the next job
    bool m_closeRequested = false;
    Core::FrameSize m_size;
    Counters m_counters;
    std::jthread m_thread;
};

} // namespace Cuepoint::Gui
