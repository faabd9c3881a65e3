// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Schedule page's calendar: the month and week models (QAbstractItemModelTester, time zones
// and daylight-saving days), the page on a real profile (clicking a slot opens the form with
// its date and time, drag and drop reschedules and undo restores it in the database, keys), and
// the cards' marks following the targets' states.
#include "FakeClock.h"
#include "ModelTesterWarnings.h"
#include "TestProfile.h"
#include "composer/ComposerContentStep.h"
#include "composer/ComposerDialog.h"
#include "models/CalendarAgendaModel.h"
#include "models/CalendarModel.h"
#include "models/ItemRoles.h"
#include "views/SchedulePage.h"
#include "widgets/CalendarDelegate.h"
#include "widgets/CalendarView.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/support/Settings.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <gtest/gtest.h>

namespace Cuepoint::Gui {
namespace {

constexpr int kWaitMs = 10'000;
const QTimeZone kBerlin("Europe/Berlin");
const QTimeZone kNewYork("America/New_York");

QDateTime utc(int y, int mo, int d, int h, int mi)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), Qt::UTC);
}

CalendarCard cardAt(qint64 id, const QDateTime &at)
{
    CalendarCard c;
    c.postId = id;
    c.at = at;
    c.timeZoneId = QStringLiteral("Europe/Berlin");
    CardTarget t;
    t.targetId = id;
    t.accountId = 1;
    t.accountName = QStringLiteral("@studio");
    t.accountConnected = true;
    c.targets << t;
    return c;
}

using Cuepoint::Test::TesterWarnings;

QModelIndex cellOfDate(const CalendarModel &model, const QDate &date, int hour = -1)
{
    for (int r = 0; r < model.rowCount(); ++r) {
        for (int c = 0; c < model.columnCount(); ++c) {
            const QModelIndex i = model.index(r, c);
            if (i.data(DateRole).toDate() == date && i.data(HourRole).toInt() == hour) {
                return i;
            }
        }
    }
    return {};
}

QList<qint64> idsIn(const QModelIndex &index)
{
    return index.data(PostIdsRole).value<QList<qint64>>();
}

// --- the models

TEST(CalendarModelTest, MonthAndWeekModelsPassTheModelTester)
{
    TesterWarnings warnings;
    CalendarMonthModel month;
    CalendarWeekModel week;
    QAbstractItemModelTester monthTester(
        &month, QAbstractItemModelTester::FailureReportingMode::Warning);
    QAbstractItemModelTester weekTester(
        &week, QAbstractItemModelTester::FailureReportingMode::Warning);
    for (CalendarModel *model :
        { static_cast<CalendarModel *>(&month), static_cast<CalendarModel *>(&week) }) {
        model->setZone(kBerlin);
        model->setAnchor(QDate(2026, 3, 15));
        const auto [from, to] = model->range();
        EXPECT_TRUE(model->setCards(from, to,
            { cardAt(1, utc(2026, 3, 10, 8, 0)), cardAt(2, utc(2026, 3, 29, 1, 30)),
                cardAt(3, utc(2026, 3, 12, 17, 45)) }));
        model->setAnchor(QDate(2026, 10, 25));
        model->setZone(kNewYork);
        model->clearCards();
        EXPECT_EQ(model->rowCount(), model == &month ? 6 : 24);
        EXPECT_EQ(model->columnCount(), 7);
    }
}

TEST(CalendarModelTest, TheAgendaModelPassesTheModelTester)
{
    TesterWarnings warnings;
    CalendarAgendaModel agenda;
    QAbstractItemModelTester tester(
        &agenda, QAbstractItemModelTester::FailureReportingMode::Warning);
    agenda.setZone(kBerlin);
    agenda.setAnchor(QDate(2026, 3, 20));
    auto [from, to] = agenda.range();
    EXPECT_EQ(from, utc(2026, 3, 19, 23, 0));
    EXPECT_EQ(to, utc(2026, 4, 2, 22, 0)); // 14 days later, in summer time
    ASSERT_TRUE(agenda.setCards(
        from, to, { cardAt(1, utc(2026, 3, 21, 8, 0)), cardAt(2, utc(2026, 3, 21, 9, 0)) }));
    EXPECT_EQ(agenda.rowCount(), 2);
    EXPECT_FALSE(agenda.index(0, 0).data().toString().isEmpty()) << "the day, on its first post";
    EXPECT_TRUE(agenda.index(1, 0).data().toString().isEmpty());
    agenda.setZone(kNewYork);
    EXPECT_EQ(agenda.rowCount(), 0);
}

