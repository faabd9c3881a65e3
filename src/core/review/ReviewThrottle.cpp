// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "review/ReviewThrottle.h"

#include <algorithm>

namespace Cuepoint::Core::Review {

ReviewThrottle::ReviewThrottle(std::function<TimePoint()> now)
    : m_now(std::move(now))
{
}

std::chrono::milliseconds ReviewThrottle::delayFor(const QString &address)
{
    const std::lock_guard lock(m_mutex);
    const auto it = m_entries.constFind(address);
    if (it == m_entries.constEnd() || m_now() - it->lastMiss > kWindow) {
        return std::chrono::milliseconds(0);
    }
    const int over = it->misses - kFreeMisses;
    if (over < 0) {
        return std::chrono::milliseconds(0);
    }
    // 250 ms, 500 ms, 1 s, 2 s, 4 s, 4 s ...
    const int doublings = std::min(over, 8);
    return std::min(kFirstDelay * (1 << doublings), std::chrono::milliseconds(kMaxDelay));
}

void ReviewThrottle::recordMiss(const QString &address)
{
    const std::lock_guard lock(m_mutex);
    const TimePoint now = m_now();
    auto it = m_entries.find(address);
    if (it == m_entries.end()) {
        if (m_entries.size() >= kMaxAddresses) {
            forgetStale(now);
        }
        it = m_entries.insert(address, Entry { now, 0 });
    } else if (now - it->lastMiss > kWindow) {
        *it = Entry { now, 0 }; // a quiet minute: start again
    }
    // Counted from the last miss, so an address that keeps guessing stays slowed down.
    ++it->misses;
    it->lastMiss = now;
}

bool ReviewThrottle::beginWait(const QString &address)
{
    const std::lock_guard lock(m_mutex);
    int &waiting = m_waiting[address];
    if (waiting >= kMaxWaiting) {
        return false;
    }
    ++waiting;
    return true;
}

void ReviewThrottle::endWait(const QString &address)
{
    const std::lock_guard lock(m_mutex);
    const auto it = m_waiting.find(address);
    if (it != m_waiting.end() && --*it <= 0) {
        m_waiting.erase(it);
    }
}

void ReviewThrottle::forgetStale(TimePoint now)
{
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        it = now - it->lastMiss > kWindow ? m_entries.erase(it) : std::next(it);
    }
    // Still full (an attack from many addresses): forget everything rather than grow.
    if (m_entries.size() >= kMaxAddresses) {
        m_entries.clear();
    }
}

} // namespace Cuepoint::Core::Review
