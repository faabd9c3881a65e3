// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/tiktok/RateLimiter.h"

#include "cuepoint/core/support/Clock.h"

#include <QCryptographicHash>

namespace Cuepoint::Core {

namespace {

QByteArray windowKey(const QByteArray &accessToken, RateLimitedEndpoint endpoint)
{
    // Only a hash of the token is kept, so the limiter never holds a usable credential.
    return QCryptographicHash::hash(accessToken, QCryptographicHash::Sha256)
        + QByteArray::number(static_cast<int>(endpoint));
}

} // namespace

RateLimiter::RateLimiter(const Clock &clock)
    : m_clock(clock)
{
}

int RateLimiter::limitFor(RateLimitedEndpoint endpoint)
{
    switch (endpoint) {
    case RateLimitedEndpoint::CreatorInfo:
        return 20;
    case RateLimitedEndpoint::VideoInit:
    case RateLimitedEndpoint::InboxInit:
        return 6;
    case RateLimitedEndpoint::StatusFetch:
        return 30;
    case RateLimitedEndpoint::UserInfo:
        return 600;
    }
    return 1;
}

qint64 RateLimiter::tryAcquire(const QByteArray &accessToken, RateLimitedEndpoint endpoint)
{
    const qint64 now = m_clock.nowMs();
    QMutexLocker lock(&m_mutex);
    std::deque<qint64> &window = m_windows[windowKey(accessToken, endpoint)];
    while (!window.empty() && window.front() <= now - kWindowMs) {
        window.pop_front();
    }
    const auto limit = static_cast<size_t>(limitFor(endpoint));
    if (window.size() < limit) {
        window.push_back(now);
        return 0;
    }
    // The call is admitted once the oldest call of the window leaves it.
    return window.front() + kWindowMs - now;
}

qint64 RateLimiter::waitFor(const QByteArray &accessToken, RateLimitedEndpoint endpoint)
{
    const qint64 now = m_clock.nowMs();
    QMutexLocker lock(&m_mutex);
    std::deque<qint64> &window = m_windows[windowKey(accessToken, endpoint)];
    while (!window.empty() && window.front() <= now - kWindowMs) {
        window.pop_front();
    }
    if (window.size() < static_cast<size_t>(limitFor(endpoint))) {
        return 0;
    }
    return window.front() + kWindowMs - now;
}

int RateLimiter::inWindow(const QByteArray &accessToken, RateLimitedEndpoint endpoint)
{
    const qint64 now = m_clock.nowMs();
    QMutexLocker lock(&m_mutex);
    std::deque<qint64> &window = m_windows[windowKey(accessToken, endpoint)];
    while (!window.empty() && window.front() <= now - kWindowMs) {
        window.pop_front();
    }
    return static_cast<int>(window.size());
}

} // namespace Cuepoint::Core
