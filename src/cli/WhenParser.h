// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QTimeZone>

namespace Cuepoint::Cli {

/// The zone named @p name (an IANA id such as "Europe/Paris", or "UTC"), or the system's zone
/// when @p name is empty. Throws CliExit(2) with a sentence for an unknown name.
QTimeZone zoneArgument(const QString &name, const char *option = "--tz");

/// The id a post keeps for @p zone ("Europe/Paris"; "UTC" for UTC).
QString zoneIdOf(const QTimeZone &zone);

/// @p instant as read on a clock in @p zone, for people: "2030-05-01 09:00 CEST (Europe/Paris)".
QString describeLocal(const QDateTime &instant, const QTimeZone &zone);

/// When a post should go out, as given on the command line.
struct When
{
    QDateTime instant; ///< UTC
    bool isNow = false; ///< the user wrote `now`
};

/// Parses WHEN for `schedule --at` and `reschedule --at`:
/// - `now` (@p nowUtc);
/// - an ISO 8601 instant with an offset or Z: "2030-05-01T09:00:00+02:00", "2030-05-01T07:00Z";
/// - an ISO 8601 local date-time read on a clock in @p zone: "2030-05-01T09:00" (seconds and
///   milliseconds optional, a space instead of the T accepted).
/// A local time that does not exist in @p zone (clocks go forward) or occurs twice (clocks go
/// back) is refused with a sentence naming the gap or both candidates. Throws CliExit(2) with
/// a sentence for anything it cannot read.
When parseWhen(
    const QString &text, const QTimeZone &zone, const QDateTime &nowUtc, const char *option);

/// Which end of a time range a bound of `list` is.
enum class BoundKind {
    From, ///< inclusive start
    To, ///< inclusive end: a date means the whole day, a date-time that very instant
};

/// Parses a bound of `list --from/--to`: an ISO 8601 date ("2030-05-01": the day in @p zone),
/// a local date-time in @p zone, or an instant with an offset or Z. Returns the instant to use
/// with PostStore::Filter: the inclusive start for From, the exclusive end for To. Around a
/// daylight-saving change the bound is widened rather than refused (it only filters). Throws
/// CliExit(2) with a sentence for anything it cannot read.
QDateTime parseBound(
    const QString &text, const QTimeZone &zone, BoundKind kind, const char *option);

} // namespace Cuepoint::Cli
