// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The media library page on a real profile (offscreen): the publication filter against the
// posts in the SQLite file, search by name, the tag filter; an import with progress that fills
// the grid (and a second one that finds duplicates); a moved file marked missing with the posts
// that need it named; dragging a video onto a calendar slot opens the scheduling form with it;
// and the watch folder importing a file written in two parts once, after it is complete.
#include "views/MediaLibraryPage.h"

#include "FakeClock.h"
#include "MainWindow.h"
#include "ProfileFacts.h"
#include "TestProfile.h"
#include "composer/ComposerContentStep.h"
#include "composer/ComposerDialog.h"
#include "controllers/LibraryController.h"
#include "models/CalendarCard.h"
#include "models/CalendarModel.h"
#include "models/ItemRoles.h"
#include "models/MediaLibraryModel.h"
#include "views/SchedulePage.h"
#include "views/SettingsPage.h"
#include "widgets/CalendarView.h"

#include "cuepoint/core/media/ContentHash.h"
#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/MediaStore.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/support/Settings.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

namespace Cuepoint::Gui {
namespace {

constexpr int kWaitMs = 20'000;

QString fixture(const char *name)
{
    return QStringLiteral(CUEPOINT_FIXTURES_DIR "/") + QString::fromUtf8(name);
}

class MediaLibraryPageTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_db = m_profile.openDatabase();
        m_media = std::make_unique<Core::MediaStore>(*m_db, m_clock);
        m_accounts = std::make_unique<Core::AccountStore>(*m_db, m_clock);
        m_posts = std::make_unique<Core::PostStore>(*m_db, m_clock);
        m_account = m_accounts->save(Cuepoint::Test::makeAccount(QStringLiteral("studio")));
    }

    void TearDown() override
    {
        m_page.reset();
        m_controller.reset();
    }

    void makePage()
    {
        const Core::Profile &p = m_profile.profile();
        m_controller = std::make_unique<LibraryController>(LibraryServices { m_db->path(),
            p.cacheDir() + QStringLiteral("/library"), p.rootDir() + QStringLiteral("/library") });
        m_page = std::make_unique<MediaLibraryPage>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_page->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_page->resize(1100, 700);
        m_page->setController(m_controller.get());
        m_page->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_page.get()));
        waitLoaded();
    }

    void waitLoaded()
    {
        ASSERT_TRUE(QTest::qWaitFor(
            [this] { return m_page->isLoaded() && m_controller->pending() == 0; }, kWaitMs));
    }

    /// Copies fixture @p name to @p relative in the test folder.
    QString place(const char *name, const QString &relative)
    {
        const QString target = m_dir.filePath(relative);
        QDir().mkpath(QFileInfo(target).absolutePath());
        EXPECT_TRUE(QFile::copy(fixture(name), target));
        return QFileInfo(target).absoluteFilePath();
    }

    /// An asset straight in the database (as an earlier import left it).
    qint64 addAsset(const QString &path, const QStringList &tags = {})
    {
        Core::MediaAsset a;
        a.path = path;
        a.contentHash = Core::ContentHash::ofFile(path);
        a.sizeBytes = QFileInfo(path).size();
        a.durationMs = 5000;
        a.valid = true;
        a.tags = tags;
        return m_media->add(a);
    }

    qint64 addPost(const QString &video, std::optional<qint64> asset, Core::TargetState state,
        const QDateTime &at)
    {
        Core::Post p = Cuepoint::Test::makePost(at, { m_account });
        p.videoPath = video;
        p.mediaAssetId = asset;
        p.targets[0].state = state;
        return m_posts->add(p);
    }

    QStringList shownNames() const
    {
        QStringList names;
        for (int r = 0; r < m_page->model()->rowCount(); ++r) {
            names << m_page->model()->index(r).data().toString();
        }
        names.sort();
        return names;
    }

    template<typename T> T *child(const char *name) const
    {
        T *w = m_page->findChild<T *>(QString::fromLatin1(name));
        EXPECT_NE(w, nullptr) << name;
        return w;
    }

    void choose(QComboBox *box, const QString &text)
    {
        const int i = box->findText(text);
        ASSERT_GE(i, 0) << text.toStdString();
        box->setCurrentIndex(i);
        waitLoaded();
    }

    Cuepoint::Test::TestProfile m_profile;
    Cuepoint::Test::FakeClock m_clock { QDateTime(QDate(2026, 3, 2), QTime(10, 0), Qt::UTC) };
    QTemporaryDir m_dir;
    std::unique_ptr<Core::Database> m_db;
    std::unique_ptr<Core::MediaStore> m_media;
    std::unique_ptr<Core::AccountStore> m_accounts;
    std::unique_ptr<Core::PostStore> m_posts;
    std::unique_ptr<LibraryController> m_controller;
    std::unique_ptr<MediaLibraryPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    qint64 m_account = 0;
};

