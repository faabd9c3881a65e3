// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/ShareDialog.h"

#include "controllers/ReviewHost.h"
#include "widgets/Typography.h"

#include <QApplication>
#include <QClipboard>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSizePolicy>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Cuepoint::Gui {

namespace {

constexpr int kDefaultRangeDays = 14;
constexpr int kVisibleProfiles = 5;

} // namespace

ShareDialog::ShareDialog(
    ReviewHost *host, const QTimeZone &zone, const QDateTime &now, QWidget *parent)
    : QDialog(parent)
    , m_host(host)
    , m_zone(zone.isValid() ? zone : QTimeZone::systemTimeZone())
{
    setObjectName(QStringLiteral("shareDialog"));
    setWindowTitle(tr("Share for Review"));

    auto *intro = new QLabel(tr("People without Cuepoint can watch the scheduled posts of these "
                                "profiles in their browser, approve each one or ask for changes."),
        this);
    intro->setWordWrap(true);
    Typography::setSecondary(intro);

    m_accounts = new QListWidget(this);
    m_accounts->setObjectName(QStringLiteral("accountsListWidget"));
    m_accounts->setUniformItemSizes(true);
    m_accounts->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    const QDate today = now.toTimeZone(m_zone).date();
    m_from = new QDateEdit(today, this);
    m_from->setObjectName(QStringLiteral("fromDateEdit"));
    m_from->setCalendarPopup(true);
    m_to = new QDateEdit(today.addDays(kDefaultRangeDays), this);
    m_to->setObjectName(QStringLiteral("toDateEdit"));
    m_to->setCalendarPopup(true);
    auto *range = new QHBoxLayout;
    range->addWidget(m_from);
    auto *through = new QLabel(tr("to"), this);
    range->addWidget(through);
    range->addWidget(m_to);
    range->addStretch();
    m_expiry = new QSpinBox(this);
    m_expiry->setObjectName(QStringLiteral("expirySpinBox"));
    m_expiry->setRange(1, Core::kMaxReviewLinkDays);
    m_expiry->setValue(Core::kDefaultReviewLinkDays);
    m_expiry->setSuffix(tr(" days"));
    auto *expiryRow = new QHBoxLayout;
    expiryRow->addWidget(m_expiry);
    expiryRow->addStretch();
    m_label = new QLineEdit(this);
    m_label->setObjectName(QStringLiteral("labelLineEdit"));
    m_label->setPlaceholderText(tr("Optional, e.g. \u201cACME, December\u201d"));
    m_label->setClearButtonEnabled(true);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    form->addRow(tr("&Profiles:"), m_accounts);
    form->addRow(tr("Posts &from:"), range);
    form->addRow(tr("&Expires after:"), expiryRow);
    form->addRow(tr("&Label:"), m_label);
    if (auto *fromLabel = qobject_cast<QLabel *>(form->labelForField(range))) {
        fromLabel->setBuddy(m_from);
    }
    if (auto *expiryLabel = qobject_cast<QLabel *>(form->labelForField(expiryRow))) {
        expiryLabel->setBuddy(m_expiry);
    }
    // The profiles' label sits at the top of its list.
    if (QLayoutItem *item = form->itemAt(0, QFormLayout::LabelRole)) {
        item->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    }

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->hide();

    // The result, shown once the link exists.
    m_result = new QWidget(this);
    m_result->setObjectName(QStringLiteral("resultWidget"));
    m_link = new QLineEdit(m_result);
    m_link->setObjectName(QStringLiteral("linkLineEdit"));
    m_link->setReadOnly(true);
    // Wide enough for a whole link on a local network address.
    m_link->setMinimumWidth(
        m_link->fontMetrics().horizontalAdvance(
            QStringLiteral("http://192.168.100.100:65535/r/") + QString(32, QLatin1Char('0')))
        + 16);
    m_copy = new QPushButton(tr("&Copy"), m_result);
    m_copy->setObjectName(QStringLiteral("copyButton"));
    m_linkInfo = new QLabel(m_result);
    m_linkInfo->setObjectName(QStringLiteral("linkInfoLabel"));
    m_linkInfo->setWordWrap(true);
    Typography::setSecondary(m_linkInfo);
    m_server = new QLabel(m_result);
    m_server->setObjectName(QStringLiteral("serverLabel"));
    m_server->setWordWrap(true);
    auto *linkRow = new QHBoxLayout;
    linkRow->addWidget(m_link, 1);
    linkRow->addWidget(m_copy);
    auto *resultLayout = new QVBoxLayout(m_result);
    resultLayout->setContentsMargins(0, 8, 0, 0);
    auto *linkHeading = new QLabel(tr("Review &link:"), m_result);
    linkHeading->setBuddy(m_link);
    QFont headingFont = linkHeading->font();
    headingFont.setBold(true);
    linkHeading->setFont(headingFont);
    resultLayout->addWidget(linkHeading);
    resultLayout->addLayout(linkRow);
    resultLayout->addWidget(m_linkInfo);
    resultLayout->addWidget(m_server);
    m_result->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_create = m_buttons->addButton(tr("Create &Link"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("createButton"));
    m_create->setDefault(true);
    m_create->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(4);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_result);
    layout->addStretch();
    layout->addWidget(m_buttons);

    // AcceptRole would close the dialog: Create keeps it open to show the link.
    disconnect(m_buttons, &QDialogButtonBox::accepted, this, nullptr);
    connect(m_create, &QPushButton::clicked, this, &ShareDialog::onCreateClicked);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_accounts, &QListWidget::itemChanged, this, &ShareDialog::updateCreateButton);
    connect(m_from, &QDateEdit::dateChanged, this, [this](QDate from) {
        if (m_to->date() < from) {
            m_to->setDate(from);
        }
        updateCreateButton();
    });
    connect(m_to, &QDateEdit::dateChanged, this, [this](QDate to) {
        if (m_from->date() > to) {
            m_from->setDate(to);
        }
        updateCreateButton();
    });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_link->text());
        m_copy->setText(tr("Copied"));
    });

    m_accounts->addItem(tr("Loading the profiles\u2026"));
    m_accounts->item(0)->setFlags(Qt::NoItemFlags);
    if (m_host) {
        m_host->loadAccounts(
            this, [this](const QList<Core::Account> &accounts, const QString &error) {
                m_accounts->clear();
                m_accountsLoaded = true;
                if (!error.isEmpty()) {
                    showError(error);
                    return;
                }
                for (const Core::Account &a : accounts) {
                    if (a.status != Core::AccountStatus::Connected) {
                        continue; // its posts do not go out: nothing to review
                    }
                    QString text = a.handle();
                    if (!a.displayName.isEmpty() && a.displayName != a.username) {
                        text = QStringLiteral("%1 (%2)").arg(a.displayName, a.handle());
                    }
                    auto *item = new QListWidgetItem(text, m_accounts);
                    item->setData(Qt::UserRole, a.id);
                    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
                    // One profile is the usual case: it is already chosen.
                    item->setCheckState(accounts.size() == 1 ? Qt::Checked : Qt::Unchecked);
                }
                if (m_accounts->count() == 0) {
                    auto *none = new QListWidgetItem(
                        tr("No connected profile: connect one on the Accounts page."), m_accounts);
                    none->setFlags(Qt::NoItemFlags);
                }
                fitProfileList();
                updateCreateButton();
            });
    }
    fitProfileList();
    resize(sizeHint().expandedTo(QSize(520, 0)));
}

