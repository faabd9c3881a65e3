// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/AboutDialog.h"

#include "ui_AboutDialog.h"
#include "widgets/Icons.h"
#include "widgets/Typography.h"

#include "cuepoint/core/support/Versions.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>
#include <QSysInfo>

namespace Cuepoint::Gui {

namespace {

constexpr int kIconSize = 80;

} // namespace

AboutDialog::AboutDialog(const QString &sqliteVersion, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AboutDialog>())
{
    setObjectName(QStringLiteral("aboutDialog"));
    m_ui->setupUi(this);
    Typography::setPageTitle(m_ui->titleLabel);
    Typography::setSecondary(m_ui->licenseLabel);
    m_ui->iconLabel->setFixedSize(kIconSize, kIconSize);
    m_ui->iconLabel->setPixmap(
        Icons::appIcon().pixmap(QSize(kIconSize, kIconSize), devicePixelRatioF()));
    m_ui->versionLabel->setText(tr("Version %1").arg(Core::cuepointVersion()));

    m_reportLines << QStringLiteral("Cuepoint %1").arg(Core::cuepointVersion());
    for (const Core::LibraryVersion &library : Core::libraryVersions()) {
        addRow(library.name, library.version);
    }
    addRow(QStringLiteral("SQLite"), sqliteVersion.isEmpty() ? tr("unknown") : sqliteVersion);
    addRow(tr("System"), QSysInfo::prettyProductName());

    m_copyButton =
        m_ui->buttonBox->addButton(tr("Copy Version Information"), QDialogButtonBox::ActionRole);
    m_copyButton->setObjectName(QStringLiteral("copyVersionsButton"));
    m_copyButton->setIcon(Icons::get(QStringLiteral("edit-copy")));
    connect(m_copyButton, &QPushButton::clicked, this, &AboutDialog::onCopyClicked);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(fontMetrics().averageCharWidth() * 72);
}

AboutDialog::~AboutDialog() = default;

QString AboutDialog::versionReport() const
{
    return m_reportLines.join(QLatin1Char('\n'));
}

void AboutDialog::addRow(const QString &name, const QString &version)
{
    auto *value = new QLabel(version, m_ui->librariesGroupBox);
    value->setObjectName(QStringLiteral("libraryVersionLabel"));
    value->setWordWrap(true);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_ui->librariesLayout->addRow(tr("%1:").arg(name), value);
    m_reportLines << QStringLiteral("%1: %2").arg(name, version);
}

void AboutDialog::onCopyClicked()
{
    QGuiApplication::clipboard()->setText(versionReport());
    m_copyButton->setText(tr("Copied"));
}

} // namespace Cuepoint::Gui
