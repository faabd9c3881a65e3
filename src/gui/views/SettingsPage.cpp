// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/SettingsPage.h"

#include "GuiLogging.h"
#include "ui_SettingsPage.h"
#include "views/AccountsPage.h"
#include "views/ReviewServerSettings.h"
#include "widgets/Icons.h"
#include "widgets/Typography.h"

#include "cuepoint/core/support/Settings.h"
#include "cuepoint/core/support/TokenStore.h"
#include "cuepoint/core/tiktok/TikTokConfig.h"

#include <QCheckBox>
#include <QCompleter>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QTimeZone>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace Cuepoint::Gui {

namespace {

const char *const kClientKeyVariable = "CUEPOINT_TIKTOK_CLIENT_KEY";
const char *const kClientSecretVariable = "CUEPOINT_TIKTOK_CLIENT_SECRET";

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

QString secretKey()
{
    return QString::fromLatin1(Core::TikTokConfig::kClientSecretKey);
}

/// A quiet colour for good news and the palette's red-ish for problems, readable on both
/// light and dark palettes.
QColor messageColour(const QPalette &palette, bool error)
{
    if (!error) {
        return palette.color(QPalette::PlaceholderText);
    }
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x1c, 0x1c);
}

/// Colours @p label's text. Both roles: on the page stack (a Base background) a label's
/// foreground role is Text, standing alone it is WindowText.
void setMessageColour(QLabel *label, const QColor &colour)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, colour);
    palette.setColor(QPalette::Text, colour);
    label->setPalette(palette);
}

} // namespace