TEST_F(MediaLibraryPageTest, FiltersByPublicationNameAndTag)
{
    const QString beach = place("ok_h264_aac_faststart.mp4", QStringLiteral("v/beach-day.mp4"));
    const QString studio = place("ok_moov_at_end.mp4", QStringLiteral("v/studio-intro.mp4"));
    const QString promo = place("ok_no_audio.mp4", QStringLiteral("v/promo.mp4"));
    const qint64 beachId = addAsset(beach, { QStringLiteral("summer") });
    const qint64 studioId = addAsset(studio);
    addAsset(promo, { QStringLiteral("summer"), QStringLiteral("promo") });
    // Published through the asset id; the studio clip's post is only scheduled, and the promo
    // clip's post was published by path (before the library knew the file).
    addPost(beach, beachId, Core::TargetState::Published, m_clock.nowUtc().addDays(-2));
    addPost(studio, studioId, Core::TargetState::Scheduled, m_clock.nowUtc().addDays(2));
    addPost(promo, std::nullopt, Core::TargetState::Cancelled, m_clock.nowUtc().addDays(-1));
    makePage();

    EXPECT_EQ(shownNames(),
        QStringList({ QStringLiteral("beach-day.mp4"), QStringLiteral("promo.mp4"),
            QStringLiteral("studio-intro.mp4") }));
    auto *publication = child<QComboBox>("publicationComboBox");
    choose(publication, QStringLiteral("Published"));
    EXPECT_EQ(shownNames(), QStringList({ QStringLiteral("beach-day.mp4") }));
    choose(publication, QStringLiteral("Not yet published"));
    EXPECT_EQ(shownNames(),
        QStringList({ QStringLiteral("promo.mp4"), QStringLiteral("studio-intro.mp4") }));
    choose(publication, QStringLiteral("All videos"));

    // A published post by path only also counts.
    addPost(promo, std::nullopt, Core::TargetState::Published, m_clock.nowUtc().addDays(-1));
    choose(publication, QStringLiteral("Published"));
    EXPECT_EQ(shownNames(),
        QStringList({ QStringLiteral("beach-day.mp4"), QStringLiteral("promo.mp4") }));
    choose(publication, QStringLiteral("All videos"));

    auto *search = child<QLineEdit>("searchLineEdit");
    search->setText(QStringLiteral("STUDIO"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return m_page->model()->rowCount() == 1; }, kWaitMs));
    waitLoaded();
    EXPECT_EQ(shownNames(), QStringList({ QStringLiteral("studio-intro.mp4") }));
    search->clear();
    ASSERT_TRUE(QTest::qWaitFor([&] { return m_page->model()->rowCount() == 3; }, kWaitMs));
    waitLoaded();

    auto *tags = child<QComboBox>("tagComboBox");
    EXPECT_EQ(tags->count(), 3); // All tags, promo, summer
    choose(tags, QStringLiteral("summer"));
    EXPECT_EQ(shownNames(),
        QStringList({ QStringLiteral("beach-day.mp4"), QStringLiteral("promo.mp4") }));
    choose(tags, QStringLiteral("promo"));
    EXPECT_EQ(shownNames(), QStringList({ QStringLiteral("promo.mp4") }));
}

