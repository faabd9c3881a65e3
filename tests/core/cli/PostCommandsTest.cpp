// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `cuepoint-cli list --from/--to`, `show`, `reschedule`, `cancel`, `approve` and `retry` on
// posts stored directly in a temporary profile, through the real executable.
#include "SchedulingTestSupport.h"

#include "cuepoint/core/storage/PostStore.h"

#include <gtest/gtest.h>

#include <memory>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;

namespace {

QDateTime utc(int y, int mo, int d, int h, int mi, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
}

/// A profile with two accounts and direct access to its PostStore.
class PostCommandsTest : public ::testing::Test
{
protected:
    PostCommandsTest()
    {
        m_maya = m_cli.addAccount(QStringLiteral("maya"), QStringLiteral("Maya"));
        m_noor = m_cli.addAccount(QStringLiteral("noor"), QStringLiteral("Noor"));
        m_db = m_cli.profile().openDatabase();
        m_posts = std::make_unique<PostStore>(*m_db, m_clock);
    }

    qint64 addPost(const QDateTime &at, const QList<qint64> &accounts,
        const QString &caption = QStringLiteral("hello #fyp"))
    {
        return m_posts->add(makePost(at, accounts, caption));
    }
    PostTarget target(qint64 postId, int index) const
    {
        return m_posts->post(postId)->targets.at(index);
    }
    /// Walks target @p t along @p states (each move journaled).
    void walk(const PostTarget &t, const QList<TargetState> &states,
        const PostStore::TargetUpdate &last = {})
    {
        TargetState from = t.state;
        for (int i = 0; i < states.size(); ++i) {
            ASSERT_TRUE(m_posts->transition(t.id, from, states.at(i), QStringLiteral("test"),
                i == states.size() - 1 ? last : PostStore::TargetUpdate {}));
            from = states.at(i);
        }
    }
    QList<qint64> listedIds(const QStringList &filter)
    {
        const CliRun r =
            m_cli.run(QStringList { QStringLiteral("list"), QStringLiteral("--json") } + filter);
        EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
        QList<qint64> ids;
        for (const QJsonValue &v : jsonArray(r.out)) {
            ids << v.toObject().value(QStringLiteral("id")).toInteger();
        }
        return ids;
    }

    CliProfile m_cli;
    SystemClock m_clock;
    qint64 m_maya = 0;
    qint64 m_noor = 0;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<PostStore> m_posts;
};

} // namespace

TEST_F(PostCommandsTest, ListFiltersByDayAndTimeInTheSystemZone)
{
    // Europe/Paris (the tests' TZ) is at +02:00 in May 2030.
    const qint64 midnight = addPost(utc(2030, 4, 30, 22, 0), { m_maya }); // 05-01 00:00
    const qint64 lastMinute = addPost(utc(2030, 5, 1, 21, 59), { m_maya }); // 05-01 23:59
    const qint64 nextDay = addPost(utc(2030, 5, 1, 22, 0), { m_noor }); // 05-02 00:00
    const qint64 before = addPost(utc(2030, 4, 30, 21, 59, 59), { m_noor }); // 04-30 23:59:59

    // A date is the whole day, --to included.
    EXPECT_EQ(listedIds({ QStringLiteral("--from"), QStringLiteral("2030-05-01"),
                  QStringLiteral("--to"), QStringLiteral("2030-05-01") }),
        (QList<qint64> { midnight, lastMinute }));
    // A date-time is that very minute, --to included.
    EXPECT_EQ(listedIds({ QStringLiteral("--from"), QStringLiteral("2030-05-01T23:59"),
                  QStringLiteral("--to"), QStringLiteral("2030-05-02T00:00") }),
        (QList<qint64> { lastMinute, nextDay }));
    // An instant with an offset; --tz reads dates in another zone.
    EXPECT_EQ(listedIds({ QStringLiteral("--to"), QStringLiteral("2030-04-30T22:00:00Z") }),
        (QList<qint64> { before, midnight }));
    EXPECT_EQ(listedIds({ QStringLiteral("--from"), QStringLiteral("2030-05-01"),
                  QStringLiteral("--tz"), QStringLiteral("UTC") }),
        (QList<qint64> { lastMinute, nextDay }));

    const CliRun empty = m_cli.run(
        { QStringLiteral("list"), QStringLiteral("--from"), QStringLiteral("2031-01-01") });
    EXPECT_EQ(empty.exitCode, 0);
    EXPECT_TRUE(empty.out.contains(QStringLiteral("No posts in that time.")));
    for (const QStringList &bad :
        { QStringList { QStringLiteral("--from"), QStringLiteral("May 1st") },
            QStringList { QStringLiteral("--from"), QStringLiteral("2030-05-02"),
                QStringLiteral("--to"), QStringLiteral("2030-05-01") } }) {
        const CliRun r = m_cli.run(QStringList { QStringLiteral("list") } + bad);
        EXPECT_EQ(r.exitCode, 2) << bad.join(u' ').toStdString();
        EXPECT_EQ(r.err.trimmed().count(QLatin1Char('\n')), 0) << r.err.toStdString();
    }
}

