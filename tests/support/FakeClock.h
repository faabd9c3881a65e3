// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/support/Clock.h"

#include <QMutex>

#include <chrono>

namespace Cuepoint::Test {

/// A clock that only moves when the test says so.
class FakeClock final : public Core::Clock
{
public:
    explicit FakeClock(QDateTime start = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC))
        : m_now(start.toUTC())
    {
    }

    QDateTime nowUtc() const override
    {
        QMutexLocker lock(&m_mutex);
        return m_now;
    }

    void set(const QDateTime &t)
    {
        QMutexLocker lock(&m_mutex);
        m_now = t.toUTC();
    }

    void advance(std::chrono::milliseconds by)
    {
        QMutexLocker lock(&m_mutex);
        m_now = m_now.addMSecs(by.count());
    }

private:
    mutable QMutex m_mutex;
    QDateTime m_now;
};

} // namespace Cuepoint::Test
