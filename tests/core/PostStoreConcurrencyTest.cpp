// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Claiming and state changes are atomic: two publishers never take the same target, and a
// state change never exists without its journal row (or the other way round).
#include "FakeClock.h"
#include "TestProfile.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/PostStore.h"

#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>

#include <gtest/gtest.h>

#include <atomic>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;

namespace {

/// One publisher: its own thread and its own connection to the same file, as two processes
/// would have. Each round it waits at the start line, then tries to claim.
class Claimer : public QThread
{
public:
    Claimer(QString path, QString name, const Clock &clock, int rounds, QSemaphore &start,
        QSemaphore &done)
        : m_path(std::move(path))
        , m_name(std::move(name))
        , m_clock(clock)
        , m_rounds(rounds)
        , m_start(start)
        , m_done(done)
    {
    }

    QList<qint64> claimed; ///< target ids this claimer won, one slot per round (0 = lost)
    QString error;

protected:
    void run() override
    {
        try {
            auto db = Database::open(m_path);
            PostStore store(*db, m_clock);
            for (int i = 0; i < m_rounds; ++i) {
                m_start.acquire();
                const std::optional<PostTarget> t =
                    store.claimDueTarget(m_name, std::chrono::minutes(5));
                claimed.append(t ? t->id : 0);
                m_done.release();
            }
        } catch (const StorageError &e) {
            error = e.message();
            m_done.release(m_rounds);
        }
    }

private:
    QString m_path;
    QString m_name;
    const Clock &m_clock;
    int m_rounds;
    QSemaphore &m_start;
    QSemaphore &m_done;
};

} // namespace

TEST(PostStoreConcurrencyTest, TwoConnectionsClaimingTheSameDueTargetExactlyOneWins)
{
    constexpr int kRounds = 150;
    TestProfile profile;
    FakeClock clock;
    auto db = profile.openDatabase();
    AccountStore accounts(*db, clock);
    PostStore store(*db, clock);
    const qint64 account = accounts.save(makeAccount(QStringLiteral("a")));

    QSemaphore startA, startB, done;
    Claimer a(profile.profile().databasePath(), QStringLiteral("A"), clock, kRounds, startA, done);
    Claimer b(profile.profile().databasePath(), QStringLiteral("B"), clock, kRounds, startB, done);
    a.start();
    b.start();
    QList<qint64> targets;
    for (int round = 0; round < kRounds; ++round) {
        // Exactly one due target per round; both claimers race for it.
        const qint64 postId = store.add(makePost(clock.nowUtc().addSecs(-1), { account }));
        targets.append(store.post(postId)->targets[0].id);
        startA.release();
        startB.release();
        done.acquire(2);
    }
    a.wait();
    b.wait();
    ASSERT_TRUE(a.error.isEmpty()) << a.error.toStdString();
    ASSERT_TRUE(b.error.isEmpty()) << b.error.toStdString();
    ASSERT_EQ(a.claimed.size(), kRounds);
    ASSERT_EQ(b.claimed.size(), kRounds);
    int winsA = 0;
    int winsB = 0;
    for (int round = 0; round < kRounds; ++round) {
        const bool aWon = a.claimed[round] != 0;
        const bool bWon = b.claimed[round] != 0;
        EXPECT_NE(aWon, bWon) << "round " << round << ": exactly one claimer must win";
        EXPECT_EQ(aWon ? a.claimed[round] : b.claimed[round], targets[round]);
        winsA += aWon;
        winsB += bWon;
        const QList<JournalEntry> journal = store.journal(targets[round]);
        ASSERT_EQ(journal.size(), 2) << "one claim, journaled once";
        EXPECT_EQ(journal[1].to, TargetState::Publishing);
        EXPECT_EQ(store.target(targets[round])->attempts, 1);
    }
    EXPECT_EQ(winsA + winsB, kRounds);
}

