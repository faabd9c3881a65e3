// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Every entity survives a trip through a real SQLite file, field for field.
#include "FakeClock.h"
#include "TestProfile.h"

#include "cuepoint/core/review/ReviewLinks.h"
#include "cuepoint/core/review/ReviewToken.h"
#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/MediaStore.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/storage/ReviewStore.h"
#include "cuepoint/core/storage/TemplateStore.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;

class StoreRoundTripTest : public ::testing::Test
{
protected:
    void reopen()
    {
        m_db.reset();
        m_db = m_profile.openDatabase();
    }

    TestProfile m_profile;
    std::unique_ptr<Database> m_db = m_profile.openDatabase();
    FakeClock m_clock;
};

TEST_F(StoreRoundTripTest, AccountKeepsEveryField)
{
    Account a = makeAccount(QStringLiteral("maya"));
    a.avatarUrl = QStringLiteral("https://p16.example/avatar.jpeg");
    a.accessTokenExpiresAt = QDateTime(QDate(2026, 3, 2), QTime(12, 0), Qt::UTC);
    a.refreshTokenExpiresAt = QDateTime(QDate(2027, 3, 1), QTime(12, 0), Qt::UTC);
    a.status = AccountStatus::ReconnectNeeded;
    a.isSandbox = true;
    qint64 id = 0;
    {
        AccountStore store(*m_db, m_clock);
        QSignalSpy added(&store, &AccountStore::accountAdded);
        id = store.save(a);
        EXPECT_EQ(added.count(), 1);
    }
    reopen();
    AccountStore store(*m_db, m_clock);
    const std::optional<Account> back = store.account(id);
    ASSERT_TRUE(back);
    a.id = id;
    a.createdAt = a.updatedAt = m_clock.nowUtc();
    EXPECT_EQ(*back, a);
    EXPECT_EQ(store.accountByOpenId(a.openId)->id, id);
    EXPECT_EQ(store.findByName(QStringLiteral("MAYA"))->id, id);
    EXPECT_FALSE(store.findByName(QStringLiteral("nobody")));

    // Saving the same open_id again updates instead of duplicating.
    a.displayName = QStringLiteral("Maya B.");
    QSignalSpy changed(&store, &AccountStore::accountChanged);
    EXPECT_EQ(store.save(a), id);
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(store.accounts().size(), 1);
    EXPECT_EQ(store.account(id)->displayName, QStringLiteral("Maya B."));
}

TEST_F(StoreRoundTripTest, PostWithTargetsKeepsEveryField)
{
    AccountStore accounts(*m_db, m_clock);
    const qint64 a1 = accounts.save(makeAccount(QStringLiteral("one")));
    const qint64 a2 = accounts.save(makeAccount(QStringLiteral("two")));
    MediaStore media(*m_db, m_clock);
    MediaAsset asset;
    asset.path = QStringLiteral("/videos/clip.mp4");
    asset.contentHash = QStringLiteral("abc");
    const qint64 assetId = media.add(asset);

    Post p = makePost(QDateTime(QDate(2026, 3, 29), QTime(1, 30), Qt::UTC), { a1, a2 },
        QStringLiteral("Ünïcode caption 🎬 #fyp\nsecond line"));
    p.mediaAssetId = assetId;
    p.coverTimestampMs = 1533;
    p.mode = PublishMode::Notify;
    p.allowComments = true;
    p.allowStitch = true;
    p.brandedContent = true;
    p.aiGenerated = true;
    p.approval = ApprovalState::ChangesRequested;
    qint64 id = 0;
    {
        PostStore store(*m_db, m_clock);
        QSignalSpy added(&store, &PostStore::postAdded);
        id = store.add(p);
        ASSERT_EQ(added.count(), 1);
        EXPECT_EQ(added.first().first().toLongLong(), id);
    }
    reopen();
    PostStore store(*m_db, m_clock);
    const std::optional<Post> back = store.post(id);
    ASSERT_TRUE(back);
    ASSERT_EQ(back->targets.size(), 2);
    Post expected = p;
    expected.id = id;
    expected.createdAt = expected.updatedAt = m_clock.nowUtc();
    for (int i = 0; i < 2; ++i) {
        expected.targets[i].id = back->targets[i].id;
        expected.targets[i].postId = id;
        expected.targets[i].stateChangedAt = m_clock.nowUtc();
    }
    EXPECT_EQ(*back, expected);
    EXPECT_EQ(back->scheduledAt.timeSpec(), Qt::UTC);

    // Each target's first state is journaled.
    const QList<JournalEntry> journal = store.journal(back->targets[0].id);
    ASSERT_EQ(journal.size(), 1);
    EXPECT_FALSE(journal[0].from);
    EXPECT_EQ(journal[0].to, TargetState::Scheduled);
}

