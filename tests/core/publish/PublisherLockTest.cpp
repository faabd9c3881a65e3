// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// One publisher per profile: a second process is refused and told who publishes.
#include "cuepoint/core/publish/PublisherLock.h"

#include "FakeClock.h"
#include "TestProfile.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;
using namespace std::chrono_literals;

TEST(PublisherLockTest, SecondPublisherIsRefusedAndSeesTheHolder)
{
    TestProfile profile;
    FakeClock clock;
    auto dbA = profile.openDatabase();
    auto dbB = profile.openDatabase();
    PublisherLock a(profile.profile(), *dbA, clock, QStringLiteral("cuepoint window (pid 1)"));
    PublisherLock b(profile.profile(), *dbB, clock, QStringLiteral("cuepoint-cli run (pid 2)"));
    ASSERT_TRUE(a.tryAcquire(60s));
    EXPECT_TRUE(a.isHeld());
    EXPECT_FALSE(b.tryAcquire(60s));
    EXPECT_FALSE(b.isHeld());
    const std::optional<PublisherLease> holder = b.holder();
    ASSERT_TRUE(holder);
    EXPECT_EQ(holder->description, QStringLiteral("cuepoint window (pid 1)"));
    EXPECT_EQ(holder->holderId, a.holderId());
    EXPECT_EQ(holder->expiresAt, clock.nowUtc().addSecs(60));

    clock.advance(30s);
    EXPECT_TRUE(a.renew(60s));
    EXPECT_EQ(b.holder()->expiresAt, clock.nowUtc().addSecs(60));

    a.release();
    EXPECT_FALSE(b.holder());
    EXPECT_TRUE(b.tryAcquire(60s));
    EXPECT_EQ(b.holder()->description, QStringLiteral("cuepoint-cli run (pid 2)"));
    EXPECT_FALSE(a.tryAcquire(60s));
}

TEST(PublisherLockTest, LeaseOfAnotherMachineHoldsUntilItExpires)
{
    TestProfile profile;
    FakeClock clock;
    auto db = profile.openDatabase();
    // A publisher on another machine sharing the database holds a live lease.
    QSqlQuery q(QSqlDatabase::database(db->connectionName(), false));
    ASSERT_TRUE(q.exec(QStringLiteral(
        "INSERT INTO publisher_lease VALUES (1, 'other', 'studio-2', 'cuepoint on studio-2', "
        "%1, %1, %2)")
                           .arg(clock.nowMs())
                           .arg(clock.nowMs() + 60000)));
    PublisherLock mine(profile.profile(), *db, clock, QStringLiteral("here"));
    EXPECT_FALSE(mine.tryAcquire(60s)) << "the lock file is free, but the lease is not";
    EXPECT_EQ(mine.holder()->description, QStringLiteral("cuepoint on studio-2"));
    clock.advance(61s);
    EXPECT_TRUE(mine.tryAcquire(60s)) << "an expired lease is taken over";
    // The other machine comes back: its renewal fails and it must stop.
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT holder_id FROM publisher_lease")) && q.next());
    EXPECT_EQ(q.value(0).toString(), mine.holderId());
}

TEST(PublisherLockTest, CrashedPublisherOfThisMachineIsTakenOverAtOnce)
{
    TestProfile profile;
    FakeClock clock;
    auto db = profile.openDatabase();
    // A crash leaves the lease row behind, but no live lock file (the OS released it).
    QSqlQuery q(QSqlDatabase::database(db->connectionName(), false));
    ASSERT_TRUE(q.exec(QStringLiteral(
        "INSERT INTO publisher_lease VALUES (1, 'dead', '%1', 'crashed run', %2, %2, %3)")
                           .arg(QSysInfo::machineHostName())
                           .arg(clock.nowMs())
                           .arg(clock.nowMs() + 3600000)));
    PublisherLock restarted(profile.profile(), *db, clock, QStringLiteral("restarted"));
    EXPECT_TRUE(restarted.tryAcquire(60s));
}

TEST(PublisherLockTest, LostLeaseIsNoticedOnRenewal)
{
    TestProfile profile;
    FakeClock clock;
    auto db = profile.openDatabase();
    PublisherLock lock(profile.profile(), *db, clock, QStringLiteral("me"));
    ASSERT_TRUE(lock.tryAcquire(60s));
    QSqlQuery q(QSqlDatabase::database(db->connectionName(), false));
    ASSERT_TRUE(q.exec(QStringLiteral("UPDATE publisher_lease SET holder_id = 'thief'")));
    EXPECT_FALSE(lock.renew(60s));
    EXPECT_FALSE(lock.isHeld());
}
