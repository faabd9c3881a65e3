// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/ScheduleFormDialog.h"

#include "ui_ScheduleFormDialog.h"

#include "cuepoint/core/domain/ZonedTime.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QPushButton>

namespace Cuepoint::Gui {

namespace {

constexpr int kAccountIdRole = Qt::UserRole + 1;

struct PrivacyOption
{
    const char *id;
    const char *label;
};
const PrivacyOption kPrivacy[] = {
    { "PUBLIC_TO_EVERYONE", QT_TRANSLATE_NOOP("Cuepoint::Gui::ScheduleFormDialog", "Everyone") },
    { "MUTUAL_FOLLOW_FRIENDS", QT_TRANSLATE_NOOP("Cuepoint::Gui::ScheduleFormDialog", "Friends") },
    { "FOLLOWER_OF_CREATOR", QT_TRANSLATE_NOOP("Cuepoint::Gui::ScheduleFormDialog", "Followers") },
    { "SELF_ONLY", QT_TRANSLATE_NOOP("Cuepoint::Gui::ScheduleFormDialog", "Only me") },
};

QString accountLabel(const Core::Account &a)
{
    if (!a.username.isEmpty()) {
        return a.displayName.isEmpty() || a.displayName == a.username
            ? QLatin1Char('@') + a.username
            : QStringLiteral("%1 (@%2)").arg(a.displayName, a.username);
    }
    return a.displayName.isEmpty() ? a.openId : a.displayName;
}

QString htmlList(const QStringList &lines, const QString &colour)
{
    QString html;
    for (const QString &line : lines) {
        html +=
            QStringLiteral("<div style=\"color:%1\">%2</div>").arg(colour, line.toHtmlEscaped());
    }
    return html;
}

} // namespace

ScheduleFormDialog::ScheduleFormDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ScheduleFormDialog>())
{
    setObjectName(QStringLiteral("scheduleFormDialog"));
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Schedule"));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("scheduleButton"));

    const QByteArray system = QTimeZone::systemTimeZoneId();
    m_ui->timeZoneComboBox->addItem(QString::fromUtf8(system), system);
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds()) {
        if (id != system) {
            m_ui->timeZoneComboBox->addItem(QString::fromUtf8(id), id);
        }
    }
    m_ui->privacyComboBox->addItem(tr("Choose who can see it"), QString());
    for (const PrivacyOption &p : kPrivacy) {
        m_ui->privacyComboBox->addItem(tr(p.label), QString::fromLatin1(p.id));
    }
    const QDateTime next = QDateTime::currentDateTime().addSecs(3600);
    m_ui->scheduleDateTimeEdit->setDateTime(QDateTime(next.date(), QTime(next.time().hour(), 0)));

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->browseButton, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Choose a video"),
            videoPath().isEmpty() ? QDir::homePath() : QFileInfo(videoPath()).absolutePath(),
            tr("Videos (*.mp4 *.mov *.webm);;All files (*)"));
        if (!file.isEmpty()) {
            setVideo(file);
        }
    });
    connect(m_ui->videoLineEdit, &QLineEdit::editingFinished, this,
        &ScheduleFormDialog::startVideoCheck);
    connect(&m_watcher, &QFutureWatcher<VideoCheckResult>::finished, this,
        &ScheduleFormDialog::onVideoChecked);
    connect(m_ui->accountsListWidget, &QListWidget::itemChanged, this,
        &ScheduleFormDialog::updateState);
    connect(m_ui->scheduleDateTimeEdit, &QDateTimeEdit::dateTimeChanged, this,
        &ScheduleFormDialog::updateState);
    connect(m_ui->timeZoneComboBox, &QComboBox::currentIndexChanged, this,
        &ScheduleFormDialog::updateState);
    connect(m_ui->privacyComboBox, &QComboBox::currentIndexChanged, this,
        &ScheduleFormDialog::updateState);
    connect(m_ui->captionTextEdit, &QPlainTextEdit::textChanged, this,
        &ScheduleFormDialog::updateState);
    connect(
        m_ui->autoModeRadioButton, &QRadioButton::toggled, this, &ScheduleFormDialog::updateState);
    updateState();
}

ScheduleFormDialog::~ScheduleFormDialog()
{
    // ~QDialog hides the dialog, which moves the focus out of the video field: its
    // editingFinished must not start a check on a half-destroyed dialog.
    disconnect(m_ui->videoLineEdit, nullptr, this, nullptr);
    m_watcher.waitForFinished();
}

