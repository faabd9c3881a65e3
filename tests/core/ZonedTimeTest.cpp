// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Wall-clock times around daylight-saving changes are resolved explicitly, and a post's
// instant and zone survive storage unchanged.
#include "cuepoint/core/domain/ZonedTime.h"

#include "FakeClock.h"
#include "TestProfile.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/PostStore.h"

#include <gtest/gtest.h>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;
using Kind = LocalTimeResolution::Kind;

namespace {

QDateTime utc(int y, int mo, int d, int h, int mi)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), Qt::UTC);
}

const QTimeZone kParis("Europe/Paris");
const QTimeZone kNewYork("America/New_York");

} // namespace

TEST(ZonedTimeTest, ParisSpringForwardGapIsNonExistent)
{
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
    const LocalTimeResolution r = resolveLocalTime(QDate(2026, 3, 29), QTime(2, 30), kParis);
    EXPECT_EQ(r.kind, Kind::NonExistent);
    EXPECT_EQ(r.earlier, utc(2026, 3, 29, 1, 0));
    const LocalTimeResolution before = resolveLocalTime(QDate(2026, 3, 29), QTime(1, 59), kParis);
    EXPECT_EQ(before.kind, Kind::Unique);
    EXPECT_EQ(before.earlier, utc(2026, 3, 29, 0, 59));
    const LocalTimeResolution after = resolveLocalTime(QDate(2026, 3, 29), QTime(3, 0), kParis);
    EXPECT_EQ(after.kind, Kind::Unique);
    EXPECT_EQ(after.earlier, utc(2026, 3, 29, 1, 0));
}

TEST(ZonedTimeTest, ParisFallBackHourIsAmbiguous)
{
    // 2026-10-25: 03:00 CEST goes back to 02:00 CET; 02:30 happens at 00:30 and 01:30 UTC.
    const LocalTimeResolution r = resolveLocalTime(QDate(2026, 10, 25), QTime(2, 30), kParis);
    EXPECT_EQ(r.kind, Kind::Ambiguous);
    EXPECT_EQ(r.earlier, utc(2026, 10, 25, 0, 30));
    EXPECT_EQ(r.later, utc(2026, 10, 25, 1, 30));
    EXPECT_EQ(resolveLocalTime(QDate(2026, 10, 25), QTime(3, 0), kParis).kind, Kind::Unique);
    EXPECT_EQ(resolveLocalTime(QDate(2026, 10, 25), QTime(1, 59), kParis).kind, Kind::Unique);
}

TEST(ZonedTimeTest, NewYorkGapAndOverlap)
{
    // 2026-03-08 02:00 EST -> 03:00 EDT (07:00 UTC); 2026-11-01 02:00 EDT -> 01:00 EST.
    const LocalTimeResolution gap = resolveLocalTime(QDate(2026, 3, 8), QTime(2, 15), kNewYork);
    EXPECT_EQ(gap.kind, Kind::NonExistent);
    EXPECT_EQ(gap.earlier, utc(2026, 3, 8, 7, 0));
    const LocalTimeResolution overlap =
        resolveLocalTime(QDate(2026, 11, 1), QTime(1, 30), kNewYork);
    EXPECT_EQ(overlap.kind, Kind::Ambiguous);
    EXPECT_EQ(overlap.earlier, utc(2026, 11, 1, 5, 30)); // EDT, -4
    EXPECT_EQ(overlap.later, utc(2026, 11, 1, 6, 30)); // EST, -5
    const LocalTimeResolution plain = resolveLocalTime(QDate(2026, 7, 4), QTime(9, 0), kNewYork);
    EXPECT_EQ(plain.kind, Kind::Unique);
    EXPECT_EQ(plain.earlier, utc(2026, 7, 4, 13, 0));
}

TEST(ZonedTimeTest, InvalidInputIsSaidSo)
{
    EXPECT_EQ(resolveLocalTime(QDate(2026, 2, 30), QTime(9, 0), kParis).kind, Kind::Invalid);
    EXPECT_EQ(resolveLocalTime(QDate(2026, 2, 3), QTime(9, 0), QTimeZone("Mars/Olympus")).kind,
        Kind::Invalid);
}

TEST(ZonedTimeTest, PostsAroundDstChangesKeepTheirInstantAndZone)
{
    TestProfile profile;
    FakeClock clock;
    auto db = profile.openDatabase();
    AccountStore accounts(*db, clock);
    PostStore store(*db, clock);
    const qint64 a = accounts.save(makeAccount(QStringLiteral("a")));

    struct Case
    {
        QDateTime instant;
        const char *zone;
        QString expectedLocal;
    };
    const QList<Case> cases {
        { utc(2026, 10, 25, 0, 30), "Europe/Paris", QStringLiteral("2026-10-25T02:30:00+02:00") },
        { utc(2026, 10, 25, 1, 30), "Europe/Paris", QStringLiteral("2026-10-25T02:30:00+01:00") },
        { utc(2026, 3, 29, 1, 0), "Europe/Paris", QStringLiteral("2026-03-29T03:00:00+02:00") },
        { utc(2026, 11, 1, 5, 30), "America/New_York",
            QStringLiteral("2026-11-01T01:30:00-04:00") },
        { utc(2026, 11, 1, 6, 30), "America/New_York",
            QStringLiteral("2026-11-01T01:30:00-05:00") },
        { utc(2026, 3, 8, 7, 0), "America/New_York", QStringLiteral("2026-03-08T03:00:00-04:00") },
    };
    QList<qint64> ids;
    for (const Case &c : cases) {
        Post p = makePost(c.instant, { a });
        p.timeZoneId = QString::fromLatin1(c.zone);
        ids << store.add(p);
    }
    db.reset();
    db = profile.openDatabase();
    PostStore again(*db, clock);
    for (int i = 0; i < cases.size(); ++i) {
        const Post p = *again.post(ids[i]);
        EXPECT_EQ(p.scheduledAt, cases[i].instant);
        EXPECT_EQ(p.timeZoneId, QString::fromLatin1(cases[i].zone));
        const QDateTime local = toZone(p.scheduledAt, QTimeZone(cases[i].zone));
        EXPECT_EQ(local.toString(Qt::ISODate), cases[i].expectedLocal);
    }
    // The two Paris 02:30 posts are an hour apart and sort in instant order.
    const QList<Post> ordered =
        again.posts({ utc(2026, 10, 25, 0, 0), utc(2026, 10, 25, 2, 0), {} });
    ASSERT_EQ(ordered.size(), 2);
    EXPECT_EQ(ordered[0].id, ids[0]);
    EXPECT_EQ(ordered[1].id, ids[1]);
    EXPECT_EQ(ordered[0].scheduledAt.secsTo(ordered[1].scheduledAt), 3600);
}