SettingsPage::SettingsPage(const ProfileFacts &facts, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::SettingsPage>())
    , m_profileDir(facts.profile.rootDir())
{
    setObjectName(QStringLiteral("settingsPage"));
    m_ui->setupUi(this);
    // Review links: their own group after the display settings.
    m_review = new ReviewServerSettings(m_ui->scrollContents);
    m_ui->pageLayout->insertWidget(m_ui->pageLayout->indexOf(m_ui->displayGroupBox) + 1, m_review);
    // The page scrolls on its own background (the page stack's base colour).
    m_ui->scrollArea->viewport()->setAutoFillBackground(false);
    m_ui->scrollContents->setAutoFillBackground(false);
    Typography::setPageTitle(m_ui->titleLabel);
    Typography::setSecondary(m_ui->introLabel);
    Typography::setSecondary(m_ui->tokenStoreNoteLabel);
    Typography::setHeading(m_ui->factsHeadingLabel);
    for (QLabel *hint : { m_ui->tiktokIntroLabel, m_ui->approvalHintLabel,
             m_ui->gracePeriodHintLabel, m_ui->notificationsHintLabel }) {
        Typography::setSecondary(hint);
    }
    for (QLabel *message :
        { m_ui->saveErrorLabel, m_ui->tiktokAppMessageLabel, m_ui->timeZoneMessageLabel }) {
        message->setWordWrap(true);
        message->hide();
    }
    m_ui->tiktokAppStatusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // One column of field names across the groups, so their values line up.
    const QList<QLabel *> fieldNames =
        findChildren<QLabel *>(QRegularExpression(QStringLiteral("^\\w+TitleLabel$")));
    int fieldNameWidth = 0;
    for (const QLabel *label : fieldNames) {
        fieldNameWidth = qMax(fieldNameWidth, label->sizeHint().width());
    }
    for (QLabel *label : fieldNames) {
        label->setMinimumWidth(fieldNameWidth);
    }

    const QString guide = AccountsPage::setupGuidePath();
    const QString app = tr("a TikTok developer app of your own");
    m_ui->tiktokIntroLabel->setText(
        tr("To publish to TikTok, Cuepoint needs %1. Without one it runs on its built-in "
           "Sandbox, and nothing leaves this computer.")
            .arg(guide.isEmpty() ? app
                                 : QStringLiteral("<a href=\"%1\">%2</a>")
                                       .arg(QUrl::fromLocalFile(guide).toString(), app)));
    m_ui->tiktokIntroLabel->setTextFormat(Qt::RichText);
    m_ui->tiktokIntroLabel->setOpenExternalLinks(true);
    m_ui->approvalHintLabel->setText(
        tr("A post due without approval is held, and you are told. Posts in notification mode "
           "never need it."));
    m_ui->gracePeriodHintLabel->setText(
        tr("Posts missed while Cuepoint was not running still go out this late; older ones are "
           "held until you decide. At least a minute: the publisher starts a few seconds after "
           "the minute."));
    m_ui->notificationsHintLabel->setText(
        tr("When a post is published, reaches your phone's TikTok inbox, fails or waits for "
           "you. The status bar says it either way."));

    // The time zone box: the system's first, then every IANA zone, searchable by any part.
    m_systemZoneId = QString::fromUtf8(QTimeZone::systemTimeZoneId());
    QComboBox *zones = m_ui->timeZoneComboBox;
    zones->addItem(tr("System (%1)").arg(m_systemZoneId), QString());
    for (const QString &id : timeZoneIds()) {
        zones->addItem(id, id);
    }
    zones->completer()->setFilterMode(Qt::MatchContains);
    zones->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    zones->completer()->setCompletionMode(QCompleter::PopupCompletion);
    zones->setMinimumContentsLength(28);
    zones->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);

    m_ui->clientKeyLineEdit->setMaxLength(128);
    m_ui->clientSecretLineEdit->setMaxLength(256);

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
    connect(m_ui->saveTikTokAppButton, &QPushButton::clicked, this,
        &SettingsPage::onSaveTikTokAppClicked);
    connect(m_ui->clearTikTokAppButton, &QPushButton::clicked, this,
        &SettingsPage::onClearTikTokAppClicked);
    connect(m_ui->clientKeyLineEdit, &QLineEdit::returnPressed, this,
        &SettingsPage::onSaveTikTokAppClicked);
    connect(m_ui->clientSecretLineEdit, &QLineEdit::returnPressed, this,
        &SettingsPage::onSaveTikTokAppClicked);
    connect(&m_secretTask, &QFutureWatcher<SecretResult>::finished, this,
        &SettingsPage::onSecretTaskFinished);
    connect(m_ui->approvalRequiredCheckBox, &QCheckBox::toggled, this,
        &SettingsPage::onApprovalToggled);
    connect(m_ui->gracePeriodSpinBox, &QSpinBox::valueChanged, this,
        &SettingsPage::onGracePeriodChanged);
    connect(m_ui->notificationsCheckBox, &QCheckBox::toggled, this,
        &SettingsPage::onNotificationsToggled);
    connect(zones, &QComboBox::activated, this, &SettingsPage::onTimeZoneActivated);
    connect(zones->lineEdit(), &QLineEdit::editingFinished, this, &SettingsPage::onTimeZoneEdited);

    setUpLibraryGroup();
    refreshMessageColours();
    setEditingEnabled(false);
    showTokenStoreChecking();
    updateSecretPlaceholder();
    updateTikTokStatus();
}

SettingsPage::~SettingsPage()
{
    // A keychain call in flight holds the store, not the page: wait for it, so that nothing
    // arrives at a page that is gone.
    m_secretTask.waitForFinished();
}

QStringList SettingsPage::timeZoneIds()
{
    QStringList ids;
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds()) {
        const QString name = QString::fromUtf8(id);
        // Region/City names only (and UTC): the IANA database also lists aliases such as
        // "EST5EDT" or "Etc/GMT+5" whose sign surprises everyone.
        if ((name.contains(QLatin1Char('/')) && !name.startsWith(QLatin1String("Etc/")))
            || name == QLatin1String("UTC")) {
            ids << name;
        }
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

QString SettingsPage::clientKeyProblem(const QString &clientKey)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_-]{4,128}$"));
    if (clientKey.isEmpty()) {
        return tr("Enter the app's client key, or choose Use the Sandbox.");
    }
    if (!valid.match(clientKey).hasMatch()) {
        return tr("A client key is 4 to 128 letters, digits, '-' or '_' (copy it from the "
                  "app's page on developers.tiktok.com; no spaces).");
    }
    return {};
}

