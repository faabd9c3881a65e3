// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

namespace Cuepoint::Core {

/// The one source of "now" in the core. Production code gets a SystemClock; tests inject a
/// fake one (tests/support/FakeClock.h) so schedules, leases and grace periods can be tested
/// without waiting.
class Clock
{
public:
    virtual ~Clock() = default;
    /// The current instant, in UTC.
    virtual QDateTime nowUtc() const = 0;
    /// The current instant as milliseconds since the Unix epoch.
    qint64 nowMs() const { return nowUtc().toMSecsSinceEpoch(); }
};

/// The wall clock of the machine.
class SystemClock final : public Clock
{
public:
    QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc(); }
};

} // namespace Cuepoint::Core