TEST_F(MediaLibraryPageTest, EditingTagsOfTheSelectedVideoStoresThem)
{
    const qint64 id = addAsset(place("ok_h264_aac_faststart.mp4", QStringLiteral("v/clip.mp4")));
    makePage();
    m_page->selectAsset(id);
    ASSERT_EQ(m_page->selectedAsset(), id);
    auto *edit = child<QLineEdit>("tagsLineEdit");
    edit->setText(QStringLiteral("launch,  spring , launch"));
    Q_EMIT edit->editingFinished();
    ASSERT_TRUE(QTest::qWaitFor([&] { return m_media->asset(id)->tags.size() == 2; }, kWaitMs));
    EXPECT_EQ(m_media->asset(id)->tags,
        QStringList({ QStringLiteral("launch"), QStringLiteral("spring") }));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return child<QComboBox>("tagComboBox")->findText(QStringLiteral("spring")) > 0; },
        kWaitMs));
}

TEST_F(MediaLibraryPageTest, AnImportShowsProgressAndFillsTheGrid)
{
    place("ok_h264_aac_faststart.mp4", QStringLiteral("shoot/a.mp4"));
    place("ok_vp9_opus.webm", QStringLiteral("shoot/b.webm"));
    place("fps20.mp4", QStringLiteral("shoot/day2/c.mp4"));
    place("ok_h264.mov", QStringLiteral("shoot/day2/d.mov"));
    QFile notes(m_dir.filePath(QStringLiteral("shoot/notes.txt")));
    ASSERT_TRUE(notes.open(QIODevice::WriteOnly));
    notes.write("shot list");
    notes.close();
    makePage();
    QSignalSpy started(m_controller.get(), &LibraryController::importStarted);
    QSignalSpy progress(m_controller.get(), &LibraryController::importProgress);
    QSignalSpy finished(m_controller.get(), &LibraryController::importFinished);

    m_page->importPaths({ m_dir.filePath(QStringLiteral("shoot")) });
    EXPECT_EQ(started.size(), 1);
    EXPECT_TRUE(child<QWidget>("importRow")->isVisible()); // shown until the import ends
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished.size() == 1; }, kWaitMs));
    ASSERT_EQ(progress.size(), 4);
    EXPECT_EQ(progress.last().at(0).toInt(), 4);
    EXPECT_EQ(progress.last().at(1).toInt(), 4);
    EXPECT_FALSE(child<QWidget>("importRow")->isVisible());
    const QString message = child<QLabel>("messageLabel")->text();
    EXPECT_TRUE(message.contains(QStringLiteral("4 added"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("1 skipped"))) << message.toStdString();

    ASSERT_TRUE(QTest::qWaitFor([&] { return m_page->model()->rowCount() == 4; }, kWaitMs));
    waitLoaded();
    int invalid = 0;
    for (const LibraryItem &item : m_page->model()->items()) {
        EXPECT_FALSE(item.cover.isNull()) << item.asset.path.toStdString();
        EXPECT_GT(item.asset.durationMs, 0);
        invalid += item.asset.valid == false ? 1 : 0;
    }
    EXPECT_EQ(invalid, 1); // the 20 fps clip
    EXPECT_EQ(m_page->model()->items().size(), 4);

    // The same folder again: nothing is added twice, and the page says so.
    m_page->importPaths({ m_dir.filePath(QStringLiteral("shoot")) });
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished.size() == 2; }, kWaitMs));
    EXPECT_TRUE(
        child<QLabel>("messageLabel")->text().contains(QStringLiteral("4 already in the library")))
        << child<QLabel>("messageLabel")->text().toStdString();
    EXPECT_EQ(m_media->assets().size(), 4);
}