QString SettingsPage::clientSecretProblem(const QString &secret)
{
    static const QRegularExpression space(QStringLiteral("\\s"));
    if (secret.isEmpty()) {
        return tr("Enter the app's client secret as well: TikTok needs both.");
    }
    if (secret.contains(space)) {
        return tr("The client secret contains a space or line break: copy it again from the "
                  "app's page.");
    }
    if (secret.size() < 8) {
        return tr("That client secret is too short to be one (TikTok's are 32 characters).");
    }
    return {};
}

void SettingsPage::setSettings(Core::Settings *settings)
{
    m_settings = settings;
    m_review->setSettings(settings);
    loadSettings();
    if (m_settings) {
        // The calendar has a time-zone choice too: show what it chose.
        connect(m_settings, &Core::Settings::changed, this, [this](const QString &key) {
            if (key == QLatin1String(Core::Settings::DisplayTimeZone.key)) {
                showStoredTimeZone();
            }
        });
    }
}

void SettingsPage::setTokenStore(std::shared_ptr<Core::TokenStore> store)
{
    m_tokens = std::move(store);
    if (!m_tokens || m_secretTask.isRunning()) {
        updateSecretPlaceholder();
        return;
    }
    // Whether a secret is stored already (the field then may stay empty when the key changes).
    m_secretTaskKind = SecretTask::Probe;
    std::shared_ptr<Core::TokenStore> tokens = m_tokens;
    m_secretTask.setFuture(QtConcurrent::run([tokens] {
        const Core::TokenStore::ReadResult read = tokens->read(secretKey());
        SecretResult result;
        result.ok = read.status != Core::TokenStore::ReadResult::Status::Error;
        result.found = read.status == Core::TokenStore::ReadResult::Status::Found;
        result.error = read.error;
        return result;
    }));
    updateSecretPlaceholder();
}

void SettingsPage::setRunningTikTok(bool sandbox, const QString &clientKey)
{
    m_runningSandbox = sandbox;
    m_runningClientKey = sandbox ? QString() : clientKey;
    m_secretChangedSinceStart = false;
    updateTikTokStatus();
}

void SettingsPage::setEnvironment(const QProcessEnvironment &environment)
{
    m_environment = environment;
    updateTikTokStatus();
}

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

void SettingsPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        refreshMessageColours();
    }
}

void SettingsPage::loadSettings()
{
    setEditingEnabled(m_settings != nullptr);
    if (!m_settings) {
        return;
    }
    const QSignalBlocker approval(m_ui->approvalRequiredCheckBox);
    const QSignalBlocker grace(m_ui->gracePeriodSpinBox);
    const QSignalBlocker notifications(m_ui->notificationsCheckBox);
    m_ui->approvalRequiredCheckBox->setChecked(m_settings->value(Core::Settings::ApprovalRequired));
    m_ui->gracePeriodSpinBox->setValue(m_settings->value(Core::Settings::GracePeriodMinutes));
    m_ui->notificationsCheckBox->setChecked(
        m_settings->value(Core::Settings::DesktopNotifications));
    showStoredTimeZone();
    m_ui->clientKeyLineEdit->setText(m_settings->value(Core::Settings::TikTokClientKey));
    updateTikTokStatus();
    loadLibrarySettings();
}

