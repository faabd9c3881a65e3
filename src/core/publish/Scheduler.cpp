// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/publish/Scheduler.h"

#include "cuepoint/core/publish/WakeTimer.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/Logging.h"

namespace Cuepoint::Core {

Scheduler::Scheduler(PostStore &store, const Clock &clock, WakeTimer &timer, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
    , m_timer(timer)
{
    connect(&m_store, &PostStore::postAdded, this, &Scheduler::rearm);
    connect(&m_store, &PostStore::postChanged, this, &Scheduler::rearm);
    connect(&m_store, &PostStore::postRemoved, this, &Scheduler::rearm);
    connect(&m_store, &PostStore::targetChanged, this, &Scheduler::rearm);
    connect(&m_timer, &WakeTimer::fired, this, &Scheduler::onTimerFired);
    connect(&m_timer, &WakeTimer::clockChanged, this, &Scheduler::rearm);
}

void Scheduler::start()
{
    m_running = true;
    rearm();
}

void Scheduler::stop()
{
    m_running = false;
    m_timer.disarm();
}

QDateTime Scheduler::nextDueAt() const
{
    return m_timer.armedAt();
}

void Scheduler::rearm()
{
    if (!m_running) {
        return;
    }
    const QDateTime next = m_store.nextDueAt();
    if (next.isNull()) {
        m_timer.disarm();
        return;
    }
    if (m_timer.armedAt() != next) {
        qCDebug(lcPublish) << "next target due at" << next;
        m_timer.armAt(next);
    }
}

void Scheduler::onTimerFired()
{
    if (!m_running) {
        return;
    }
    // A clock set backwards between arming and firing can make the alarm early: check.
    const QDateTime next = m_store.nextDueAt();
    if (next.isNull()) {
        return;
    }
    if (next > m_clock.nowUtc()) {
        m_timer.armAt(next);
        return;
    }
    Q_EMIT targetsDue();
}

} // namespace Cuepoint::Core
