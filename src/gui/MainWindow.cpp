// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "GuiLogging.h"
#include "dialogs/AboutDialog.h"
#include "models/MediaLibraryModel.h"
#include "ui_MainWindow.h"
#include "views/AccountsPage.h"
#include "views/MediaLibraryPage.h"
#include "views/SchedulePage.h"
#include "views/SettingsPage.h"
#include "widgets/Icons.h"
#include "widgets/NavigationDelegate.h"
#include "widgets/Typography.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QDragMoveEvent>
#include <QFileInfo>
#include <QFrame>
#include <QLabel>
#include <QMessageBox>
#include <QMetaMethod>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QUrl>

#include <array>

namespace Cuepoint::Gui {

namespace {

const QString kGroup = QStringLiteral("ui/mainWindow");
const QString kGeometryKey = QStringLiteral("geometry");
const QString kStateKey = QStringLiteral("windowState");
const QString kPageKey = QStringLiteral("page");

constexpr QSize kDefaultSize(1120, 720);
constexpr int kNavigationIconSize = 20;
constexpr int kBrandIconSize = 28;
constexpr int kStatusPathWidthInChars = 60;
constexpr int kMessageTimeoutMs = 15'000;

constexpr std::array kPages { MainWindow::Page::Schedule, MainWindow::Page::MediaLibrary,
    MainWindow::Page::Accounts, MainWindow::Page::Settings };

QString iconNameOf(MainWindow::Page page)
{
    switch (page) {
    case MainWindow::Page::Schedule:
        return QStringLiteral("view-calendar");
    case MainWindow::Page::MediaLibrary:
        return QStringLiteral("media-library");
    case MainWindow::Page::Accounts:
        return QStringLiteral("accounts");
    case MainWindow::Page::Settings:
        return QStringLiteral("settings");
    }
    return {};
}

/// A colour between @p from and @p to (0 = from, 1 = to), for lines that should be quieter
/// than text on any palette.
QColor mix(const QColor &from, const QColor &to, qreal amount)
{
    return QColor::fromRgbF(from.redF() + (to.redF() - from.redF()) * amount,
        from.greenF() + (to.greenF() - from.greenF()) * amount,
        from.blueF() + (to.blueF() - from.blueF()) * amount);
}

/// The path as users write it: native separators, and ~ for the home folder on Unix.
QString displayPath(const QString &path)
{
#ifdef Q_OS_UNIX
    const QString home = QDir::homePath();
    if (path == home || path.startsWith(home + QLatin1Char('/'))) {
        return QStringLiteral("~") + path.mid(home.size());
    }
#endif
    return QDir::toNativeSeparators(path);
}

} // namespace

MainWindow::MainWindow(ProfileFacts facts, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_facts(std::move(facts))
{
    setObjectName(QStringLiteral("mainWindow"));
    Icons::applyPalette(palette());
    m_ui->setupUi(this);
    setWindowIcon(Icons::appIcon());

    m_schedulePage = new SchedulePage(m_ui->pageStack);
    m_ui->pageStack->addWidget(m_schedulePage);
    m_mediaLibraryPage = new MediaLibraryPage(m_ui->pageStack);
    m_ui->pageStack->addWidget(m_mediaLibraryPage);
    // The library hands its videos to the calendar: the scheduling form, or a post shown.
    connect(m_mediaLibraryPage, &MediaLibraryPage::scheduleRequested, this,
        [this](const QString &path) {
            showPage(Page::Schedule);
            m_schedulePage->newPostWithVideos({ path });
        });
    // A video dragged from the library over "Schedule" in the sidebar opens the calendar, so it
    // can be dropped on a slot (the pages share one place in the window).
    m_ui->navigationList->viewport()->setAcceptDrops(true);
    m_ui->navigationList->viewport()->installEventFilter(this);
    connect(m_mediaLibraryPage, &MediaLibraryPage::postActivated, this, [this](qint64 postId) {
        showPage(Page::Schedule);
        m_schedulePage->selectPost(postId);
    });
    m_accountsPage = new AccountsPage(m_ui->pageStack);
    m_ui->pageStack->addWidget(m_accountsPage);
    m_settingsPage = new SettingsPage(m_facts, m_ui->pageStack);
    m_ui->pageStack->addWidget(m_settingsPage);

    setUpActions();
    setUpNavigation();
    setUpStatusBar();
    applyPaletteColours();
    refreshIcons();
    restoreUiState();
}

MainWindow::~MainWindow() = default;

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_ui->navigationList->viewport()
        && (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove)) {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (!drag->mimeData()->hasFormat(MediaLibraryModel::mimeType())) {
            return false;
        }
        const QListWidgetItem *item = m_ui->navigationList->itemAt(drag->position().toPoint());
        if (item && m_ui->navigationList->row(item) == static_cast<int>(Page::Schedule)) {
            showPage(Page::Schedule);
        }
        // Accepted on enter so the moves arrive; nothing is dropped on the sidebar itself.
        if (event->type() == QEvent::DragEnter) {
            drag->acceptProposedAction();
        } else {
            drag->ignore();
        }
        return true;
    }
    return QMainWindow::eventFilter(watched, event);
}