TEST_F(PostCommandsTest, ShowPrintsTargetsAndTheirJournal)
{
    const qint64 id = addPost(utc(2030, 5, 1, 7, 0), { m_maya, m_noor });
    PostStore::TargetUpdate update;
    update.publishId = QStringLiteral("v_pub_file~v2-1.123456789");
    update.totalBytes = 4'000'000;
    update.uploadedBytes = 1'000'000;
    walk(target(id, 0), { TargetState::Publishing }, update);

    const CliRun json =
        m_cli.run({ QStringLiteral("show"), QString::number(id), QStringLiteral("--json") });
    ASSERT_EQ(json.exitCode, 0) << json.err.toStdString();
    const QJsonObject post = jsonObject(json.out);
    EXPECT_EQ(post.value(QStringLiteral("id")).toInteger(), id);
    EXPECT_EQ(post.value(QStringLiteral("scheduled_at")).toString(),
        QStringLiteral("2030-05-01T07:00:00Z"));
    EXPECT_EQ(post.value(QStringLiteral("time_zone")).toString(), QStringLiteral("Europe/Paris"));
    const QJsonArray targets = post.value(QStringLiteral("targets")).toArray();
    ASSERT_EQ(targets.size(), 2);
    const QJsonObject first = targets.at(0).toObject();
    EXPECT_EQ(first.value(QStringLiteral("account")).toString(), QStringLiteral("maya"));
    EXPECT_EQ(first.value(QStringLiteral("state")).toString(), QStringLiteral("publishing"));
    EXPECT_EQ(first.value(QStringLiteral("publish_id")).toString(),
        QStringLiteral("v_pub_file~v2-1.123456789"));
    EXPECT_EQ(first.value(QStringLiteral("uploaded_bytes")).toInteger(), 1'000'000);
    const QJsonArray journal = first.value(QStringLiteral("journal")).toArray();
    ASSERT_EQ(journal.size(), 2);
    EXPECT_TRUE(journal.at(0).toObject().value(QStringLiteral("from")).isNull());
    EXPECT_EQ(journal.at(0).toObject().value(QStringLiteral("to")).toString(),
        QStringLiteral("scheduled"));
    EXPECT_EQ(journal.at(1).toObject().value(QStringLiteral("from")).toString(),
        QStringLiteral("scheduled"));
    EXPECT_EQ(journal.at(1).toObject().value(QStringLiteral("to")).toString(),
        QStringLiteral("publishing"));
    EXPECT_TRUE(journal.at(1).toObject().value(QStringLiteral("at")).toString().endsWith(u'Z'));
    EXPECT_EQ(targets.at(1).toObject().value(QStringLiteral("journal")).toArray().size(), 1);

    const CliRun text = m_cli.run({ QStringLiteral("show"), QString::number(id) });
    ASSERT_EQ(text.exitCode, 0);
    EXPECT_TRUE(text.out.contains(QStringLiteral("2030-05-01 09:00 CEST (Europe/Paris)")))
        << text.out.toStdString();
    EXPECT_TRUE(text.out.contains(QStringLiteral("@maya (target ")));
    EXPECT_TRUE(text.out.contains(QStringLiteral("publish_id:  v_pub_file~v2-1.123456789")));
    EXPECT_TRUE(text.out.contains(QStringLiteral("(25%)")));
    EXPECT_TRUE(text.out.contains(QStringLiteral("scheduled -> publishing  test")));

    const CliRun missing = m_cli.run({ QStringLiteral("show"), QStringLiteral("999") });
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("there is no post 999")));
    EXPECT_EQ(m_cli.run({ QStringLiteral("show"), QStringLiteral("abc") }).exitCode, 2);
}

