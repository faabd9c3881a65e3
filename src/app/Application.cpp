// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Application.h"

#include "AppLogging.h"
#include "CommandLine.h"
#include "MainWindow.h"
#include "ProfileFacts.h"
#include "PublisherHost.h"
#include "QuitSignals.h"
#include "SingleInstance.h"
#include "TikTokEnvironment.h"
#include "composer/CreatorInfoLoader.h"
#include "controllers/AccountsController.h"
#include "controllers/AvatarCache.h"
#include "controllers/LibraryController.h"
#include "controllers/ReviewHost.h"
#include "controllers/TokenStoreProbe.h"
#include "views/AccountsPage.h"
#include "views/MediaLibraryPage.h"
#include "views/ReviewServerSettings.h"
#include "views/SchedulePage.h"
#include "views/SettingsPage.h"
#include "widgets/CalendarDelegate.h"
#include "widgets/CalendarView.h"
#include "widgets/Icons.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/Logging.h"
#include "cuepoint/core/support/Profile.h"
#include "cuepoint/core/support/Settings.h"
#include "cuepoint/core/support/TokenStore.h"
#include "cuepoint/core/support/Versions.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QTranslator>
#include <QtConcurrent/QtConcurrentRun>

#ifdef CUEPOINT_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#endif

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#endif

