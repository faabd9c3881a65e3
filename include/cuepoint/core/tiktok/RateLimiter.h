// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

#include <deque>

namespace Cuepoint::Core {

class Clock;

/// The TikTok endpoints with a documented per-user rate limit (tiktok-api.md §4.2).
enum class RateLimitedEndpoint {
    CreatorInfo, ///< 20 per minute per access token
    VideoInit, ///< 6 per minute (Direct Post init)
    InboxInit, ///< 6 per minute (upload-to-inbox init)
    StatusFetch, ///< 30 per minute
    UserInfo, ///< 600 per minute
};

/// TikTok's per-minute limits held on our side, per access token and endpoint, as one-minute
/// sliding windows: a call is admitted when fewer than the limit were admitted in the last
/// 60 seconds. The token itself is not kept, only a hash of it. Thread-safe.
class RateLimiter final
{
public:
    explicit RateLimiter(const Clock &clock);

    static constexpr qint64 kWindowMs = 60'000;
    /// The documented limit of @p endpoint per minute.
    static int limitFor(RateLimitedEndpoint endpoint);

    /// Admits a call now and returns 0, or returns how many milliseconds to wait before the
    /// call would be admitted (nothing is recorded then).
    qint64 tryAcquire(const QByteArray &accessToken, RateLimitedEndpoint endpoint);

    /// How long a call would have to wait now (0: it would be admitted); records nothing.
    qint64 waitFor(const QByteArray &accessToken, RateLimitedEndpoint endpoint);

    /// How many calls were admitted for this token and endpoint in the current window.
    int inWindow(const QByteArray &accessToken, RateLimitedEndpoint endpoint);

private:
    const Clock &m_clock;
    QMutex m_mutex;
    QHash<QByteArray, std::deque<qint64>> m_windows;
};

} // namespace Cuepoint::Core