TEST_F(PostCommandsTest, RescheduleMovesAPostUntilItIsPublishing)
{
    const qint64 id = addPost(utc(2030, 5, 1, 7, 0), { m_maya, m_noor });
    // A local time is read in the post's own zone (Europe/Paris) unless --tz says otherwise.
    const CliRun moved = m_cli.run({ QStringLiteral("reschedule"), QString::number(id),
        QStringLiteral("--at"), QStringLiteral("2030-06-01T10:00") });
    ASSERT_EQ(moved.exitCode, 0) << moved.err.toStdString();
    EXPECT_TRUE(moved.out.contains(QStringLiteral("2030-06-01 10:00 CEST (Europe/Paris)")));
    EXPECT_EQ(m_posts->post(id)->scheduledAt, utc(2030, 6, 1, 8, 0));
    const CliRun tokyo = m_cli.run({ QStringLiteral("reschedule"), QString::number(id),
        QStringLiteral("--at"), QStringLiteral("2030-06-01T10:00"), QStringLiteral("--tz"),
        QStringLiteral("Asia/Tokyo"), QStringLiteral("--json") });
    ASSERT_EQ(tokyo.exitCode, 0) << tokyo.err.toStdString();
    EXPECT_EQ(jsonObject(tokyo.out).value(QStringLiteral("scheduled_at")).toString(),
        QStringLiteral("2030-06-01T01:00:00Z"));
    EXPECT_EQ(m_posts->post(id)->timeZoneId, QStringLiteral("Asia/Tokyo"));

    walk(target(id, 1), { TargetState::Publishing });
    const CliRun refused = m_cli.run({ QStringLiteral("reschedule"), QString::number(id),
        QStringLiteral("--at"), QStringLiteral("2030-07-01T10:00") });
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_TRUE(refused.err.contains(QStringLiteral("already being published")))
        << refused.err.toStdString();
    EXPECT_EQ(m_posts->post(id)->scheduledAt, utc(2030, 6, 1, 1, 0));
}

TEST_F(PostCommandsTest, CancelLeavesAPublishingTargetAlone)
{
    const qint64 id = addPost(utc(2030, 5, 1, 7, 0), { m_maya, m_noor });
    walk(target(id, 1), { TargetState::Publishing });
    const CliRun r = m_cli.run({ QStringLiteral("cancel"), QString::number(id) });
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("@maya: cancelled"))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("@noor: not cancelled: it is publishing right now "
                                              "and TikTok may already have it")))
        << r.out.toStdString();
    EXPECT_EQ(target(id, 0).state, TargetState::Cancelled);
    EXPECT_EQ(target(id, 1).state, TargetState::Publishing);
    const QList<JournalEntry> journal = m_posts->journal(target(id, 0).id);
    EXPECT_EQ(journal.last().detail, QStringLiteral("cancelled from the command line"));

    // Nothing left that can be cancelled: exit 1 with a sentence.
    const CliRun again =
        m_cli.run({ QStringLiteral("cancel"), QString::number(id), QStringLiteral("--json") });
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_TRUE(
        again.err.contains(QStringLiteral("nothing of post %1 could be cancelled").arg(id)));
    const QJsonArray results = jsonObject(again.out).value(QStringLiteral("results")).toArray();
    ASSERT_EQ(results.size(), 2);
    EXPECT_EQ(results.at(1).toObject().value(QStringLiteral("result")).toString(),
        QStringLiteral("refused"));
}

TEST_F(PostCommandsTest, ApproveReleasesTargetsWaitingForApproval)
{
    const qint64 id = addPost(utc(2030, 5, 1, 7, 0), { m_maya });
    walk(target(id, 0), { TargetState::AwaitingApproval });
    const CliRun r = m_cli.run({ QStringLiteral("approve"), QString::number(id) });
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("Post %1 approved.").arg(id)));
    EXPECT_TRUE(r.out.contains(QStringLiteral("@maya: scheduled")));
    EXPECT_EQ(target(id, 0).state, TargetState::Scheduled);
    EXPECT_EQ(m_posts->post(id)->approval, ApprovalState::Approved);
    EXPECT_EQ(m_posts->journal(target(id, 0).id).last().detail,
        QStringLiteral("approved from the command line"));
}

