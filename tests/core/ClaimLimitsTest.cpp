// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// What PostStore::claimDueTargets may take: room per account, approval, retry times.
#include "FakeClock.h"
#include "TestProfile.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/PostStore.h"

#include <gtest/gtest.h>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;
using namespace std::chrono_literals;

namespace {

class ClaimLimitsTest : public ::testing::Test
{
protected:
    qint64 addPost(const QDateTime &at, qint64 accountId, PublishMode mode,
        ApprovalState approval = ApprovalState::None)
    {
        Post p = makePost(at, { accountId });
        p.mode = mode;
        p.approval = approval;
        return m_posts.post(m_posts.add(p))->targets[0].id;
    }

    static QList<qint64> ids(const QList<PostTarget> &targets)
    {
        QList<qint64> out;
        for (const PostTarget &t : targets) {
            out << t.id;
        }
        return out;
    }

    TestProfile m_profile;
    std::unique_ptr<Database> m_db = m_profile.openDatabase();
    FakeClock m_clock;
    AccountStore m_accounts { *m_db, m_clock };
    PostStore m_posts { *m_db, m_clock };
    qint64 m_a1 = m_accounts.save(makeAccount(QStringLiteral("one")));
    qint64 m_a2 = m_accounts.save(makeAccount(QStringLiteral("two")));
};

} // namespace

TEST_F(ClaimLimitsTest, ApprovalRequiredLeavesUnapprovedAutomaticPostsAlone)
{
    const QDateTime now = m_clock.nowUtc();
    const qint64 unapproved = addPost(now, m_a1, PublishMode::Automatic);
    const qint64 approved = addPost(now, m_a1, PublishMode::Automatic, ApprovalState::Approved);
    const qint64 notify = addPost(now, m_a1, PublishMode::Notify);

    PostStore::ClaimLimits limits;
    limits.maxTargets = 10;
    limits.perAccount = 10;
    limits.approvalRequired = true;
    EXPECT_EQ(ids(m_posts.claimDueTargets(QStringLiteral("w"), 1min, limits)),
        (QList<qint64> { approved, notify }));
    EXPECT_EQ(m_posts.target(unapproved)->state, TargetState::Scheduled);

    // Without the setting, the same post goes.
    limits.approvalRequired = false;
    EXPECT_EQ(ids(m_posts.claimDueTargets(QStringLiteral("w"), 1min, limits)),
        QList<qint64> { unapproved });
}

TEST_F(ClaimLimitsTest, AccountsWithoutRoomAreSkippedAndOthersStillClaimed)
{
    const QDateTime now = m_clock.nowUtc();
    const qint64 first = addPost(now.addSecs(-30), m_a1, PublishMode::Automatic);
    const qint64 second = addPost(now.addSecs(-20), m_a1, PublishMode::Automatic);
    const qint64 other = addPost(now.addSecs(-10), m_a2, PublishMode::Automatic);
    addPost(now.addSecs(60), m_a2, PublishMode::Automatic); // not due yet

    PostStore::ClaimLimits limits;
    limits.maxTargets = 10;
    limits.perAccount = 1; // one per account
    EXPECT_EQ(ids(m_posts.claimDueTargets(QStringLiteral("w"), 1min, limits)),
        (QList<qint64> { first, other }));

    // An account given no room is left out entirely; nothing due elsewhere claims nothing.
    limits.roomPerAccount.insert(m_a1, 0);
    EXPECT_TRUE(m_posts.claimDueTargets(QStringLiteral("w"), 1min, limits).isEmpty());
    EXPECT_EQ(m_posts.target(second)->state, TargetState::Scheduled);

    limits.roomPerAccount.insert(m_a1, 1);
    EXPECT_EQ(
        ids(m_posts.claimDueTargets(QStringLiteral("w"), 1min, limits)), QList<qint64> { second });
}
