// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

#include <chrono>
#include <functional>
#include <mutex>

namespace Cuepoint::Core::Review {

/// Slows down an address that keeps trying wrong review tokens: after kFreeMisses misses, each
/// less than kWindow after the one before, every further answer to that address waits, twice
/// as long each time, up to kMaxDelay; a quiet kWindow forgets the address. Other addresses are
/// not affected. Thread-safe.
class ReviewThrottle final
{
public:
    using TimePoint = std::chrono::steady_clock::time_point;
    static constexpr int kFreeMisses = 5;
    static constexpr std::chrono::seconds kWindow { 60 };
    static constexpr std::chrono::milliseconds kFirstDelay { 250 };
    static constexpr std::chrono::milliseconds kMaxDelay { 4000 };
    /// Addresses remembered at most; the stalest are forgotten first.
    static constexpr int kMaxAddresses = 4096;

    /// @p now gives the time (a steady clock; tests pass their own).
    explicit ReviewThrottle(std::function<TimePoint()> now = &std::chrono::steady_clock::now);

    /// How long to wait before answering a token request from @p address.
    std::chrono::milliseconds delayFor(const QString &address);
    /// Records a wrong (unknown, expired or revoked) token from @p address.
    void recordMiss(const QString &address);

    /// Answers to one address that may be waiting at once; more are refused at once (429), so
    /// that one client cannot hold every server thread asleep.
    static constexpr int kMaxWaiting = 2;
    /// Takes a waiting place for @p address; false when it already has kMaxWaiting.
    bool beginWait(const QString &address);
    void endWait(const QString &address);

private:
    struct Entry
    {
        TimePoint lastMiss;
        int misses = 0;
    };
    void forgetStale(TimePoint now);

    std::function<TimePoint()> m_now;
    std::mutex m_mutex;
    QHash<QString, Entry> m_entries;
    QHash<QString, int> m_waiting;
};

} // namespace Cuepoint::Core::Review