TEST_F(PostCommandsTest, RetryIsSafeAndUnconfirmedNeedsForce)
{
    const qint64 id = addPost(utc(2026, 1, 1, 7, 0), { m_maya, m_noor });
    PostStore::TargetUpdate failure;
    failure.publishId = QStringLiteral("v_pub_file~v2-1.1");
    failure.uploadUrl = QStringLiteral("http://127.0.0.1:1/video/?upload_id=1");
    failure.uploadedBytes = 500;
    failure.attempts = 3;
    failure.lastErrorCode = QStringLiteral("internal");
    failure.lastError = QStringLiteral("TikTok had an internal problem.");
    failure.nextAttemptAt = utc(2030, 1, 1, 0, 0);
    walk(target(id, 0), { TargetState::Publishing, TargetState::Failed }, failure);
    PostStore::TargetUpdate unknown;
    unknown.publishId = QStringLiteral("v_pub_file~v2-1.2");
    unknown.finalChunkSent = true;
    walk(target(id, 1), { TargetState::Publishing, TargetState::Unconfirmed }, unknown);

    const CliRun r = m_cli.run({ QStringLiteral("retry"), QString::number(id) });
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("@maya: scheduled again; it goes out now")))
        << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("@noor: not retried")));
    EXPECT_TRUE(r.out.contains(QStringLiteral("Look at the account on TikTok first")));
    const PostTarget retried = target(id, 0);
    EXPECT_EQ(retried.state, TargetState::Scheduled);
    EXPECT_TRUE(retried.publishId.isEmpty());
    EXPECT_TRUE(retried.uploadUrl.isEmpty());
    EXPECT_EQ(retried.uploadedBytes, 0);
    EXPECT_EQ(retried.attempts, 0);
    EXPECT_TRUE(retried.lastError.isEmpty());
    EXPECT_TRUE(retried.lastErrorCode.isEmpty());
    EXPECT_FALSE(retried.nextAttemptAt.isValid());
    EXPECT_TRUE(retried.lateAllowed);
    EXPECT_EQ(target(id, 1).state, TargetState::Unconfirmed);

    // Nothing retryable left without --force: exit 1.
    const CliRun none = m_cli.run({ QStringLiteral("retry"), QString::number(id) });
    EXPECT_EQ(none.exitCode, 1);
    EXPECT_TRUE(none.err.contains(QStringLiteral("nothing of post %1 was retried").arg(id)));

    const CliRun forced =
        m_cli.run({ QStringLiteral("retry"), QString::number(id), QStringLiteral("--force") });
    EXPECT_EQ(forced.exitCode, 0) << forced.err.toStdString();
    const PostTarget again = target(id, 1);
    EXPECT_EQ(again.state, TargetState::Scheduled);
    EXPECT_FALSE(again.finalChunkSent);
    EXPECT_TRUE(again.publishId.isEmpty());
    EXPECT_TRUE(
        m_posts->journal(again.id).last().detail.contains(QStringLiteral("v_pub_file~v2-1.2")));
}

// Opening a second connection in this process must not drop the SQLite locks of the first:
// closing any descriptor of a file drops all of a process's POSIX locks on it, and a check
// that read the file's header with QFile did exactly that. Another process closing its
// connection then believed it was the last one, checkpointed and deleted the WAL, and this
// process's later commits went to the deleted file — lost for everyone else.
TEST_F(PostCommandsTest, ASecondConnectionInThisProcessKeepsTheFirstOnesWritesVisible)
{
    const qint64 first = addPost(utc(2030, 5, 1, 10, 0), { m_maya });
    const std::unique_ptr<Database> second = m_cli.profile().openDatabase();
    ASSERT_EQ(listedIds({}), (QList<qint64> { first })); // another process opens and closes
    const qint64 later = addPost(utc(2030, 5, 1, 11, 0), { m_maya });
    EXPECT_EQ(listedIds({}), (QList<qint64> { first, later }));
    EXPECT_TRUE(QFileInfo::exists(m_db->path() + QStringLiteral("-wal")));
}
