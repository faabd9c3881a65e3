// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "ProfileFacts.h"
#include "TestProfile.h"
#include "dialogs/AboutDialog.h"
#include "views/SettingsPage.h"
#include "widgets/EmptyState.h"

#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/support/Versions.h"

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QGuiApplication>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTest>

#include <gtest/gtest.h>

#include <array>

namespace Cuepoint::Gui {
namespace {

using Page = MainWindow::Page;

const std::array<QString, 4> kPageNames { QStringLiteral("schedulePage"),
    QStringLiteral("mediaLibraryPage"), QStringLiteral("accountsPage"),
    QStringLiteral("settingsPage") };

class MainWindowTest : public ::testing::Test
{
protected:
    ProfileFacts facts() const { return ProfileFacts::of(m_profile.profile(), *m_database); }

    static QListWidget *navigation(const MainWindow &window)
    {
        return window.findChild<QListWidget *>(QStringLiteral("navigationList"));
    }
    static QStackedWidget *pages(const MainWindow &window)
    {
        return window.findChild<QStackedWidget *>(QStringLiteral("pageStack"));
    }
    static QString currentPageName(const MainWindow &window)
    {
        return pages(window)->currentWidget()->objectName();
    }
    /// All the text a widget shows in its labels, to look for facts in it.
    static QString labelText(const QWidget *widget)
    {
        QStringList texts;
        for (const QLabel *label : widget->findChildren<QLabel *>()) {
            texts << label->text();
        }
        return texts.join(QLatin1Char('\n'));
    }

    Cuepoint::Test::TestProfile m_profile;
    std::unique_ptr<Core::Database> m_database = m_profile.openDatabase();
};

TEST_F(MainWindowTest, SidebarListsTheFourPagesInOrder)
{
    MainWindow window(facts());
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));

    QListWidget *list = navigation(window);
    QStackedWidget *stack = pages(window);
    ASSERT_NE(list, nullptr);
    ASSERT_NE(stack, nullptr);
    ASSERT_EQ(list->count(), 4);
    ASSERT_EQ(stack->count(), 4);
    EXPECT_EQ(list->item(0)->text(), QStringLiteral("Schedule"));
    EXPECT_EQ(list->item(1)->text(), QStringLiteral("Media library"));
    EXPECT_EQ(list->item(2)->text(), QStringLiteral("Accounts"));
    EXPECT_EQ(list->item(3)->text(), QStringLiteral("Settings"));
    for (int row = 0; row < 4; ++row) {
        EXPECT_EQ(stack->widget(row)->objectName(), kPageNames.at(static_cast<size_t>(row)));
        EXPECT_FALSE(list->item(row)->icon().isNull()) << "no icon on row " << row;
        EXPECT_GT(list->visualItemRect(list->item(row)).height(), 0);
    }
    // A fresh profile opens on the schedule.
    EXPECT_EQ(window.currentPage(), Page::Schedule);
    EXPECT_EQ(currentPageName(window), QStringLiteral("schedulePage"));
}

TEST_F(MainWindowTest, ClickingANavigationItemShowsItsPage)
{
    MainWindow window(facts());
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    QListWidget *list = navigation(window);

    for (const int row : { 1, 2, 3, 0, 2 }) {
        const QRect rect = list->visualItemRect(list->item(row));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
        EXPECT_EQ(currentPageName(window), kPageNames.at(static_cast<size_t>(row)));
        EXPECT_EQ(static_cast<int>(window.currentPage()), row);
        EXPECT_EQ(list->currentRow(), row);
    }
}