namespace Cuepoint::App {

namespace {

/// How long a second launch waits for the first to answer (it may be starting up itself).
constexpr int kHandOverTimeoutMs = 5000;

QTextStream &stdOut()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &stdErr()
{
    static QTextStream stream(stderr);
    return stream;
}

} // namespace

Application::Application(QObject *parent)
    : QObject(parent)
    , m_presentError([](const QString &title, const QString &text) {
        QMessageBox::critical(nullptr, title, text);
    })
    , m_confirmQuit([this](const QString &title, const QString &text) {
        // Parented to the window only while it shows (a tray Quit may come with it hidden).
        QWidget *owner = m_window && m_window->isVisible() ? m_window.get() : nullptr;
        QMessageBox box(QMessageBox::Question, title, title, QMessageBox::NoButton, owner);
        box.setInformativeText(text);
        QPushButton *quit = box.addButton(tr("Quit Anyway"), QMessageBox::DestructiveRole);
        QPushButton *keep = box.addButton(tr("Keep Running"), QMessageBox::RejectRole);
        box.setDefaultButton(keep);
        box.setEscapeButton(keep);
        box.exec();
        return box.clickedButton() == quit;
    })
    , m_presentNotification([this](const QString &title, const QString &body, bool problem) {
        presentNotification(title, body, problem);
    })
    , m_trayAvailable([] { return QSystemTrayIcon::isSystemTrayAvailable(); })
    , m_out(&stdOut())
    , m_err(&stdErr())
{
}

Application::~Application()
{
    // The window first (it may still save its state), then the database, then the lock:
    // another launch may take the profile over only once nothing here touches it.
    m_quitSignals.reset();
    m_tokenStoreProbe.reset();
    m_reviewHost.reset(); // stops the review server (the pages and dialogs hold it weakly)
    if (m_tiktokWorker) {
        m_tiktokWorker->wait();
    }
    // Publishing stops first (uploads keep their checkpoints), then a connection in progress;
    // both talk to the embedded sandbox, which ends after them.
    m_publisher.reset();
    m_sandboxCheck.waitForFinished();
    m_accountsController.reset();
    m_avatars.reset(); // cancels the avatar downloads (some go to the embedded sandbox)
    m_tiktok.reset(); // stops the embedded sandbox
    if (m_tray) {
        QApplication::setQuitOnLastWindowClosed(true);
        delete m_tray; // its menu belongs to the window
        m_tray = nullptr;
    }
    m_library.reset(); // stops an import (running work finishes) and the file checks
    m_window.reset();
    m_accounts.reset();
    m_database.reset();
    m_instance.reset();
    if (m_fileLoggerInstalled) {
        Core::Logging::uninstallFileLogger();
    }
    for (const std::unique_ptr<QTranslator> &translator : m_translators) {
        QCoreApplication::removeTranslator(translator.get());
    }
}

void Application::setErrorPresenter(ErrorPresenter presenter)
{
    m_presentError = std::move(presenter);
}

void Application::setQuitConfirmer(QuitConfirmer confirmer)
{
    m_confirmQuit = std::move(confirmer);
}

void Application::setNotificationPresenter(NotificationPresenter presenter)
{
    m_presentNotification = std::move(presenter);
}

void Application::setTrayAvailability(std::function<bool()> available)
{
    m_trayAvailable = std::move(available);
}

void Application::setOutput(QTextStream *out, QTextStream *err)
{
    m_out = out;
    m_err = err;
}

std::optional<int> Application::start(const QStringList &arguments)
{
    const CommandLine commandLine = CommandLine::parse(arguments);
    if (commandLine.action != CommandLine::Action::Run) {
        return printInformation(arguments, *m_out, *m_err);
    }
    installTranslators();

    const Core::Profile profile = Core::Profile::resolve(commandLine.profileDir);
    QString error;
    if (!profile.ensureExists(&error)) {
        showError(tr("Cuepoint cannot use its profile"), error);
        return ExitUnusable;
    }

    // One window per profile: a second launch hands its request to the first and leaves.
    m_instance = std::make_unique<SingleInstance>(profile);
    switch (m_instance->claim()) {
    case SingleInstance::Role::Primary:
        break;
    case SingleInstance::Role::Secondary:
        if (m_instance->notifyPrimary(commandLine.files, kHandOverTimeoutMs, &error)) {
            return ExitSuccess;
        }
        showError(tr("Cuepoint is already running"), error);
        return ExitNotAnswering;
    case SingleInstance::Role::Failed:
        showError(tr("Cuepoint cannot use its profile"), m_instance->errorString());
        return ExitUnusable;
    }

    // Only the holder of the lock writes the profile's log file (no two processes rotate it).
    if (Core::Logging::installFileLogger(profile.logsDir(), QStringLiteral("cuepoint"), &error)) {
        m_fileLoggerInstalled = true;
    } else {
        qCWarning(lcApp).noquote() << error;
    }
    qCInfo(lcApp).noquote() << "Cuepoint" << Core::cuepointVersion() << "on the profile"
                            << profile.rootDir();

    try {
        m_database = Core::Database::open(profile.databasePath());
    } catch (const Core::StorageError &e) {
        qCCritical(lcApp).noquote() << "cannot open the database:" << e.message();
        // The storage layer left the file exactly as it was, and its sentence says so.
        showError(tr("Cuepoint cannot open its database"), e.message());
        return ExitUnusable;
    }
    qCInfo(lcApp).noquote() << "database" << m_database->path() << "schema"
                            << m_database->schemaVersion();

    m_window = std::make_unique<Gui::MainWindow>(Gui::ProfileFacts::of(profile, *m_database));
    m_clock = std::make_unique<Core::SystemClock>();
    m_settings = std::make_unique<Core::Settings>(profile.settingsPath());
    Gui::SettingsPage *settingsPage = m_window->settingsPage();
    settingsPage->setSettings(m_settings.get());
    connect(settingsPage, &Gui::SettingsPage::publishingPolicyChanged, this, [this] {
        // The engine reads the policy from the settings file on its next look for due posts:
        // make that look happen now.
        if (m_publisher) {
            m_publisher->reloadPolicy();
        }
    });
    connect(m_window.get(), &Gui::MainWindow::quitRequested, this, &Application::requestQuit);
    setUpTray();
    m_accounts = std::make_unique<Core::AccountStore>(*m_database, *m_clock);
    m_accountsController = std::make_unique<Gui::AccountsController>(*m_accounts);
    m_window->accountsPage()->setController(m_accountsController.get(), *m_clock);
    // The calendar reads and writes on threads of its own, each with its own connection.
    // The same Settings as the Settings page: the calendar follows its time zone through
    // Settings::changed, and the page follows the calendar's.
    m_creatorInfo = std::make_shared<Gui::TikTokCreatorInfoSource>();
    m_window->schedulePage()->setServices(
        { m_settings.get(), m_clock.get(), m_database->path(), profile.cacheDir(), m_creatorInfo });
    // The accounts' profile pictures, fetched off the GUI thread and kept in the cache folder.
    m_avatars = std::make_unique<Gui::AvatarCache>(
        profile.cacheDir() + QStringLiteral("/avatars"), m_accounts.get());
    m_window->accountsPage()->setAvatarCache(m_avatars.get());
    m_window->schedulePage()->setAvatarCache(m_avatars.get());
    for (Gui::CalendarView *view : { m_window->schedulePage()->monthView(),
             m_window->schedulePage()->weekView(), m_window->schedulePage()->agendaView() }) {
        if (view->calendarDelegate()) {
            view->calendarDelegate()->setAvatarCache(m_avatars.get());
        }
    }
    startLibrary(profile);
    startReviewHost(m_database->path());
    // Videos given to a later launch (or to this one) open in the composer.
    connect(m_window.get(), &Gui::MainWindow::videosRequested, m_window->schedulePage(),
        &Gui::SchedulePage::newPostWithVideos);
    connect(m_instance.get(), &SingleInstance::activationRequested, m_window.get(),
        &Gui::MainWindow::activate);
    connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, m_window.get(),
        &Gui::MainWindow::saveUiState);
    // A logout or `kill` ends the event loop the ordinary way, so the destructor still saves,
    // closes the database and releases the profile.
    m_quitSignals = std::make_unique<QuitSignals>();
    connect(m_quitSignals.get(), &QuitSignals::received, this, [this](int signalNumber) {
        // The session ends or someone asked with `kill`: no question, publishing resumes from
        // the checkpoints on the next start.
        qCInfo(lcApp) << "quitting on signal" << signalNumber;
        quitNow();
    });