TEST(PostStoreConcurrencyTest, ManyDueTargetsAreSharedWithoutDuplicates)
{
    TestProfile profile;
    FakeClock clock;
    auto db = profile.openDatabase();
    AccountStore accounts(*db, clock);
    PostStore store(*db, clock);
    QList<qint64> accountIds;
    for (int i = 0; i < 3; ++i) {
        accountIds << accounts.save(makeAccount(QStringLiteral("acc%1").arg(i)));
    }
    for (int i = 0; i < 100; ++i) {
        store.add(makePost(clock.nowUtc().addSecs(-i), accountIds));
    }
    // A future post and a retry that is not due yet must not be taken.
    store.add(makePost(clock.nowUtc().addSecs(3600), { accountIds[0] }));

    std::atomic<int> total { 0 };
    QList<qint64> all;
    QMutex mutex;
    QList<QThread *> threads;
    for (int w = 0; w < 4; ++w) {
        threads << QThread::create([&, w] {
            auto conn = Database::open(profile.profile().databasePath());
            PostStore mine(*conn, clock);
            while (auto t =
                       mine.claimDueTarget(QStringLiteral("w%1").arg(w), std::chrono::minutes(1))) {
                QMutexLocker lock(&mutex);
                all << t->id;
                ++total;
            }
        });
        threads.last()->start();
    }
    for (QThread *t : threads) {
        t->wait();
        delete t;
    }
    EXPECT_EQ(total.load(), 300);
    std::sort(all.begin(), all.end());
    EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end())
        << "a target was claimed twice";
    EXPECT_FALSE(store.claimDueTarget(QStringLiteral("late"), std::chrono::minutes(1)));
}

TEST(PostStoreConcurrencyTest, FailedStateChangeLeavesNeitherStateNorJournalRow)
{
    TestProfile profile;
    FakeClock clock;
    auto db = profile.openDatabase();
    AccountStore accounts(*db, clock);
    PostStore store(*db, clock);
    const qint64 postId =
        store.add(makePost(clock.nowUtc(), { accounts.save(makeAccount(QStringLiteral("a"))) }));
    const qint64 targetId = store.post(postId)->targets[0].id;
    ASSERT_TRUE(store.claimDueTarget(QStringLiteral("w"), std::chrono::minutes(1)));

    // Make the journal insert fail after the state UPDATE has run inside the transaction.
    QSqlQuery q(QSqlDatabase::database(db->connectionName(), false));
    ASSERT_TRUE(q.exec(QStringLiteral("CREATE TRIGGER fail_journal BEFORE INSERT ON journal "
                                      "BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END")));
    PostStore::TargetUpdate update;
    update.publishId = QStringLiteral("pub-1");
    EXPECT_THROW(store.transition(targetId, TargetState::Publishing, TargetState::Processing,
                     QStringLiteral("uploaded"), update),
        StorageError);
    ASSERT_TRUE(q.exec(QStringLiteral("DROP TRIGGER fail_journal")));

    const PostTarget t = *store.target(targetId);
    EXPECT_EQ(t.state, TargetState::Publishing);
    EXPECT_TRUE(t.publishId.isEmpty());
    EXPECT_EQ(store.journal(targetId).size(), 2); // created + claimed, nothing more

    // The store is usable afterwards (the transaction was rolled back, not left open).
    EXPECT_TRUE(store.transition(targetId, TargetState::Publishing, TargetState::Processing,
        QStringLiteral("uploaded"), update));
    EXPECT_EQ(store.journal(targetId).size(), 3);
}

TEST(PostStoreConcurrencyTest, StaleAndForbiddenTransitionsChangeNothing)
{
    TestProfile profile;
    FakeClock clock;
    auto db = profile.openDatabase();
    AccountStore accounts(*db, clock);
    PostStore store(*db, clock);
    const qint64 postId = store.add(
        makePost(clock.nowUtc().addDays(1), { accounts.save(makeAccount(QStringLiteral("a"))) }));
    const qint64 targetId = store.post(postId)->targets[0].id;

    // Not due yet: nothing to claim.
    EXPECT_FALSE(store.claimDueTarget(QStringLiteral("w"), std::chrono::minutes(1)));
    // Stale: the target is scheduled, not publishing.
    EXPECT_FALSE(store.transition(targetId, TargetState::Publishing, TargetState::Processing, {}));
    // Forbidden by the state machine.
    EXPECT_THROW(store.transition(targetId, TargetState::Scheduled, TargetState::Published, {}),
        StorageError);
    EXPECT_EQ(store.target(targetId)->state, TargetState::Scheduled);
    EXPECT_EQ(store.journal(targetId).size(), 1);

    // A cancelled target is final: claiming skips it even when due.
    ASSERT_TRUE(store.transition(targetId, TargetState::Scheduled, TargetState::Cancelled,
        QStringLiteral("cancelled by the user")));
    clock.advance(std::chrono::hours(48));
    EXPECT_FALSE(store.claimDueTarget(QStringLiteral("w"), std::chrono::minutes(1)));
    EXPECT_THROW(store.transition(targetId, TargetState::Cancelled, TargetState::Scheduled, {}),
        StorageError);
}
