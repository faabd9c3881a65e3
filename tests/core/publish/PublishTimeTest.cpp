// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// When the engine publishes, on a fake clock shared with the sandbox: not before the minute,
// at the minute, across daylight-saving changes, after clock jumps (grace period), with
// approval required, and when the user cancels or reschedules around the due time.
#include "PublishHarness.h"

#include "cuepoint/core/domain/ZonedTime.h"
#include "cuepoint/core/storage/StorageError.h"

#include <QTimeZone>

#include <gtest/gtest.h>

#include <atomic>

using namespace Cuepoint;
using Core::TargetState;
using Cuepoint::Test::PublishHarness;

namespace {

const QString kFixtures = QStringLiteral(CUEPOINT_FIXTURES_DIR);
const QTimeZone kParis("Europe/Paris");

std::string text(const QString &s)
{
    return s.toStdString();
}

/// A harness on the fake clock whose sandbox finishes processing at once (its delays run on
/// the fake clock too, which only moves when the test moves it).
struct TimeHarness
{
    explicit TimeHarness(const QDateTime &start = {})
    {
        if (start.isValid()) {
            h.fakeClock().set(start);
        }
        h.sandbox().setFaults({ { "processing_ms", 0 } });
        account = h.connect("sandbox_creator");
    }

    /// A post due at @p at (UTC) to the account; returns its target id.
    qint64 schedule(const QDateTime &at)
    {
        postId = h.add(h.post(kFixtures + QStringLiteral("/ok_3s.mp4"), at, { account }));
        return h.target(postId).id;
    }

    /// Asks the engine to look for due targets now and waits until it has nothing to do.
    void settleNow()
    {
        h.engine->wake();
        ASSERT_TRUE(h.waitFor([&] { return h.engine->isIdle(); }));
    }

    /// The instant of the first journal row that moved the target to @p to.
    QDateTime journalAt(qint64 targetId, TargetState to) const
    {
        for (const Core::JournalEntry &e : h.posts->journal(targetId)) {
            if (e.to == to) {
                return e.at;
            }
        }
        return {};
    }

    /// No creator check, init or upload reached TikTok.
    bool nothingSent() const
    {
        return h.requestCount("creator_info") + h.requestCount("video_init")
            + h.requestCount("upload")
            == 0;
    }

    PublishHarness h { true };
    qint64 account = 0;
    qint64 postId = 0;
};

/// The next whole minute at least @p seconds after @p t.
QDateTime minuteAfter(const QDateTime &t, int seconds)
{
    const QDateTime later = t.addSecs(seconds);
    return QDateTime(later.date(), QTime(later.time().hour(), later.time().minute()), Qt::UTC)
        .addSecs(60);
}

} // namespace

TEST(PublishTime, NothingHappensBeforeTheDueMinuteThenItIsClaimedAtIt)
{
    TimeHarness th;
    PublishHarness &h = th.h;
    const QDateTime due = minuteAfter(h.clock().nowUtc(), 600);
    const qint64 targetId = th.schedule(due);

    h.startEngine();
    ASSERT_TRUE(h.waitFor([&] { return h.engine->isIdle(); }));
    EXPECT_EQ(h.wakeTimer()->armedAt(), due);
    EXPECT_EQ(h.stateOf(targetId), TargetState::Scheduled);

    // A second before the minute, even when asked to look, the engine does nothing.
    h.fakeClock().set(due.addSecs(-1));
    th.settleNow();
    EXPECT_EQ(h.stateOf(targetId), TargetState::Scheduled);
    EXPECT_TRUE(th.nothingSent());

    // At the minute the wake timer fires and the target is claimed and published.
    h.fakeClock().set(due);
    ASSERT_TRUE(h.settles(targetId));
    EXPECT_EQ(h.stateOf(targetId), TargetState::Published) << text(h.journalText(targetId));
    EXPECT_EQ(th.journalAt(targetId, TargetState::Publishing), due);
    EXPECT_TRUE(h.journalText(targetId).contains(QStringLiteral("claimed by publisher")));
    EXPECT_EQ(h.totals().at("published").get<int>(), 1);
    h.expectNoDuplicates();
}

