// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QDateTime>
#include <QTime>
#include <QTimeZone>

namespace Cuepoint::Core {

/// What a wall-clock time in a time zone means, made explicit around daylight-saving changes,
/// so the app can explain instead of guessing silently.
struct LocalTimeResolution
{
    enum class Kind {
        Unique, ///< exactly one instant
        Ambiguous, ///< occurs twice (clocks go back): earlier and later are both valid
        NonExistent, ///< skipped (clocks go forward): earlier/later are the instants around it
        Invalid, ///< the date, the time or the zone is not valid
    };
    Kind kind = Kind::Invalid;
    /// Unique: the instant. Ambiguous: the first occurrence. NonExistent: the instant the
    /// clocks jumped (the first valid time after the gap). UTC.
    QDateTime earlier;
    /// Ambiguous: the second occurrence. NonExistent: same as earlier. Unique: same. UTC.
    QDateTime later;
};

/// Resolves @p date @p time as read on a clock in @p zone.
LocalTimeResolution resolveLocalTime(const QDate &date, const QTime &time, const QTimeZone &zone);

/// @p instant (any time spec) as a wall-clock date-time in @p zone.
QDateTime toZone(const QDateTime &instant, const QTimeZone &zone);

} // namespace Cuepoint::Core