TEST(CalendarModelTest, PostsLandOnDisplayZoneDaysAcrossTheSpringChange)
{
    CalendarMonthModel month;
    month.setZone(kBerlin);
    month.setAnchor(QDate(2026, 3, 1));
    const auto [from, to] = month.range();
    // 2026-03-29: clocks go from 02:00 CET to 03:00 CEST. 01:30 UTC is 03:30 CEST on the 29th;
    // 22:30 UTC on the 29th is already 00:30 on the 30th; 22:30 UTC on the 28th is 23:30 CET.
    ASSERT_TRUE(month.setCards(from, to,
        { cardAt(1, utc(2026, 3, 29, 1, 30)), cardAt(2, utc(2026, 3, 29, 22, 30)),
            cardAt(3, utc(2026, 3, 28, 22, 30)) }));
    const QModelIndex day29 = cellOfDate(month, QDate(2026, 3, 29));
    ASSERT_TRUE(day29.isValid());
    EXPECT_EQ(idsIn(day29), QList<qint64>({ 1 }));
    EXPECT_EQ(idsIn(cellOfDate(month, QDate(2026, 3, 30))), QList<qint64>({ 2 }));
    EXPECT_EQ(idsIn(cellOfDate(month, QDate(2026, 3, 28))), QList<qint64>({ 3 }));
    EXPECT_EQ(day29.data(SlotMinutesRole).toInt(), 23 * 60);
    EXPECT_EQ(day29.data(SlotStartRole).toDateTime(), utc(2026, 3, 28, 23, 0));
    EXPECT_EQ(cellOfDate(month, QDate(2026, 3, 28)).data(SlotMinutesRole).toInt(), 24 * 60);

    CalendarWeekModel week;
    week.setZone(kBerlin);
    week.setAnchor(QDate(2026, 3, 29));
    const auto [wFrom, wTo] = week.range();
    ASSERT_TRUE(week.setCards(wFrom, wTo, { cardAt(1, utc(2026, 3, 29, 1, 30)) }));
    const QModelIndex skipped = cellOfDate(week, QDate(2026, 3, 29), 2);
    ASSERT_TRUE(skipped.isValid());
    EXPECT_FALSE(skipped.data(SlotExistsRole).toBool()) << "02:00-03:00 does not exist that day";
    EXPECT_FALSE(skipped.flags().testFlag(Qt::ItemIsEnabled));
    EXPECT_EQ(idsIn(cellOfDate(week, QDate(2026, 3, 29), 3)), QList<qint64>({ 1 }));
    int minutes = 0;
    for (int h = 0; h < 24; ++h) {
        minutes += cellOfDate(week, QDate(2026, 3, 29), h).data(SlotMinutesRole).toInt();
    }
    EXPECT_EQ(minutes, 23 * 60);
}

TEST(CalendarModelTest, PostsLandOnDisplayZoneHoursAcrossTheAutumnChange)
{
    // 2026-10-25: clocks go back from 03:00 CEST to 02:00 CET; 02:30 happens twice
    // (00:30 UTC and 01:30 UTC). Both are in the 02:00 row of Sunday, which lasts 120 minutes.
    CalendarWeekModel week;
    week.setZone(kBerlin);
    week.setAnchor(QDate(2026, 10, 25));
    const auto [from, to] = week.range();
    ASSERT_TRUE(week.setCards(from, to,
        { cardAt(1, utc(2026, 10, 25, 0, 30)), cardAt(2, utc(2026, 10, 25, 1, 30)),
            cardAt(3, utc(2026, 10, 25, 2, 30)) }));
    const QModelIndex twice = cellOfDate(week, QDate(2026, 10, 25), 2);
    EXPECT_EQ(idsIn(twice), QList<qint64>({ 1, 2 }));
    EXPECT_EQ(twice.data(SlotMinutesRole).toInt(), 120);
    EXPECT_EQ(idsIn(cellOfDate(week, QDate(2026, 10, 25), 3)), QList<qint64>({ 3 }));
    int minutes = 0;
    for (int h = 0; h < 24; ++h) {
        minutes += cellOfDate(week, QDate(2026, 10, 25), h).data(SlotMinutesRole).toInt();
    }
    EXPECT_EQ(minutes, 25 * 60);

    CalendarMonthModel month;
    month.setZone(kBerlin);
    month.setAnchor(QDate(2026, 10, 1));
    const auto [mFrom, mTo] = month.range();
    ASSERT_TRUE(month.setCards(mFrom, mTo, { cardAt(1, utc(2026, 10, 25, 22, 30)) }));
    EXPECT_EQ(cellOfDate(month, QDate(2026, 10, 25)).data(SlotMinutesRole).toInt(), 25 * 60);
    // 22:30 UTC is 23:30 CET: still the 25th.
    EXPECT_EQ(idsIn(cellOfDate(month, QDate(2026, 10, 25))), QList<qint64>({ 1 }));
}

TEST(CalendarModelTest, ASwitchOfTimeZoneMovesPostsToTheirLocalDay)
{
    CalendarMonthModel month;
    month.setZone(kBerlin);
    month.setAnchor(QDate(2026, 3, 1));
    const QList<CalendarCard> cards { cardAt(1, utc(2026, 3, 10, 23, 30)) };
    auto range = month.range();
    ASSERT_TRUE(month.setCards(range.first, range.second, cards));
    EXPECT_EQ(idsIn(cellOfDate(month, QDate(2026, 3, 11))), QList<qint64>({ 1 })); // 00:30 CET

    month.setZone(kNewYork);
    EXPECT_EQ(month.range().first, QDateTime(QDate(2026, 2, 23), QTime(0, 0), kNewYork).toUTC());
    // Cards of the old range are not accepted for the new one.
    EXPECT_FALSE(month.setCards(range.first, range.second, cards));
    range = month.range();
    ASSERT_TRUE(month.setCards(range.first, range.second, cards));
    EXPECT_EQ(idsIn(cellOfDate(month, QDate(2026, 3, 10))), QList<qint64>({ 1 })); // 19:30 EDT
    EXPECT_TRUE(idsIn(cellOfDate(month, QDate(2026, 3, 11))).isEmpty());
}

// --- the page on a real profile

class SchedulePageTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_db = m_profile.openDatabase();
        m_accounts = std::make_unique<Core::AccountStore>(*m_db, m_clock);
        m_posts = std::make_unique<Core::PostStore>(*m_db, m_clock);
        m_settings = std::make_unique<Core::Settings>(m_profile.profile().settingsPath());
        m_settings->setValue(Core::Settings::DisplayTimeZone, QStringLiteral("Europe/Berlin"));
        m_account = m_accounts->save(Cuepoint::Test::makeAccount(QStringLiteral("studio")));
        m_video = m_profile.path(QStringLiteral("clip.mp4"));
        QFile f(m_video);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("not really a video, but it exists");
    }

    void TearDown() override { m_page.reset(); }

    void makePage()
    {
        m_page = std::make_unique<SchedulePage>();
        m_page->resize(1100, 700);
        m_page->setServices(
            { m_settings.get(), &m_clock, m_db->path(), m_profile.profile().cacheDir(), {} });
        m_page->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_page.get()));
        waitLoaded();
    }

    void waitLoaded()
    {
        ASSERT_TRUE(QTest::qWaitFor([this] { return m_page->isLoaded(); }, kWaitMs));
    }

    /// Waits until the page's writer has run every change asked of it (writes are asynchronous).
    void waitWritten()
    {
        ASSERT_TRUE(QTest::qWaitFor([this] { return m_page->writer()->pending() == 0; }, kWaitMs));
    }

    /// Waits until the page has loaded again after a change in the database.
    void waitReloadedWith(const std::function<bool()> &condition)
    {
        ASSERT_TRUE(QTest::qWaitFor(condition, kWaitMs));
    }

    qint64 addPost(const QDateTime &at, Core::PublishMode mode = Core::PublishMode::Automatic)
    {
        Core::Post p = Cuepoint::Test::makePost(at, { m_account });
        p.videoPath = m_video;
        p.timeZoneId = QStringLiteral("Europe/Berlin");
        p.mode = mode;
        return m_posts->add(p);
    }

    QPoint centreOf(CalendarView *view, const QModelIndex &index)
    {
        return view->visualRect(index).center();
    }

    /// A point in the empty lower part of a cell (below any card).
    QPoint emptyPartOf(CalendarView *view, const QModelIndex &index)
    {
        const QRect r = view->visualRect(index);
        return QPoint(r.right() - 3, r.bottom() - 3);
    }

    std::optional<CalendarCard> shownCard(qint64 postId)
    {
        return m_page->currentModel()->card(postId);
    }

    Cuepoint::Test::TestProfile m_profile;
    Cuepoint::Test::FakeClock m_clock { QDateTime(QDate(2026, 3, 2), QTime(10, 0), Qt::UTC) };
    std::unique_ptr<Core::Database> m_db;
    std::unique_ptr<Core::AccountStore> m_accounts;
    std::unique_ptr<Core::PostStore> m_posts;
    std::unique_ptr<Core::Settings> m_settings;
    std::unique_ptr<SchedulePage> m_page;
    qint64 m_account = 0;
    QString m_video;
};

TEST_F(SchedulePageTest, ShowsTheDisplayZoneAndThePostsOfTheMonth)
{
    const qint64 id = addPost(utc(2026, 3, 10, 8, 15));
    makePage();
    EXPECT_EQ(m_page->displayZone(), kBerlin);
    auto *zoneBox = m_page->findChild<QComboBox *>(QStringLiteral("timeZoneComboBox"));
    ASSERT_NE(zoneBox, nullptr);
    EXPECT_EQ(zoneBox->currentText(), QStringLiteral("Europe/Berlin"));
    EXPECT_EQ(m_page->monthModel()->anchor().month(), 3);
    waitReloadedWith([&] { return shownCard(id).has_value(); });
    EXPECT_EQ(idsIn(cellOfDate(*m_page->monthModel(), QDate(2026, 3, 10))), QList<qint64>({ id }));

    // Switching the zone in the page is remembered in the settings.
    const int ny = zoneBox->findText(QStringLiteral("America/New_York"));
    ASSERT_GE(ny, 0);
    zoneBox->setCurrentIndex(ny);
    Q_EMIT zoneBox->activated(ny);
    EXPECT_EQ(
        m_settings->value(Core::Settings::DisplayTimeZone), QStringLiteral("America/New_York"));
    EXPECT_EQ(m_page->displayZone(), kNewYork);
}

TEST_F(SchedulePageTest, ClickingADayOpensTheFormWithThatDate)
{
    makePage();
    CalendarView *view = m_page->monthView();
    const QModelIndex day = cellOfDate(*m_page->monthModel(), QDate(2026, 3, 20));
    ASSERT_TRUE(day.isValid());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, emptyPartOf(view, day));
    ASSERT_TRUE(QTest::qWaitFor([this] { return m_page->composer() != nullptr; }, kWaitMs));
    EXPECT_EQ(m_page->composer()->localDateTime(), QDateTime(QDate(2026, 3, 20), QTime(9, 0)));
    EXPECT_EQ(m_page->composer()->zone(), kBerlin);
}