TEST(PublishTime, SpringForwardGapIsResolvedByZonedTime)
{
    // 2026-03-29 02:30 does not exist in Paris (02:00 CET -> 03:00 CEST). ZonedTime says so and
    // offers the instant the clocks jumped; the command line refuses the reading (WhenParser).
    const Core::LocalTimeResolution r =
        Core::resolveLocalTime(QDate(2026, 3, 29), QTime(2, 30), kParis);
    ASSERT_EQ(r.kind, Core::LocalTimeResolution::Kind::NonExistent);
    const QDateTime jump(QDate(2026, 3, 29), QTime(1, 0), Qt::UTC);
    EXPECT_EQ(r.earlier, jump);
    EXPECT_EQ(r.later, jump);
    EXPECT_EQ(Core::toZone(r.earlier, kParis).time(), QTime(3, 0));

    // A post stored at that instant goes out at it, not at 02:30 read with either offset.
    TimeHarness th(jump.addSecs(-45 * 60));
    PublishHarness &h = th.h;
    const qint64 targetId = th.schedule(r.earlier);
    h.startEngine();
    ASSERT_TRUE(h.waitFor([&] { return h.engine->isIdle(); }));
    EXPECT_EQ(h.wakeTimer()->armedAt(), jump);
    h.fakeClock().set(QDateTime(QDate(2026, 3, 29), QTime(0, 30), Qt::UTC)); // 02:30 at +02
    th.settleNow();
    EXPECT_EQ(h.stateOf(targetId), TargetState::Scheduled);
    h.fakeClock().set(jump.addSecs(-60));
    th.settleNow();
    EXPECT_EQ(h.stateOf(targetId), TargetState::Scheduled);
    EXPECT_TRUE(th.nothingSent());
    h.fakeClock().set(jump);
    ASSERT_TRUE(h.settles(targetId));
    EXPECT_EQ(h.stateOf(targetId), TargetState::Published) << text(h.journalText(targetId));
    EXPECT_EQ(th.journalAt(targetId, TargetState::Publishing), jump);
}

TEST(PublishTime, FallBackOverlapPublishesAtTheChosenInstantNotAnHourOff)
{
    // 2026-10-25 02:30 happens twice in Paris: 00:30 UTC (CEST) and 01:30 UTC (CET).
    const Core::LocalTimeResolution r =
        Core::resolveLocalTime(QDate(2026, 10, 25), QTime(2, 30), kParis);
    ASSERT_EQ(r.kind, Core::LocalTimeResolution::Kind::Ambiguous);
    const QDateTime first(QDate(2026, 10, 25), QTime(0, 30), Qt::UTC);
    const QDateTime second(QDate(2026, 10, 25), QTime(1, 30), Qt::UTC);
    ASSERT_EQ(r.earlier, first);
    ASSERT_EQ(r.later, second);

    // The user chose the second 02:30 (+01:00): that instant is stored, with the zone.
    TimeHarness th(first.addSecs(-10 * 60));
    PublishHarness &h = th.h;
    const qint64 targetId = th.schedule(r.later);
    const Core::Post stored = *h.posts->post(th.postId);
    EXPECT_EQ(stored.scheduledAt, second);
    EXPECT_EQ(stored.timeZoneId, QStringLiteral("Europe/Paris"));
    EXPECT_EQ(Core::toZone(stored.scheduledAt, kParis).time(), QTime(2, 30));

    h.startEngine();
    ASSERT_TRUE(h.waitFor([&] { return h.engine->isIdle(); }));
    EXPECT_EQ(h.wakeTimer()->armedAt(), second);
    // The first 02:30 is not it.
    h.fakeClock().set(first);
    th.settleNow();
    EXPECT_EQ(h.stateOf(targetId), TargetState::Scheduled);
    // A minute before the second 02:30: still waiting.
    h.fakeClock().set(second.addSecs(-60));
    th.settleNow();
    EXPECT_EQ(h.stateOf(targetId), TargetState::Scheduled);
    EXPECT_TRUE(th.nothingSent());
    // At it: published.
    h.fakeClock().set(second);
    ASSERT_TRUE(h.settles(targetId));
    EXPECT_EQ(h.stateOf(targetId), TargetState::Published) << text(h.journalText(targetId));
    EXPECT_EQ(th.journalAt(targetId, TargetState::Publishing), second);
    EXPECT_EQ(h.totals().at("published").get<int>(), 1);
    h.expectNoDuplicates();
}

