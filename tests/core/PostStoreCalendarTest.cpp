// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the calendar added to PostStore: the one-query range read, undoing a cancel, and the
// retry rules shared with `cuepoint-cli retry`.
#include "FakeClock.h"
#include "TestProfile.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/storage/StorageError.h"

#include <gtest/gtest.h>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;

class PostStoreCalendarTest : public ::testing::Test
{
protected:
    TestProfile m_profile;
    std::unique_ptr<Database> m_db = m_profile.openDatabase();
    FakeClock m_clock;
    AccountStore m_accounts { *m_db, m_clock };
    PostStore m_posts { *m_db, m_clock };
    qint64 m_a = m_accounts.save(makeAccount(QStringLiteral("a")));
    qint64 m_b = m_accounts.save(makeAccount(QStringLiteral("b")));
};

TEST_F(PostStoreCalendarTest, CalendarPostsMatchPostsInTheRange)
{
    const QDateTime base(QDate(2026, 3, 10), QTime(8, 0), Qt::UTC);
    for (int i = 0; i < 6; ++i) {
        Post p = makePost(base.addSecs(i * 3600 * 24),
            i % 2 ? QList<qint64> { m_a, m_b } : QList<qint64> { m_a });
        p.caption = QStringLiteral("post %1").arg(i);
        m_posts.add(p);
    }
    const QDateTime from = base.addDays(1);
    const QDateTime to = base.addDays(4); // exclusive: days 1, 2 and 3
    const QList<Post> light = m_posts.calendarPosts(from, to);
    PostStore::Filter filter;
    filter.from = from;
    filter.to = to;
    const QList<Post> full = m_posts.posts(filter);
    ASSERT_EQ(light.size(), 3);
    ASSERT_EQ(full.size(), 3);
    for (qsizetype i = 0; i < light.size(); ++i) {
        EXPECT_EQ(light[i].id, full[i].id);
        EXPECT_EQ(light[i].caption, full[i].caption);
        EXPECT_EQ(light[i].scheduledAt, full[i].scheduledAt);
        EXPECT_EQ(light[i].timeZoneId, full[i].timeZoneId);
        ASSERT_EQ(light[i].targets.size(), full[i].targets.size());
        for (qsizetype t = 0; t < light[i].targets.size(); ++t) {
            EXPECT_EQ(light[i].targets[t].id, full[i].targets[t].id);
            EXPECT_EQ(light[i].targets[t].accountId, full[i].targets[t].accountId);
            EXPECT_EQ(light[i].targets[t].state, full[i].targets[t].state);
        }
    }
}

TEST_F(PostStoreCalendarTest, ACancelCanBeUndoneWithItsJournal)
{
    const qint64 id =
        m_posts.add(makePost(QDateTime(QDate(2026, 3, 10), QTime(8, 0), Qt::UTC), { m_a }));
    const qint64 target = m_posts.post(id)->targets.first().id;
    ASSERT_TRUE(m_posts.transition(
        target, TargetState::Scheduled, TargetState::Cancelled, QStringLiteral("cancel")));
    EXPECT_TRUE(m_posts.restoreCancelled(target, TargetState::Scheduled, QStringLiteral("undo")));
    EXPECT_EQ(m_posts.target(target)->state, TargetState::Scheduled);
    EXPECT_EQ(m_posts.journal(target).last().detail, QStringLiteral("undo"));
    // Only a cancelled target, and never into a state that publishes or is final.
    EXPECT_FALSE(m_posts.restoreCancelled(target, TargetState::Scheduled, QStringLiteral("again")));
    EXPECT_THROW(
        m_posts.restoreCancelled(target, TargetState::Publishing, QString()), StorageError);
    EXPECT_THROW(m_posts.restoreCancelled(target, TargetState::Published, QString()), StorageError);
}

TEST_F(PostStoreCalendarTest, RetryRulesAreTheCliRules)
{
    EXPECT_TRUE(PostStore::isRetryable(TargetState::Failed, false));
    EXPECT_TRUE(PostStore::isRetryable(TargetState::Held, false));
    EXPECT_FALSE(PostStore::isRetryable(TargetState::Unconfirmed, false));
    EXPECT_TRUE(PostStore::isRetryable(TargetState::Unconfirmed, true));
    EXPECT_FALSE(PostStore::isRetryable(TargetState::Published, true));
    EXPECT_FALSE(PostStore::isRetryable(TargetState::Publishing, true));
    const PostStore::TargetUpdate u = PostStore::retryUpdate();
    EXPECT_EQ(u.finalChunkSent, false);
    EXPECT_EQ(u.publishId, QString());
    EXPECT_EQ(u.uploadedBytes, 0);
    EXPECT_EQ(u.lateAllowed, true);
}
