// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QObject>

namespace Cuepoint::Core {

class Clock;
class PostStore;
class WakeTimer;

/// Knows when the next target falls due and says so at that instant: one WakeTimer armed for
/// the earliest due target (no minute polling), re-armed on every change of the post store
/// and whenever the wall clock is set. After a sleep or a forward jump the alarm fires at once,
/// so whatever fell due meanwhile is caught up immediately.
class Scheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Scheduler)

public:
    Scheduler(PostStore &store, const Clock &clock, WakeTimer &timer, QObject *parent = nullptr);

    /// Starts watching: arms for the next due target (or emits targetsDue() at once).
    void start();
    void stop();
    bool isRunning() const { return m_running; }

    /// The instant the timer is armed for; null when nothing is waiting.
    QDateTime nextDueAt() const;

public Q_SLOTS:
    /// Looks at the store again and re-arms (connected to the store's change signals).
    void rearm();

Q_SIGNALS:
    /// At least one target is due now: the engine should claim targets until none is left,
    /// then call rearm() (store changes do so by themselves).
    void targetsDue();

private:
    void onTimerFired();

    PostStore &m_store;
    const Clock &m_clock;
    WakeTimer &m_timer;
    bool m_running = false;
};

} // namespace Cuepoint::Core