void SettingsPage::showStoredTimeZone()
{
    const QSignalBlocker zones(m_ui->timeZoneComboBox);
    const QString zone = m_settings->value(Core::Settings::DisplayTimeZone);
    const int index = zone.isEmpty() ? 0 : m_ui->timeZoneComboBox->findData(zone);
    if (index < 0) {
        // A zone this system does not know (a settings file from another machine): say so,
        // and show the system's without overwriting the stored one.
        m_ui->timeZoneComboBox->setCurrentIndex(0);
        showMessage(m_ui->timeZoneMessageLabel,
            tr("The stored time zone %1 is unknown on this computer; the calendar shows the "
               "system's.")
                .arg(zone),
            true);
    } else {
        m_ui->timeZoneComboBox->setCurrentIndex(index);
    }
}

void SettingsPage::setEditingEnabled(bool enabled)
{
    for (QWidget *field :
        std::initializer_list<QWidget *> { m_ui->approvalRequiredCheckBox, m_ui->gracePeriodSpinBox,
            m_ui->notificationsCheckBox, m_ui->timeZoneComboBox, m_ui->clientKeyLineEdit }) {
        field->setEnabled(enabled);
    }
    const bool secrets = enabled && m_tokens && !m_secretTask.isRunning();
    m_ui->clientSecretLineEdit->setEnabled(enabled && m_tokens);
    m_ui->saveTikTokAppButton->setEnabled(secrets);
    m_ui->clearTikTokAppButton->setEnabled(secrets);
}

bool SettingsPage::writeSettings()
{
    QString error;
    if (!m_settings || !m_settings->sync(&error)) {
        showMessage(m_ui->saveErrorLabel,
            tr("The change could not be saved: %1 Check that the profile folder is writable.")
                .arg(error),
            true);
        return false;
    }
    m_ui->saveErrorLabel->hide();
    return true;
}

void SettingsPage::onOpenProfileFolderClicked()
{
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(m_profileDir))) {
        qCWarning(lcGui) << "no file manager opened" << m_profileDir;
    }
}

void SettingsPage::onApprovalToggled(bool on)
{
    if (!m_settings) {
        return;
    }
    m_settings->setValue(Core::Settings::ApprovalRequired, on);
    if (writeSettings()) {
        qCInfo(lcGui) << "approval before automatic publishing:" << on;
        Q_EMIT publishingPolicyChanged();
    }
}

void SettingsPage::onGracePeriodChanged(int minutes)
{
    if (!m_settings) {
        return;
    }
    m_settings->setValue(Core::Settings::GracePeriodMinutes, minutes);
    if (writeSettings()) {
        qCInfo(lcGui) << "grace period:" << minutes << "minutes";
        Q_EMIT publishingPolicyChanged();
    }
}

void SettingsPage::onNotificationsToggled(bool on)
{
    if (!m_settings) {
        return;
    }
    m_settings->setValue(Core::Settings::DesktopNotifications, on);
    if (writeSettings()) {
        Q_EMIT notificationsChanged(on);
    }
}

void SettingsPage::onTimeZoneActivated(int index)
{
    if (index < 0) {
        return;
    }
    applyTimeZone(m_ui->timeZoneComboBox->itemData(index).toString());
}

void SettingsPage::onTimeZoneEdited()
{
    QComboBox *zones = m_ui->timeZoneComboBox;
    const QString typed = zones->currentText().trimmed();
    // The text shown for the current item is fine as it is.
    if (zones->currentIndex() >= 0 && typed == zones->itemText(zones->currentIndex())) {
        applyTimeZone(zones->currentData().toString());
        return;
    }
    if (typed.isEmpty()) {
        zones->setCurrentIndex(0);
        applyTimeZone(QString());
        return;
    }
    // An IANA id typed in any case, with spaces for underscores ("america/new york").
    QString wanted = typed;
    wanted.replace(QLatin1Char(' '), QLatin1Char('_'));
    for (int i = 0; i < zones->count(); ++i) {
        if (zones->itemText(i).compare(typed, Qt::CaseInsensitive) == 0
            || zones->itemData(i).toString().compare(wanted, Qt::CaseInsensitive) == 0) {
            zones->setCurrentIndex(i);
            applyTimeZone(zones->itemData(i).toString());
            return;
        }
    }
    // Unknown: keep what was typed, so it can be corrected, and change nothing.
    showMessage(m_ui->timeZoneMessageLabel,
        tr("%1 is not a time zone Cuepoint knows. Type part of a city or region (Berlin, "
           "New_York) and pick it from the list.")
            .arg(typed),
        true);
}