    // The keychain may take seconds to answer: ask on a worker thread, after the window shows.
    m_tokenStoreProbe = std::make_unique<Gui::TokenStoreProbe>();
    connect(m_tokenStoreProbe.get(), &Gui::TokenStoreProbe::finished, this,
        [this, profile](const Gui::TokenStoreProbe::Result &result) {
            m_tokenStore = result.store;
            m_window->settingsPage()->showTokenStore(result.description, result.note);
            m_window->settingsPage()->setTokenStore(m_tokenStore);
            startTikTok(profile, profile.settingsPath());
        });

    m_window->show();
    if (m_instance->isListening()) {
        qCInfo(lcApp).noquote() << "window open; later launches hand over through"
                                << SingleInstance::serverName(profile);
    } else {
        qCWarning(lcApp) << "window open; later launches cannot hand over (no local socket)";
    }
    m_tokenStoreProbe->start(profile);
    if (!commandLine.files.isEmpty()) {
        // Queued: whoever connects to videosRequested() after start() still gets them.
        QTimer::singleShot(0, m_window.get(),
            [window = m_window.get(), files = commandLine.files] { window->activate(files); });
    }
    return std::nullopt;
}

int Application::printInformation(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const CommandLine commandLine = CommandLine::parse(arguments);
    switch (commandLine.action) {
    case CommandLine::Action::ShowHelp:
        out << CommandLine::helpText();
        out.flush();
        return ExitSuccess;
    case CommandLine::Action::ShowVersion:
        out << CommandLine::versionText();
        out.flush();
        return ExitSuccess;
    case CommandLine::Action::UsageError:
        err << QStringLiteral("cuepoint: %1\n").arg(commandLine.error)
            << tr("Try 'cuepoint --help'.") << '\n';
        err.flush();
        return ExitUnusable;
    case CommandLine::Action::Run:
        break;
    }
    return ExitSuccess;
}

bool Application::disableCoreDumps()
{
#ifdef Q_OS_LINUX
    // KeePassXC does the same. PR_SET_DUMPABLE is deliberately not used: it also hides
    // /proc/<pid>/exe from other processes, and QLockFile reads that link to tell a live lock
    // holder from a stale one, so a second launch would take a live window's lock away.
    const rlimit limit { 0, 0 };
    return setrlimit(RLIMIT_CORE, &limit) == 0;
#else
    return true;
#endif
}

