// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The scheduler arms one alarm for the next due target, follows every store change, and
// catches up at once after a sleep or a clock jump.
#include "cuepoint/core/publish/Scheduler.h"

#include "FakeClock.h"
#include "FakeWakeTimer.h"
#include "TestProfile.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/PostStore.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;
using namespace std::chrono_literals;

class SchedulerTest : public ::testing::Test
{
protected:
    QDateTime at(int minutesFromNow) const { return m_clock.nowUtc().addSecs(minutesFromNow * 60); }

    TestProfile m_profile;
    std::unique_ptr<Database> m_db = m_profile.openDatabase();
    FakeClock m_clock;
    AccountStore m_accounts { *m_db, m_clock };
    PostStore m_store { *m_db, m_clock };
    FakeWakeTimer m_timer;
    Scheduler m_scheduler { m_store, m_clock, m_timer };
    qint64 m_account = m_accounts.save(makeAccount(QStringLiteral("a")));
};

TEST_F(SchedulerTest, ArmsForTheEarliestTargetAndFollowsStoreChanges)
{
    m_scheduler.start();
    EXPECT_TRUE(m_timer.armedAt().isNull()) << "nothing scheduled, nothing armed";

    const qint64 later = m_store.add(makePost(at(90), { m_account }));
    EXPECT_EQ(m_timer.armedAt(), at(90));
    const qint64 sooner = m_store.add(makePost(at(30), { m_account }));
    EXPECT_EQ(m_timer.armedAt(), at(30));
    m_store.reschedule(sooner, at(120), QStringLiteral("Europe/Paris"));
    EXPECT_EQ(m_timer.armedAt(), at(90));
    const qint64 laterTarget = m_store.post(later)->targets[0].id;
    m_store.transition(
        laterTarget, TargetState::Scheduled, TargetState::Cancelled, QStringLiteral("cancelled"));
    EXPECT_EQ(m_timer.armedAt(), at(120));
    m_store.remove(sooner);
    EXPECT_TRUE(m_timer.armedAt().isNull());
}

TEST_F(SchedulerTest, FiresAtTheDueTimeNotBefore)
{
    m_store.add(makePost(at(10), { m_account }));
    QSignalSpy due(&m_scheduler, &Scheduler::targetsDue);
    m_scheduler.start();
    m_clock.advance(9min);
    EXPECT_FALSE(m_timer.fireIfDue(m_clock));
    m_clock.advance(1min);
    EXPECT_TRUE(m_timer.fireIfDue(m_clock));
    EXPECT_EQ(due.count(), 1);
    ASSERT_TRUE(m_store.claimDueTarget(QStringLiteral("w"), 5min));
    EXPECT_TRUE(m_timer.armedAt().isNull()) << "nothing left to wait for";
}

TEST_F(SchedulerTest, CatchesUpAtOnceAfterAForwardJump)
{
    // Three posts fall due while the machine sleeps for three hours.
    for (int minutes : { 20, 75, 170 }) {
        m_store.add(makePost(at(minutes), { m_account }));
    }
    m_store.add(makePost(at(400), { m_account }));
    QSignalSpy due(&m_scheduler, &Scheduler::targetsDue);
    m_scheduler.start();
    const QDateTime wokeAt = at(180);
    m_clock.advance(3h);
    EXPECT_TRUE(m_timer.fireIfDue(m_clock)) << "the alarm for the first post is long past";
    EXPECT_EQ(due.count(), 1);
    int claimed = 0;
    while (m_store.claimDueTarget(QStringLiteral("w"), 5min)) {
        ++claimed;
    }
    EXPECT_EQ(claimed, 3);
    EXPECT_EQ(m_timer.armedAt(), wokeAt.addSecs(220 * 60)) << "re-armed for the post still ahead";
}

TEST_F(SchedulerTest, ClockSetBackwardsDoesNotFireEarly)
{
    m_store.add(makePost(at(60), { m_account }));
    QSignalSpy due(&m_scheduler, &Scheduler::targetsDue);
    m_scheduler.start();
    // The alarm goes off, but the clock says the post is still an hour away.
    m_timer.fireNow();
    EXPECT_EQ(due.count(), 0);
    EXPECT_EQ(m_timer.armedAt(), at(60));
    // A clock change re-evaluates: now it is due.
    m_clock.advance(61min);
    m_timer.simulateClockSet();
    EXPECT_TRUE(m_timer.fireIfDue(m_clock));
    EXPECT_EQ(due.count(), 1);
}

TEST_F(SchedulerTest, PlannedRetryLaterThanThePostTimeIsWhatCounts)
{
    const qint64 post = m_store.add(makePost(at(0), { m_account }));
    m_scheduler.start();
    ASSERT_TRUE(m_store.claimDueTarget(QStringLiteral("w"), 5min));
    PostStore::TargetUpdate retry;
    retry.nextAttemptAt = at(7);
    retry.lastError = QStringLiteral("TikTok is busy; trying again in 7 minutes.");
    ASSERT_TRUE(m_store.transition(m_store.post(post)->targets[0].id, TargetState::Publishing,
        TargetState::Scheduled, QStringLiteral("retry later"), retry));
    EXPECT_EQ(m_timer.armedAt(), at(7));
    EXPECT_FALSE(m_store.claimDueTarget(QStringLiteral("w"), 5min)) << "not before the retry time";
    m_clock.advance(7min);
    EXPECT_TRUE(m_store.claimDueTarget(QStringLiteral("w"), 5min));
}

TEST_F(SchedulerTest, StoppedSchedulerNeitherArmsNorFires)
{
    m_store.add(makePost(at(1), { m_account }));
    QSignalSpy due(&m_scheduler, &Scheduler::targetsDue);
    m_scheduler.start();
    m_scheduler.stop();
    EXPECT_TRUE(m_timer.armedAt().isNull());
    m_store.add(makePost(at(2), { m_account }));
    EXPECT_TRUE(m_timer.armedAt().isNull());
    m_timer.fireNow();
    EXPECT_EQ(due.count(), 0);
}

TEST(SystemWakeTimerTest, FiresAtAWallClockInstantAndAtOnceForThePast)
{
    auto timer = WakeTimer::createSystemTimer();
    QSignalSpy fired(timer.get(), &WakeTimer::fired);
    const QDateTime soon = QDateTime::currentDateTimeUtc().addMSecs(200);
    timer->armAt(soon);
    EXPECT_EQ(timer->armedAt(), soon);
    ASSERT_TRUE(fired.wait(5000));
    EXPECT_GE(QDateTime::currentDateTimeUtc(), soon);
    EXPECT_TRUE(timer->armedAt().isNull());

    timer->armAt(QDateTime::currentDateTimeUtc().addSecs(-3600));
    ASSERT_TRUE(fired.wait(5000));
    EXPECT_EQ(fired.count(), 2);

    timer->armAt(QDateTime::currentDateTimeUtc().addMSecs(100));
    timer->disarm();
    EXPECT_FALSE(fired.wait(400));
}
