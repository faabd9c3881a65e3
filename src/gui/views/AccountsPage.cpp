// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/AccountsPage.h"

#include "GuiLogging.h"
#include "controllers/AccountsController.h"
#include "controllers/AvatarCache.h"
#include "models/AccountListModel.h"
#include "ui_AccountsPage.h"
#include "widgets/Icons.h"
#include "widgets/Typography.h"

#include "cuepoint/core/domain/Account.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QUrl>

namespace Cuepoint::Gui {

namespace {

const QString kSetupGuide = QStringLiteral("TIKTOK-SETUP.md");

/// A colour between @p from and @p to (0 = from, 1 = to).
QColor mix(const QColor &from, const QColor &to, qreal amount)
{
    return QColor::fromRgbF(from.redF() + (to.redF() - from.redF()) * amount,
        from.greenF() + (to.greenF() - from.greenF()) * amount,
        from.blueF() + (to.blueF() - from.blueF()) * amount);
}

/// A hairline between rows, as quiet as the list's own border.
QWidget *separator(QWidget *parent)
{
    auto *line = new QWidget(parent);
    line->setObjectName(QStringLiteral("accountSeparator"));
    line->setFixedHeight(1);
    line->setAutoFillBackground(true);
    line->setBackgroundRole(QPalette::Window); // not the list's Base, which it would inherit
    QPalette pal = line->palette();
    pal.setColor(
        QPalette::Window, mix(pal.color(QPalette::Base), pal.color(QPalette::WindowText), 0.12));
    line->setPalette(pal);
    return line;
}

} // namespace

AccountsPage::AccountsPage(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AccountsPage>())
{
    setObjectName(QStringLiteral("accountsPage"));
    m_ui->setupUi(this);
    Typography::setPageTitle(m_ui->titleLabel);
    Typography::setSecondary(m_ui->introLabel);
    m_ui->introLabel->setOpenExternalLinks(false);
    m_ui->progressPanel->hide();
    m_ui->messageLabel->hide();
    m_ui->accountScrollArea->hide();
    m_ui->accountListFrame->setBackgroundRole(QPalette::Base);
    m_ui->accountListFrame->setAutoFillBackground(true);
    m_ui->accountScrollArea->viewport()->setAutoFillBackground(false);
    m_ui->accountScrollContents->setAutoFillBackground(false);
    m_ui->copyUrlButton->setIcon(Icons::get(QStringLiteral("edit-copy")));

    connect(m_ui->connectButton, &QPushButton::clicked, this, &AccountsPage::onConnectClicked);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, [this] {
        if (m_controller) {
            m_ui->cancelButton->setEnabled(false);
            m_ui->progressLabel->setText(tr("Cancelling…"));
            m_controller->cancel();
        }
    });
    connect(m_ui->copyUrlButton, &QPushButton::clicked, this,
        [this] { QGuiApplication::clipboard()->setText(m_ui->authorizeUrlEdit->text()); });
    connect(m_ui->introLabel, &QLabel::linkActivated, this, [](const QString &link) {
        if (!QDesktopServices::openUrl(QUrl(link))) {
            qCWarning(lcGui) << "nothing opened" << link;
        }
    });
    updateState();
}

AccountsPage::~AccountsPage() = default;

void AccountsPage::setController(AccountsController *controller, const Core::Clock &clock)
{
    m_controller = controller;
    delete m_model;
    m_model = new AccountListModel(controller->accounts(), clock, this);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AccountsPage::rebuildRows);
    connect(controller, &AccountsController::stateChanged, this, &AccountsPage::updateState);
    connect(controller, &AccountsController::authorizeUrlReady, this,
        &AccountsPage::onAuthorizeUrlReady);
    connect(controller, &AccountsController::accountConnected, this,
        [this](const Core::Account &account, const QStringList &missingScopes) {
            const QString name =
                account.displayName.isEmpty() ? account.username : account.displayName;
            if (missingScopes.isEmpty()) {
                showMessage(account.isSandbox ? tr("%1 is connected (Sandbox).").arg(name)
                                              : tr("%1 is connected.").arg(name),
                    false);
            } else {
                showMessage(tr("%1 is connected, but TikTok did not grant %2. Connect again and "
                               "allow them to post.")
                                .arg(name, missingScopes.join(QStringLiteral(", "))),
                    true);
            }
        });
    connect(controller, &AccountsController::accountDisconnected, this,
        [this](const Core::Account &account, const QString &warning) {
            const QString name =
                account.displayName.isEmpty() ? account.username : account.displayName;
            if (warning.isEmpty()) {
                showMessage(
                    tr("%1 is disconnected; Cuepoint's access was revoked.").arg(name), false);
            } else {
                showMessage(tr("%1 is disconnected. %2").arg(name, warning), true);
            }
        });
    connect(controller, &AccountsController::failed, this,
        [this](const QString &sentence) { showMessage(sentence, true); });
    connect(controller, &AccountsController::cancelled, this,
        [this] { showMessage(tr("Connecting was cancelled; no account was connected."), false); });
    rebuildRows();
    updateState();
}