TEST_F(SchedulePageTest, ClickingAnHourOpensTheFormWithThatDateAndTime)
{
    makePage();
    m_page->showView(SchedulePage::View::Week);
    waitLoaded();
    CalendarView *view = m_page->weekView();
    const QModelIndex hour = cellOfDate(*m_page->weekModel(), QDate(2026, 3, 4), 14);
    ASSERT_TRUE(hour.isValid());
    view->scrollTo(hour);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, emptyPartOf(view, hour));
    ASSERT_TRUE(QTest::qWaitFor([this] { return m_page->composer() != nullptr; }, kWaitMs));
    EXPECT_EQ(m_page->composer()->localDateTime(), QDateTime(QDate(2026, 3, 4), QTime(14, 0)));
}

TEST_F(SchedulePageTest, DraggingACardReschedulesItAndUndoRestoresIt)
{
    const QDateTime before = utc(2026, 3, 10, 8, 15); // 09:15 in Berlin
    const qint64 id = addPost(before);
    makePage();
    waitReloadedWith([&] { return shownCard(id).has_value(); });
    CalendarView *view = m_page->monthView();
    const QModelIndex target = cellOfDate(*m_page->monthModel(), QDate(2026, 3, 12));

    QMimeData mime;
    mime.setData(CalendarView::postMimeType(), QByteArray::number(id));
    const QPointF at = centreOf(view, target);
    QDragEnterEvent enter(at.toPoint(), Qt::MoveAction, &mime, Qt::LeftButton, {});
    QCoreApplication::sendEvent(view->viewport(), &enter);
    QDragMoveEvent move(at.toPoint(), Qt::MoveAction, &mime, Qt::LeftButton, {});
    QCoreApplication::sendEvent(view->viewport(), &move);
    ASSERT_TRUE(move.isAccepted());
    QDropEvent drop(at, Qt::MoveAction, &mime, Qt::LeftButton, {});
    QCoreApplication::sendEvent(view->viewport(), &drop);
    waitWritten();

    const QDateTime after = utc(2026, 3, 12, 8, 15); // the same 09:15, two days later
    EXPECT_EQ(m_posts->post(id)->scheduledAt, after);
    EXPECT_EQ(m_posts->post(id)->timeZoneId, QStringLiteral("Europe/Berlin"));
    waitReloadedWith(
        [&] { return idsIn(cellOfDate(*m_page->monthModel(), QDate(2026, 3, 12))).contains(id); });

    m_page->undoStack()->undo();
    waitWritten();
    EXPECT_EQ(m_posts->post(id)->scheduledAt, before);
    m_page->undoStack()->redo();
    waitWritten();
    EXPECT_EQ(m_posts->post(id)->scheduledAt, after);
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
    waitWritten();
    EXPECT_EQ(m_posts->post(id)->scheduledAt, before);
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    waitWritten();
    EXPECT_EQ(m_posts->post(id)->scheduledAt, after);

    // Undo then redo queued back to back apply in that order.
    m_page->undoStack()->undo();
    m_page->undoStack()->redo();
    m_page->undoStack()->undo();
    waitWritten();
    EXPECT_EQ(m_posts->post(id)->scheduledAt, before);
    EXPECT_EQ(m_page->undoStack()->index(), 0);
    waitReloadedWith(
        [&] { return idsIn(cellOfDate(*m_page->monthModel(), QDate(2026, 3, 10))).contains(id); });
}

TEST_F(SchedulePageTest, KeysMoveTheSelectionAndDeleteCancelsUndoably)
{
    const qint64 id = addPost(utc(2026, 3, 10, 8, 15));
    makePage();
    waitReloadedWith([&] { return shownCard(id).has_value(); });
    CalendarView *view = m_page->monthView();
    view->setFocus();
    view->setCurrentIndex(cellOfDate(*m_page->monthModel(), QDate(2026, 3, 9)));
    EXPECT_EQ(m_page->selectedPost(), 0);
    QTest::keyClick(view, Qt::Key_Right);
    EXPECT_EQ(view->currentIndex().data(DateRole).toDate(), QDate(2026, 3, 10));
    EXPECT_EQ(m_page->selectedPost(), id);

    QTest::keyClick(view, Qt::Key_Delete);
    waitWritten();
    EXPECT_EQ(m_posts->post(id)->targets.first().state, Core::TargetState::Cancelled);
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
    waitWritten();
    EXPECT_EQ(m_posts->post(id)->targets.first().state, Core::TargetState::Scheduled);
    const QList<Core::JournalEntry> journal =
        m_posts->journal(m_posts->post(id)->targets.first().id);
    ASSERT_EQ(journal.size(), 3);
    EXPECT_EQ(journal.last().detail, QStringLiteral("cancel undone in the calendar"));

    // Enter opens the selected post in the form; Ctrl+N a new one.
    QTest::keyClick(view, Qt::Key_Return);
    ASSERT_TRUE(QTest::qWaitFor([this] { return m_page->composer() != nullptr; }, kWaitMs));
    EXPECT_EQ(m_page->composer()->post().id, id);
}