void SettingsPage::applyTimeZone(const QString &id)
{
    m_ui->timeZoneMessageLabel->hide();
    if (!m_settings || m_settings->value(Core::Settings::DisplayTimeZone) == id) {
        return;
    }
    m_settings->setValue(Core::Settings::DisplayTimeZone, id);
    if (writeSettings()) {
        qCInfo(lcGui).noquote() << "display time zone:" << (id.isEmpty() ? m_systemZoneId : id);
        Q_EMIT displayTimeZoneChanged(id);
    }
}

void SettingsPage::onSaveTikTokAppClicked()
{
    if (!m_settings || !m_tokens || m_secretTask.isRunning()) {
        return;
    }
    const QString key = m_ui->clientKeyLineEdit->text().trimmed();
    const QString secret = m_ui->clientSecretLineEdit->text();
    QString problem = clientKeyProblem(key);
    const bool keepStoredSecret = secret.isEmpty() && m_secretStored.value_or(false);
    if (problem.isEmpty() && !keepStoredSecret) {
        problem = clientSecretProblem(secret);
    }
    if (!problem.isEmpty()) {
        // Nothing is stored and the fields keep what was typed.
        showMessage(m_ui->tiktokAppMessageLabel, problem, true);
        (clientKeyProblem(key).isEmpty() ? m_ui->clientSecretLineEdit : m_ui->clientKeyLineEdit)
            ->setFocus();
        return;
    }
    m_pendingClientKey = key;
    if (keepStoredSecret) {
        storeClientKey(); // only the key changes; the stored secret stays
        return;
    }
    m_secretTaskKind = SecretTask::Save;
    std::shared_ptr<Core::TokenStore> tokens = m_tokens;
    const QByteArray bytes = secret.toUtf8();
    m_secretTask.setFuture(QtConcurrent::run([tokens, bytes] {
        SecretResult result;
        result.ok = tokens->write(secretKey(), bytes, &result.error);
        result.found = result.ok;
        return result;
    }));
    m_secretChangedSinceStart = true;
    showMessage(m_ui->tiktokAppMessageLabel, tr("Saving…"), false);
    setEditingEnabled(true);
}

void SettingsPage::storeClientKey()
{
    m_settings->setValue(Core::Settings::TikTokClientKey, m_pendingClientKey);
    if (writeSettings()) {
        qCInfo(lcGui).noquote() << "stored the TikTok app" << m_pendingClientKey
                                << "(its secret in the token store)";
        showMessage(m_ui->tiktokAppMessageLabel,
            tr("Saved: the client key in the settings, the secret in %1.")
                .arg(m_tokens->description()),
            false);
        Q_EMIT tikTokAppChanged();
    }
    updateSecretPlaceholder();
    updateTikTokStatus();
}

void SettingsPage::onClearTikTokAppClicked()
{
    if (!m_settings || !m_tokens || m_secretTask.isRunning()) {
        return;
    }
    m_secretTaskKind = SecretTask::Clear;
    std::shared_ptr<Core::TokenStore> tokens = m_tokens;
    m_secretTask.setFuture(QtConcurrent::run([tokens] {
        SecretResult result;
        result.ok = tokens->remove(secretKey(), &result.error);
        return result;
    }));
    showMessage(m_ui->tiktokAppMessageLabel, tr("Removing the app…"), false);
    setEditingEnabled(true);
}