void AccountsPage::setAvatarCache(AvatarCache *avatars)
{
    if (m_avatars) {
        disconnect(m_avatars, nullptr, this, nullptr);
    }
    m_avatars = avatars;
    if (avatars) {
        connect(avatars, &AvatarCache::avatarReady, this, [this](qint64 accountId) {
            for (AccountRow *row : m_ui->accountListFrame->findChildren<AccountRow *>()) {
                if (row->accountId() == accountId) {
                    showAvatar(row);
                }
            }
        });
    }
    for (AccountRow *row : m_ui->accountListFrame->findChildren<AccountRow *>()) {
        showAvatar(row);
    }
}

void AccountsPage::showAvatar(AccountRow *row)
{
    row->setAvatar(m_avatars
            ? m_avatars->avatar(row->accountId(), InitialsAvatar::kSize, devicePixelRatioF())
            : QPixmap());
}

QString AccountsPage::setupGuidePath()
{
    // Installed next to the program first, then the source tree this build came from.
    const QString appDir = QCoreApplication::applicationDirPath();
    QStringList candidates { appDir + QStringLiteral("/../share/doc/cuepoint/") + kSetupGuide };
#ifdef CUEPOINT_DOCS_DIR
    candidates << QStringLiteral(CUEPOINT_DOCS_DIR "/") + kSetupGuide;
#endif
    for (const QString &candidate : candidates) {
        if (QFileInfo::exists(candidate)) {
            return QFileInfo(candidate).canonicalFilePath();
        }
    }
    return {};
}

void AccountsPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        rebuildRows(); // the status colours and separators follow the palette
        if (m_ui->messageLabel->isVisible()) {
            showMessage(m_ui->messageLabel->text(), m_messageIsError);
        }
    }
}

void AccountsPage::updateState()
{
    using State = AccountsController::State;
    const State state = m_controller ? m_controller->state() : State::Starting;
    const bool sandbox = m_controller && m_controller->isSandbox();
    QPushButton *button = m_ui->connectButton;

    switch (state) {
    case State::Starting:
        button->setText(tr("Starting…"));
        button->setToolTip(tr("Cuepoint is finding out how it reaches TikTok."));
        m_ui->introLabel->setText(tr("Checking how Cuepoint reaches TikTok…"));
        break;
    case State::Unavailable:
        button->setText(tr("Connect TikTok account"));
        button->setToolTip({});
        m_ui->introLabel->setText(tr("TikTok cannot be reached from Cuepoint right now."));
        if (m_controller && !m_controller->unavailableReason().isEmpty()) {
            showMessage(m_controller->unavailableReason(), true);
        }
        break;
    case State::Ready:
    case State::Connecting:
    case State::Disconnecting:
        button->setText(sandbox ? tr("Connect Sandbox account") : tr("Connect TikTok account"));
        button->setToolTip(sandbox ? tr("Connects a profile of the built-in sandbox, offline")
                                   : tr("Opens TikTok's sign-in page in your browser"));
        if (sandbox) {
            const QString guide = setupGuidePath();
            const QString link = guide.isEmpty()
                ? tr("see %1").arg(kSetupGuide)
                : tr("<a href=\"%1\">set up a TikTok app</a>")
                      .arg(QUrl::fromLocalFile(guide).toString(QUrl::FullyEncoded));
            m_ui->introLabel->setText(tr("No TikTok app is configured, so Cuepoint uses its "
                                         "built-in Sandbox: nothing is sent to TikTok. To post "
                                         "for real, %1.")
                                          .arg(link));
            m_ui->introLabel->setToolTip(guide.isEmpty() ? kSetupGuide : guide);
        } else {
            m_ui->introLabel->setText(tr("The TikTok profiles Cuepoint posts to. Connecting "
                                         "opens TikTok's sign-in page in your browser."));
            m_ui->introLabel->setToolTip({});
        }
        break;
    }
    button->setEnabled(state == State::Ready);

    const bool busy = state == State::Connecting || state == State::Disconnecting;
    m_ui->progressPanel->setVisible(busy);
    if (busy) {
        m_ui->cancelButton->setVisible(state == State::Connecting);
        m_ui->cancelButton->setEnabled(true);
        m_ui->urlRow->hide();
        if (state == State::Disconnecting) {
            m_ui->progressLabel->setText(tr("Disconnecting…"));
        } else if (sandbox) {
            m_ui->progressLabel->setText(tr("Connecting a Sandbox account…"));
        } else {
            m_ui->progressLabel->setText(tr("Opening TikTok's sign-in page…"));
        }
    }
    for (AccountRow *row : m_ui->accountListFrame->findChildren<AccountRow *>()) {
        row->setActionEnabled(state == State::Ready);
    }
}