void ScheduleFormDialog::setAccounts(const QList<Core::Account> &accounts)
{
    m_ui->accountsListWidget->clear();
    for (const Core::Account &a : accounts) {
        auto *item = new QListWidgetItem(accountLabel(a), m_ui->accountsListWidget);
        item->setData(kAccountIdRole, a.id);
        const bool connected = a.status == Core::AccountStatus::Connected;
        item->setFlags(connected ? (Qt::ItemIsEnabled | Qt::ItemIsUserCheckable) : Qt::NoItemFlags);
        item->setCheckState(connected && accounts.size() == 1 ? Qt::Checked : Qt::Unchecked);
        if (!connected) {
            item->setText(tr("%1 (reconnect it on the Accounts page)").arg(item->text()));
        }
    }
    updateState();
}

void ScheduleFormDialog::setSlot(const QDate &date, const QTime &time, const QTimeZone &zone)
{
    const int zoneIndex = m_ui->timeZoneComboBox->findData(zone.id());
    if (zoneIndex >= 0) {
        m_ui->timeZoneComboBox->setCurrentIndex(zoneIndex);
    }
    m_ui->scheduleDateTimeEdit->setDateTime(QDateTime(date, time));
    updateState();
}

void ScheduleFormDialog::setVideo(const QString &path)
{
    m_ui->videoLineEdit->setText(path);
    startVideoCheck();
}

void ScheduleFormDialog::setPost(const Core::Post &post)
{
    m_editing = post;
    setWindowTitle(tr("Edit post"));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Save"));
    const QTimeZone zone(post.timeZoneId.toUtf8());
    const QTimeZone shown = zone.isValid() ? zone : QTimeZone::systemTimeZone();
    const QDateTime local = post.scheduledAt.toTimeZone(shown);
    setSlot(local.date(), local.time(), shown);
    m_ui->captionTextEdit->setPlainText(post.caption);
    m_ui->autoModeRadioButton->setChecked(post.mode == Core::PublishMode::Automatic);
    m_ui->notifyModeRadioButton->setChecked(post.mode == Core::PublishMode::Notify);
    const int privacy = m_ui->privacyComboBox->findData(post.privacyLevel);
    m_ui->privacyComboBox->setCurrentIndex(qMax(0, privacy));
    for (int i = 0; i < m_ui->accountsListWidget->count(); ++i) {
        QListWidgetItem *item = m_ui->accountsListWidget->item(i);
        const qint64 id = item->data(kAccountIdRole).toLongLong();
        const bool targeted = std::any_of(post.targets.cbegin(), post.targets.cend(),
            [id](const Core::PostTarget &t) { return t.accountId == id; });
        item->setCheckState(targeted ? Qt::Checked : Qt::Unchecked);
        // The profiles of a stored post are its targets: they are not changed here.
        item->setFlags(Qt::ItemIsUserCheckable);
    }
    setVideo(post.videoPath);
}

QString ScheduleFormDialog::videoPath() const
{
    return m_ui->videoLineEdit->text().trimmed();
}

QDateTime ScheduleFormDialog::localDateTime() const
{
    return m_ui->scheduleDateTimeEdit->dateTime();
}

QTimeZone ScheduleFormDialog::zone() const
{
    const QTimeZone z(m_ui->timeZoneComboBox->currentData().toByteArray());
    return z.isValid() ? z : QTimeZone::systemTimeZone();
}

void ScheduleFormDialog::startVideoCheck()
{
    const QString path = videoPath();
    if (path.isEmpty() || (path == m_checked.path && !m_checking)) {
        updateState();
        return;
    }
    if (m_checking) {
        m_pendingPath = path; // checked once the running check ends
        return;
    }
    m_checking = true;
    m_ui->videoStatusLabel->setText(tr("Checking the video\u2026"));
    m_watcher.setFuture(checkVideo(path));
    updateState();
}

void ScheduleFormDialog::onVideoChecked()
{
    m_checking = false;
    m_checked = m_watcher.result();
    if (!m_pendingPath.isEmpty() && m_pendingPath != m_checked.path) {
        m_pendingPath.clear();
        startVideoCheck();
        return;
    }
    m_pendingPath.clear();
    if (m_checked.problems.isEmpty()) {
        QString text = QStringLiteral("<div style=\"color:#2e9d5b\">%1</div>")
                           .arg(tr("The video meets TikTok's rules.").toHtmlEscaped());
        text += htmlList(m_checked.warnings, QStringLiteral("#b07800"));
        m_ui->videoStatusLabel->setText(text);
    } else {
        m_ui->videoStatusLabel->setText(htmlList(m_checked.problems, QStringLiteral("#d13b3b")));
    }
    updateState();
    Q_EMIT videoChecked();
}