TEST_F(StoreRoundTripTest, TargetFieldsAndJournalAfterTransitions)
{
    AccountStore accounts(*m_db, m_clock);
    PostStore store(*m_db, m_clock);
    const qint64 a = accounts.save(makeAccount(QStringLiteral("one")));
    const qint64 postId = store.add(makePost(m_clock.nowUtc(), { a }));
    const qint64 targetId = store.post(postId)->targets[0].id;

    const std::optional<PostTarget> claimed =
        store.claimDueTarget(QStringLiteral("w1"), std::chrono::minutes(5));
    ASSERT_TRUE(claimed);
    EXPECT_EQ(claimed->id, targetId);
    EXPECT_EQ(claimed->state, TargetState::Publishing);
    EXPECT_EQ(claimed->attempts, 1);

    m_clock.advance(std::chrono::seconds(3));
    PostStore::TargetUpdate update;
    update.publishId = QStringLiteral("v_pub_file~v2-1.7326912345678901234");
    update.totalBytes = 12345678901LL;
    update.uploadedBytes = 12345678901LL;
    ASSERT_TRUE(store.transition(targetId, TargetState::Publishing, TargetState::Processing,
        QStringLiteral("upload complete"), update));
    m_clock.advance(std::chrono::seconds(30));
    PostStore::TargetUpdate done;
    done.tiktokPostId = QStringLiteral("7326912345678901234"); // beyond 2^53: kept exact
    ASSERT_TRUE(store.transition(targetId, TargetState::Processing, TargetState::Published,
        QStringLiteral("PUBLISH_COMPLETE"), done));
    reopen();
    PostStore again(*m_db, m_clock);
    const PostTarget t = *again.target(targetId);
    EXPECT_EQ(t.state, TargetState::Published);
    EXPECT_EQ(t.publishId, QStringLiteral("v_pub_file~v2-1.7326912345678901234"));
    EXPECT_EQ(t.totalBytes, 12345678901LL);
    EXPECT_EQ(t.tiktokPostId, QStringLiteral("7326912345678901234"));
    EXPECT_EQ(t.stateChangedAt, m_clock.nowUtc());

    const QList<JournalEntry> journal = again.journal(targetId);
    ASSERT_EQ(journal.size(), 4);
    EXPECT_EQ(journal[1].from, TargetState::Scheduled);
    EXPECT_EQ(journal[1].to, TargetState::Publishing);
    EXPECT_EQ(journal[1].detail, QStringLiteral("claimed by w1"));
    EXPECT_EQ(journal[2].to, TargetState::Processing);
    EXPECT_EQ(journal[3].from, TargetState::Processing);
    EXPECT_EQ(journal[3].to, TargetState::Published);
    EXPECT_EQ(journal[3].detail, QStringLiteral("PUBLISH_COMPLETE"));
    EXPECT_LT(journal[2].at, journal[3].at);
}