MainWindow::Page MainWindow::currentPage() const
{
    return kPages.at(static_cast<size_t>(qMax(0, m_ui->pageStack->currentIndex())));
}

void MainWindow::showPage(Page page)
{
    m_ui->navigationList->setCurrentRow(static_cast<int>(page));
}

void MainWindow::activate(const QStringList &files)
{
    qCInfo(lcGui) << "activation requested" << files;
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    show();
    raise();
    activateWindow();
    QStringList existing;
    QStringList missing;
    for (const QString &file : files) {
        const QFileInfo info(file);
        if (info.isFile()) {
            existing << info.absoluteFilePath();
        } else {
            missing << QDir::toNativeSeparators(file);
        }
    }
    if (!missing.isEmpty()) {
        qCWarning(lcGui) << "files that do not exist were asked for:" << missing;
        statusBar()->showMessage(missing.size() == 1
                ? tr("%1 does not exist, so it cannot be scheduled.").arg(missing.first())
                : tr("These files do not exist, so they cannot be scheduled: %1")
                      .arg(missing.join(QStringLiteral(", "))),
            kMessageTimeoutMs);
    }
    if (existing.isEmpty()) {
        return;
    }
    static const QMetaMethod requested = QMetaMethod::fromSignal(&MainWindow::videosRequested);
    if (!isSignalConnected(requested) && missing.isEmpty()) {
        // Nothing in this window takes videos yet: say so rather than drop them silently.
        statusBar()->showMessage(tr("Received %n video(s), but this window cannot schedule "
                                    "videos from the command line yet.",
                                     nullptr, static_cast<int>(existing.size())),
            kMessageTimeoutMs);
    }
    Q_EMIT videosRequested(existing);
}

void MainWindow::saveUiState()
{
    QSettings settings(m_facts.profile.settingsPath(), QSettings::IniFormat);
    settings.beginGroup(kGroup);
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kPageKey, pageKey(currentPage()));
    settings.endGroup();
    settings.sync();
    if (settings.status() != QSettings::NoError) {
        qCWarning(lcGui) << "cannot save the window state to" << settings.fileName();
    }
}