TEST_F(MainWindowTest, ViewMenuActionsAndShortcutsSwitchPages)
{
    MainWindow window(facts());
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    auto *accounts = window.findChild<QAction *>(QStringLiteral("showAccountsAction"));
    auto *settings = window.findChild<QAction *>(QStringLiteral("showSettingsAction"));
    auto *schedule = window.findChild<QAction *>(QStringLiteral("showScheduleAction"));
    ASSERT_TRUE(accounts && settings && schedule);

    accounts->trigger();
    EXPECT_EQ(currentPageName(window), QStringLiteral("accountsPage"));
    EXPECT_EQ(navigation(window)->currentRow(), 2);
    EXPECT_EQ(settings->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_4));

    // Clicking in the sidebar keeps the menu's check mark in step.
    const QRect rect = navigation(window)->visualItemRect(navigation(window)->item(3));
    QTest::mouseClick(navigation(window)->viewport(), Qt::LeftButton, {}, rect.center());
    EXPECT_TRUE(settings->isChecked());
    EXPECT_FALSE(accounts->isChecked());

    window.activateWindow();
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    EXPECT_EQ(currentPageName(window), QStringLiteral("schedulePage"));
    EXPECT_TRUE(schedule->isChecked());
}

TEST_F(MainWindowTest, EmptyPagesSayWhatWillBeThere)
{
    MainWindow window(facts());
    // (The Schedule page is the calendar now: CalendarTest covers it.)
    for (const QString &name :
        { QStringLiteral("mediaLibraryPage"), QStringLiteral("accountsPage") }) {
        const auto *page = window.findChild<QWidget *>(name);
        ASSERT_NE(page, nullptr) << name.toStdString();
        const auto *empty = page->findChild<EmptyState *>();
        ASSERT_NE(empty, nullptr) << name.toStdString();
        EXPECT_FALSE(empty->title().isEmpty());
        EXPECT_GT(empty->text().size(), 40) << "one real sentence on " << name.toStdString();
        const auto *icon = empty->findChild<QLabel *>(QStringLiteral("emptyStateIconLabel"));
        ASSERT_NE(icon, nullptr);
        EXPECT_FALSE(icon->pixmap().isNull()) << "the empty state's icon did not load";
        const auto *title = page->findChild<QLabel *>(QStringLiteral("titleLabel"));
        ASSERT_NE(title, nullptr);
        EXPECT_GT(title->font().pointSizeF(), window.font().pointSizeF());
    }
}

TEST_F(MainWindowTest, StatusBarNamesTheProfileAndTheDatabase)
{
    MainWindow window(facts());
    const auto *profile = window.findChild<QLabel *>(QStringLiteral("profileStatusLabel"));
    const auto *database = window.findChild<QLabel *>(QStringLiteral("databaseStatusLabel"));
    ASSERT_TRUE(profile && database);
    const QString root = QDir::toNativeSeparators(m_profile.profile().rootDir());
    EXPECT_EQ(profile->toolTip(), root);
    EXPECT_TRUE(profile->text().contains(QDir(root).dirName())) << profile->text().toStdString();
    EXPECT_TRUE(database->text().contains(QString::number(m_database->schemaVersion())))
        << database->text().toStdString();
    EXPECT_EQ(database->toolTip(), QDir::toNativeSeparators(m_profile.profile().databasePath()));
}

TEST_F(MainWindowTest, RestoresGeometryAndPageFromTheProfileSettings)
{
    const QSize size(900, 640);
    {
        MainWindow first(facts());
        first.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&first));
        first.resize(size);
        first.showPage(Page::Accounts);
        first.close();
    }
    // UI state lives in the GUI's own group of the profile's settings file.
    QSettings ini(m_profile.profile().settingsPath(), QSettings::IniFormat);
    EXPECT_EQ(
        ini.value(QStringLiteral("ui/mainWindow/page")).toString(), QStringLiteral("accounts"));
    EXPECT_FALSE(ini.value(QStringLiteral("ui/mainWindow/geometry")).toByteArray().isEmpty());

    MainWindow second(facts());
    EXPECT_EQ(second.currentPage(), Page::Accounts);
    EXPECT_EQ(currentPageName(second), QStringLiteral("accountsPage"));
    EXPECT_EQ(navigation(second)->currentRow(), 2);
    EXPECT_EQ(second.size(), size);
}