TEST_F(MediaLibraryPageTest, AMovedFileIsMarkedMissingAndThePostsNeedingItAreNamed)
{
    const QString clip = place("ok_h264_aac_faststart.mp4", QStringLiteral("v/launch.mp4"));
    const qint64 id = addAsset(clip);
    const qint64 post =
        addPost(clip, id, Core::TargetState::Scheduled, m_clock.nowUtc().addDays(1));
    makePage();
    QSignalSpy missing(m_controller.get(), &LibraryController::videosMissing);
    const QString moved = m_dir.filePath(QStringLiteral("elsewhere/launch.mp4"));
    QDir().mkpath(QFileInfo(moved).absolutePath());
    ASSERT_TRUE(QFile::rename(clip, moved));
    // The folder watcher notices; asking directly does not depend on inotify.
    m_controller->checkFiles();
    ASSERT_TRUE(QTest::qWaitFor([&] { return missing.size() >= 1; }, kWaitMs));
    EXPECT_TRUE(missing.first().at(0).toString().contains(QStringLiteral("launch.mp4")));
    EXPECT_EQ(missing.first().at(1).value<QList<qint64>>(), QList<qint64>({ post }));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return m_page->model()->rowCount() == 1
                && m_page->model()->index(0).data(MediaLibraryModel::MissingRole).toBool();
        },
        kWaitMs));

    // Imported again from its new place: relinked, and the post follows.
    QSignalSpy finished(m_controller.get(), &LibraryController::importFinished);
    m_page->importPaths({ QFileInfo(moved).absolutePath() });
    ASSERT_TRUE(QTest::qWaitFor([&] { return finished.size() == 1; }, kWaitMs));
    EXPECT_FALSE(m_media->asset(id)->missing);
    EXPECT_EQ(m_media->asset(id)->path, QFileInfo(moved).absoluteFilePath());
    EXPECT_EQ(m_posts->post(post)->videoPath, QFileInfo(moved).absoluteFilePath());
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return m_page->model()->rowCount() == 1
                && !m_page->model()->index(0).data(MediaLibraryModel::MissingRole).toBool();
        },
        kWaitMs));
}

