// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/domain/ZonedTime.h"

#include <QList>

#include <algorithm>

namespace Cuepoint::Core {

LocalTimeResolution resolveLocalTime(const QDate &date, const QTime &time, const QTimeZone &zone)
{
    LocalTimeResolution result;
    if (!date.isValid() || !time.isValid() || !zone.isValid()) {
        return result;
    }
    // The wall-clock reading, taken as if it were UTC, minus a zone offset gives an instant;
    // that instant is a real reading of the wall time only if the zone has that offset then.
    // The offsets that can apply are those in force a little before and after the reading
    // (a zone changes offset at most once within a few days).
    const qint64 wallSecs = QDateTime(date, time, Qt::UTC).toSecsSinceEpoch();
    constexpr qint64 kWindow = 2 * 24 * 3600;
    QList<int> offsets;
    for (const qint64 probe : { wallSecs - kWindow, wallSecs, wallSecs + kWindow }) {
        const int offset = zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(probe, Qt::UTC));
        if (!offsets.contains(offset)) {
            offsets.append(offset);
        }
    }
    QList<qint64> instants;
    for (const int offset : offsets) {
        const qint64 candidate = wallSecs - offset;
        if (zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(candidate, Qt::UTC)) == offset) {
            instants.append(candidate);
        }
    }
    std::sort(instants.begin(), instants.end());
    instants.erase(std::unique(instants.begin(), instants.end()), instants.end());
    const auto utc = [](qint64 secs) { return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC); };
    if (instants.size() == 1) {
        result.kind = LocalTimeResolution::Kind::Unique;
        result.earlier = result.later = utc(instants.first());
    } else if (instants.size() >= 2) {
        result.kind = LocalTimeResolution::Kind::Ambiguous;
        result.earlier = utc(instants.first());
        result.later = utc(instants.last());
    } else {
        // In a gap: the first valid instant is the transition that opened it.
        result.kind = LocalTimeResolution::Kind::NonExistent;
        const QTimeZone::OffsetData transition = zone.nextTransition(utc(wallSecs - kWindow));
        result.earlier = result.later = transition.atUtc.toUTC();
    }
    return result;
}

QDateTime toZone(const QDateTime &instant, const QTimeZone &zone)
{
    return instant.toTimeZone(zone);
}

} // namespace Cuepoint::Core