TEST_F(SchedulePageTest, EditingThroughTheFormIsUndoable)
{
    const qint64 id = addPost(utc(2026, 3, 10, 8, 15));
    makePage();
    waitReloadedWith([&] { return shownCard(id).has_value(); });
    m_page->selectPost(id);
    auto *edit = m_page->findChild<QPushButton *>(QStringLiteral("editButton"));
    ASSERT_TRUE(QTest::qWaitFor([edit] { return edit->isEnabled(); }, kWaitMs));
    QTest::mouseClick(edit, Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([this] { return m_page->composer() != nullptr; }, kWaitMs));
    ComposerDialog *form = m_page->composer();
    EXPECT_EQ(form->localDateTime(), QDateTime(QDate(2026, 3, 10), QTime(9, 15)));
    EXPECT_EQ(form->contentStep()->caption(), QStringLiteral("hello #fyp"));
    form->contentStep()->setCaption(QStringLiteral("A better caption #fyp"));
    form->accept(); // (the file is not a real video: the composer's own check is bypassed here)
    waitWritten();
    EXPECT_EQ(m_posts->post(id)->caption, QStringLiteral("A better caption #fyp"));
    m_page->undoStack()->undo();
    waitWritten();
    EXPECT_EQ(m_posts->post(id)->caption, QStringLiteral("hello #fyp"));
    m_page->undoStack()->redo();
    waitWritten();
    EXPECT_EQ(m_posts->post(id)->caption, QStringLiteral("A better caption #fyp"));
}

TEST_F(SchedulePageTest, DeletingIsUndoable)
{
    const qint64 id = addPost(utc(2026, 3, 10, 8, 15));
    makePage();
    waitReloadedWith([&] { return shownCard(id).has_value(); });
    m_page->selectPost(id);
    auto *remove = m_page->findChild<QPushButton *>(QStringLiteral("deleteButton"));
    ASSERT_TRUE(QTest::qWaitFor([remove] { return remove->isEnabled(); }, kWaitMs));
    QTest::mouseClick(remove, Qt::LeftButton);
    waitWritten();
    EXPECT_TRUE(m_posts->posts().isEmpty());
    m_page->undoStack()->undo();
    waitWritten();
    const QList<Core::Post> back = m_posts->posts();
    ASSERT_EQ(back.size(), 1);
    EXPECT_EQ(back.first().scheduledAt, utc(2026, 3, 10, 8, 15));
    EXPECT_EQ(back.first().targets.first().state, Core::TargetState::Scheduled);
    m_page->undoStack()->redo();
    waitWritten();
    EXPECT_TRUE(m_posts->posts().isEmpty());
}

TEST_F(SchedulePageTest, AWriteWaitingForTheLockLeavesTheWindowResponsive)
{
    const qint64 id = addPost(utc(2026, 3, 10, 8, 15));
    makePage();
    waitReloadedWith([&] { return shownCard(id).has_value(); });
    QSignalSpy errors(m_page.get(), &SchedulePage::errorShown);

    // Another connection (the publisher, cuepoint-cli) holds SQLite's write lock.
    std::unique_ptr<Core::Database> other = Core::Database::open(m_db->path());
    QSqlQuery lock(QSqlDatabase::database(other->connectionName()));
    ASSERT_TRUE(lock.exec(QStringLiteral("BEGIN IMMEDIATE")))
        << lock.lastError().text().toStdString();

    // The event loop's heartbeat, while the page cancels a post and reschedules another.
    int ticks = 0;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(10);
    QObject::connect(&heartbeat, &QTimer::timeout, &heartbeat, [&ticks] { ++ticks; });
    heartbeat.start();
    QElapsedTimer elapsed;
    elapsed.start();
    m_page->selectPost(id);
    m_page->cancelSelected();
    const QModelIndex target = cellOfDate(*m_page->monthModel(), QDate(2026, 3, 12));
    EXPECT_TRUE(m_page->movePostToSlot(id, target));
    ASSERT_TRUE(QTest::qWaitFor([&] { return elapsed.elapsed() >= 500; }, kWaitMs));
    heartbeat.stop();
    const qint64 window = elapsed.elapsed();
    // 50 ticks if nothing ever waited; a GUI thread waiting for the lock gets one or two.
    EXPECT_GE(ticks, 25) << ticks << " ticks of 10 ms in " << window << " ms";
    EXPECT_LT(window, 2000) << "the event loop stalled";
    EXPECT_EQ(m_page->writer()->pending(), 2) << "both writes still wait for the lock";
    EXPECT_EQ(m_posts->post(id)->targets.first().state, Core::TargetState::Scheduled);
    EXPECT_EQ(m_page->undoStack()->count(), 2);

    // The lock goes: both writes land, in order, and the calendar shows them.
    ASSERT_TRUE(lock.exec(QStringLiteral("ROLLBACK"))) << lock.lastError().text().toStdString();
    waitWritten();
    const Core::Post post = *m_posts->post(id);
    EXPECT_EQ(post.targets.first().state, Core::TargetState::Cancelled);
    EXPECT_EQ(post.scheduledAt, utc(2026, 3, 12, 8, 15));
    EXPECT_EQ(errors.count(), 0);
    waitReloadedWith([&] {
        return shownCard(id) && shownCard(id)->status() == CardStatus::Cancelled
            && idsIn(cellOfDate(*m_page->monthModel(), QDate(2026, 3, 12))).contains(id);
    });
}