void AccountsPage::rebuildRows()
{
    QLayout *layout = m_ui->accountListLayout;
    while (QLayoutItem *item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const int rows = m_model ? m_model->rowCount() : 0;
    for (int row = 0; row < rows; ++row) {
        const QModelIndex index = m_model->index(row);
        AccountRow::Content content;
        content.id = index.data(AccountListModel::IdRole).toLongLong();
        content.name = index.data(Qt::DisplayRole).toString();
        content.username = index.data(AccountListModel::UsernameRole).toString();
        content.initials = index.data(AccountListModel::InitialsRole).toString();
        content.sandbox = index.data(AccountListModel::IsSandboxRole).toBool();
        content.status = index.data(AccountListModel::StatusRole).toInt();
        content.statusText = index.data(AccountListModel::StatusTextRole).toString();
        content.expiryText = index.data(AccountListModel::ExpiryTextRole).toString();
        content.toolTip = index.data(Qt::ToolTipRole).toString();
        if (row > 0) {
            layout->addWidget(separator(m_ui->accountListFrame));
        }
        auto *widget = new AccountRow(content, m_ui->accountListFrame);
        connect(widget, &AccountRow::actionRequested, this, &AccountsPage::onRowAction);
        widget->setActionEnabled(
            m_controller && m_controller->state() == AccountsController::State::Ready);
        showAvatar(widget);
        layout->addWidget(widget);
    }
    // One width for every row's button, so they line up whatever their label.
    const QList<QPushButton *> buttons = m_ui->accountListFrame->findChildren<QPushButton *>();
    int buttonWidth = 0;
    for (const QPushButton *button : buttons) {
        buttonWidth = qMax(buttonWidth, button->sizeHint().width());
    }
    for (QPushButton *button : buttons) {
        button->setMinimumWidth(buttonWidth);
    }
    m_ui->accountScrollArea->setVisible(rows > 0);
    m_ui->emptyState->setVisible(rows == 0);
}

void AccountsPage::onConnectClicked()
{
    if (!m_controller) {
        return;
    }
    clearMessage();
    m_controller->connectAccount();
}

void AccountsPage::onRowAction(qint64 accountId, AccountRow::Action action)
{
    if (!m_controller) {
        return;
    }
    switch (action) {
    case AccountRow::Action::Disconnect:
        confirmDisconnect(accountId);
        break;
    case AccountRow::Action::Reconnect:
        clearMessage();
        m_controller->connectAccount();
        break;
    case AccountRow::Action::Remove: {
        clearMessage();
        const QString problem = m_controller->removeAccount(accountId);
        if (!problem.isEmpty()) {
            showMessage(problem, true);
        }
        break;
    }
    }
}

void AccountsPage::confirmDisconnect(qint64 accountId)
{
    QString name;
    bool sandbox = false;
    for (int row = 0; m_model && row < m_model->rowCount(); ++row) {
        if (m_model->account(row).id == accountId) {
            name = m_model->index(row).data(Qt::DisplayRole).toString();
            sandbox = m_model->account(row).isSandbox;
        }
    }
    // open(), not exec(): the event loop (and the tests) keep running while it asks.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Disconnect %1?").arg(name),
        tr("Disconnect %1?").arg(name), QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("disconnectConfirmation"));
    box->setInformativeText(sandbox
            ? tr("Cuepoint forgets this Sandbox profile's sign-in. Its planned posts stay, but "
                 "are not published until you connect it again.")
            : tr("Cuepoint revokes its access at TikTok and forgets the sign-in. Its planned "
                 "posts stay, but are not published until you connect it again."));
    QPushButton *disconnectButton = box->addButton(tr("Disconnect"), QMessageBox::AcceptRole);
    disconnectButton->setObjectName(QStringLiteral("confirmDisconnectButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this,
        [this, disconnectButton, accountId](QAbstractButton *clicked) {
            if (clicked == disconnectButton && m_controller) {
                clearMessage();
                m_controller->disconnectAccount(accountId);
            }
        });
    box->open();
}

void AccountsPage::onAuthorizeUrlReady(const QUrl &url, bool openInBrowser)
{
    if (!openInBrowser) {
        return; // the sandbox: the controller signs in by itself
    }
    const QString text = url.toString(QUrl::FullyEncoded);
    m_ui->authorizeUrlEdit->setText(text);
    m_ui->authorizeUrlEdit->setCursorPosition(0);
    m_ui->urlRow->show();
    if (QDesktopServices::openUrl(url)) {
        m_ui->progressLabel->setText(tr("Finish signing in to TikTok in your browser. If it did "
                                        "not open, copy this address into it:"));
    } else {
        m_ui->progressLabel->setText(
            tr("No browser opened. Copy this address into your browser to sign in to TikTok:"));
    }
}

void AccountsPage::showMessage(const QString &text, bool isError)
{
    m_messageIsError = isError;
    QPalette pal = m_ui->messageLabel->palette();
    const QPalette base = palette();
    const QColor colour = isError
        ? (Icons::isDark(base) ? QColor(0xef, 0x9a, 0x9a) : QColor(0xb7, 0x1c, 0x1c))
        : base.color(QPalette::WindowText);
    // A label on a Base-coloured page draws with Text, elsewhere with WindowText: set both.
    pal.setColor(QPalette::WindowText, colour);
    pal.setColor(QPalette::Text, colour);
    m_ui->messageLabel->setPalette(pal);
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void AccountsPage::clearMessage()
{
    m_ui->messageLabel->clear();
    m_ui->messageLabel->hide();
}

} // namespace Cuepoint::Gui