QDateTime ScheduleFormDialog::resolvedInstant(QString *note, bool *refused) const
{
    const QDateTime local = localDateTime();
    const QTimeZone z = zone();
    const Core::LocalTimeResolution r = Core::resolveLocalTime(local.date(), local.time(), z);
    *refused = false;
    const QLocale locale;
    switch (r.kind) {
    case Core::LocalTimeResolution::Kind::Unique:
        return r.earlier;
    case Core::LocalTimeResolution::Kind::Ambiguous:
        *note = tr("%1 happens twice in %2 that day (the clocks go back). The post goes out at "
                   "the first one, %3 UTC.")
                    .arg(local.time().toString(QStringLiteral("HH:mm")), QString::fromUtf8(z.id()),
                        r.earlier.toString(QStringLiteral("HH:mm")));
        return r.earlier;
    case Core::LocalTimeResolution::Kind::NonExistent:
        *note = tr("%1 does not exist in %2 that day: the clocks go forward at that time. Choose "
                   "another time.")
                    .arg(local.time().toString(QStringLiteral("HH:mm")), QString::fromUtf8(z.id()));
        *refused = true;
        return {};
    case Core::LocalTimeResolution::Kind::Invalid:
        break;
    }
    *note = tr("Choose a valid date and time.");
    *refused = true;
    return {};
}

Core::Post ScheduleFormDialog::post() const
{
    Core::Post p = m_editing;
    p.caption = m_ui->captionTextEdit->toPlainText();
    p.videoPath = videoPath().isEmpty() ? QString() : QFileInfo(videoPath()).absoluteFilePath();
    QString note;
    bool refused = false;
    p.scheduledAt = resolvedInstant(&note, &refused);
    const QByteArray id = zone().id();
    p.timeZoneId = QString::fromUtf8(id);
    p.mode = m_ui->autoModeRadioButton->isChecked() ? Core::PublishMode::Automatic
                                                    : Core::PublishMode::Notify;
    p.privacyLevel = m_ui->privacyComboBox->currentData().toString();
    if (m_editing.id == 0) {
        p.targets.clear();
        for (int i = 0; i < m_ui->accountsListWidget->count(); ++i) {
            const QListWidgetItem *item = m_ui->accountsListWidget->item(i);
            if (item->checkState() == Qt::Checked) {
                Core::PostTarget t;
                t.accountId = item->data(kAccountIdRole).toLongLong();
                t.state = Core::TargetState::Scheduled;
                p.targets << t;
            }
        }
    }
    return p;
}

bool ScheduleFormDialog::isAcceptable(QStringList *problems) const
{
    QStringList found;
    if (videoPath().isEmpty()) {
        found << tr("Choose a video.");
    } else if (m_checking || m_checked.path != videoPath()) {
        found << tr("The video is being checked.");
    } else {
        found << m_checked.problems;
    }
    const Core::Post p = post();
    if (p.targets.isEmpty()) {
        found << tr("Choose at least one profile.");
    }
    QString note;
    bool refused = false;
    const QDateTime at = resolvedInstant(&note, &refused);
    if (refused) {
        found << note;
    } else {
        const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
        if (at < now.addSecs(-60)) {
            found << tr("That time has passed; choose a later one.");
        }
    }
    if (p.mode == Core::PublishMode::Automatic && p.privacyLevel.isEmpty()) {
        found << tr("Choose who can see the post (TikTok allows no default).");
    }
    found << checkCaption(p.caption);
    if (problems) {
        *problems = found;
    }
    return found.isEmpty();
}

void ScheduleFormDialog::updateState()
{
    QString note;
    bool refused = false;
    resolvedInstant(&note, &refused);
    m_ui->timeNoteLabel->setText(note);
    m_ui->timeNoteLabel->setVisible(!note.isEmpty());
    const bool notify = m_ui->notifyModeRadioButton->isChecked();
    // Inbox uploads take no privacy: the creator chooses it in the TikTok app.
    m_ui->privacyComboBox->setEnabled(!notify);
    const int chars = static_cast<int>(m_ui->captionTextEdit->toPlainText().size());
    m_ui->captionCountLabel->setText(tr("%1 / 150").arg(chars));
    QStringList problems;
    const bool ok = isAcceptable(&problems);
    // The video's own problems are shown under the video; the rest here.
    for (const QString &p : std::as_const(m_checked.problems)) {
        problems.removeAll(p);
    }
    problems.removeAll(tr("The video is being checked."));
    m_ui->problemsLabel->setText(
        htmlList(problems, palette().color(QPalette::PlaceholderText).name()));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

} // namespace Cuepoint::Gui