TEST(PublishTime, WithoutAGracePeriodAPostClaimedWithinItsMinuteStillGoes)
{
    // A grace period of 0 means "never late", not "hold everything": the engine claims a
    // moment after the instant (seconds on a busy machine).
    TimeHarness th;
    PublishHarness &h = th.h;
    h.policy.gracePeriod = std::chrono::minutes(0);
    const QDateTime due = minuteAfter(h.clock().nowUtc(), 60);
    const qint64 onTime = th.schedule(due);
    h.startEngine();
    ASSERT_TRUE(h.waitFor([&] { return h.engine->isIdle(); }));
    h.fakeClock().set(due.addSecs(3));
    ASSERT_TRUE(h.settles(onTime));
    EXPECT_EQ(h.stateOf(onTime), TargetState::Published) << text(h.journalText(onTime));

    // Minutes late, with no grace period, it is held for the user instead.
    const QDateTime due2 = minuteAfter(h.clock().nowUtc(), 60);
    const qint64 late = th.schedule(due2);
    h.fakeClock().set(due2.addSecs(5 * 60));
    h.wakeTimer()->simulateClockSet();
    ASSERT_TRUE(h.settles(late));
    EXPECT_EQ(h.stateOf(late), TargetState::Held) << text(h.journalText(late));
    EXPECT_EQ(h.target(th.postId).lastErrorCode, QStringLiteral("missed"));
}

TEST(PublishTime, JumpPastTheGracePeriodHoldsThenRetryPublishes)
{
    TimeHarness th;
    PublishHarness &h = th.h;
    ASSERT_EQ(h.policy.gracePeriod, std::chrono::minutes(120));
    const QDateTime due = minuteAfter(h.clock().nowUtc(), 60);
    const qint64 targetId = th.schedule(due);
    h.startEngine();
    ASSERT_TRUE(h.waitFor([&] { return h.engine->isIdle(); }));

    // The computer slept through the due time: the clock jumps 3 hours forward.
    h.fakeClock().set(due.addSecs(3 * 3600));
    h.wakeTimer()->simulateClockSet();
    ASSERT_TRUE(h.settles(targetId));
    Core::PostTarget t = h.target(th.postId);
    const QString journal = h.journalText(targetId);
    EXPECT_EQ(t.state, TargetState::Held) << text(journal);
    EXPECT_EQ(t.lastErrorCode, QStringLiteral("missed"));
    EXPECT_TRUE(journal.contains(QStringLiteral("past the grace period of 2 hours")))
        << text(journal);
    EXPECT_TRUE(journal.contains(QStringLiteral("Retry to publish it now"))) << text(journal);
    EXPECT_TRUE(th.nothingSent());
    ASSERT_TRUE(h.waitFor([&] { return !h.notifier.notices.isEmpty(); }));
    EXPECT_EQ(h.notifier.notices.last().state, TargetState::Held);

    // The user retries (what `cuepoint-cli retry` does): published now, late on purpose.
    Core::PostStore::TargetUpdate update;
    update.nextAttemptAt = QDateTime();
    update.attempts = 0;
    update.lateAllowed = true;
    update.lastError = QString();
    update.lastErrorCode = QString();
    ASSERT_TRUE(h.posts->transition(
        targetId, TargetState::Held, TargetState::Scheduled, QStringLiteral("retried"), update));
    ASSERT_TRUE(h.settles(targetId));
    EXPECT_EQ(h.stateOf(targetId), TargetState::Published) << text(h.journalText(targetId));
    h.expectPublishedOnce();
}

TEST(PublishTime, JumpWithinTheGracePeriodPublishesLate)
{
    TimeHarness th;
    PublishHarness &h = th.h;
    const QDateTime due = minuteAfter(h.clock().nowUtc(), 60);
    const qint64 targetId = th.schedule(due);
    h.startEngine();
    ASSERT_TRUE(h.waitFor([&] { return h.engine->isIdle(); }));

    h.fakeClock().set(due.addSecs(3600));
    h.wakeTimer()->simulateClockSet();
    ASSERT_TRUE(h.settles(targetId));
    EXPECT_EQ(h.stateOf(targetId), TargetState::Published) << text(h.journalText(targetId));
    EXPECT_EQ(th.journalAt(targetId, TargetState::Publishing), due.addSecs(3600));
    EXPECT_EQ(h.totals().at("published").get<int>(), 1);
    h.expectNoDuplicates();
}

