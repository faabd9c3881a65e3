// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// WHEN of `schedule`/`reschedule` and the DATE bounds of `list`, in-process.
#include "WhenParser.h"

#include "CliContext.h"
#include "QtPrinters.h"

#include <gtest/gtest.h>

using namespace Cuepoint::Cli;

namespace {

QDateTime utc(int y, int mo, int d, int h, int mi, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

const QTimeZone kParis("Europe/Paris");
const QDateTime kNow = utc(2030, 1, 1, 12, 0);

/// The sentence parseWhen refuses @p text with (empty when it accepts it).
QString refusal(const QString &text, const QTimeZone &zone = kParis)
{
    try {
        parseWhen(text, zone, kNow, "--at");
    } catch (const CliExit &e) {
        EXPECT_EQ(e.code, ExitUsage);
        return e.message;
    }
    return {};
}

} // namespace

TEST(WhenParserTest, ReadsNowLocalTimesAndInstants)
{
    EXPECT_EQ(parseWhen(QStringLiteral("now"), kParis, kNow, "--at").instant, kNow);
    EXPECT_TRUE(parseWhen(QStringLiteral(" NOW "), kParis, kNow, "--at").isNow);
    EXPECT_EQ(parseWhen(QStringLiteral("2030-05-01T09:00"), kParis, kNow, "--at").instant,
        utc(2030, 5, 1, 7, 0));
    EXPECT_EQ(parseWhen(QStringLiteral("2030-01-15 09:00:30.250"), kParis, kNow, "--at").instant,
        utc(2030, 1, 15, 8, 0, 30, 250));
    EXPECT_EQ(parseWhen(QStringLiteral("2030-05-01T09:00+05:30"), kParis, kNow, "--at").instant,
        utc(2030, 5, 1, 3, 30));
    EXPECT_EQ(parseWhen(QStringLiteral("2030-05-01T09:00:00-0400"), kParis, kNow, "--at").instant,
        utc(2030, 5, 1, 13, 0));
    EXPECT_EQ(parseWhen(QStringLiteral("2030-05-01T09:00Z"), kParis, kNow, "--at").instant,
        utc(2030, 5, 1, 9, 0));
    // With an offset the instant is exact, even inside a gap of the zone.
    EXPECT_EQ(parseWhen(QStringLiteral("2030-03-31T02:30+01:00"), kParis, kNow, "--at").instant,
        utc(2030, 3, 31, 1, 30));
}

TEST(WhenParserTest, RefusesWithASentence)
{
    EXPECT_TRUE(refusal(QStringLiteral("tomorrow 9am")).contains(QStringLiteral("cannot read")));
    EXPECT_TRUE(refusal(QStringLiteral("2030-02-30T09:00")).contains(QStringLiteral("not a date")));
    EXPECT_TRUE(refusal(QStringLiteral("2030-02-03T24:30")).contains(QStringLiteral("not a time")));
    EXPECT_TRUE(refusal(QStringLiteral("2030-02-03")).contains(QStringLiteral("needs a time")));
    EXPECT_TRUE(
        refusal(QStringLiteral("2030-02-03T09:00+15:00")).contains(QStringLiteral("offset")));
    EXPECT_EQ(refusal(QStringLiteral("2030-03-31T02:30")),
        QStringLiteral("2030-03-31 02:30 does not exist in Europe/Paris: that night the clocks go "
                       "forward from 02:00 to 03:00 (CET to CEST). Choose a time before 02:00 or "
                       "from 03:00 on."));
    EXPECT_EQ(refusal(QStringLiteral("2030-10-27T02:30")),
        QStringLiteral("2030-10-27 02:30 occurs twice in Europe/Paris (that night the clocks go "
                       "back from 03:00 to 02:00). Say which one with an offset: "
                       "2030-10-27T02:30+02:00 (CEST, 00:30 UTC) or 2030-10-27T02:30+01:00 (CET, "
                       "01:30 UTC)."));
    const QString newYork =
        refusal(QStringLiteral("2030-03-10T02:15"), QTimeZone("America/New_York"));
    EXPECT_TRUE(newYork.contains(QStringLiteral("from 02:00 to 03:00 (EST to EDT)")))
        << newYork.toStdString();
    EXPECT_THROW(zoneArgument(QStringLiteral("Mars/Olympus")), CliExit);
    EXPECT_EQ(zoneIdOf(zoneArgument(QStringLiteral("UTC"))), QStringLiteral("UTC"));
}

TEST(WhenParserTest, ListBoundsCoverWholeDaysAndBothReadingsOfAFold)
{
    using K = BoundKind;
    EXPECT_EQ(parseBound(QStringLiteral("2030-05-01"), kParis, K::From, "--from"),
        utc(2030, 4, 30, 22, 0));
    EXPECT_EQ(parseBound(QStringLiteral("2030-05-01"), kParis, K::To, "--to"),
        utc(2030, 5, 1, 22, 0)); // exclusive: the next midnight
    EXPECT_EQ(parseBound(QStringLiteral("2030-05-01T09:00"), kParis, K::To, "--to"),
        utc(2030, 5, 1, 7, 0, 0, 1));
    EXPECT_EQ(parseBound(QStringLiteral("2030-05-01T09:00Z"), kParis, K::From, "--from"),
        utc(2030, 5, 1, 9, 0));
    // The day of the spring-forward change is 23 hours long.
    EXPECT_EQ(parseBound(QStringLiteral("2030-03-31"), kParis, K::To, "--to").toSecsSinceEpoch()
            - parseBound(QStringLiteral("2030-03-31"), kParis, K::From, "--from")
                  .toSecsSinceEpoch(),
        23 * 3600);
    // A reading that occurs twice covers both; one inside the gap starts after it.
    EXPECT_EQ(parseBound(QStringLiteral("2030-10-27T02:30"), kParis, K::From, "--from"),
        utc(2030, 10, 27, 0, 30));
    EXPECT_EQ(parseBound(QStringLiteral("2030-10-27T02:30"), kParis, K::To, "--to"),
        utc(2030, 10, 27, 1, 30, 0, 1));
    EXPECT_EQ(parseBound(QStringLiteral("2030-03-31T02:30"), kParis, K::From, "--from"),
        utc(2030, 3, 31, 1, 0));
    EXPECT_THROW(parseBound(QStringLiteral("2030-13-01"), kParis, K::From, "--from"), CliExit);
    EXPECT_THROW(parseBound(QStringLiteral("2030-05-01Z"), kParis, K::From, "--from"), CliExit);
}
