// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QThread>

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
class PostStore;
class Profile;
class QuitSignals;
struct PublishNotice;
class Settings;
class TokenStore;
} // namespace Cuepoint::Core

namespace Cuepoint::Gui {
class AccountsController;
class MainWindow;
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

    explicit Application(QObject *parent = nullptr);
    /// Closes the window and the database and releases the profile.
    ~Application() override;

    void setErrorPresenter(ErrorPresenter presenter);
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

    /// Answers --help and --version without a window (main() uses it before any display).
    static int printInformation(const QStringList &arguments, QTextStream &out, QTextStream &err);

    /// Keeps secrets out of core files: the process will hold OAuth tokens in memory. Disables
    /// core dumps on Linux (RLIMIT_CORE 0). Returns false if the limit could not be set.
    static bool disableCoreDumps();

private:
    void installTranslators();
    void showError(const QString &title, const QString &text);
    void startTikTok(const Core::Profile &profile, const QString &settingsPath);
    void startPublishing(const Core::Profile &profile);
    void showNotice(const Core::PublishNotice &notice);

    ErrorPresenter m_presentError;
    QTextStream *m_out = nullptr;
    QTextStream *m_err = nullptr;
    std::unique_ptr<SingleInstance> m_instance;
    std::unique_ptr<Core::QuitSignals> m_quitSignals;
    std::unique_ptr<Core::Database> m_database;
    std::unique_ptr<Core::Clock> m_clock;
    std::unique_ptr<Core::AccountStore> m_accounts;
    std::unique_ptr<Core::PostStore> m_posts;
    std::unique_ptr<Gui::AccountsController> m_accountsController;
    std::unique_ptr<Gui::MainWindow> m_window;
    std::unique_ptr<Gui::TokenStoreProbe> m_tokenStoreProbe;
    std::shared_ptr<Core::TokenStore> m_tokenStore;
    std::unique_ptr<Core::Settings> m_settings;
    std::unique_ptr<Cli::TikTokEnvironment> m_tiktok;
    QPointer<QThread> m_tiktokWorker;
    std::unique_ptr<PublisherHost> m_publisher;
    QFuture<void> m_sandboxCheck; // ensureSandbox() off the GUI thread
    QSystemTrayIcon *m_tray = nullptr;
    std::vector<std::unique_ptr<QTranslator>> m_translators;
    bool m_fileLoggerInstalled = false;
};

} // namespace Cuepoint::App