TEST_F(MainWindowTest, UnknownStoredPageFallsBackToTheSchedule)
{
    {
        QSettings ini(m_profile.profile().settingsPath(), QSettings::IniFormat);
        ini.setValue(QStringLiteral("ui/mainWindow/page"), QStringLiteral("no-such-page"));
    }
    MainWindow window(facts());
    EXPECT_EQ(window.currentPage(), Page::Schedule);
    EXPECT_EQ(MainWindow::pageFromKey(QStringLiteral("settings")), Page::Settings);
    EXPECT_FALSE(MainWindow::pageFromKey(QStringLiteral("no-such-page")).has_value());
}

TEST_F(MainWindowTest, AboutDialogShowsCuepointAndLibraryVersions)
{
    MainWindow window(facts());
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    auto *about = window.findChild<QAction *>(QStringLiteral("aboutAction"));
    ASSERT_NE(about, nullptr);
    about->trigger(); // open(): window-modal, returns at once

    auto *dialog = window.findChild<AboutDialog *>();
    ASSERT_NE(dialog, nullptr);
    EXPECT_TRUE(dialog->isVisible());
    const QString text = labelText(dialog);
    EXPECT_TRUE(text.contains(Core::cuepointVersion())) << text.toStdString();
    for (const Core::LibraryVersion &library : Core::libraryVersions()) {
        EXPECT_TRUE(text.contains(library.name)) << library.name.toStdString();
        EXPECT_TRUE(text.contains(library.version)) << library.version.toStdString();
    }
    EXPECT_TRUE(text.contains(m_database->sqliteVersion()));

    auto *copy = dialog->findChild<QPushButton *>(QStringLiteral("copyVersionsButton"));
    ASSERT_NE(copy, nullptr);
    copy->click();
    EXPECT_EQ(QGuiApplication::clipboard()->text(), dialog->versionReport());
    EXPECT_TRUE(dialog->versionReport().startsWith(QStringLiteral("Cuepoint ")));

    // Asking again raises the same dialog rather than stacking a second one.
    about->trigger();
    EXPECT_EQ(window.findChildren<AboutDialog *>().size(), 1);
    dialog->close();
    EXPECT_TRUE(QTest::qWaitFor([&window] { return !window.findChild<AboutDialog *>(); }));
}

TEST_F(MainWindowTest, SettingsPageShowsTheProfileFacts)
{
    MainWindow window(facts());
    SettingsPage *page = window.settingsPage();
    ASSERT_NE(page, nullptr);
    const auto label = [page](const char *name) {
        const auto *l = page->findChild<QLabel *>(QString::fromLatin1(name));
        return l ? l->text() : QStringLiteral("<missing %1>").arg(QLatin1String(name));
    };
    EXPECT_EQ(label("profilePathLabel"), QDir::toNativeSeparators(m_profile.profile().rootDir()));
    EXPECT_EQ(
        label("databasePathLabel"), QDir::toNativeSeparators(m_profile.profile().databasePath()));
    EXPECT_TRUE(label("schemaVersionLabel").contains(QString::number(m_database->schemaVersion())));
    EXPECT_EQ(label("sqliteVersionLabel"), m_database->sqliteVersion());
    // The token store is found off the GUI thread; until then the page says so.
    EXPECT_TRUE(label("tokenStoreLabel").startsWith(QStringLiteral("Checking")));

    page->showTokenStore(QStringLiteral("file (/x/tokens.json, owner-only)"),
        QStringLiteral("no keychain: no D-Bus session bus"));
    EXPECT_EQ(label("tokenStoreLabel"), QStringLiteral("file (/x/tokens.json, owner-only)"));
    EXPECT_EQ(label("tokenStoreNoteLabel"), QStringLiteral("no keychain: no D-Bus session bus"));
}

} // namespace
} // namespace Cuepoint::Gui
