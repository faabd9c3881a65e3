// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QThread>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QSystemTrayIcon;
class QTextStream;
class QTranslator;

namespace Cuepoint::Core {
class AccountStore;
class Clock;
class Database;
class Profile;
class QuitSignals;
struct PublishNotice;
class Settings;
class TokenStore;
} // namespace Cuepoint::Core

namespace Cuepoint::Gui {
class AccountsController;
class AvatarCache;
class LibraryController;
class MainWindow;
class TikTokCreatorInfoSource;
class ReviewHost;
struct ReviewNotice;
class TokenStoreProbe;
} // namespace Cuepoint::Gui

namespace Cuepoint::Cli {
class TikTokEnvironment;
}

namespace Cuepoint::App {

class PublisherHost;
class SingleInstance;

/// The window program's start-up and wiring, in one place: command line, profile, single
/// instance, log file, database, window. main() only creates the QApplication around it.
class Application final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Application)

public:
    /// The exit codes of the window program.
    enum ExitCode : int {
        ExitSuccess = 0, ///< also: --help, --version, or handed over to the running window
        ExitNotAnswering = 1, ///< another Cuepoint holds the profile but does not answer
        ExitUnusable = 2, ///< bad arguments, or a profile or database that cannot be used
    };

    /// Shows an error the user must read before the program stops (a message box by default;
    /// tests record it instead).
    using ErrorPresenter = std::function<void(const QString &title, const QString &text)>;
    /// Asks whether to quit although posts are due; true = quit (a question box by default).
    using QuitConfirmer = std::function<bool(const QString &title, const QString &text)>;
    /// Shows a desktop notification (the tray's balloon, else the desktop's notification
    /// service, else the taskbar entry asks for attention). @p problem: failed, held and the
    /// like, as opposed to good news.
    using NotificationPresenter =
        std::function<void(const QString &title, const QString &body, bool problem)>;

    explicit Application(QObject *parent = nullptr);
    /// Closes the window and the database and releases the profile.
    ~Application() override;

    void setErrorPresenter(ErrorPresenter presenter);
    void setQuitConfirmer(QuitConfirmer confirmer);
    void setNotificationPresenter(NotificationPresenter presenter);
    /// Whether the desktop has a system tray (QSystemTrayIcon::isSystemTrayAvailable() by
    /// default). Decided once, in start(): with a tray, closing the window hides it and
    /// Cuepoint keeps publishing; without one, closing quits.
    void setTrayAvailability(std::function<bool()> available);
    /// Where --help and --version print (stdout and stderr by default).
    void setOutput(QTextStream *out, QTextStream *err);

    /// Starts Cuepoint for @p arguments (QCoreApplication::arguments()). Returns an exit code
    /// when the program should stop now, nothing when the window is open and the event loop
    /// should run.
    std::optional<int> start(const QStringList &arguments);

    Gui::MainWindow *window() const { return m_window.get(); }
    SingleInstance *singleInstance() const { return m_instance.get(); }
    /// Which TikTok the window talks to, once decided (null until then, or if the sandbox
    /// could not start).
    Cli::TikTokEnvironment *tiktok() const { return m_tiktok.get(); }
    /// The window's publisher (null until TikTok is ready).
    PublisherHost *publisher() const { return m_publisher.get(); }
    /// The token store, once found (null until the window's probe has finished).
    std::shared_ptr<Core::TokenStore> tokenStore() const { return m_tokenStore; }
    /// Connects and disconnects TikTok accounts for the window's Accounts page.
    Gui::AccountsController *accountsController() const { return m_accountsController.get(); }
    /// The profile's settings, as the Settings page edits them.
    Core::Settings *settings() const { return m_settings.get(); }
    /// The media library's imports, file checks and watch folder.
    Gui::LibraryController *library() const { return m_library.get(); }
    /// The in-app review server and the window's review links.
    Gui::ReviewHost *reviewHost() const { return m_reviewHost.get(); }
    /// The system tray icon, or null without a tray.
    QSystemTrayIcon *trayIcon() const { return m_tray; }

    /// File > Quit, Ctrl+Q, the tray's Quit, and closing the window without a tray all come
    /// here. When posts are being published or fall due soon (within kDueSoon, or late within
    /// the grace period) it asks first, naming how many and when the next one is due. Returns
    /// true when Cuepoint quits (the event loop ends).
    bool requestQuit();
    /// Quits without asking (a confirmed request, or a quit signal): the window closes instead
    /// of hiding, and the event loop ends.
    void quitNow();
    /// How far ahead a scheduled post counts as "due" when quitting.
    static constexpr std::chrono::minutes kDueSoon { 60 };

    /// Answers --help and --version without a window (main() uses it before any display).
    static int printInformation(const QStringList &arguments, QTextStream &out, QTextStream &err);

    /// Keeps secrets out of core files: the process will hold OAuth tokens in memory. Disables
    /// core dumps on Linux (RLIMIT_CORE 0). Returns false if the limit could not be set.
    static bool disableCoreDumps();

Q_SIGNALS:
    /// Cuepoint decided to quit (requestQuit() agreed); the event loop ends next.
    void quitting();

private:
    void installTranslators();
    void showError(const QString &title, const QString &text);
    void startTikTok(const Core::Profile &profile, const QString &settingsPath);
    void startPublishing(const Core::Profile &profile);
    void showNotice(const Core::PublishNotice &notice);
    void startLibrary(const Core::Profile &profile);
    void startReviewHost(const QString &databasePath);
    void showReviewNotice(const Gui::ReviewNotice &notice);
    void setUpTray();
    void onWindowHiddenToTray();
    void presentNotification(const QString &title, const QString &body, bool problem);
    /// The question to ask before quitting, or empty when nothing is due.
    QString quitQuestion() const;

    ErrorPresenter m_presentError;
    QuitConfirmer m_confirmQuit;
    NotificationPresenter m_presentNotification;
    std::function<bool()> m_trayAvailable;
    QTextStream *m_out = nullptr;
    QTextStream *m_err = nullptr;
    std::unique_ptr<SingleInstance> m_instance;
    std::unique_ptr<Core::QuitSignals> m_quitSignals;
    std::unique_ptr<Core::Database> m_database;
    std::unique_ptr<Core::Clock> m_clock;
    std::unique_ptr<Core::AccountStore> m_accounts;
    std::unique_ptr<Gui::AccountsController> m_accountsController;
    std::unique_ptr<Gui::AvatarCache> m_avatars;
    /// The composer's creator_info (TikTok once it is ready); shared with its worker threads.
    std::shared_ptr<Gui::TikTokCreatorInfoSource> m_creatorInfo;
    std::unique_ptr<Gui::MainWindow> m_window;
    std::unique_ptr<Gui::LibraryController> m_library;
    std::unique_ptr<Gui::TokenStoreProbe> m_tokenStoreProbe;
    std::shared_ptr<Core::TokenStore> m_tokenStore;
    std::unique_ptr<Core::Settings> m_settings;
    std::unique_ptr<Cli::TikTokEnvironment> m_tiktok;
    QPointer<QThread> m_tiktokWorker;
    std::unique_ptr<PublisherHost> m_publisher;
    std::unique_ptr<Gui::ReviewHost> m_reviewHost;
    QFuture<void> m_sandboxCheck; // ensureSandbox() off the GUI thread
    QSystemTrayIcon *m_tray = nullptr;
    std::vector<std::unique_ptr<QTranslator>> m_translators;
    bool m_fileLoggerInstalled = false;
};

} // namespace Cuepoint::App