TEST_F(SchedulePageTest, ARefusedRescheduleIsSaidAndLeavesNoStepBehind)
{
    const QDateTime before = utc(2026, 3, 10, 8, 15);
    const QDateTime after = utc(2026, 3, 12, 8, 15);
    const qint64 id = addPost(before);
    makePage();
    waitReloadedWith([&] { return shownCard(id).has_value(); });
    QSignalSpy errors(m_page.get(), &SchedulePage::errorShown);
    auto *message = m_page->findChild<QLabel *>(QStringLiteral("messageLabel"));
    ASSERT_NE(message, nullptr);
    const qint64 target = m_posts->post(id)->targets.first().id;
    const QModelIndex day12 = cellOfDate(*m_page->monthModel(), QDate(2026, 3, 12));

    // The publisher takes the post just before the drop lands (the card still shows it
    // scheduled): the store refuses the move.
    ASSERT_TRUE(m_posts->transition(target, Core::TargetState::Scheduled,
        Core::TargetState::Publishing, QStringLiteral("test")));
    EXPECT_TRUE(m_page->movePostToSlot(id, day12));
    waitWritten();
    ASSERT_EQ(errors.count(), 1);
    const QString said = errors.first().first().toString();
    EXPECT_TRUE(said.contains(QStringLiteral("being published"))) << said.toStdString();
    EXPECT_TRUE(message->isVisibleTo(m_page.get()));
    EXPECT_EQ(message->text(), said);
    EXPECT_EQ(m_posts->post(id)->scheduledAt, before);
    EXPECT_EQ(m_posts->post(id)->targets.first().state, Core::TargetState::Publishing);
    EXPECT_EQ(m_page->undoStack()->count(), 0) << "no step for a move that did not happen";
    EXPECT_FALSE(m_page->undoStack()->canUndo());

    // Moved while it could be; the undo is refused once publishing started: the post stays
    // where it is and the step goes (nothing to redo either).
    ASSERT_TRUE(m_posts->transition(
        target, Core::TargetState::Publishing, Core::TargetState::Failed, QStringLiteral("test")));
    waitReloadedWith(
        [&] { return shownCard(id) && shownCard(id)->status() == CardStatus::Failed; });
    EXPECT_TRUE(m_page->movePostToSlot(id, day12));
    waitWritten();
    EXPECT_EQ(m_posts->post(id)->scheduledAt, after);
    EXPECT_EQ(m_page->undoStack()->count(), 1);
    ASSERT_TRUE(m_posts->transition(
        target, Core::TargetState::Failed, Core::TargetState::Scheduled, QStringLiteral("test")));
    ASSERT_TRUE(m_posts->transition(target, Core::TargetState::Scheduled,
        Core::TargetState::Publishing, QStringLiteral("test")));
    m_page->undoStack()->undo();
    waitWritten();
    EXPECT_EQ(errors.count(), 2);
    EXPECT_EQ(m_posts->post(id)->scheduledAt, after);
    EXPECT_EQ(m_page->undoStack()->count(), 0);
    EXPECT_FALSE(m_page->undoStack()->canUndo());
    EXPECT_FALSE(m_page->undoStack()->canRedo());
    waitReloadedWith([&] {
        return shownCard(id) && shownCard(id)->status() == CardStatus::Uploading
            && idsIn(day12).contains(id);
    });
}

TEST_F(SchedulePageTest, CtrlNOpensTheFormOnTheNextFreeHour)
{
    addPost(utc(2026, 3, 2, 11, 0)); // 12:00 CET, the next full hour, is taken
    makePage();
    m_page->monthView()->setFocus();
    QTest::keyClick(m_page->monthView(), Qt::Key_N, Qt::ControlModifier);
    ASSERT_TRUE(QTest::qWaitFor([this] { return m_page->composer() != nullptr; }, kWaitMs));
    EXPECT_EQ(m_page->composer()->localDateTime(), QDateTime(QDate(2026, 3, 2), QTime(13, 0)));
}

TEST_F(SchedulePageTest, RetryFollowsTheCliRules)
{
    const qint64 failed = addPost(utc(2026, 3, 10, 8, 15));
    const qint64 unsure = addPost(utc(2026, 3, 11, 8, 15));
    const auto moveTo = [this](qint64 post, const QList<Core::TargetState> &path) {
        const qint64 target = m_posts->post(post)->targets.first().id;
        Core::TargetState from = Core::TargetState::Scheduled;
        for (const Core::TargetState to : path) {
            ASSERT_TRUE(m_posts->transition(target, from, to, QStringLiteral("test")));
            from = to;
        }
    };
    moveTo(failed, { Core::TargetState::Publishing, Core::TargetState::Failed });
    moveTo(unsure,
        { Core::TargetState::Publishing, Core::TargetState::Processing,
            Core::TargetState::Unconfirmed });
    makePage();
    auto *retry = m_page->findChild<QPushButton *>(QStringLiteral("retryButton"));

    m_page->selectPost(failed);
    ASSERT_TRUE(QTest::qWaitFor([retry] { return retry->isEnabled(); }, kWaitMs));
    QTest::mouseClick(retry, Qt::LeftButton);
    waitWritten();
    EXPECT_EQ(m_posts->post(failed)->targets.first().state, Core::TargetState::Scheduled);

    // Unconfirmed: only after the user confirms they looked on TikTok.
    m_page->selectPost(unsure);
    ASSERT_TRUE(QTest::qWaitFor([retry] { return retry->isEnabled(); }, kWaitMs));
    QTest::mouseClick(retry, Qt::LeftButton);
    auto *box = m_page->findChild<QMessageBox *>(QStringLiteral("confirmRetryBox"));
    ASSERT_NE(box, nullptr);
    EXPECT_EQ(m_posts->post(unsure)->targets.first().state, Core::TargetState::Unconfirmed);
    QAbstractButton *again = nullptr;
    for (QAbstractButton *b : box->buttons()) {
        if (box->buttonRole(b) == QMessageBox::AcceptRole) {
            again = b;
        }
    }
    ASSERT_NE(again, nullptr);
    QTest::mouseClick(again, Qt::LeftButton);
    waitWritten();
    const Core::PostTarget t = m_posts->post(unsure)->targets.first();
    EXPECT_EQ(t.state, Core::TargetState::Scheduled);
    EXPECT_TRUE(t.lateAllowed);
    EXPECT_TRUE(m_posts->journal(t.id).last().detail.contains(QStringLiteral("checked TikTok")));
}

