// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/publish/WakeTimer.h"
#include "cuepoint/core/support/Clock.h"

namespace Cuepoint::Test {

/// A WakeTimer driven by the test: it fires when the test calls fireIfDue() with a clock
/// that has reached the armed instant, and can pretend the wall clock was set.
class FakeWakeTimer final : public Core::WakeTimer
{
public:
    void armAt(const QDateTime &instant) override
    {
        m_armedAt = instant.toUTC();
        ++m_armCount;
    }
    void disarm() override { m_armedAt = {}; }
    QDateTime armedAt() const override { return m_armedAt; }

    /// Fires if armed for an instant at or before @p clock's now. Returns whether it fired.
    bool fireIfDue(const Core::Clock &clock)
    {
        if (m_armedAt.isNull() || m_armedAt > clock.nowUtc()) {
            return false;
        }
        m_armedAt = {};
        Q_EMIT fired();
        return true;
    }
    /// Fires regardless of the time (as a timer armed before a backwards clock change would).
    void fireNow()
    {
        m_armedAt = {};
        Q_EMIT fired();
    }
    void simulateClockSet() { Q_EMIT clockChanged(); }
    int armCount() const { return m_armCount; }

private:
    QDateTime m_armedAt;
    int m_armCount = 0;
};

} // namespace Cuepoint::Test
