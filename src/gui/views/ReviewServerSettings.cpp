// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ReviewServerSettings.h"

#include "GuiLogging.h"
#include "controllers/ReviewHost.h"
#include "widgets/Typography.h"

#include "cuepoint/core/support/Settings.h"

#include <QButtonGroup>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Cuepoint::Gui {

namespace {

/// Ports below 1024 need privileges on Unix.
constexpr int kLowestPort = 1024;

} // namespace

ReviewServerSettings::ReviewServerSettings(QWidget *parent)
    : QGroupBox(tr("Review links"), parent)
{
    setObjectName(QStringLiteral("reviewGroupBox"));
    auto *intro = new QLabel(tr("Cuepoint serves the review pages itself, from this computer, "
                                "while it (or cuepoint-cli run) is running."),
        this);
    intro->setWordWrap(true);
    Typography::setSecondary(intro);

    m_local = new QRadioButton(tr("Only this computer (127.0.0.1)"), this);
    m_local->setObjectName(QStringLiteral("reviewLocalRadioButton"));
    m_lan = new QRadioButton(tr("Local network, on address:"), this);
    m_lan->setObjectName(QStringLiteral("reviewLanRadioButton"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_local);
    group->addButton(m_lan);
    m_address = new QLineEdit(this);
    m_address->setObjectName(QStringLiteral("reviewAddressLineEdit"));
    m_address->setPlaceholderText(QString::fromLatin1(kAnyAddress));
    m_address->setToolTip(tr("%1 listens on every network of this computer; an address of "
                             "this computer listens on that network only.")
                              .arg(QString::fromLatin1(kAnyAddress)));
    m_address->setMaximumWidth(m_address->fontMetrics().averageCharWidth() * 24);
    m_warning = new QLabel(tr("\u26a0 Anyone on the same network who gets a link (forwarded in "
                              "an email, seen on a screen) can open it, watch those videos and "
                              "approve them, until it expires or you revoke it. Use this only "
                              "on networks you trust."),
        this);
    m_warning->setObjectName(QStringLiteral("reviewLanWarningLabel"));
    m_warning->setWordWrap(true);
    m_addressError = new QLabel(this);
    m_addressError->setObjectName(QStringLiteral("reviewAddressErrorLabel"));
    m_addressError->setWordWrap(true);
    m_addressError->hide();
    QPalette warn = m_warning->palette();
    warn.setColor(QPalette::WindowText, QColor(0xa8, 0x6a, 0x00));
    m_warning->setPalette(warn);
    QPalette error = m_addressError->palette();
    error.setColor(QPalette::WindowText, QColor(0xd1, 0x3b, 0x3b));
    m_addressError->setPalette(error);

    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("reviewPortSpinBox"));
    m_port->setRange(kLowestPort, 65535);
    m_port->setGroupSeparatorShown(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("reviewServerStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_manage = new QPushButton(tr("Manage Review Links\u2026"), this);
    m_manage->setObjectName(QStringLiteral("manageReviewLinksButton"));

    auto *lanRow = new QHBoxLayout;
    lanRow->addWidget(m_lan);
    lanRow->addWidget(m_address);
    lanRow->addStretch();
    auto *reach = new QVBoxLayout;
    reach->setSpacing(4);
    reach->addWidget(m_local);
    reach->addLayout(lanRow);
    reach->addWidget(m_warning);
    reach->addWidget(m_addressError);
    auto *portRow = new QHBoxLayout;
    portRow->addWidget(m_port);
    portRow->addStretch();
    auto *manageRow = new QHBoxLayout;
    manageRow->addWidget(m_manage);
    manageRow->addStretch();

    // Field names end in "TitleLabel" so the Settings page lines them up with its other groups.
    auto *reachTitle = new QLabel(tr("Reachable from:"), this);
    reachTitle->setObjectName(QStringLiteral("reviewReachTitleLabel"));
    auto *portTitle = new QLabel(tr("Port:"), this);
    portTitle->setObjectName(QStringLiteral("reviewPortTitleLabel"));
    portTitle->setBuddy(m_port);
    auto *statusTitle = new QLabel(tr("Server:"), this);
    statusTitle->setObjectName(QStringLiteral("reviewStatusTitleLabel"));
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeading | Qt::AlignLeft | Qt::AlignVCenter);
    form->setHorizontalSpacing(16);
    form->setVerticalSpacing(8);
    form->addRow(reachTitle, reach);
    form->addRow(portTitle, portRow);
    form->addRow(statusTitle, m_status);
    form->addRow(QString(), manageRow);
    if (QLayoutItem *item = form->itemAt(0, QFormLayout::LabelRole)) {
        item->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    }

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(intro);
    layout->addLayout(form);

    connect(m_local, &QRadioButton::toggled, this, [this](bool on) {
        if (on) {
            store();
        }
    });
    connect(m_lan, &QRadioButton::toggled, this, [this](bool on) {
        m_address->setEnabled(on);
        m_warning->setVisible(on);
        if (on) {
            store();
        }
    });
    connect(m_address, &QLineEdit::editingFinished, this, [this] {
        if (m_lan->isChecked()) {
            store();
        }
    });
    connect(m_port, &QSpinBox::editingFinished, this, &ReviewServerSettings::store);
    connect(m_manage, &QPushButton::clicked, this, &ReviewServerSettings::manageLinksRequested);
    setSettings(nullptr);
}

ReviewServerSettings::~ReviewServerSettings() = default;

void ReviewServerSettings::setSettings(Core::Settings *settings)
{
    m_settings = settings;
    for (QWidget *w : std::initializer_list<QWidget *> { m_local, m_lan, m_address, m_port }) {
        w->setEnabled(settings != nullptr);
    }
    load();
}

void ReviewServerSettings::setReviewHost(ReviewHost *host)
{
    if (m_host) {
        disconnect(m_host, nullptr, this, nullptr);
    }
    m_host = host;
    if (host) {
        connect(host, &ReviewHost::serverStateChanged, this, &ReviewServerSettings::updateState);
    }
    m_manage->setEnabled(host != nullptr);
    updateState();
}

void ReviewServerSettings::load()
{
    const QSignalBlocker local(m_local);
    const QSignalBlocker lan(m_lan);
    const QSignalBlocker port(m_port);
    const QString address =
        m_settings ? m_settings->reviewBindAddress() : QString::fromLatin1(kLoopback);
    const bool loopback = QHostAddress(address).isLoopback() || address.isEmpty();
    m_local->setChecked(loopback);
    m_lan->setChecked(!loopback);
    m_address->setText(loopback ? QString() : address);
    m_address->setEnabled(!loopback && m_settings);
    m_warning->setVisible(!loopback);
    m_port->setValue(m_settings ? static_cast<int>(m_settings->reviewPort())
                                : static_cast<int>(Core::kDefaultReviewPort));
    updateState();
}

void ReviewServerSettings::store()
{
    if (!m_settings) {
        return;
    }
    QString address = QString::fromLatin1(kLoopback);
    if (m_lan->isChecked()) {
        address = m_address->text().trimmed();
        if (address.isEmpty()) {
            address = QString::fromLatin1(kAnyAddress);
        }
        if (QHostAddress(address).isNull()) {
            m_addressError->setText(tr("\u201c%1\u201d is not an IP address (for example "
                                       "0.0.0.0 or 192.168.1.20).")
                                        .arg(address));
            m_addressError->show();
            // The field keeps the mistake to correct; the server stays where it was.
            address = m_settings->reviewBindAddress();
        } else {
            m_addressError->hide();
        }
    } else {
        m_addressError->hide();
    }
    const quint16 port = static_cast<quint16>(m_port->value());
    if (address == m_settings->reviewBindAddress() && port == m_settings->reviewPort()) {
        return;
    }
    m_settings->setReviewBindAddress(address);
    m_settings->setReviewPort(port);
    m_settings->sync();
    qCInfo(lcGui).noquote() << "review server address:" << address << "port" << port;
    Q_EMIT serverSettingsChanged();
    updateState();
}

void ReviewServerSettings::updateState()
{
    if (!m_host) {
        m_status->setText(tr("Not started."));
        return;
    }
    if (m_host->isServerRunning()) {
        m_status->setText(tr("Running at %1.").arg(m_host->serverAddressText()));
    } else if (!m_host->serverProblem().isEmpty()) {
        m_status->setText(tr("Could not start at %1: %2. If cuepoint-cli run serves this "
                             "profile there, the links still work.")
                              .arg(m_host->serverAddressText(), m_host->serverProblem()));
    } else {
        m_status->setText(tr("Off: it starts when a review link is active."));
    }
}

} // namespace Cuepoint::Gui