void SettingsPage::onSecretTaskFinished()
{
    const SecretResult result = m_secretTask.result();
    const SecretTask kind = std::exchange(m_secretTaskKind, SecretTask::None);
    setEditingEnabled(m_settings != nullptr);
    switch (kind) {
    case SecretTask::None:
        break;
    case SecretTask::Probe:
        if (result.ok) {
            m_secretStored = result.found;
        } else {
            showMessage(m_ui->tiktokAppMessageLabel,
                tr("The keychain could not be read: %1").arg(result.error), true);
        }
        break;
    case SecretTask::Save:
        if (!result.ok) {
            showMessage(m_ui->tiktokAppMessageLabel,
                tr("The client secret could not be stored, so nothing was changed: %1")
                    .arg(result.error),
                true);
            break;
        }
        m_secretStored = true;
        m_ui->clientSecretLineEdit->clear();
        storeClientKey();
        break;
    case SecretTask::Clear:
        if (!result.ok) {
            showMessage(m_ui->tiktokAppMessageLabel,
                tr("The client secret could not be removed: %1").arg(result.error), true);
            break;
        }
        m_secretStored = false;
        m_ui->clientKeyLineEdit->clear();
        m_ui->clientSecretLineEdit->clear();
        m_settings->setValue(Core::Settings::TikTokClientKey, QString());
        if (writeSettings()) {
            qCInfo(lcGui) << "forgot the TikTok app: the Sandbox from the next start";
            showMessage(m_ui->tiktokAppMessageLabel,
                tr("The app was removed; Cuepoint uses the built-in Sandbox."), false);
            Q_EMIT tikTokAppChanged();
        }
        break;
    }
    updateSecretPlaceholder();
    updateTikTokStatus();
}

void SettingsPage::updateSecretPlaceholder()
{
    QString text;
    if (!m_tokens) {
        text = tr("Waiting for the keychain…");
    } else if (m_secretStored.value_or(false)) {
        text = tr("Stored in %1; type a new one to replace it").arg(m_tokens->description());
    } else {
        text = tr("Kept in %1, never in the settings file").arg(m_tokens->description());
    }
    m_ui->clientSecretLineEdit->setPlaceholderText(text);
}

void SettingsPage::updateTikTokStatus()
{
    const QString fromEnvironment =
        m_environment.value(QLatin1String(kClientKeyVariable)).trimmed();
    const QString stored =
        m_settings ? m_settings->value(Core::Settings::TikTokClientKey).trimmed() : QString();
    const QString nextKey = fromEnvironment.isEmpty() ? stored : fromEnvironment;

    QStringList lines;
    if (!m_runningSandbox) {
        lines << tr("Finding out…");
    } else if (*m_runningSandbox) {
        lines << tr("The built-in Sandbox (a local TikTok emulator): nothing is published on "
                    "TikTok.");
        if (!nextKey.isEmpty()) {
            lines << tr("Restart Cuepoint to publish to TikTok with the app %1.").arg(nextKey);
        }
    } else {
        lines << tr("TikTok, as the app %1.").arg(m_runningClientKey);
        if (nextKey.isEmpty()) {
            lines << tr("Restart Cuepoint to go back to the Sandbox.");
        } else if (nextKey != m_runningClientKey) {
            lines << tr("Restart Cuepoint to use the app %1.").arg(nextKey);
        } else if (m_secretChangedSinceStart) {
            lines << tr("Restart Cuepoint to use the new client secret.");
        }
    }
    if (!fromEnvironment.isEmpty()) {
        lines << tr("%1 is set in the environment and takes precedence over the key here.")
                     .arg(QLatin1String(kClientKeyVariable));
    }
    if (!m_environment.value(QLatin1String(kClientSecretVariable)).isEmpty()) {
        lines << tr("%1 is set in the environment and takes precedence over the stored secret.")
                     .arg(QLatin1String(kClientSecretVariable));
    }
    m_ui->tiktokAppStatusLabel->setText(lines.join(QLatin1Char('\n')));
}