TEST_F(MediaLibraryPageTest, DraggingAVideoOntoACalendarSlotOpensTheFormWithIt)
{
    const QString clip = place("ok_h264_aac_faststart.mp4", QStringLiteral("v/teaser.mp4"));
    addAsset(clip);
    makePage();
    ASSERT_EQ(m_page->model()->rowCount(), 1);

    Core::Settings settings(m_profile.profile().settingsPath());
    settings.setValue(Core::Settings::DisplayTimeZone, QStringLiteral("Europe/Berlin"));
    SchedulePage schedule;
    schedule.resize(1100, 700);
    schedule.setServices({ &settings, &m_clock, m_db->path(), m_profile.profile().cacheDir(), {} });
    schedule.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&schedule));
    ASSERT_TRUE(QTest::qWaitFor([&] { return schedule.isLoaded(); }, kWaitMs));

    // What the grid puts on a drag: the asset id and the file's URL.
    std::unique_ptr<QMimeData> mime(m_page->model()->mimeData({ m_page->model()->index(0) }));
    ASSERT_NE(mime, nullptr);
    EXPECT_TRUE(mime->hasFormat(MediaLibraryModel::mimeType()));
    const auto drop = [&](CalendarView *view, const QModelIndex &cell) {
        view->scrollTo(cell);
        const QPoint at = view->visualRect(cell).center();
        QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
        QCoreApplication::sendEvent(view->viewport(), &enter);
        ASSERT_TRUE(enter.isAccepted());
        QDragMoveEvent move(at, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
        QCoreApplication::sendEvent(view->viewport(), &move);
        ASSERT_TRUE(move.isAccepted());
        QDropEvent dropEvent(QPointF(at), Qt::CopyAction, mime.get(), Qt::LeftButton, {});
        QCoreApplication::sendEvent(view->viewport(), &dropEvent);
        ASSERT_TRUE(dropEvent.isAccepted());
    };
    const auto cell = [](const CalendarModel &model, const QDate &date, int hour) {
        for (int r = 0; r < model.rowCount(); ++r) {
            for (int c = 0; c < model.columnCount(); ++c) {
                const QModelIndex i = model.index(r, c);
                if (i.data(DateRole).toDate() == date && i.data(HourRole).toInt() == hour) {
                    return i;
                }
            }
        }
        return QModelIndex();
    };

    // A day of the month: that date at the usual hour.
    drop(schedule.monthView(), cell(*schedule.monthModel(), QDate(2026, 3, 18), -1));
    ASSERT_TRUE(QTest::qWaitFor([&] { return schedule.composer() != nullptr; }, kWaitMs));
    EXPECT_EQ(schedule.composer()->localDateTime(), QDateTime(QDate(2026, 3, 18), QTime(9, 0)));
    EXPECT_EQ(schedule.composer()->contentStep()->videoPath(), clip);
    schedule.composer()->close();
    ASSERT_TRUE(QTest::qWaitFor([&] { return schedule.composer() == nullptr; }, kWaitMs));

    // An hour of the week: that date and hour.
    schedule.showView(SchedulePage::View::Week);
    ASSERT_TRUE(QTest::qWaitFor([&] { return schedule.isLoaded(); }, kWaitMs));
    drop(schedule.weekView(), cell(*schedule.weekModel(), QDate(2026, 3, 4), 16));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return schedule.composer() != nullptr
                && schedule.composer()->localDateTime()
                == QDateTime(QDate(2026, 3, 4), QTime(16, 0));
        },
        kWaitMs));
    EXPECT_EQ(schedule.composer()->contentStep()->videoPath(), clip);
}

TEST_F(MediaLibraryPageTest, TheWatchFolderImportsAFileOnceAfterItIsComplete)
{
    const QString watched = m_dir.filePath(QStringLiteral("exports"));
    QDir().mkpath(watched);
    makePage();
    QSignalSpy finished(m_controller.get(), &LibraryController::importFinished);
    constexpr int kSettleMs = 1500;
    m_controller->setWatchFolder(watched, false, kSettleMs);

    // An editor writes its export in two parts with a pause between them.
    QFile source(fixture("ok_h264_aac_faststart.mp4"));
    ASSERT_TRUE(source.open(QIODevice::ReadOnly));
    const QByteArray bytes = source.readAll();
    const QString target = watched + QStringLiteral("/export.mp4");
    QFile out(target);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(bytes.left(bytes.size() / 2));
    out.flush();
    QTest::qWait(kSettleMs / 4); // the pause of the writer (shorter than the settle time)
    out.write(bytes.mid(bytes.size() / 2));
    out.close();

    ASSERT_TRUE(QTest::qWaitFor([&] { return finished.size() >= 1; }, kWaitMs));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !m_controller->isImporting(); }, kWaitMs));
    const QList<Core::MediaAsset> assets = m_media->assets();
    ASSERT_EQ(assets.size(), 1);
    EXPECT_EQ(assets.first().path, QFileInfo(target).absoluteFilePath());
    EXPECT_EQ(assets.first().sizeBytes, bytes.size());
    EXPECT_EQ(assets.first().contentHash, Core::ContentHash::ofFile(target));
    // Once: the half-written file was never handed to the importer.
    EXPECT_EQ(finished.size(), 1);
    ASSERT_TRUE(QTest::qWaitFor([&] { return m_page->model()->rowCount() == 1; }, kWaitMs));
}