namespace {

/// Due with approval required: awaiting approval, nothing sent. Returns the target id.
qint64 dueWithoutApproval(TimeHarness &th, QDateTime *due)
{
    PublishHarness &h = th.h;
    h.policy.approvalRequired = true;
    *due = minuteAfter(h.clock().nowUtc(), 60);
    const qint64 targetId = th.schedule(*due);
    h.startEngine();
    EXPECT_TRUE(h.waitFor([&] { return h.engine->isIdle(); }));
    h.fakeClock().set(*due);
    EXPECT_TRUE(h.waitFor([&] { return h.stateOf(targetId) == TargetState::AwaitingApproval; }));
    th.settleNow();
    EXPECT_EQ(h.stateOf(targetId), TargetState::AwaitingApproval);
    EXPECT_TRUE(h.journalText(targetId).contains(QStringLiteral("approval is required")));
    EXPECT_TRUE(th.nothingSent());
    EXPECT_TRUE(h.waitFor([&] { return !h.notifier.notices.isEmpty(); }));
    EXPECT_EQ(h.notifier.notices.last().state, TargetState::AwaitingApproval);
    return targetId;
}

} // namespace

TEST(PublishTime, ApprovalWithinTheGracePeriodPublishes)
{
    TimeHarness th;
    PublishHarness &h = th.h;
    QDateTime due;
    const qint64 targetId = dueWithoutApproval(th, &due);
    h.fakeClock().set(due.addSecs(30 * 60));
    h.posts->approve(th.postId, QStringLiteral("approved in the app"));
    ASSERT_TRUE(h.settles(targetId));
    EXPECT_EQ(h.stateOf(targetId), TargetState::Published) << text(h.journalText(targetId));
    EXPECT_TRUE(h.journalText(targetId).contains(QStringLiteral("approved in the app")));
    EXPECT_EQ(h.totals().at("published").get<int>(), 1);
    h.expectNoDuplicates();
}

TEST(PublishTime, ApprovalAfterTheGracePeriodHolds)
{
    TimeHarness th;
    PublishHarness &h = th.h;
    QDateTime due;
    const qint64 targetId = dueWithoutApproval(th, &due);
    h.fakeClock().set(due.addSecs(3 * 3600));
    h.posts->approve(th.postId, QStringLiteral("approved in the app"));
    ASSERT_TRUE(h.settles(targetId));
    const Core::PostTarget t = h.target(th.postId);
    EXPECT_EQ(t.state, TargetState::Held) << text(h.journalText(targetId));
    EXPECT_EQ(t.lastErrorCode, QStringLiteral("missed"));
    EXPECT_TRUE(h.journalText(targetId).contains(QStringLiteral("past the grace period")));
    EXPECT_TRUE(th.nothingSent());
}

TEST(PublishTime, CancelJustBeforeTheClaimWins)
{
    TimeHarness th;
    PublishHarness &h = th.h;
    const QDateTime due = minuteAfter(h.clock().nowUtc(), 60);
    const qint64 targetId = th.schedule(due);
    h.startEngine();
    ASSERT_TRUE(h.waitFor([&] { return h.engine->isIdle(); }));

    // The minute comes, and the user's cancel commits before the engine looks.
    h.fakeClock().set(due);
    ASSERT_TRUE(h.posts->transition(targetId, TargetState::Scheduled, TargetState::Cancelled,
        QStringLiteral("cancelled by the user")));
    h.wakeTimer()->fireIfDue(h.clock());
    th.settleNow();
    EXPECT_EQ(h.stateOf(targetId), TargetState::Cancelled) << text(h.journalText(targetId));
    EXPECT_TRUE(h.journalText(targetId).contains(QStringLiteral("cancelled by the user")));
    EXPECT_TRUE(th.nothingSent());
}