TEST_F(StoreRoundTripTest, PendingWorkCountsWhatQuittingWouldDelay)
{
    AccountStore accounts(*m_db, m_clock);
    PostStore store(*m_db, m_clock);
    const qint64 a = accounts.save(makeAccount(QStringLiteral("one")));
    const QDateTime now = m_clock.nowUtc();
    const auto window = [&] { return store.pendingWork(now.addSecs(-7200), now.addSecs(3600)); };
    EXPECT_EQ(window().inFlight + window().scheduled, 0);
    EXPECT_FALSE(window().next.isValid());

    store.add(makePost(now.addSecs(3 * 3600), { a })); // beyond the hour
    store.add(makePost(now.addSecs(-3 * 3600), { a })); // beyond the grace period
    EXPECT_EQ(window().scheduled, 0);
    store.add(makePost(now.addSecs(40 * 60), { a }));
    const qint64 late = store.add(makePost(now.addSecs(-30 * 60), { a }));
    PostStore::PendingWork work = window();
    EXPECT_EQ(work.inFlight, 0);
    EXPECT_EQ(work.scheduled, 2);
    EXPECT_EQ(work.next, now.addSecs(-30 * 60));

    // A claimed target counts as in flight (the earliest due: the one past the grace period).
    const std::optional<PostTarget> claimed =
        store.claimDueTarget(QStringLiteral("w1"), std::chrono::minutes(5));
    ASSERT_TRUE(claimed);
    EXPECT_NE(claimed->postId, late);
    work = window();
    EXPECT_EQ(work.inFlight, 1);
    EXPECT_EQ(work.scheduled, 2);
    EXPECT_EQ(work.next, now.addSecs(-30 * 60));
}

TEST_F(StoreRoundTripTest, MediaAssetKeepsEveryFieldAndRefusesDuplicates)
{
    MediaAsset m;
    m.path = QStringLiteral("/home/u/Videos/launch teaser.mp4");
    m.contentHash = QStringLiteral("f00dfeed");
    m.sizeBytes = 987654321;
    m.durationMs = 15015;
    m.width = 1080;
    m.height = 1920;
    m.fps = 29.97;
    m.videoCodec = QStringLiteral("h264");
    m.valid = false;
    m.probeJson = QStringLiteral("{\"violations\":[]}");
    m.tags = { QStringLiteral("launch"), QStringLiteral("q1") };
    qint64 id = 0;
    {
        MediaStore store(*m_db, m_clock);
        id = store.add(m);
    }
    reopen();
    MediaStore store(*m_db, m_clock);
    m.id = id;
    m.importedAt = m_clock.nowUtc();
    EXPECT_EQ(*store.asset(id), m);
    EXPECT_EQ(store.assetByContentHash(QStringLiteral("f00dfeed"))->id, id);

    MediaAsset copy = m;
    copy.path = QStringLiteral("/elsewhere/same.mp4");
    try {
        store.add(copy);
        ADD_FAILURE() << "a duplicate was accepted";
    } catch (const StorageError &e) {
        EXPECT_EQ(e.kind(), StorageError::Kind::Constraint);
        EXPECT_TRUE(e.message().contains(QStringLiteral("same.mp4")));
    }
    EXPECT_EQ(store.assets(MediaStore::Filter { QStringLiteral("TEASER"), {} }).size(), 1);
    EXPECT_EQ(store.assets(MediaStore::Filter { {}, QStringLiteral("q1") }).size(), 1);
    EXPECT_EQ(store.assets(MediaStore::Filter { QStringLiteral("nothing"), {} }).size(), 0);
    store.setMissing(id, true);
    EXPECT_TRUE(store.asset(id)->missing);
}