TEST(MissingVideoCardTest, AScheduledPostWhoseVideoIsMissingNeedsAttention)
{
    CalendarCard card;
    card.postId = 1;
    card.at = QDateTime(QDate(2026, 3, 3), QTime(9, 0), Qt::UTC);
    CardTarget t;
    t.targetId = 1;
    t.accountId = 1;
    t.state = Core::TargetState::Scheduled;
    t.accountConnected = true;
    card.targets << t;
    card.videoFound = true;
    EXPECT_EQ(card.status(), CardStatus::Scheduled);
    card.videoFound = false;
    EXPECT_EQ(card.status(), CardStatus::NeedsAttention);
    EXPECT_TRUE(card.toolTip(QTimeZone::utc()).contains(QStringLiteral("missing")));
    // Once it went out, the file no longer matters.
    card.targets[0].state = Core::TargetState::Published;
    EXPECT_EQ(card.status(), CardStatus::Published);
}

TEST_F(MediaLibraryPageTest, DraggingAVideoOverScheduleInTheSidebarShowsTheCalendar)
{
    MainWindow window(ProfileFacts::of(m_profile.profile(), *m_db));
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    window.showPage(MainWindow::Page::MediaLibrary);
    auto *nav = window.findChild<QListWidget *>(QStringLiteral("navigationList"));
    ASSERT_NE(nav, nullptr);
    const QPoint schedule = nav->visualItemRect(nav->item(0)).center();
    QMimeData mime;
    mime.setData(MediaLibraryModel::mimeType(), QByteArray("1"));
    mime.setUrls({ QUrl::fromLocalFile(fixture("ok_h264_aac_faststart.mp4")) });
    QDragEnterEvent enter(schedule, Qt::CopyAction, &mime, Qt::LeftButton, {});
    QCoreApplication::sendEvent(nav->viewport(), &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDragMoveEvent move(schedule, Qt::CopyAction, &mime, Qt::LeftButton, {});
    QCoreApplication::sendEvent(nav->viewport(), &move);
    EXPECT_EQ(window.currentPage(), MainWindow::Page::Schedule);
}

TEST_F(MediaLibraryPageTest, TheSettingsPageKeepsTheLibraryOptions)
{
    Core::Settings settings(m_profile.profile().settingsPath());
    settings.setValue(Core::Settings::WatchFolder, m_dir.filePath(QStringLiteral("exports")));
    SettingsPage page(ProfileFacts::of(m_profile.profile(), *m_db));
    page.setSettings(&settings);
    auto *folder = page.findChild<QLineEdit *>(QStringLiteral("watchFolderLineEdit"));
    auto *copy = page.findChild<QCheckBox *>(QStringLiteral("copyImportsCheckBox"));
    ASSERT_NE(folder, nullptr);
    ASSERT_NE(copy, nullptr);
    EXPECT_EQ(folder->text(), QDir::toNativeSeparators(m_dir.filePath(QStringLiteral("exports"))));
    EXPECT_FALSE(copy->isChecked());
    QSignalSpy changed(&settings, &Core::Settings::changed);
    copy->click();
    EXPECT_TRUE(settings.value(Core::Settings::CopyImportsIntoLibrary));
    EXPECT_TRUE(
        changed.contains({ QString::fromLatin1(Core::Settings::CopyImportsIntoLibrary.key) }));
    // Written to the file, as a restart reads it.
    EXPECT_TRUE(Core::Settings(m_profile.profile().settingsPath())
                    .value(Core::Settings::CopyImportsIntoLibrary));
    auto *stop = page.findChild<QPushButton *>(QStringLiteral("clearWatchFolderButton"));
    ASSERT_NE(stop, nullptr);
    stop->click();
    EXPECT_TRUE(settings.value(Core::Settings::WatchFolder).isEmpty());
    EXPECT_TRUE(folder->text().isEmpty());
}

} // namespace
} // namespace Cuepoint::Gui