void SettingsPage::showMessage(QLabel *label, const QString &text, bool error)
{
    label->setProperty("error", error);
    setMessageColour(label, messageColour(this->palette(), error));
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

void SettingsPage::refreshMessageColours()
{
    for (QLabel *label :
        { m_ui->saveErrorLabel, m_ui->tiktokAppMessageLabel, m_ui->timeZoneMessageLabel }) {
        setMessageColour(label, messageColour(this->palette(), label->property("error").toBool()));
    }
}

// --- the media library group

void SettingsPage::setUpLibraryGroup()
{
    auto *group = new QGroupBox(tr("Media library"), m_ui->scrollContents);
    group->setObjectName(QStringLiteral("libraryGroupBox"));
    auto *layout = new QVBoxLayout(group);
    auto *row = new QHBoxLayout;
    auto *title = new QLabel(tr("Watch folder:"), group);
    title->setObjectName(QStringLiteral("watchFolderTitleLabel"));
    m_watchFolderLineEdit = new QLineEdit(group);
    m_watchFolderLineEdit->setObjectName(QStringLiteral("watchFolderLineEdit"));
    m_watchFolderLineEdit->setReadOnly(true);
    m_watchFolderLineEdit->setPlaceholderText(tr("None"));
    title->setBuddy(m_watchFolderLineEdit);
    auto *choose = new QPushButton(tr("Choose\u2026"), group);
    choose->setObjectName(QStringLiteral("chooseWatchFolderButton"));
    auto *clear = new QPushButton(tr("Stop watching"), group);
    clear->setObjectName(QStringLiteral("clearWatchFolderButton"));
    row->addWidget(title);
    row->addWidget(m_watchFolderLineEdit, 1);
    row->addWidget(choose);
    row->addWidget(clear);
    layout->addLayout(row);
    auto *hint = new QLabel(tr("Videos that appear in this folder (an editor's export folder, a "
                               "synced Dropbox or OneDrive folder) are imported by themselves "
                               "once they are completely written."),
        group);
    Typography::setSecondary(hint);
    layout->addWidget(hint);
    m_copyImportsCheckBox =
        new QCheckBox(tr("Copy imported videos into the library folder"), group);
    m_copyImportsCheckBox->setObjectName(QStringLiteral("copyImportsCheckBox"));
    m_copyImportsCheckBox->setToolTip(
        tr("Keeps a copy in %1, so moving or deleting the original does not affect your posts.")
            .arg(QDir::toNativeSeparators(m_profileDir + QStringLiteral("/library"))));
    layout->addWidget(m_copyImportsCheckBox);
    // After the display group, before the profile's facts.
    const int at = m_ui->pageLayout->indexOf(m_ui->profileGroupBox);
    m_ui->pageLayout->insertWidget(at >= 0 ? at : m_ui->pageLayout->count(), group);

    const auto storeFolder = [this](const QString &folder) {
        if (!m_settings) {
            return;
        }
        m_settings->setValue(Core::Settings::WatchFolder, folder);
        if (writeSettings()) {
            m_watchFolderLineEdit->setText(QDir::toNativeSeparators(folder));
        }
    };
    connect(choose, &QPushButton::clicked, this, [this, storeFolder] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a watch folder"),
            m_settings ? m_settings->value(Core::Settings::WatchFolder) : QString());
        if (!dir.isEmpty()) {
            storeFolder(dir);
        }
    });
    connect(clear, &QPushButton::clicked, this, [storeFolder] { storeFolder(QString()); });
    connect(m_copyImportsCheckBox, &QCheckBox::toggled, this, [this](bool on) {
        if (m_settings) {
            m_settings->setValue(Core::Settings::CopyImportsIntoLibrary, on);
            writeSettings();
        }
    });
}

void SettingsPage::loadLibrarySettings()
{
    const QSignalBlocker copy(m_copyImportsCheckBox);
    m_watchFolderLineEdit->setText(
        QDir::toNativeSeparators(m_settings->value(Core::Settings::WatchFolder)));
    m_copyImportsCheckBox->setChecked(m_settings->value(Core::Settings::CopyImportsIntoLibrary));
}

} // namespace Cuepoint::Gui
