// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/SettingsPage.h"

#include "GuiLogging.h"
#include "ui_SettingsPage.h"
#include "widgets/Icons.h"
#include "widgets/Typography.h"

#include <QDesktopServices>
#include <QDir>
#include <QRegularExpression>
#include <QUrl>

namespace Cuepoint::Gui {

namespace {

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

SettingsPage::SettingsPage(const ProfileFacts &facts, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::SettingsPage>())
    , m_profileDir(facts.profile.rootDir())
{
    setObjectName(QStringLiteral("settingsPage"));
    m_ui->setupUi(this);
    Typography::setPageTitle(m_ui->titleLabel);
    Typography::setSecondary(m_ui->introLabel);
    Typography::setSecondary(m_ui->tokenStoreNoteLabel);

    // One column of field names across the three groups, so their values line up.
    const QList<QLabel *> fieldNames =
        findChildren<QLabel *>(QRegularExpression(QStringLiteral("^\\w+TitleLabel$")));
    int fieldNameWidth = 0;
    for (const QLabel *label : fieldNames) {
        fieldNameWidth = qMax(fieldNameWidth, label->sizeHint().width());
    }
    for (QLabel *label : fieldNames) {
        label->setMinimumWidth(fieldNameWidth);
    }

    m_ui->profilePathLabel->setText(native(facts.profile.rootDir()));
    m_ui->settingsPathLabel->setText(native(facts.profile.settingsPath()));
    m_ui->logsPathLabel->setText(native(facts.profile.logsDir()));
    m_ui->databasePathLabel->setText(native(facts.databasePath));
    if (facts.schemaVersion == facts.latestSchemaVersion) {
        m_ui->schemaVersionLabel->setText(
            tr("Version %1 (the latest this Cuepoint knows)").arg(facts.schemaVersion));
    } else {
        m_ui->schemaVersionLabel->setText(
            tr("Version %1 of %2").arg(facts.schemaVersion).arg(facts.latestSchemaVersion));
    }
    m_ui->sqliteVersionLabel->setText(facts.sqliteVersion);
    m_ui->openProfileFolderButton->setIcon(Icons::get(QStringLiteral("folder-open")));
    connect(m_ui->openProfileFolderButton, &QPushButton::clicked, this,
        &SettingsPage::onOpenProfileFolderClicked);
    showTokenStoreChecking();
}

SettingsPage::~SettingsPage() = default;

void SettingsPage::showTokenStoreChecking()
{
    m_ui->tokenStoreLabel->setText(tr("Checking whether a system keychain answers…"));
    m_ui->tokenStoreNoteLabel->clear();
    m_ui->tokenStoreNoteTitleLabel->hide();
    m_ui->tokenStoreNoteLabel->hide();
}

void SettingsPage::showTokenStore(const QString &description, const QString &note)
{
    m_ui->tokenStoreLabel->setText(description);
    m_ui->tokenStoreNoteLabel->setText(note);
    m_ui->tokenStoreNoteTitleLabel->setVisible(!note.isEmpty());
    m_ui->tokenStoreNoteLabel->setVisible(!note.isEmpty());
}

void SettingsPage::onOpenProfileFolderClicked()
{
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(m_profileDir))) {
        qCWarning(lcGui) << "no file manager opened" << m_profileDir;
    }
}

} // namespace Cuepoint::Gui