void MainWindow::showAbout()
{
    if (!m_aboutDialog) {
        m_aboutDialog = new AboutDialog(m_facts.sqliteVersion, this);
        m_aboutDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_aboutDialog->open();
    m_aboutDialog->raise();
    m_aboutDialog->activateWindow();
}

QString MainWindow::pageKey(Page page)
{
    switch (page) {
    case Page::Schedule:
        return QStringLiteral("schedule");
    case Page::MediaLibrary:
        return QStringLiteral("mediaLibrary");
    case Page::Accounts:
        return QStringLiteral("accounts");
    case Page::Settings:
        return QStringLiteral("settings");
    }
    return {};
}

std::optional<MainWindow::Page> MainWindow::pageFromKey(const QString &key)
{
    for (const Page page : kPages) {
        if (pageKey(page) == key) {
            return page;
        }
    }
    return std::nullopt;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveUiState();
    switch (m_closeAction) {
    case CloseAction::Close:
        QMainWindow::closeEvent(event);
        return;
    case CloseAction::HideToTray:
        // Scheduled posts still go out: the window only hides.
        event->ignore();
        hide();
        Q_EMIT hiddenToTray();
        return;
    case CloseAction::RequestQuit:
        // The application asks first when posts are due, and quits if the user agrees.
        event->ignore();
        Q_EMIT quitRequested();
        return;
    }
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    switch (event->type()) {
    case QEvent::PaletteChange:
        Icons::applyPalette(palette());
        applyPaletteColours();
        refreshIcons();
        break;
    case QEvent::WindowStateChange:
        m_ui->fullScreenAction->setChecked(isFullScreen());
        break;
    default:
        break;
    }
}

void MainWindow::setUpNavigation()
{
    QListWidget *list = m_ui->navigationList;
    list->setItemDelegate(new NavigationDelegate(list));
    list->setIconSize(QSize(kNavigationIconSize, kNavigationIconSize));
    list->setMouseTracking(true); // hover feedback
    list->viewport()->setAttribute(Qt::WA_Hover);
    for (const Page page : kPages) {
        auto *item = new QListWidgetItem(list);
        item->setData(Qt::UserRole, static_cast<int>(page));
    }
    list->item(static_cast<int>(Page::Schedule))->setText(tr("Schedule"));
    list->item(static_cast<int>(Page::MediaLibrary))->setText(tr("Media library"));
    list->item(static_cast<int>(Page::Accounts))->setText(tr("Accounts"));
    list->item(static_cast<int>(Page::Settings))->setText(tr("Settings"));

    // The sidebar is as wide as its longest label needs, and never narrower than reads well.
    const int sidebarWidth =
        qMax(list->sizeHintForColumn(0) + 24, fontMetrics().averageCharWidth() * 28);
    m_ui->sidebar->setFixedWidth(sidebarWidth);

    m_ui->brandIconLabel->setPixmap(
        Icons::appIcon().pixmap(QSize(kBrandIconSize, kBrandIconSize), devicePixelRatioF()));
    Typography::setHeading(m_ui->brandNameLabel);

    connect(list, &QListWidget::currentRowChanged, this, &MainWindow::onNavigationRowChanged);
    list->setCurrentRow(0);
}

void MainWindow::setUpActions()
{
    m_ui->quitAction->setShortcuts(QKeySequence::Quit);
    if (m_ui->quitAction->shortcut().isEmpty()) {
        // Not every platform defines a standard Quit key (Windows does not).
        m_ui->quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    }
    connect(m_ui->quitAction, &QAction::triggered, this, [this] {
        saveUiState();
        if (m_closeAction == CloseAction::Close) {
            QCoreApplication::quit();
        } else {
            Q_EMIT quitRequested(); // one question for Ctrl+Q, File > Quit and the tray
        }
    });

    m_pageActions = new QActionGroup(this);
    m_pageActions->setExclusive(true);
    const std::array actions { m_ui->showScheduleAction, m_ui->showMediaLibraryAction,
        m_ui->showAccountsAction, m_ui->showSettingsAction };
    for (size_t i = 0; i < actions.size(); ++i) {
        QAction *action = actions.at(i);
        const Page page = kPages.at(i);
        m_pageActions->addAction(action);
        action->setShortcut(
            QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + static_cast<int>(i))));
        connect(action, &QAction::triggered, this, [this, page] { showPage(page); });
    }
    m_ui->showScheduleAction->setChecked(true);

    m_ui->fullScreenAction->setShortcuts(QKeySequence::FullScreen);
    connect(m_ui->fullScreenAction, &QAction::triggered, this, [this](bool on) {
        setWindowState(
            on ? (windowState() | Qt::WindowFullScreen) : (windowState() & ~Qt::WindowFullScreen));
    });

    connect(m_ui->showLogFilesAction, &QAction::triggered, this, [this] {
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(m_facts.profile.logsDir()))) {
            qCWarning(lcGui) << "no file manager opened" << m_facts.profile.logsDir();
        }
    });
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->aboutQtAction, &QAction::triggered, this,
        [this] { QMessageBox::aboutQt(this, tr("About Qt")); });
}

void MainWindow::setUpStatusBar()
{
    m_profileStatusLabel = new QLabel(this);
    m_profileStatusLabel->setObjectName(QStringLiteral("profileStatusLabel"));
    const QString root = m_facts.profile.rootDir();
    const QString shown = fontMetrics().elidedText(displayPath(root), Qt::ElideMiddle,
        fontMetrics().averageCharWidth() * kStatusPathWidthInChars);
    m_profileStatusLabel->setText(tr("Profile: %1").arg(shown));
    m_profileStatusLabel->setToolTip(QDir::toNativeSeparators(root));

    m_databaseStatusLabel = new QLabel(this);
    m_databaseStatusLabel->setObjectName(QStringLiteral("databaseStatusLabel"));
    m_databaseStatusLabel->setText(tr("Database ready (schema %1)").arg(m_facts.schemaVersion));
    m_databaseStatusLabel->setToolTip(QDir::toNativeSeparators(m_facts.databasePath));

    m_statusSeparator = new QFrame(this);
    m_statusSeparator->setFrameShape(QFrame::VLine);
    m_statusSeparator->setFrameShadow(QFrame::Plain);
    m_statusSeparator->setForegroundRole(QPalette::Mid); // a quiet hairline, not black
    m_statusSeparator->setFixedHeight(fontMetrics().height());

    // Permanent widgets sit on the right; transient messages keep the left.
    statusBar()->addPermanentWidget(m_profileStatusLabel);
    statusBar()->addPermanentWidget(m_statusSeparator);
    statusBar()->addPermanentWidget(m_databaseStatusLabel);
    m_tiktokStatusLabel = new QLabel(this);
    m_tiktokStatusLabel->setObjectName(QStringLiteral("tiktokStatusLabel"));
    m_tiktokStatusLabel->setText(tr("TikTok: starting\u2026"));
    m_tiktokSeparator = new QFrame(this);
    m_tiktokSeparator->setFrameShape(QFrame::VLine);
    m_tiktokSeparator->setFrameShadow(QFrame::Plain);
    m_tiktokSeparator->setForegroundRole(QPalette::Mid); // a quiet hairline, not black
    m_tiktokSeparator->setFixedHeight(fontMetrics().height());
    statusBar()->addPermanentWidget(m_tiktokSeparator);
    statusBar()->addPermanentWidget(m_tiktokStatusLabel);
    m_publishingStatusLabel = new QLabel(this);
    m_publishingStatusLabel->setObjectName(QStringLiteral("publishingStatusLabel"));
    m_publishingStatusLabel->setText(tr("Publishing: starting\u2026"));
    m_publishingSeparator = new QFrame(this);
    m_publishingSeparator->setFrameShape(QFrame::VLine);
    m_publishingSeparator->setFrameShadow(QFrame::Plain);
    m_publishingSeparator->setForegroundRole(QPalette::Mid); // a quiet hairline, not black
    m_publishingSeparator->setFixedHeight(fontMetrics().height());
    statusBar()->addPermanentWidget(m_publishingSeparator);
    statusBar()->addPermanentWidget(m_publishingStatusLabel);
    statusBar()->setSizeGripEnabled(true);
}