ShareDialog::~ShareDialog() = default;

Core::ReviewShareRequest ShareDialog::request() const
{
    Core::ReviewShareRequest r;
    for (int i = 0; i < m_accounts->count(); ++i) {
        const QListWidgetItem *item = m_accounts->item(i);
        if (item->checkState() == Qt::Checked && item->data(Qt::UserRole).isValid()) {
            r.accountIds << item->data(Qt::UserRole).toLongLong();
        }
    }
    // Whole days of the display zone: from the start of the first to the start of the day after
    // the last (the request's end is exclusive).
    r.from = m_from->date().startOfDay(m_zone).toUTC();
    r.to = m_to->date().addDays(1).startOfDay(m_zone).toUTC();
    r.expiresInDays = m_expiry->value();
    r.label = m_label->text().trimmed();
    return r;
}

QString ShareDialog::linkText() const
{
    return m_result->isHidden() ? QString() : m_link->text();
}

void ShareDialog::fitProfileList()
{
    // As tall as its rows (a few at most; more scroll), so a single profile takes no room.
    const int rows = qBound(1, m_accounts->count(), kVisibleProfiles);
    const int row = qMax(m_accounts->sizeHintForRow(0), m_accounts->fontMetrics().height() + 2);
    m_accounts->setFixedHeight(rows * row + 2 * m_accounts->frameWidth() + 4);
}

void ShareDialog::updateCreateButton()
{
    bool any = false;
    for (int i = 0; i < m_accounts->count(); ++i) {
        any = any || m_accounts->item(i)->checkState() == Qt::Checked;
    }
    m_create->setEnabled(any && m_host);
}

void ShareDialog::showError(const QString &text)
{
    QPalette p = m_error->palette();
    p.setColor(QPalette::WindowText, QColor(0xd1, 0x3b, 0x3b));
    m_error->setPalette(p);
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void ShareDialog::onCreateClicked()
{
    if (!m_host) {
        return;
    }
    showError({});
    m_create->setEnabled(false);
    m_create->setText(tr("Creating\u2026"));
    m_host->createLink(
        request(), this, [this](const std::optional<SharedLink> &shared, const QString &error) {
            m_create->setText(tr("Create &Link"));
            if (!shared) {
                showError(error);
                updateCreateButton();
                return;
            }
            const QString url = shared->url.toString();
            m_link->setText(url);
            m_link->setCursorPosition(0);
            m_copy->setText(tr("&Copy"));
            const QLocale locale;
            m_linkInfo->setText(
                tr("Anyone with this link can see these posts and approve them, until %1. It "
                   "works while Cuepoint (or cuepoint-cli run) is running on this computer.")
                    .arg(locale.toString(
                        shared->link.expiresAt.toTimeZone(m_zone), QLocale::LongFormat)));
            const QString problem = m_host ? m_host->serverProblem() : QString();
            if (m_host && !m_host->isServerRunning()) {
                m_server->setText(
                    tr("Cuepoint could not start its review server on %1 (%2). If "
                       "cuepoint-cli run is running for this profile, it serves the link there "
                       "and it works; otherwise choose another port in Settings.")
                        .arg(m_host->serverAddressText(), problem));
                m_server->show();
            } else {
                m_server->hide();
            }
            m_result->show();
            m_copy->setFocus();
            // Another link for other profiles is one more click; this one stays shown.
            updateCreateButton();
            m_create->setDefault(false);
            m_buttons->button(QDialogButtonBox::Close)->setDefault(true);
            resize(qMax(width(), sizeHint().width()), sizeHint().height());
            Q_EMIT linkCreated(url);
        });
}

} // namespace Cuepoint::Gui