void Application::installTranslators()
{
    if (!m_translators.empty()) {
        return;
    }
    const QLocale locale;
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        m_translators.push_back(std::move(qt));
    }
    // Embedded by qt_add_translations (resources/translations) when Linguist was available.
    auto ours = std::make_unique<QTranslator>();
    if (ours->load(
            locale, QStringLiteral("cuepoint"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(ours.get());
        m_translators.push_back(std::move(ours));
    }
}

void Application::showError(const QString &title, const QString &text)
{
    qCWarning(lcApp).noquote() << title << "-" << text;
    if (m_presentError) {
        m_presentError(title, text);
    }
}

void Application::startTikTok(const Core::Profile &profile, const QString &settingsPath)
{
    // Deciding may read the client secret from the keychain, and starting the sandbox binds a
    // socket: both off the GUI thread. The result comes back through a queued call.
    std::shared_ptr<Core::TokenStore> tokens = m_tokenStore;
    QThread *worker = QThread::create([this, tokens, profile, settingsPath] {
        Core::Settings settings(settingsPath);
        QString error;
        std::unique_ptr<Cli::TikTokEnvironment> env =
            Cli::TikTokEnvironment::create(&profile, &settings, tokens.get(), &error);
        auto *raw = env.release();
        QMetaObject::invokeMethod(
            this,
            [this, raw, error, profile] {
                m_tiktok.reset(raw);
                if (!m_tiktok) {
                    qCWarning(lcApp).noquote() << "TikTok is unavailable:" << error;
                    m_window->setTikTokStatus(tr("TikTok: unavailable"), error);
                    m_creatorInfo->setUnavailable(error);
                    m_accountsController->setUnavailable(error);
                    m_window->setPublishingStatus(tr("Publishing: off"), error);
                    return;
                }
                if (const QString problem = m_tiktok->problem(); !problem.isEmpty()) {
                    m_accountsController->setUnavailable(problem);
                    m_creatorInfo->setUnavailable(problem);
                    m_window->setPublishingStatus(tr("Publishing: off"), problem);
                } else {
                    m_accountsController->setTikTok(m_tiktok->config(), m_tokenStore);
                    m_creatorInfo->setTikTok(m_tiktok->config(), m_tokenStore);
                    startPublishing(profile);
                }
                qCInfo(lcApp).noquote() << "talking to" << m_tiktok->label();
                if (m_avatars) {
                    // Pictures asked for before the (sandbox) server was up failed: again.
                    m_avatars->retryFailed();
                }
                m_window->settingsPage()->setRunningTikTok(
                    m_tiktok->isSandbox(), m_tiktok->config().clientKey);
                if (m_tiktok->isSandbox()) {
                    m_window->setTikTokStatus(tr("TikTok: Sandbox (local emulator)"),
                        tr("No TikTok app is configured, so Cuepoint runs on its built-in "
                           "sandbox: %1. Nothing is sent to TikTok.")
                            .arg(m_tiktok->label()));
                } else {
                    const QString problem = m_tiktok->problem();
                    m_window->setTikTokStatus(
                        problem.isEmpty() ? tr("TikTok") : tr("TikTok: setup incomplete"),
                        problem.isEmpty() ? m_tiktok->label() : problem);
                }
            },
            Qt::QueuedConnection);
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    m_tiktokWorker = worker;
    worker->start();
}

void Application::startPublishing(const Core::Profile &profile)
{
    // The engine runs on a thread of its own; this window publishes only when no other process
    // (cuepoint-cli run, the systemd service) already does for this profile.
    m_publisher = std::make_unique<PublisherHost>();
    connect(m_publisher.get(), &PublisherHost::statusChanged, this,
        [this](const QString &text, const QString &detail) {
            m_window->setPublishingStatus(text, detail);
        });
    connect(m_publisher.get(), &PublisherHost::notice, this, &Application::showNotice);
    m_publisher->start(profile, m_tiktok->config(), m_tokenStore);
    if (m_tiktok->usesSharedSandbox()) {
        // The sandbox belongs to another process of this profile: take it over if it quits.
        auto *watch = new QTimer(this);
        watch->setInterval(std::chrono::seconds(10));
        connect(watch, &QTimer::timeout, this, [this] {
            // The check is a loopback request and may start the sandbox here: not on the GUI
            // thread. One check at a time; the destructor waits for it.
            if (!m_tiktok || m_sandboxCheck.isRunning()) {
                return;
            }
            Cli::TikTokEnvironment *env = m_tiktok.get();
            m_sandboxCheck = QtConcurrent::run([env] {
                QString why;
                if (!env->ensureSandbox(&why)) {
                    qCWarning(lcApp).noquote() << why;
                }
            });
        });
        watch->start();
    }
}

void Application::showNotice(const Core::PublishNotice &notice)
{
    qCInfo(lcApp).noquote() << "post" << notice.postId << notice.account << ":" << notice.title;
    // The engine's titles are English sentences of the core; the window says them in its own
    // (translatable) words, one kind of news per title.
    QString title = notice.title;
    bool problem = false;
    switch (notice.state) {
    case Core::TargetState::Published:
        title = tr("Published on TikTok");
        break;
    case Core::TargetState::SentToInbox:
        title = tr("Ready on your phone");
        break;
    case Core::TargetState::Failed:
        title = tr("A post failed");
        problem = true;
        break;
    case Core::TargetState::Held:
        title = tr("A post needs your attention");
        problem = true;
        break;
    case Core::TargetState::AwaitingApproval:
        title = tr("A post waits for approval");
        problem = true;
        break;
    case Core::TargetState::Unconfirmed:
        title = tr("Look on TikTok");
        problem = true;
        break;
    default:
        break;
    }
    QString body = notice.account.isEmpty()
        ? notice.body
        : QStringLiteral("%1 \u2014 %2").arg(notice.account, notice.body);
    if (notice.state == Core::TargetState::SentToInbox && !notice.caption.isEmpty()) {
        // Notification mode: the creator finishes the post on the phone and pastes the caption.
        QGuiApplication::clipboard()->setText(notice.caption);
        body += QLatin1Char(' ') + tr("The caption is on the clipboard.");
    }
    m_window->statusBar()->showMessage(QStringLiteral("%1: %2").arg(title, body), 15'000);
    if (m_settings && !m_settings->value(Core::Settings::DesktopNotifications)) {
        return; // the user turned desktop notifications off; the status bar still says it
    }
    if (m_presentNotification) {
        m_presentNotification(title, body, problem);
    }
}

void Application::startLibrary(const Core::Profile &profile)
{
    // Imports, the file checks and the watch folder run on threads of their own.
    m_library = std::make_unique<Gui::LibraryController>(
        Gui::LibraryServices { m_database->path(), profile.cacheDir() + QStringLiteral("/library"),
            profile.rootDir() + QStringLiteral("/library") });
    Gui::MediaLibraryPage *page = m_window->mediaLibraryPage();
    page->setController(m_library.get());
    const auto applySettings = [this, page] {
        const bool copy = m_settings->value(Core::Settings::CopyImportsIntoLibrary);
        page->setCopyIntoLibrary(copy);
        m_library->setWatchFolder(m_settings->value(Core::Settings::WatchFolder), copy);
    };
    applySettings();
    connect(m_settings.get(), &Core::Settings::changed, this, [applySettings](const QString &key) {
        if (key == QLatin1String(Core::Settings::WatchFolder.key)
            || key == QLatin1String(Core::Settings::CopyImportsIntoLibrary.key)) {
            applySettings();
        }
    });
    // A file that scheduled posts need was moved or deleted: say so now, not at publish time.
    connect(m_library.get(), &Gui::LibraryController::videosMissing, this,
        [this](const QString &message) {
            m_window->statusBar()->showMessage(message, 30'000);
            m_window->schedulePage()->refresh();
            if (m_settings && !m_settings->value(Core::Settings::DesktopNotifications)) {
                return;
            }
            if (m_presentNotification) {
                m_presentNotification(tr("A video is missing"), message, true);
            }
        });
}

void Application::startReviewHost(const QString &databasePath)
{
    // Review links: the server runs on its own thread while a link is usable, on the address
    // and port of the settings (the Settings page moves it).
    m_reviewHost = std::make_unique<Gui::ReviewHost>(databasePath, m_clock.get());
    const auto options = [this] {
        Core::ReviewServerOptions o;
        o.bindAddress = m_settings->reviewBindAddress();
        o.port = static_cast<quint16>(m_settings->reviewPort());
        return o;
    };
    m_reviewHost->setServerOptions(options());
    m_reviewHost->updateServer();
    m_window->schedulePage()->setReviewHost(m_reviewHost.get());
    Gui::ReviewServerSettings *box = m_window->settingsPage()->reviewSettings();
    box->setReviewHost(m_reviewHost.get());
    connect(box, &Gui::ReviewServerSettings::serverSettingsChanged, this,
        [this, options] { m_reviewHost->setServerOptions(options()); });
    connect(box, &Gui::ReviewServerSettings::manageLinksRequested, m_window->schedulePage(),
        &Gui::SchedulePage::showReviewLinks);
    connect(m_reviewHost.get(), &Gui::ReviewHost::feedbackArrived, this,
        &Application::showReviewNotice);
}

void Application::showReviewNotice(const Gui::ReviewNotice &notice)
{
    // Never the token or the link: only who said what about which post.
    qCInfo(lcApp).noquote() << "review feedback on post" << notice.postId << ":"
                            << Core::toString(notice.decision);
    const QString who = notice.reviewerName.isEmpty() ? tr("A reviewer") : notice.reviewerName;
    const QString post = notice.postAt.isNull()
        ? tr("a post")
        : tr("the post of %1")
              .arg(QLocale().toString(
                  notice.postAt.toTimeZone(m_window->schedulePage()->displayZone()),
                  QLocale::ShortFormat));
    QString title;
    QString body;
    bool problem = false;
    switch (notice.decision) {
    case Core::ReviewDecision::Approved:
        title = tr("%1 approved %2").arg(who, post);
        break;
    case Core::ReviewDecision::ChangesRequested:
        title = tr("%1 asked for changes on %2").arg(who, post);
        problem = true;
        break;
    case Core::ReviewDecision::Comment:
        title = tr("%1 commented on %2").arg(who, post);
        break;
    }
    body = notice.comment.simplified();
    if (body.isEmpty() && !notice.caption.isEmpty()) {
        body = notice.caption.simplified().left(80);
    }
    m_window->statusBar()->showMessage(
        body.isEmpty() ? title : QStringLiteral("%1: %2").arg(title, body), 15'000);
    if (m_settings && !m_settings->value(Core::Settings::DesktopNotifications)) {
        return;
    }
    if (m_presentNotification) {
        m_presentNotification(title, body, problem);
    }
}

void Application::presentNotification(const QString &title, const QString &body, bool problem)
{
    if (m_tray && m_tray->isVisible() && QSystemTrayIcon::supportsMessages()) {
        m_tray->showMessage(
            title, body, problem ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
        return;
    }
#ifdef CUEPOINT_HAVE_DBUS
    // No tray (GNOME without an extension, say): the desktop's notification service. The call
    // is asynchronous, so a slow or absent service never blocks the window.
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected()) {
        QDBusMessage call =
            QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.Notifications"),
                QStringLiteral("/org/freedesktop/Notifications"),
                QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("Notify"));
        QVariantMap hints;
        hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("io.cuepoint.Cuepoint"));
        hints.insert(QStringLiteral("urgency"), QVariant::fromValue<uchar>(problem ? 2 : 1));
        call << QStringLiteral("Cuepoint") << 0U << QStringLiteral("io.cuepoint.Cuepoint") << title
             << body << QStringList() << hints << -1;
        auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
        connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this](QDBusPendingCallWatcher *finished) {
                if (finished->isError()) {
                    qCInfo(lcApp).noquote() << "the notification service did not answer:"
                                            << finished->error().message();
                    if (m_window) {
                        QApplication::alert(m_window.get());
                    }
                }
                finished->deleteLater();
            });
        return;
    }
#endif
    // Nothing on the desktop shows notifications: the status bar has the message, and the
    // taskbar entry asks for attention.
    if (m_window) {
        QApplication::alert(m_window.get());
    }
}

void Application::setUpTray()
{
    const bool trayAvailable = m_trayAvailable && m_trayAvailable();
    if (!trayAvailable) {
        // Nowhere to keep running: closing the window quits (asking first when posts are due).
        m_window->setCloseAction(Gui::MainWindow::CloseAction::RequestQuit);
        qCInfo(lcApp) << "no system tray: closing the window quits Cuepoint";
        return;
    }
    m_tray = new QSystemTrayIcon(Gui::Icons::appIcon(), this);
    m_tray->setObjectName(QStringLiteral("trayIcon"));
    m_tray->setToolTip(tr("Cuepoint \u2014 publishes scheduled posts while it runs"));
    auto *menu = new QMenu(m_window.get());
    menu->setObjectName(QStringLiteral("trayMenu"));
    QAction *show = menu->addAction(tr("Show Cuepoint"));
    show->setObjectName(QStringLiteral("trayShowAction"));
    connect(show, &QAction::triggered, m_window.get(), [this] { m_window->activate(); });
    menu->addSeparator();
    QAction *quit = menu->addAction(tr("Quit"));
    quit->setObjectName(QStringLiteral("trayQuitAction"));
    connect(quit, &QAction::triggered, this, &Application::requestQuit);
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this,
        [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick) {
                if (m_window->isVisible() && !m_window->isMinimized()) {
                    m_window->hide();
                } else {
                    m_window->activate();
                }
            }
        });
    m_tray->show();
    m_window->setCloseAction(Gui::MainWindow::CloseAction::HideToTray);
    connect(
        m_window.get(), &Gui::MainWindow::hiddenToTray, this, &Application::onWindowHiddenToTray);
    // The tray keeps Cuepoint alive, not the window.
    QApplication::setQuitOnLastWindowClosed(false);
}