TEST_F(SchedulePageTest, PlusMoreShowsEveryPostOfTheDay)
{
    QList<qint64> ids;
    for (int i = 0; i < 5; ++i) {
        ids << addPost(utc(2026, 3, 12, 8 + i, 0));
    }
    makePage();
    waitReloadedWith([&] { return shownCard(ids.last()).has_value(); });
    CalendarView *view = m_page->monthView();
    const QModelIndex day = cellOfDate(*m_page->monthModel(), QDate(2026, 3, 12));
    const QRect more =
        view->calendarDelegate()->moreRect(view->visualRect(day), QFontMetrics(view->font()), 5);
    ASSERT_FALSE(more.isNull()) << "five posts do not fit in a month cell";
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, more.center());
    EXPECT_EQ(m_page->currentView(), SchedulePage::View::Agenda);
    EXPECT_EQ(m_page->agendaModel()->anchor(), QDate(2026, 3, 12));
    EXPECT_EQ(m_page->composer(), nullptr) << "not a click on the slot";
    waitReloadedWith([&] { return m_page->agendaModel()->rowCount() == 5; });
}

TEST_F(SchedulePageTest, CardMarksFollowTheTargetState)
{
    const qint64 id = addPost(utc(2026, 3, 10, 8, 15));
    const qint64 notify = addPost(utc(2026, 3, 11, 8, 15), Core::PublishMode::Notify);
    makePage();
    waitReloadedWith([&] { return shownCard(id).has_value() && shownCard(notify).has_value(); });
    EXPECT_EQ(shownCard(id)->status(), CardStatus::Scheduled);
    EXPECT_TRUE(shownCard(id)->readyToPublish()) << "auto, connected, video there: lightning";
    EXPECT_FALSE(shownCard(notify)->readyToPublish()) << "notification mode shows a bell";
    EXPECT_EQ(shownCard(notify)->mode, Core::PublishMode::Notify);

    // The green sidebar is painted.
    CalendarView *view = m_page->monthView();
    const QPoint card = view->cardCentre(id);
    ASSERT_FALSE(card.isNull());
    const QRect cell = view->visualRect(cellOfDate(*m_page->monthModel(), QDate(2026, 3, 10)));
    const QImage shot = view->viewport()->grab().toImage();
    const auto sidebarColour = [&] {
        const QImage image = view->viewport()->grab().toImage();
        const qreal dpr = image.devicePixelRatio();
        return image.pixelColor(QPoint(cell.left() + 3, card.y()) * dpr);
    };
    Q_UNUSED(shot)
    EXPECT_EQ(sidebarColour(), CalendarDelegate::statusColour(CardStatus::Scheduled));

    // Approval required: no lightning until approved.
    m_settings->setValue(Core::Settings::ApprovalRequired, true);
    waitReloadedWith([&] { return shownCard(id) && !shownCard(id)->readyToPublish(); });
    m_posts->setApproval(id, Core::ApprovalState::Approved);
    waitReloadedWith([&] { return shownCard(id) && shownCard(id)->readyToPublish(); });

    // Uploading: progress from the checkpoint.
    const qint64 target = m_posts->post(id)->targets.first().id;
    Core::PostStore::TargetUpdate sizes;
    sizes.totalBytes = 1000;
    ASSERT_TRUE(m_posts->transition(target, Core::TargetState::Scheduled,
        Core::TargetState::Publishing, QStringLiteral("test"), sizes));
    m_posts->checkpointUpload(target, 400);
    waitReloadedWith([&] {
        return shownCard(id) && shownCard(id)->status() == CardStatus::Uploading
            && qFuzzyCompare(shownCard(id)->progress(), 0.4);
    });
    // Published, with TikTok's id for the link.
    ASSERT_TRUE(m_posts->transition(target, Core::TargetState::Publishing,
        Core::TargetState::Processing, QStringLiteral("test")));
    Core::PostStore::TargetUpdate published;
    published.tiktokPostId = QStringLiteral("7312345678901234567");
    ASSERT_TRUE(m_posts->transition(target, Core::TargetState::Processing,
        Core::TargetState::Published, QStringLiteral("test"), published));
    waitReloadedWith(
        [&] { return shownCard(id) && shownCard(id)->status() == CardStatus::Published; });
    EXPECT_EQ(shownCard(id)->tiktokPostId(), QStringLiteral("7312345678901234567"));
    EXPECT_TRUE(shownCard(id)->toolTip(kBerlin).contains(QStringLiteral("Published")));

    // Failed: red, with the reason.
    const qint64 notifyTarget = m_posts->post(notify)->targets.first().id;
    Core::PostStore::TargetUpdate failure;
    failure.lastError = QStringLiteral("TikTok says the video is too short.");
    ASSERT_TRUE(m_posts->transition(notifyTarget, Core::TargetState::Scheduled,
        Core::TargetState::Publishing, QStringLiteral("test")));
    ASSERT_TRUE(m_posts->transition(notifyTarget, Core::TargetState::Publishing,
        Core::TargetState::Failed, QStringLiteral("test"), failure));
    waitReloadedWith(
        [&] { return shownCard(notify) && shownCard(notify)->status() == CardStatus::Failed; });
    EXPECT_EQ(shownCard(notify)->problem(), QStringLiteral("TikTok says the video is too short."));
    const QRect failedCell =
        view->visualRect(cellOfDate(*m_page->monthModel(), QDate(2026, 3, 11)));
    const QPoint failedCard = view->cardCentre(notify);
    const QImage image = view->viewport()->grab().toImage();
    EXPECT_EQ(
        image.pixelColor(QPoint(failedCell.left() + 3, failedCard.y()) * image.devicePixelRatio()),
        CalendarDelegate::statusColour(CardStatus::Failed));

    // Held and awaiting approval are amber.
    ASSERT_TRUE(m_posts->transition(notifyTarget, Core::TargetState::Failed,
        Core::TargetState::Scheduled, QStringLiteral("test")));
    ASSERT_TRUE(m_posts->transition(notifyTarget, Core::TargetState::Scheduled,
        Core::TargetState::AwaitingApproval, QStringLiteral("test")));
    waitReloadedWith([&] {
        return shownCard(notify) && shownCard(notify)->status() == CardStatus::NeedsAttention;
    });
}