TEST(PublishTime, OncePublishingRescheduleAndRemoveAreRefused)
{
    std::atomic_bool checking { false };
    std::atomic_bool release { false };
    TimeHarness th;
    PublishHarness &h = th.h;
    const QDateTime due = h.clock().nowUtc();
    const qint64 targetId = th.schedule(due);
    // The creator check waits until the test has tried to change the post.
    h.setRequestHook([&](const Core::HttpRequest &request) {
        if (Cuepoint::Test::endpointOf(request) != QLatin1String("creator_info")) {
            return;
        }
        checking = true;
        QDeadlineTimer limit(10'000);
        while (!release.load() && !limit.hasExpired()) {
            QThread::msleep(2);
        }
    });

    h.startEngine();
    ASSERT_TRUE(h.waitFor([&] { return checking.load(); }));
    EXPECT_EQ(h.stateOf(targetId), TargetState::Publishing);
    EXPECT_THROW(h.posts->reschedule(th.postId, due.addSecs(3600), QStringLiteral("Europe/Paris")),
        Core::StorageError);
    EXPECT_THROW(h.posts->remove(th.postId), Core::StorageError);
    release = true;
    ASSERT_TRUE(h.settles(targetId));
    h.engine->stop();
    h.setRequestHook({});
    EXPECT_EQ(h.stateOf(targetId), TargetState::Published) << text(h.journalText(targetId));
    EXPECT_EQ(h.posts->post(th.postId)->scheduledAt, due);
    h.expectPublishedOnce();
}

TEST(PublishTime, RescheduledToLaterBeforeDueGoesOutAtTheNewTime)
{
    TimeHarness th;
    PublishHarness &h = th.h;
    const QDateTime due = minuteAfter(h.clock().nowUtc(), 60);
    const QDateTime later = due.addSecs(3600);
    const qint64 targetId = th.schedule(due);
    h.startEngine();
    ASSERT_TRUE(h.waitFor([&] { return h.engine->isIdle(); }));
    EXPECT_EQ(h.wakeTimer()->armedAt(), due);

    h.posts->reschedule(th.postId, later, QStringLiteral("Europe/Paris"));
    // The engine notices the change (another connection) and re-arms for the new time.
    ASSERT_TRUE(h.waitFor([&] { return h.wakeTimer()->armedAt() == later; }));
    h.fakeClock().set(due);
    th.settleNow();
    EXPECT_EQ(h.stateOf(targetId), TargetState::Scheduled);
    EXPECT_TRUE(th.nothingSent());

    h.fakeClock().set(later);
    ASSERT_TRUE(h.settles(targetId));
    EXPECT_EQ(h.stateOf(targetId), TargetState::Published) << text(h.journalText(targetId));
    EXPECT_EQ(th.journalAt(targetId, TargetState::Publishing), later);
    EXPECT_EQ(h.totals().at("published").get<int>(), 1);
    h.expectNoDuplicates();
}

TEST(PublishTime, UploadsBeyondTheProfilesMinuteWaitUnclaimedForTheirTurn)
{
    // TikTok admits 6 new uploads per minute per profile. Eight posts due at once: six go at
    // the minute; the other two are not claimed (and put back) meanwhile, but taken the moment
    // their places free up.
    TimeHarness th;
    PublishHarness &h = th.h;
    const QDateTime due = minuteAfter(h.clock().nowUtc(), 600);
    QList<qint64> targets;
    for (int i = 0; i < 8; ++i) {
        targets << th.schedule(due);
    }
    h.startEngine();
    h.fakeClock().set(due);
    h.engine->wake();
    const auto published = [&] {
        int n = 0;
        for (const qint64 id : std::as_const(targets)) {
            n += h.stateOf(id) == TargetState::Published ? 1 : 0;
        }
        return n;
    };
    ASSERT_TRUE(h.waitFor([&] { return published() == 6; }));
    // Looks at the schedule meanwhile (as other processes' changes would cause) take nothing.
    for (int i = 0; i < 3; ++i) {
        h.engine->wake();
        EXPECT_FALSE(h.waitFor([&] { return published() > 6; }, 200));
    }
    EXPECT_EQ(h.requestCount("video_init"), 6);
    for (const qint64 id : std::as_const(targets)) {
        if (h.stateOf(id) == TargetState::Scheduled) {
            // Never claimed: its journal has only its creation.
            EXPECT_FALSE(h.journalText(id).contains(QStringLiteral("claimed")))
                << text(h.journalText(id));
        }
    }

    // A minute after the first uploads began, both go.
    h.fakeClock().set(due.addSecs(61));
    h.engine->wake();
    ASSERT_TRUE(h.waitFor([&] { return published() == 8; }));
    EXPECT_EQ(h.requestCount("video_init"), 8);
    for (const qint64 id : std::as_const(targets)) {
        EXPECT_FALSE(h.journalText(id).contains(QStringLiteral("waits its turn")))
            << text(h.journalText(id));
    }
    EXPECT_EQ(h.totals().at("inits").get<int>(), 8);
    EXPECT_EQ(h.totals().at("published").get<int>(), 8);
}
