// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "WhenParser.h"

#include "CliContext.h"

#include "cuepoint/core/domain/ZonedTime.h"

#include <QRegularExpression>

#include <cstdlib>
#include <optional>

namespace Cuepoint::Cli {

namespace {

using Kind = Core::LocalTimeResolution::Kind;

/// What an ISO 8601 text said, before any zone is applied.
struct IsoText
{
    QDate date;
    std::optional<QTime> time; ///< with milliseconds
    std::optional<int> offsetSecs; ///< "Z" is 0
};

[[noreturn]] void refuse(const QString &message)
{
    throw CliExit { ExitUsage, message };
}

QString formatHint(const char *option, bool dateAllowed)
{
    return dateAllowed
        ? QStringLiteral("%1 needs a date (2030-05-01), a date and time (2030-05-01T09:00) or "
                         "an instant with an offset (2030-05-01T09:00+02:00)")
              .arg(QLatin1String(option))
        : QStringLiteral("%1 needs now, a date and time (2030-05-01T09:00, read in the --tz "
                         "zone) or an instant with an offset (2030-05-01T09:00+02:00 or "
                         "2030-05-01T07:00Z)")
              .arg(QLatin1String(option));
}

IsoText parseIso(const QString &input, const char *option, bool dateAllowed)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
        "\\s*(Z|z|[+-]\\d{2}(?::?\\d{2})?)?$"));
    const QString text = input.trimmed();
    const QRegularExpressionMatch m = pattern.match(text);
    if (!m.hasMatch()) {
        refuse(QStringLiteral("cannot read '%1': %2").arg(input, formatHint(option, dateAllowed)));
    }
    IsoText result;
    result.date = QDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    if (!result.date.isValid()) {
        refuse(QStringLiteral("%1: %2 is not a date in the calendar")
                   .arg(QLatin1String(option), text.left(10)));
    }
    const bool hasTime = !m.captured(4).isEmpty();
    if (hasTime) {
        const int ms =
            m.captured(7).isEmpty() ? 0 : m.captured(7).left(3).leftJustified(3, u'0').toInt();
        const QTime time(m.captured(4).toInt(), m.captured(5).toInt(),
            m.captured(6).isEmpty() ? 0 : m.captured(6).toInt(), ms);
        if (!time.isValid()) {
            refuse(QStringLiteral("%1: %2:%3 is not a time of day")
                       .arg(QLatin1String(option), m.captured(4), m.captured(5)));
        }
        result.time = time;
    } else if (!dateAllowed) {
        refuse(QStringLiteral("%1 needs a time as well as a date, e.g. %2T09:00")
                   .arg(QLatin1String(option), result.date.toString(Qt::ISODate)));
    }
    const QString offset = m.captured(8);
    if (!offset.isEmpty()) {
        if (!hasTime) {
            refuse(QStringLiteral("cannot read '%1': an offset needs a time of day (%2)")
                       .arg(input, formatHint(option, dateAllowed)));
        }
        if (offset.compare(QLatin1String("Z"), Qt::CaseInsensitive) == 0) {
            result.offsetSecs = 0;
        } else {
            const QString digits = offset.mid(1).remove(u':');
            const int hours = digits.left(2).toInt();
            const int minutes = digits.size() > 2 ? digits.mid(2).toInt() : 0;
            if (hours > 14 || minutes > 59) {
                refuse(QStringLiteral("%1: %2 is not a UTC offset")
                           .arg(QLatin1String(option), offset));
            }
            result.offsetSecs = (offset.startsWith(u'-') ? -1 : 1) * (hours * 3600 + minutes * 60);
        }
    }
    return result;
}

QString offsetText(int secs)
{
    const int abs = std::abs(secs);
    return QStringLiteral("%1%2:%3")
        .arg(secs < 0 ? QLatin1Char('-') : QLatin1Char('+'))
        .arg(abs / 3600, 2, 10, QLatin1Char('0'))
        .arg((abs % 3600) / 60, 2, 10, QLatin1Char('0'));
}

/// A wall-clock reading "HH:mm" (":ss" when not zero) of @p wall, a time written as if UTC.
QString wallTime(const QTime &time)
{
    return time.toString(time.second() != 0 || time.msec() != 0 ? QStringLiteral("HH:mm:ss")
                                                                : QStringLiteral("HH:mm"));
}

/// The wall time in @p zone just before and just after the transition at @p at (UTC).
void transitionWalls(const QTimeZone &zone, const QDateTime &at, QTime *before, QTime *after,
    QString *abbrBefore, QString *abbrAfter)
{
    const QDateTime justBefore = at.addSecs(-1);
    *before = at.addSecs(zone.offsetFromUtc(justBefore)).time();
    *after = at.addSecs(zone.offsetFromUtc(at)).time();
    *abbrBefore = zone.abbreviation(justBefore);
    *abbrAfter = zone.abbreviation(at);
}