TEST_F(SchedulePageTest, TheAgendaListsUpcomingPosts)
{
    const qint64 soon = addPost(utc(2026, 3, 5, 8, 0));
    const qint64 later = addPost(utc(2026, 4, 20, 8, 0));
    makePage();
    m_page->showView(SchedulePage::View::Agenda);
    waitReloadedWith([&] { return m_page->shownCard(soon).has_value(); });
    EXPECT_FALSE(m_page->shownCard(later).has_value());
    EXPECT_EQ(m_page->agendaModel()->anchor(), QDate(2026, 3, 2)) << "today";
    EXPECT_EQ(m_page->agendaModel()->rowCount(), 1);
}

TEST_F(SchedulePageTest, NavigationShowsOtherMonthsAndWeeks)
{
    const qint64 april = addPost(utc(2026, 4, 14, 8, 0));
    makePage();
    EXPECT_FALSE(shownCard(april).has_value());
    m_page->goNext();
    waitReloadedWith([&] { return shownCard(april).has_value(); });
    EXPECT_EQ(m_page->monthModel()->anchor().month(), 4);
    m_page->showView(SchedulePage::View::Week);
    m_page->goToday();
    waitLoaded();
    EXPECT_EQ(m_page->weekModel()->firstDay(), QDate(2026, 3, 2));
    m_page->goPrevious();
    waitLoaded();
    EXPECT_EQ(m_page->weekModel()->firstDay(), QDate(2026, 2, 23));
}

TEST_F(SchedulePageTest, TheComposerChecksTheVideoBeforeNext)
{
    // (Scheduling from the composer, with each creator's settings from the sandbox, is in
    // ComposerDialogTest.)
    makePage();
    const QString fixtures = QStringLiteral(CUEPOINT_FIXTURES_DIR);
    m_page->newPostWithVideos({ fixtures + QStringLiteral("/fps20.mp4") });
    ASSERT_TRUE(QTest::qWaitFor([this] { return m_page->composer() != nullptr; }, kWaitMs));
    ComposerDialog *form = m_page->composer();
    ASSERT_TRUE(QTest::qWaitFor([form] { return form->contentStep()->isVideoChecked(); }, kWaitMs));
    QStringList problems;
    EXPECT_FALSE(form->isAcceptable(&problems));
    EXPECT_TRUE(problems.join(QLatin1Char(' ')).contains(QStringLiteral("fps")))
        << problems.join(QLatin1Char('|')).toStdString();
    auto *next = form->findChild<QPushButton *>(QStringLiteral("nextButton"));
    ASSERT_NE(next, nullptr);
    EXPECT_FALSE(next->isEnabled());

    form->setVideo(fixtures + QStringLiteral("/ok_3s.mp4"));
    ASSERT_TRUE(QTest::qWaitFor([form] { return form->contentStep()->isVideoChecked(); }, kWaitMs));
    EXPECT_TRUE(next->isEnabled());
    // Now is 11:00 CET: the composer opens on the next hour, 12:00 CET, in the display zone.
    EXPECT_EQ(form->localDateTime(), QDateTime(QDate(2026, 3, 2), QTime(12, 0)));
    EXPECT_EQ(form->zone(), kBerlin);
    EXPECT_EQ(form->post().scheduledAt, utc(2026, 3, 2, 11, 0));
}

TEST_F(SchedulePageTest, TheFormExplainsTimesTheClocksSkip)
{
    makePage();
    m_page->newPost();
    ASSERT_TRUE(QTest::qWaitFor([this] { return m_page->composer() != nullptr; }, kWaitMs));
    ComposerDialog *form = m_page->composer();
    form->setSlot(QDate(2026, 3, 29), QTime(2, 30), kBerlin);
    QStringList problems;
    EXPECT_FALSE(form->isAcceptable(&problems));
    EXPECT_TRUE(problems.join(QLatin1Char(' ')).contains(QStringLiteral("does not exist")))
        << problems.join(QLatin1Char('|')).toStdString();
}

} // namespace
} // namespace Cuepoint::Gui
