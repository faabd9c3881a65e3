// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer/FrameRequester.h"

#include <QMetaObject>

namespace Cuepoint::Gui {

FrameRequester::FrameRequester(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Core::VideoFrame>();
    m_thread = std::jthread([this](std::stop_token stop) { run(stop); });
}

FrameRequester::~FrameRequester()
{
    {
        const std::lock_guard lock(m_mutex);
        m_pending.reset();
        m_running.request_stop();
    }
    m_thread.request_stop();
    m_wake.notify_all();
    m_thread.join();
}

void FrameRequester::open(const QString &path, Core::FrameSize size)
{
    {
        const std::lock_guard lock(m_mutex);
        ++m_fileGeneration;
        m_openPath = path;
        m_closeRequested = false;
        m_size = size;
        m_pending.reset();
        m_running.request_stop();
        m_counters = {};
    }
    m_wake.notify_all();
}

void FrameRequester::close()
{
    {
        const std::lock_guard lock(m_mutex);
        ++m_fileGeneration;
        m_openPath.reset();
        m_closeRequested = true;
        m_pending.reset();
        m_running.request_stop();
    }
    m_wake.notify_all();
}

quint64 FrameRequester::request(qint64 ms, Mode mode)
{
    quint64 id = 0;
    {
        const std::lock_guard lock(m_mutex);
        id = ++m_nextId;
        ++m_counters.requests;
        if (m_pending) {
            ++m_counters.replaced;
        }
        m_pending = Job { id, ms, mode, m_fileGeneration };
        // The decode in progress answers an older position: nobody will look at it.
        m_running.request_stop();
    }
    m_wake.notify_all();
    return id;
}

quint64 FrameRequester::latestRequestId() const
{
    const std::lock_guard lock(m_mutex);
    return m_nextId;
}

FrameRequester::Counters FrameRequester::counters() const
{
    const std::lock_guard lock(m_mutex);
    return m_counters;
}

bool FrameRequester::isBusy() const
{
    const std::lock_guard lock(m_mutex);
    return m_working || m_pending.has_value() || m_openPath.has_value();
}

void FrameRequester::deliver(quint64 fileGeneration, std::function<void()> emitter)
{
    QMetaObject::invokeMethod(
        this,
        [this, fileGeneration, emitter = std::move(emitter)] {
            bool current = false;
            {
                const std::lock_guard lock(m_mutex);
                current = fileGeneration == m_fileGeneration;
            }
            if (current) {
                emitter();
            }
        },
        Qt::QueuedConnection);
}

void FrameRequester::run(std::stop_token threadStop)
{
    Core::FrameGrabber grabber;
    quint64 openGeneration = 0;
    while (!threadStop.stop_requested()) {
        Job job;
        std::optional<QString> openPath;
        bool closeFile = false;
        Core::FrameSize size;
        std::stop_token decodeStop;
        {
            std::unique_lock lock(m_mutex);
            m_working = false;
            m_wake.wait(
                lock, threadStop, [this] { return m_pending || m_openPath || m_closeRequested; });
            if (threadStop.stop_requested()) {
                return;
            }
            openPath = std::exchange(m_openPath, std::nullopt);
            closeFile = std::exchange(m_closeRequested, false);
            if (openPath) {
                openGeneration = m_fileGeneration;
            }
            if (m_pending) {
                job = *std::exchange(m_pending, std::nullopt);
            }
            size = m_size;
            m_running = std::stop_source();
            decodeStop = m_running.get_token();
            m_working = true;
        }
        if (closeFile) {
            grabber.close();
        }
        if (openPath) {
            QString error;
            if (!grabber.open(*openPath, &error)) {
                deliver(openGeneration, [this, error] { Q_EMIT failed(error); });
                continue;
            }
            const qint64 duration = grabber.durationMs();
            deliver(openGeneration, [this, duration] { Q_EMIT opened(duration); });
        }
        if (job.id == 0 || job.fileGeneration != openGeneration || !grabber.isOpen()) {
            continue;
        }
        QString error;
        if (job.mode != Mode::Exact) {
            std::optional<Core::VideoFrame> key = grabber.keyframeNear(job.ms, size, &error);
            {
                const std::lock_guard lock(m_mutex);
                ++m_counters.keyframeDecodes;
            }
            if (key) {
                deliver(job.fileGeneration, [this, job, frame = std::move(*key)] {
                    Q_EMIT frameReady(job.id, job.ms, frame);
                });
            }
        }
        if (job.mode == Mode::Keyframe || decodeStop.stop_requested()) {
            continue;
        }
        {
            const std::lock_guard lock(m_mutex);
            ++m_counters.exactDecodes;
        }
        std::optional<Core::VideoFrame> exact =
            grabber.exactFrame(job.ms, size, &error, decodeStop);
        const std::lock_guard lock(m_mutex);
        if (!exact) {
            if (decodeStop.stop_requested()) {
                ++m_counters.exactCancelled;
            } else {
                deliver(job.fileGeneration, [this, error] { Q_EMIT failed(error); });
            }
            continue;
        }
        ++m_counters.exactDelivered;
        deliver(job.fileGeneration,
            [this, job, frame = std::move(*exact)] { Q_EMIT frameReady(job.id, job.ms, frame); });
    }
}

} // namespace Cuepoint::Gui