TEST_F(StoreRoundTripTest, TemplatesAndHashtagListsRoundTripWithUniqueNames)
{
    TemplateStore store(*m_db, m_clock);
    const qint64 t = store.saveTemplate(
        { 0, QStringLiteral("Launch"), QStringLiteral("New drop 🔥 {link}"), {} });
    const qint64 h = store.saveHashtagList({ 0, QStringLiteral("Fitness"),
        { QStringLiteral("fitness"), QStringLiteral(" #gym "), QStringLiteral("#Gym"),
            QStringLiteral("##fyp") },
        {} });
    reopen();
    TemplateStore again(*m_db, m_clock);
    EXPECT_EQ(*again.captionTemplate(t),
        (CaptionTemplate {
            t, QStringLiteral("Launch"), QStringLiteral("New drop 🔥 {link}"), m_clock.nowUtc() }));
    const HashtagList list = *again.hashtagList(h);
    EXPECT_EQ(list.hashtags,
        (QStringList {
            QStringLiteral("#fitness"), QStringLiteral("#gym"), QStringLiteral("#fyp") }));
    EXPECT_EQ(list.captionText(), QStringLiteral("#fitness #gym #fyp"));

    EXPECT_THROW(
        again.saveTemplate({ 0, QStringLiteral("Launch"), QStringLiteral("x"), {} }), StorageError);
    EXPECT_THROW(again.saveHashtagList({ 0, QStringLiteral("Empty"), { QStringLiteral("#") }, {} }),
        StorageError);
    EXPECT_THROW(
        again.saveTemplate({ 0, QStringLiteral("  "), QStringLiteral("x"), {} }), StorageError);
    again.saveTemplate({ t, QStringLiteral("Launch v2"), QStringLiteral("body"), {} });
    EXPECT_EQ(again.templates().size(), 1);
    EXPECT_EQ(again.templates().first().name, QStringLiteral("Launch v2"));
    again.removeHashtagList(h);
    EXPECT_TRUE(again.hashtagLists().isEmpty());
}

TEST_F(StoreRoundTripTest, ReviewLinksAndFeedbackRoundTrip)
{
    AccountStore accounts(*m_db, m_clock);
    PostStore posts(*m_db, m_clock);
    const qint64 a1 = accounts.save(makeAccount(QStringLiteral("one")));
    const qint64 a2 = accounts.save(makeAccount(QStringLiteral("two")));
    const qint64 postId = posts.add(makePost(m_clock.nowUtc().addDays(2), { a1 }));

    ReviewStore store(*m_db, m_clock);
    ReviewLink link;
    link.tokenHash = QString(64, QLatin1Char('a'));
    link.label = QStringLiteral("Client review, March");
    link.accountIds = { a1, a2 };
    link.rangeFrom = QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC);
    link.rangeTo = QDateTime(QDate(2026, 4, 1), QTime(0, 0), Qt::UTC);
    link.expiresAt = m_clock.nowUtc().addDays(14);
    const qint64 linkId = store.addLink(link);

    ReviewFeedback f;
    f.postId = postId;
    f.linkId = linkId;
    f.reviewerName = QStringLiteral("Zoë <client>");
    f.decision = ReviewDecision::ChangesRequested;
    f.comment = QStringLiteral("Shorter caption please");
    const qint64 feedbackId = store.addFeedback(f);
    reopen();
    ReviewStore again(*m_db, m_clock);
    link.id = linkId;
    link.createdAt = m_clock.nowUtc();
    EXPECT_EQ(*again.linkByTokenHash(link.tokenHash), link);
    EXPECT_TRUE(again.link(linkId)->isUsableAt(m_clock.nowUtc()));
    EXPECT_FALSE(again.link(linkId)->isUsableAt(m_clock.nowUtc().addDays(15)));
    again.revoke(linkId);
    EXPECT_FALSE(again.link(linkId)->isUsableAt(m_clock.nowUtc()));
    f.id = feedbackId;
    f.createdAt = m_clock.nowUtc();
    EXPECT_EQ(again.feedbackForPost(postId), QList<ReviewFeedback> { f });
    EXPECT_THROW(again.addLink(ReviewLink {}), StorageError); // no token hash
}