void Application::onWindowHiddenToTray()
{
    // Said once per profile: the first time, people expect closing to quit.
    QSettings ui(m_settings->fileName(), QSettings::IniFormat);
    const QString key = QStringLiteral("ui/trayNoticeShown");
    if (ui.value(key).toBool()) {
        return;
    }
    ui.setValue(key, true);
    ui.sync();
    if (m_presentNotification) {
        m_presentNotification(tr("Cuepoint is still running"),
            tr("Scheduled posts go out while Cuepoint runs in the system tray. To stop it, "
               "choose Quit in its menu."),
            false);
    }
}

QString Application::quitQuestion() const
{
    if (!m_database || !m_clock) {
        return {};
    }
    const QDateTime now = m_clock->nowUtc();
    const int graceMinutes = m_settings ? m_settings->value(Core::Settings::GracePeriodMinutes)
                                        : Core::Settings::GracePeriodMinutes.defaultValue;
    Core::PostStore::PendingWork work;
    try {
        const Core::PostStore posts(*m_database, *m_clock);
        // Late posts still go out within the grace period, so they count as due too.
        work = posts.pendingWork(now.addSecs(-60LL * std::max(0, graceMinutes)),
            now.addSecs(std::chrono::duration_cast<std::chrono::seconds>(kDueSoon).count()));
    } catch (const Core::StorageError &e) {
        qCWarning(lcApp).noquote() << "cannot tell whether posts are due:" << e.message();
        return {};
    }
    const int count = work.inFlight + work.scheduled;
    if (count == 0) {
        return {};
    }
    // Whole sentences per number (no "post(s)"), so that they read right untranslated.
    QStringList lines;
    if (work.inFlight > 0) {
        lines << (work.inFlight == 1
                         ? tr("1 post is being published right now.")
                         : tr("%1 posts are being published right now.").arg(work.inFlight))
                + QLatin1Char(' ')
                + tr("Uploads in progress continue the next time Cuepoint runs.");
    }
    if (work.scheduled > 0) {
        // Hours and minutes: posts go out at a minute (the C locale's short format has
        // seconds).
        QString format = QLocale().timeFormat(QLocale::ShortFormat);
        format.remove(QStringLiteral(":ss"));
        const QString time = QLocale().toString(work.next.toLocalTime().time(), format);
        const bool late = work.next <= now;
        if (work.scheduled == 1) {
            lines << (late ? tr("1 post was due at %1 and still goes out late.").arg(time)
                           : tr("1 post is due at %1.").arg(time));
        } else {
            lines << (late ? tr("%1 posts are due within the hour; the first was due at %2.")
                           : tr("%1 posts are due within the hour, the next at %2."))
                         .arg(work.scheduled)
                         .arg(time);
        }
    }
    // A non-breaking hyphen keeps the command on one line.
    lines << tr("If Cuepoint quits, nothing is published until it runs again (or "
                "cuepoint\u2011cli run publishes in its place).");
    return lines.join(QStringLiteral("\n\n"));
}

bool Application::requestQuit()
{
    const QString question = quitQuestion();
    if (!question.isEmpty() && m_confirmQuit
        && !m_confirmQuit(tr("Quit while posts are due?"), question)) {
        qCInfo(lcApp) << "quitting was cancelled: posts are due";
        return false;
    }
    qCInfo(lcApp) << "quitting";
    quitNow();
    return true;
}

void Application::quitNow()
{
    if (m_window) {
        m_window->saveUiState();
        // QGuiApplication::quit() first closes every window and gives up if one refuses: the
        // window must now close instead of hiding to the tray or asking again.
        m_window->setCloseAction(Gui::MainWindow::CloseAction::Close);
    }
    Q_EMIT quitting();
    QCoreApplication::quit();
}

} // namespace Cuepoint::App
