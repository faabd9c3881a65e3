// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QObject>

#include <memory>

namespace Cuepoint::Core {

/// A one-shot alarm at a wall-clock instant. Unlike a QTimer, which counts elapsed monotonic
/// time, it fires at the right instant after the machine slept, and says when the wall clock
/// was set (NTP step, manual change, time zone tools) so that the schedule is re-evaluated.
class WakeTimer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WakeTimer)

public:
    explicit WakeTimer(QObject *parent = nullptr)
        : QObject(parent)
    {
    }
    ~WakeTimer() override = default;

    /// Fires fired() at @p instant (UTC), or at once if it has passed. Replaces any alarm.
    virtual void armAt(const QDateTime &instant) = 0;
    virtual void disarm() = 0;
    /// The armed instant, or a null QDateTime.
    virtual QDateTime armedAt() const = 0;

    /// The system implementation: on Linux a timerfd on CLOCK_REALTIME with
    /// TFD_TIMER_CANCEL_ON_SET; elsewhere a QTimer re-checked at most every minute.
    static std::unique_ptr<WakeTimer> createSystemTimer(QObject *parent = nullptr);

Q_SIGNALS:
    /// The armed instant was reached (possibly late, after a sleep).
    void fired();
    /// The wall clock was set; the armed alarm was dropped and must be re-armed.
    void clockChanged();
};

} // namespace Cuepoint::Core