/// The time of a local reading when it does not exist or is ambiguous, as a sentence.
[[noreturn]] void refuseDst(
    const Core::LocalTimeResolution &r, const QDate &date, const QTime &time, const QTimeZone &zone)
{
    const QString reading = date.toString(Qt::ISODate) + u' ' + wallTime(time);
    const QString zoneName = zoneIdOf(zone);
    QTime before;
    QTime after;
    QString abbrBefore;
    QString abbrAfter;
    if (r.kind == Kind::NonExistent) {
        transitionWalls(zone, r.earlier, &before, &after, &abbrBefore, &abbrAfter);
        refuse(
            QStringLiteral("%1 does not exist in %2: that night the clocks go forward from %3 "
                           "to %4 (%5 to %6). Choose a time before %3 or from %4 on.")
                .arg(reading, zoneName, wallTime(before), wallTime(after), abbrBefore, abbrAfter));
    }
    // Ambiguous: the clocks went back between the two occurrences.
    const QTimeZone::OffsetData transition = zone.nextTransition(r.earlier);
    transitionWalls(zone, transition.atUtc.toUTC(), &before, &after, &abbrBefore, &abbrAfter);
    const QString iso = date.toString(Qt::ISODate) + u'T' + wallTime(time);
    const auto candidate = [&](const QDateTime &instant) {
        return QStringLiteral("%1%2 (%3, %4 UTC)")
            .arg(iso, offsetText(zone.offsetFromUtc(instant)), zone.abbreviation(instant),
                wallTime(instant.toUTC().time()));
    };
    refuse(QStringLiteral("%1 occurs twice in %2 (that night the clocks go back from %3 to %4). "
                          "Say which one with an offset: %5 or %6.")
               .arg(reading, zoneName, wallTime(before), wallTime(after), candidate(r.earlier),
                   candidate(r.later)));
}

QDateTime withOffset(const IsoText &iso)
{
    return QDateTime(iso.date, *iso.time, Qt::UTC).addSecs(-*iso.offsetSecs);
}

QTime wholeSeconds(const QTime &t)
{
    return QTime(t.hour(), t.minute(), t.second());
}

Core::LocalTimeResolution resolve(
    const QDate &date, const QTime &time, const QTimeZone &zone, const char *option)
{
    const Core::LocalTimeResolution r = Core::resolveLocalTime(date, wholeSeconds(time), zone);
    if (r.kind == Kind::Invalid) {
        refuse(QStringLiteral("%1: %2 %3 cannot be read in %4")
                   .arg(QLatin1String(option), date.toString(Qt::ISODate), wallTime(time),
                       zoneIdOf(zone)));
    }
    return r;
}

} // namespace

QTimeZone zoneArgument(const QString &name, const char *option)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        const QTimeZone system = QTimeZone::systemTimeZone();
        if (system.isValid() && !system.id().isEmpty()) {
            return system;
        }
        return QTimeZone(QByteArrayLiteral("UTC"));
    }
    const QTimeZone zone(trimmed.toUtf8());
    if (!zone.isValid()) {
        refuse(QStringLiteral("%1: unknown time zone '%2'; use an IANA name such as Europe/Paris, "
                              "America/New_York or UTC")
                   .arg(QLatin1String(option), name));
    }
    return zone;
}

QString zoneIdOf(const QTimeZone &zone)
{
    return QString::fromUtf8(zone.id());
}

QString describeLocal(const QDateTime &instant, const QTimeZone &zone)
{
    if (!zone.isValid()) {
        return instant.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    }
    const QDateTime local = instant.toTimeZone(zone);
    return QStringLiteral("%1 %2 %3 (%4)")
        .arg(local.date().toString(Qt::ISODate), wallTime(local.time()), zone.abbreviation(instant),
            zoneIdOf(zone));
}

When parseWhen(
    const QString &text, const QTimeZone &zone, const QDateTime &nowUtc, const char *option)
{
    if (text.trimmed().compare(QLatin1String("now"), Qt::CaseInsensitive) == 0) {
        return { nowUtc.toUTC(), true };
    }
    const IsoText iso = parseIso(text, option, false);
    if (iso.offsetSecs) {
        return { withOffset(iso), false };
    }
    const Core::LocalTimeResolution r = resolve(iso.date, *iso.time, zone, option);
    if (r.kind != Kind::Unique) {
        refuseDst(r, iso.date, *iso.time, zone);
    }
    return { r.earlier.addMSecs(iso.time->msec()), false };
}

QDateTime parseBound(const QString &text, const QTimeZone &zone, BoundKind kind, const char *option)
{
    const IsoText iso = parseIso(text, option, true);
    if (iso.offsetSecs) {
        const QDateTime instant = withOffset(iso);
        return kind == BoundKind::From ? instant : instant.addMSecs(1);
    }
    if (!iso.time) {
        // A whole day: from its first instant to the first instant of the next day.
        const QDate day = kind == BoundKind::From ? iso.date : iso.date.addDays(1);
        return resolve(day, QTime(0, 0), zone, option).earlier;
    }
    const Core::LocalTimeResolution r = resolve(iso.date, *iso.time, zone, option);
    if (r.kind == Kind::NonExistent) {
        return r.earlier; // the first instant after the gap: start, or exclusive end
    }
    // An ambiguous reading covers both occurrences.
    return kind == BoundKind::From ? r.earlier.addMSecs(iso.time->msec())
                                   : r.later.addMSecs(iso.time->msec() + 1);
}

} // namespace Cuepoint::Cli