void MainWindow::setTikTokStatus(const QString &text, const QString &toolTip)
{
    m_tiktokStatusLabel->setText(text);
    m_tiktokStatusLabel->setToolTip(toolTip);
}

void MainWindow::setPublishingStatus(const QString &text, const QString &toolTip)
{
    m_publishingStatusLabel->setText(text);
    m_publishingStatusLabel->setToolTip(toolTip);
}

void MainWindow::restoreUiState()
{
    QSettings settings(m_facts.profile.settingsPath(), QSettings::IniFormat);
    settings.beginGroup(kGroup);
    const QByteArray geometry = settings.value(kGeometryKey).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        // First start: a comfortable size, centred, never larger than the screen.
        const QRect available = screen() ? screen()->availableGeometry() : QRect();
        QSize size = kDefaultSize;
        if (available.isValid()) {
            size = size.boundedTo(available.size() * 9 / 10);
        }
        resize(size);
        if (available.isValid()) {
            move(available.center() - QPoint(size.width() / 2, size.height() / 2));
        }
    }
    restoreState(settings.value(kStateKey).toByteArray());
    const QString key = settings.value(kPageKey).toString();
    showPage(pageFromKey(key).value_or(Page::Schedule));
    settings.endGroup();
}

void MainWindow::applyPaletteColours()
{
    const QPalette pal = palette();
    // The sidebar sits on the window colour, the pages on the base colour (as in the file
    // managers and settings apps of the desktops), with a quiet line between them.
    m_ui->sidebar->setAutoFillBackground(true);
    m_ui->sidebar->setBackgroundRole(QPalette::Window);
    m_ui->navigationList->viewport()->setBackgroundRole(QPalette::Window);
    m_ui->pageStack->setAutoFillBackground(true);
    m_ui->pageStack->setBackgroundRole(QPalette::Base);
    const QColor quiet = mix(pal.color(QPalette::Window), pal.color(QPalette::WindowText), 0.18);
    for (QFrame *frame :
        { static_cast<QFrame *>(m_ui->sidebarSeparator), m_statusSeparator, m_tiktokSeparator }) {
        QPalette line = frame->palette();
        line.setColor(QPalette::WindowText, quiet);
        frame->setPalette(line);
    }
}

void MainWindow::refreshIcons()
{
    for (int row = 0; row < m_ui->navigationList->count(); ++row) {
        QListWidgetItem *item = m_ui->navigationList->item(row);
        item->setIcon(Icons::get(iconNameOf(kPages.at(static_cast<size_t>(row)))));
    }
    m_ui->quitAction->setIcon(Icons::get(QStringLiteral("application-exit")));
    m_ui->showScheduleAction->setIcon(Icons::get(iconNameOf(Page::Schedule)));
    m_ui->showMediaLibraryAction->setIcon(Icons::get(iconNameOf(Page::MediaLibrary)));
    m_ui->showAccountsAction->setIcon(Icons::get(iconNameOf(Page::Accounts)));
    m_ui->showSettingsAction->setIcon(Icons::get(iconNameOf(Page::Settings)));
    m_ui->fullScreenAction->setIcon(Icons::get(QStringLiteral("view-fullscreen")));
    m_ui->showLogFilesAction->setIcon(Icons::get(QStringLiteral("text-x-log")));
    m_ui->aboutAction->setIcon(Icons::get(QStringLiteral("help-about")));
}

void MainWindow::onNavigationRowChanged(int row)
{
    if (row < 0 || row >= m_ui->pageStack->count()) {
        return;
    }
    m_ui->pageStack->setCurrentIndex(row);
    m_pageActions->actions().at(row)->setChecked(true);
}

} // namespace Cuepoint::Gui