TEST_F(StoreRoundTripTest, ACreatedReviewLinkKeepsOnlyTheHashOfItsToken)
{
    AccountStore accounts(*m_db, m_clock);
    const qint64 a1 = accounts.save(makeAccount(QStringLiteral("one")));
    const qint64 a2 = accounts.save(makeAccount(QStringLiteral("two")));
    ReviewStore store(*m_db, m_clock);

    ReviewShareRequest request;
    request.accountIds = { a2, a1, a2 };
    request.from = QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC);
    request.to = QDateTime(QDate(2026, 4, 1), QTime(0, 0), Qt::UTC);
    request.label = QStringLiteral(" March ");
    QString error;
    const auto created = createReviewLink(store, m_clock, request, &error);
    ASSERT_TRUE(created) << error.toStdString();
    EXPECT_TRUE(isWellFormedReviewToken(created->token));
    const auto stored = store.linkByTokenHash(reviewTokenHash(created->token));
    ASSERT_TRUE(stored);
    EXPECT_EQ(*stored, created->link);
    EXPECT_EQ(stored->accountIds, (QList<qint64> { a1, a2 }));
    EXPECT_EQ(stored->label, QStringLiteral("March"));
    EXPECT_EQ(stored->expiresAt, m_clock.nowUtc().addDays(kDefaultReviewLinkDays));
    EXPECT_NE(stored->tokenHash, created->token);

    request.accountIds.clear();
    EXPECT_FALSE(createReviewLink(store, m_clock, request, &error));
    EXPECT_EQ(error, QStringLiteral("Choose at least one profile to share."));
    request.accountIds = { a1 };
    request.to = request.from;
    EXPECT_FALSE(createReviewLink(store, m_clock, request, &error));
    request.to = QDateTime();
    request.expiresInDays = 0;
    EXPECT_FALSE(createReviewLink(store, m_clock, request, &error));
    EXPECT_EQ(store.links().size(), 1);
}

TEST_F(StoreRoundTripTest, RangeQueriesEditsAndDeletes)
{
    AccountStore accounts(*m_db, m_clock);
    PostStore store(*m_db, m_clock);
    const qint64 a1 = accounts.save(makeAccount(QStringLiteral("one")));
    const qint64 a2 = accounts.save(makeAccount(QStringLiteral("two")));
    const QDateTime base(QDate(2026, 5, 1), QTime(9, 0), Qt::UTC);
    const qint64 p1 = store.add(makePost(base.addDays(2), { a1 }));
    const qint64 p2 = store.add(makePost(base, { a2 }));
    const qint64 p3 = store.add(makePost(base.addDays(40), { a1, a2 }));

    QList<qint64> ids;
    for (const Post &p : store.posts()) {
        ids << p.id;
    }
    EXPECT_EQ(ids, (QList<qint64> { p2, p1, p3 })); // time order
    EXPECT_EQ(store.posts({ base, base.addDays(3), {} }).size(), 2);
    EXPECT_EQ(store.posts({ base.addDays(2), base.addDays(2), {} }).size(), 0); // `to` is exclusive
    EXPECT_EQ(store.posts({ {}, {}, a2 }).size(), 2);
    EXPECT_EQ(
        store.posts({ {}, {}, a2 }).last().targets.size(), 2); // all targets of matching posts

    store.reschedule(p1, base.addDays(50), QStringLiteral("America/New_York"));
    EXPECT_EQ(store.post(p1)->scheduledAt, base.addDays(50));
    EXPECT_EQ(store.post(p1)->timeZoneId, QStringLiteral("America/New_York"));

    // Once a target is publishing, the post's content can no longer change.
    m_clock.set(base.addSecs(60));
    ASSERT_TRUE(store.claimDueTarget(QStringLiteral("w"), std::chrono::minutes(1)));
    Post changed = *store.post(p2);
    changed.caption = QStringLiteral("too late");
    EXPECT_THROW(store.updateContent(changed), StorageError);
    EXPECT_THROW(store.remove(p2), StorageError);
    EXPECT_EQ(store.post(p2)->caption, QStringLiteral("hello #fyp"));

    QSignalSpy removed(&store, &PostStore::postRemoved);
    store.remove(p3);
    EXPECT_EQ(removed.count(), 1);
    EXPECT_FALSE(store.post(p3));
    EXPECT_THROW(store.remove(p3), StorageError);
    // An account with posts cannot be removed.
    EXPECT_THROW(accounts.remove(a1), StorageError);
}
