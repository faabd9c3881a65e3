// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProfileFacts.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>

class QActionGroup;
class QFrame;
class QLabel;

namespace Cuepoint::Gui {

namespace Ui {
class MainWindow;
}

class AboutDialog;
class AccountsPage;
class MediaLibraryPage;
class SchedulePage;
class SettingsPage;

/// The window: a navigation sidebar (Schedule, Media library, Accounts, Settings) beside a
/// stack of pages, the menus, and a status bar naming the profile and the database's state.
///
/// Window geometry and the selected page are UI state: they are kept in the "ui/mainWindow"
/// group of the profile's settings file, never by the core.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    /// The pages, in the order of the sidebar and of the page stack.
    enum class Page { Schedule, MediaLibrary, Accounts, Settings };
    Q_ENUM(Page)

    explicit MainWindow(ProfileFacts facts, QWidget *parent = nullptr);
    ~MainWindow() override;

    Page currentPage() const;
    void showPage(Page page);
    SettingsPage *settingsPage() const { return m_settingsPage; }
    AccountsPage *accountsPage() const { return m_accountsPage; }
    SchedulePage *schedulePage() const { return m_schedulePage; }
    MediaLibraryPage *mediaLibraryPage() const { return m_mediaLibraryPage; }

    /// What closing the window does.
    enum class CloseAction {
        Close, ///< closes (the default; the window alone, as in tests)
        HideToTray, ///< hides; Cuepoint keeps publishing from the system tray
        RequestQuit, ///< emits quitRequested() and stays open until the application quits
    };
    Q_ENUM(CloseAction)
    void setCloseAction(CloseAction action) { m_closeAction = action; }
    CloseAction closeAction() const { return m_closeAction; }

    /// Brings the window to the front, as a second launch on the same profile asks. @p files
    /// are the paths that launch named on its command line: the ones that exist are passed on
    /// through videosRequested(), the others are named in the status bar.
    void activate(const QStringList &files = {});

    /// Says in the status bar which TikTok the window talks to (TikTok itself, or the
    /// built-in sandbox, which must always be labelled as such).
    void setTikTokStatus(const QString &text, const QString &toolTip);
    /// Whether this window publishes, or who does (the status bar, next to TikTok's).
    void setPublishingStatus(const QString &text, const QString &toolTip);

    /// Writes the window geometry and the selected page to the profile's settings.
    void saveUiState();

    /// Opens Help > About Cuepoint (window-modal, without blocking the caller).
    void showAbout();

    /// The name a page is stored under in the settings ("schedule", "mediaLibrary", ...).
    static QString pageKey(Page page);
    static std::optional<Page> pageFromKey(const QString &key);

Q_SIGNALS:
    /// File > Quit, Ctrl+Q, or closing without a system tray, when the application decides
    /// about quitting (any close action but Close).
    void quitRequested();
    /// The window was closed and hid itself: Cuepoint keeps running in the system tray.
    void hiddenToTray();
    /// Video files to schedule (absolute paths that exist), from a second launch's command
    /// line or the first launch's own.
    void videosRequested(const QStringList &files);

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void setUpNavigation();
    void setUpActions();
    void setUpStatusBar();
    void restoreUiState();
    void applyPaletteColours();
    void refreshIcons();
    void onNavigationRowChanged(int row);

    std::unique_ptr<Ui::MainWindow> m_ui;
    ProfileFacts m_facts;
    SettingsPage *m_settingsPage = nullptr;
    AccountsPage *m_accountsPage = nullptr;
    SchedulePage *m_schedulePage = nullptr;
    MediaLibraryPage *m_mediaLibraryPage = nullptr;
    QActionGroup *m_pageActions = nullptr;
    QLabel *m_profileStatusLabel = nullptr;
    QLabel *m_databaseStatusLabel = nullptr;
    QFrame *m_statusSeparator = nullptr;
    QFrame *m_tiktokSeparator = nullptr;
    QLabel *m_tiktokStatusLabel = nullptr;
    QFrame *m_publishingSeparator = nullptr;
    QLabel *m_publishingStatusLabel = nullptr;
    QPointer<AboutDialog> m_aboutDialog;
    CloseAction m_closeAction = CloseAction::Close;
};

} // namespace Cuepoint::Gui
