// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer/ComposerPublishStep.h"

#include "composer/ProfilePickerRow.h"
#include "controllers/AvatarCache.h"
#include "ui_ComposerPublishStep.h"
#include "widgets/Typography.h"

#include "cuepoint/core/domain/ZonedTime.h"

#include <QCheckBox>
#include <QLocale>
#include <QStandardItemModel>
#include <QTimer>

#include <algorithm>

namespace Cuepoint::Gui {

namespace {

constexpr int kAvatarSize = 32;

const char kSelfOnly[] = "SELF_ONLY";

const char kMusicUsageUrl[] =
    "https://www.tiktok.com/legal/page/global/music-usage-confirmation/en";
const char kBrandedContentPolicyUrl[] = "https://www.tiktok.com/legal/page/global/bc-policy/en";

/// "45 s", "2.5 s", "1 min 15 s", "10 min".
QString durationText(qint64 ms)
{
    if (ms < 60'000) {
        return ms % 1000 == 0
            ? ComposerPublishStep::tr("%1 s").arg(ms / 1000)
            : ComposerPublishStep::tr("%1 s").arg(static_cast<double>(ms) / 1000.0, 0, 'f', 1);
    }
    const qint64 seconds = (ms + 999) / 1000;
    return seconds % 60 == 0
        ? ComposerPublishStep::tr("%1 min").arg(seconds / 60)
        : ComposerPublishStep::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
}

/// "@a", "@a and @b", "@a, @b and @c".
QString joinedHandles(const QStringList &handles)
{
    if (handles.size() <= 1) {
        return handles.value(0);
    }
    return ComposerPublishStep::tr("%1 and %2")
        .arg(handles.mid(0, handles.size() - 1).join(QStringLiteral(", ")), handles.last());
}

bool isOut(Core::TargetState state)
{
    return state == Core::TargetState::Publishing || state == Core::TargetState::Processing
        || state == Core::TargetState::Published || state == Core::TargetState::SentToInbox;
}

} // namespace

QStringList ComposerPublishStep::privacyLevels()
{
    return { QStringLiteral("PUBLIC_TO_EVERYONE"), QStringLiteral("FOLLOWER_OF_CREATOR"),
        QStringLiteral("MUTUAL_FOLLOW_FRIENDS"), QString::fromLatin1(kSelfOnly) };
}

QString ComposerPublishStep::privacyLabel(const QString &level)
{
    if (level == QLatin1String("PUBLIC_TO_EVERYONE")) {
        return tr("Everyone");
    }
    if (level == QLatin1String("FOLLOWER_OF_CREATOR")) {
        return tr("Followers");
    }
    if (level == QLatin1String("MUTUAL_FOLLOW_FRIENDS")) {
        return tr("Friends (followers you follow back)");
    }
    if (level == QLatin1String(kSelfOnly)) {
        return tr("Only me");
    }
    return level;
}

ComposerPublishStep::ComposerPublishStep(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ComposerPublishStep>())
{
    m_ui->setupUi(this);
    for (QLabel *label : { m_ui->apiLimitsLabel, m_ui->disclosureHelpLabel,
             m_ui->yourBrandHelpLabel, m_ui->brandedContentHelpLabel, m_ui->processingNoteLabel,
             m_ui->profilesNoteLabel, m_ui->privacyNoteLabel }) {
        Typography::setSecondary(label);
    }
    // The help lines sit under their check boxes' text, not under the boxes (a margin, not
    // QLabel::setIndent, which wrapped labels do not account for in their height).
    const int indent = style()->pixelMetric(QStyle::PM_IndicatorWidth)
        + style()->pixelMetric(QStyle::PM_CheckBoxLabelSpacing);
    for (QLabel *label : { m_ui->disclosureHelpLabel, m_ui->yourBrandHelpLabel,
             m_ui->brandedContentHelpLabel, m_ui->disclosureNoteLabel, m_ui->apiLimitsLabel }) {
        label->setContentsMargins(indent, 0, 0, 0);
    }

    const QByteArray system = QTimeZone::systemTimeZoneId();
    m_ui->timeZoneComboBox->addItem(QString::fromUtf8(system), system);
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds()) {
        if (id != system) {
            m_ui->timeZoneComboBox->addItem(QString::fromUtf8(id), id);
        }
    }
    m_ui->privacyComboBox->addItem(tr("Choose a profile first"), QString());
    const QDateTime next = QDateTime::currentDateTime().addSecs(3600);
    m_ui->scheduleDateTimeEdit->setDateTime(QDateTime(next.date(), QTime(next.time().hour(), 0)));
    m_ui->disclosureOptionsWidget->setVisible(false);

    connect(m_ui->scheduleDateTimeEdit, &QDateTimeEdit::dateTimeChanged, this,
        &ComposerPublishStep::update);
    connect(m_ui->timeZoneComboBox, &QComboBox::currentIndexChanged, this,
        &ComposerPublishStep::update);
    connect(m_ui->autoModeRadioButton, &QRadioButton::toggled, this, &ComposerPublishStep::update);
    connect(m_ui->privacyComboBox, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating) {
            m_wantedPrivacy.clear(); // the user chose
        }
        update();
    });
    for (QCheckBox *box : { m_ui->commentCheckBox, m_ui->duetCheckBox, m_ui->stitchCheckBox,
             m_ui->yourBrandCheckBox, m_ui->brandedContentCheckBox, m_ui->aiGeneratedCheckBox }) {
        connect(box, &QCheckBox::toggled, this, &ComposerPublishStep::update);
    }
    connect(m_ui->disclosureCheckBox, &QCheckBox::toggled, this, [this](bool on) {
        if (!on) {
            // Off means the video discloses nothing: neither label goes to TikTok.
            m_ui->yourBrandCheckBox->setChecked(false);
            m_ui->brandedContentCheckBox->setChecked(false);
        }
        update();
    });
    update();
}

ComposerPublishStep::~ComposerPublishStep() = default;

void ComposerPublishStep::setCreatorInfoSource(std::shared_ptr<CreatorInfoSource> source)
{
    m_loader = std::make_unique<CreatorInfoLoader>(std::move(source));
    connect(m_loader.get(), &CreatorInfoLoader::loaded, this,
        &ComposerPublishStep::onCreatorInfoLoaded);
    for (Creator &c : m_creators) {
        c.asked = false;
        c.answered = false;
        if (c.account.status == Core::AccountStatus::Connected && m_loader->hasSource()) {
            c.asked = true;
            m_loader->load(c.account);
        }
    }
    update();
}

void ComposerPublishStep::setAvatarCache(AvatarCache *avatars)
{
    if (m_avatars) {
        disconnect(m_avatars, nullptr, this, nullptr);
    }
    m_avatars = avatars;
    if (m_avatars) {
        connect(m_avatars, &AvatarCache::avatarReady, this, &ComposerPublishStep::refreshAvatar);
    }
    for (const Creator &c : std::as_const(m_creators)) {
        if (m_avatars && c.answer.info && !c.answer.info->avatarUrl.isEmpty()) {
            m_avatars->setAvatarUrl(c.account.id, c.answer.info->avatarUrl);
        }
        refreshAvatar(c.account.id);
    }
}

void ComposerPublishStep::setAccounts(const QList<Core::Account> &accounts)
{
    qDeleteAll(m_rows);
    m_rows.clear();
    m_creators.clear();
    const int connected = static_cast<int>(std::count_if(accounts.cbegin(), accounts.cend(),
        [](const Core::Account &a) { return a.status == Core::AccountStatus::Connected; }));
    for (const Core::Account &a : accounts) {
        Creator c;
        c.account = a;
        auto *row = new ProfilePickerRow(a, m_ui->profilesWidget);
        m_ui->profilesLayout->addWidget(row);
        m_rows.insert(a.id, row);
        if (a.status == Core::AccountStatus::Connected) {
            row->setChecked(connected == 1);
            if (m_loader && m_loader->hasSource()) {
                c.asked = true;
                m_loader->load(a);
            }
        } else {
            row->setLocked(true, tr("Reconnect it on the Accounts page to post to it."));
        }
        connect(row, &ProfilePickerRow::toggled, this, &ComposerPublishStep::update);
        m_creators << c;
        refreshAvatar(a.id);
    }
    m_ui->profilesNoteLabel->setText(accounts.isEmpty()
            ? tr("No profile is connected yet: connect one on the Accounts page.")
            : QString());
    m_ui->profilesNoteLabel->setVisible(accounts.isEmpty());
    update();
}

void ComposerPublishStep::setSlot(const QDate &date, const QTime &time, const QTimeZone &zone)
{
    int zoneIndex = m_ui->timeZoneComboBox->findData(zone.id());
    if (zoneIndex < 0 && zone.isValid()) {
        m_ui->timeZoneComboBox->addItem(QString::fromUtf8(zone.id()), zone.id());
        zoneIndex = m_ui->timeZoneComboBox->count() - 1;
    }
    if (zoneIndex >= 0) {
        m_ui->timeZoneComboBox->setCurrentIndex(zoneIndex);
    }
    m_ui->scheduleDateTimeEdit->setDateTime(QDateTime(date, time));
    update();
}

void ComposerPublishStep::setVideoDurationMs(qint64 ms)
{
    if (m_durationMs != ms) {
        m_durationMs = ms;
        update();
    }
}

void ComposerPublishStep::setPost(const Core::Post &post, bool fixedProfiles)
{
    m_fixedProfiles = fixedProfiles;
    const QTimeZone postZone(post.timeZoneId.toUtf8());
    const QTimeZone shown = postZone.isValid() ? postZone : QTimeZone::systemTimeZone();
    const QDateTime local = post.scheduledAt.toTimeZone(shown);
    setSlot(local.date(), local.time(), shown);
    m_updating = true;
    m_ui->autoModeRadioButton->setChecked(post.mode == Core::PublishMode::Automatic);
    m_ui->notifyModeRadioButton->setChecked(post.mode == Core::PublishMode::Notify);
    m_wantedPrivacy = post.privacyLevel;
    const int privacy = m_ui->privacyComboBox->findData(post.privacyLevel);
    if (privacy > 0) {
        m_ui->privacyComboBox->setCurrentIndex(privacy);
        m_wantedPrivacy.clear();
    }
    m_ui->commentCheckBox->setChecked(post.allowComments);
    m_ui->duetCheckBox->setChecked(post.allowDuet);
    m_ui->stitchCheckBox->setChecked(post.allowStitch);
    m_ui->disclosureCheckBox->setChecked(post.brandOrganic || post.brandedContent);
    m_ui->yourBrandCheckBox->setChecked(post.brandOrganic);
    m_ui->brandedContentCheckBox->setChecked(post.brandedContent);
    m_ui->aiGeneratedCheckBox->setChecked(post.aiGenerated);
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        const auto target = std::find_if(post.targets.cbegin(), post.targets.cend(),
            [id = it.key()](const Core::PostTarget &t) { return t.accountId == id; });
        ProfilePickerRow *row = it.value();
        row->setChecked(target != post.targets.cend());
        if (fixedProfiles) {
            row->setLocked(true,
                tr("A scheduled post keeps its profiles. Duplicate it to post the video to "
                   "other profiles."));
        }
    }
    for (Creator &c : m_creators) {
        c.lockedNote.clear();
        for (const Core::PostTarget &t : post.targets) {
            if (t.accountId != c.account.id || !isOut(t.state)) {
                continue;
            }
            if (t.state == Core::TargetState::Published) {
                c.lockedNote = tr("Already published on TikTok; it cannot be changed here.");
            } else if (t.state == Core::TargetState::SentToInbox) {
                c.lockedNote = tr("Already sent to the TikTok inbox; it cannot be changed here.");
            } else {
                c.lockedNote = tr("Being published now; it cannot be changed here.");
            }
            if (ProfilePickerRow *r = m_rows.value(c.account.id)) {
                r->setLocked(true, c.lockedNote);
            }
        }
    }
    m_updating = false;
    update();
}

void ComposerPublishStep::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    m_ui->scrollContents->setEnabled(!readOnly);
    // The declaration and the notes stay readable (their links work) in a read-only post.
    m_ui->declarationLabel->setEnabled(true);
    update();
}

void ComposerPublishStep::applyTo(Core::Post &post) const
{
    QString note;
    bool refused = false;
    post.scheduledAt = resolvedInstant(&note, &refused);
    post.timeZoneId = QString::fromUtf8(zone().id());
    post.mode = m_ui->autoModeRadioButton->isChecked() ? Core::PublishMode::Automatic
                                                       : Core::PublishMode::Notify;
    post.privacyLevel = m_ui->privacyComboBox->currentData().toString();
    post.allowComments = m_ui->commentCheckBox->isChecked();
    post.allowDuet = m_ui->duetCheckBox->isChecked();
    post.allowStitch = m_ui->stitchCheckBox->isChecked();
    const bool disclose = m_ui->disclosureCheckBox->isChecked();
    post.brandOrganic = disclose && m_ui->yourBrandCheckBox->isChecked();
    post.brandedContent = disclose && m_ui->brandedContentCheckBox->isChecked();
    post.aiGenerated = m_ui->aiGeneratedCheckBox->isChecked();
    if (!m_fixedProfiles) {
        post.targets.clear();
        for (const qint64 id : chosenAccounts()) {
            Core::PostTarget t;
            t.accountId = id;
            t.state = Core::TargetState::Scheduled;
            post.targets << t;
        }
    }
}

QDateTime ComposerPublishStep::localDateTime() const
{
    return m_ui->scheduleDateTimeEdit->dateTime();
}

QTimeZone ComposerPublishStep::zone() const
{
    const QTimeZone z(m_ui->timeZoneComboBox->currentData().toByteArray());
    return z.isValid() ? z : QTimeZone::systemTimeZone();
}

QList<qint64> ComposerPublishStep::chosenAccounts() const
{
    QList<qint64> ids;
    for (const Creator &c : m_creators) {
        if (m_rows.value(c.account.id) && m_rows.value(c.account.id)->isChecked()) {
            ids << c.account.id;
        }
    }
    return ids;
}

QStringList ComposerPublishStep::chosenHandles() const
{
    QStringList handles;
    for (const Creator *c : chosen()) {
        const QString username = c->answer.info ? c->answer.info->username : c->account.username;
        handles << ProfilePickerRow::handleOf(c->account, username);
    }
    return handles;
}

ProfilePickerRow *ComposerPublishStep::row(qint64 accountId) const
{
    return m_rows.value(accountId);
}

bool ComposerPublishStep::isCreatorInfoLoaded() const
{
    return std::all_of(m_creators.cbegin(), m_creators.cend(),
        [](const Creator &c) { return !c.asked || c.answered; });
}

QList<const ComposerPublishStep::Creator *> ComposerPublishStep::chosen() const
{
    QList<const Creator *> list;
    for (const Creator &c : m_creators) {
        const ProfilePickerRow *r = m_rows.value(c.account.id);
        if (r && r->isChecked()) {
            list << &c;
        }
    }
    return list;
}

void ComposerPublishStep::onCreatorInfoLoaded(qint64 accountId, const CreatorInfoAnswer &answer)
{
    for (Creator &c : m_creators) {
        if (c.account.id != accountId) {
            continue;
        }
        c.answered = true;
        c.answer = answer;
        if (answer.retryAfterMs > 0 && !c.retryPending) {
            // TikTok was not ready or not reached: ask again, and say so meanwhile.
            c.retryPending = true;
            QTimer::singleShot(answer.retryAfterMs, this, [this, accountId] {
                for (Creator &again : m_creators) {
                    if (again.account.id == accountId && again.retryPending) {
                        again.retryPending = false;
                        if (m_loader && m_loader->hasSource()) {
                            m_loader->load(again.account);
                        }
                    }
                }
            });
        }
        if (ProfilePickerRow *r = m_rows.value(accountId); r && answer.info) {
            r->setNames(answer.info->nickname, answer.info->username);
            if (m_avatars && !answer.info->avatarUrl.isEmpty()) {
                m_avatars->setAvatarUrl(accountId, answer.info->avatarUrl);
            }
            refreshAvatar(accountId);
        }
    }
    update();
    Q_EMIT creatorInfoLoaded(accountId);
}

void ComposerPublishStep::refreshAvatar(qint64 accountId)
{
    ProfilePickerRow *r = m_rows.value(accountId);
    if (!r || !m_avatars) {
        return;
    }
    const QPixmap pixmap = m_avatars->avatar(accountId, kAvatarSize, devicePixelRatioF());
    if (!pixmap.isNull()) {
        r->setAvatar(pixmap);
    }
}

QString ComposerPublishStep::durationProblem(const Creator &creator) const
{
    if (m_durationMs < 0 || !creator.answer.info
        || creator.answer.info->maxVideoPostDurationSec <= 0) {
        return {};
    }
    const qint64 maxMs = qint64(creator.answer.info->maxVideoPostDurationSec) * 1000;
    if (m_durationMs <= maxMs) {
        return {};
    }
    const QString username = creator.answer.info->username;
    return tr("The video is %1 long; %2 can post videos of at most %3.")
        .arg(durationText(m_durationMs), ProfilePickerRow::handleOf(creator.account, username),
            durationText(maxMs));
}

QDateTime ComposerPublishStep::resolvedInstant(QString *note, bool *refused) const
{
    const QDateTime local = localDateTime();
    const QTimeZone z = zone();
    const Core::LocalTimeResolution r = Core::resolveLocalTime(local.date(), local.time(), z);
    *refused = false;
    const QString time = local.time().toString(QStringLiteral("HH:mm"));
    const QString zoneName = QString::fromUtf8(z.id());
    switch (r.kind) {
    case Core::LocalTimeResolution::Kind::Unique:
        return r.earlier;
    case Core::LocalTimeResolution::Kind::Ambiguous:
        *note = tr("%1 happens twice in %2 that day (the clocks go back). The post goes out at "
                   "the first one, %3 UTC.")
                    .arg(time, zoneName, r.earlier.toUTC().toString(QStringLiteral("HH:mm")));
        return r.earlier;
    case Core::LocalTimeResolution::Kind::NonExistent:
        *note = tr("%1 does not exist in %2 that day: the clocks go forward at that time. Choose "
                   "another time.")
                    .arg(time, zoneName);
        *refused = true;
        return {};
    case Core::LocalTimeResolution::Kind::Invalid:
        break;
    }
    *note = tr("Choose a valid date and time.");
    *refused = true;
    return {};
}

QStringList ComposerPublishStep::problems() const
{
    QStringList found;
    const QList<const Creator *> sel = chosen();
    if (sel.isEmpty()) {
        found << tr("Choose at least one profile.");
    }
    bool waiting = false;
    QList<const Creator *> ready;
    for (const Creator *c : sel) {
        if (c->account.status != Core::AccountStatus::Connected) {
            found
                << tr("%1 needs to be reconnected on the Accounts page.").arg(c->account.handle());
        } else if (!c->answered) {
            waiting = true;
            found << tr("Waiting for TikTok to confirm what %1 allows.").arg(c->account.handle());
        } else if (!c->answer.info) {
            found << c->answer.error;
        } else {
            ready << c;
            if (const QString d = durationProblem(*c); !d.isEmpty()) {
                found << d;
            }
        }
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
    if (m_ui->autoModeRadioButton->isChecked()) {
        const QString privacy = m_ui->privacyComboBox->currentData().toString();
        const bool allAnswered = !waiting && ready.size() == sel.size() && !sel.isEmpty();
        if (allAnswered && m_shownOptions.isEmpty()) {
            found << m_ui->privacyNoteLabel->text();
        } else if (allAnswered && privacy.isEmpty()) {
            found << tr("Choose who can see the post (TikTok allows no default).");
        }
        const bool disclose = m_ui->disclosureCheckBox->isChecked();
        const bool branded = disclose && m_ui->brandedContentCheckBox->isChecked();
        if (branded && privacy == QLatin1String(kSelfOnly)) {
            found << tr("Branded content visibility cannot be set to private.");
        }
        if (disclose && !m_ui->yourBrandCheckBox->isChecked()
            && !m_ui->brandedContentCheckBox->isChecked()) {
            found << tr("You need to indicate if your content promotes yourself, a third party, "
                        "or both.");
        }
    }
    found.removeAll(QString());
    return found;
}

void ComposerPublishStep::update()
{
    if (m_updating) {
        return;
    }
    m_updating = true;
    QString note;
    bool refused = false;
    resolvedInstant(&note, &refused);
    m_ui->timeNoteLabel->setText(note);
    m_ui->timeNoteLabel->setVisible(!note.isEmpty());
    m_ui->timeNoteLabel->setStyleSheet(
        refused ? QStringLiteral("color: #d13b3b;") : QStringLiteral("color: #b07800;"));

    const QList<const Creator *> sel = chosen();
    QList<const Creator *> ready;
    bool waiting = false;
    for (const Creator &c : std::as_const(m_creators)) {
        ProfilePickerRow *r = m_rows.value(c.account.id);
        if (!r) {
            continue;
        }
        const bool isChosen = sel.contains(&c);
        if (!c.lockedNote.isEmpty()) {
            // A target TikTok already has says so, whatever TikTok answers now.
            r->setStatus(c.lockedNote);
        } else if (c.account.status != Core::AccountStatus::Connected) {
            r->setStatus(tr("Reconnect it on the Accounts page to post to it."), isChosen);
        } else if (!m_loader || !m_loader->hasSource()) {
            r->setStatus(
                tr("TikTok is not available, so its settings cannot be checked."), isChosen);
        } else if (!c.answered) {
            r->setStatus(tr("Checking with TikTok\u2026"));
        } else if (!c.answer.info) {
            r->setStatus(c.answer.error, isChosen || c.answer.cannotPost);
        } else if (const QString d = durationProblem(c); isChosen && !d.isEmpty()) {
            r->setStatus(d, true);
        } else {
            r->setStatus(
                tr("Videos up to %1")
                    .arg(durationText(c.answer.info->maxVideoPostDurationSec * qint64(1000))));
        }
        if (isChosen) {
            if (c.answered && c.answer.info) {
                ready << &c;
            } else {
                waiting = waiting || !c.answered;
            }
        }
    }
    const bool automatic = m_ui->autoModeRadioButton->isChecked();
    updatePrivacyOptions(ready, waiting);
    updateInteractions(ready);
    m_ui->disclosureCheckBox->setEnabled(automatic);
    m_ui->aiGeneratedCheckBox->setEnabled(automatic);
    m_ui->disclosureOptionsWidget->setEnabled(automatic);
    updateDisclosure();
    m_updating = false;
    Q_EMIT changed();
}

void ComposerPublishStep::updatePrivacyOptions(const QList<const Creator *> &ready, bool waiting)
{
    QComboBox *combo = m_ui->privacyComboBox;
    const bool automatic = m_ui->autoModeRadioButton->isChecked();
    const bool noneChosen = chosen().isEmpty();
    QStringList options;
    if (!ready.isEmpty() && !waiting) {
        options = privacyLevels();
        for (const Creator *c : ready) {
            options.removeIf([c](const QString &level) {
                return !c->answer.info->privacyLevelOptions.contains(level);
            });
        }
    }
    const QString current = combo->currentData().toString();
    if (options.isEmpty() && !current.isEmpty() && m_wantedPrivacy.isEmpty()) {
        // Waiting for a profile just chosen: the user's choice comes back once it is allowed.
        m_wantedPrivacy = current;
    }
    if (options != m_shownOptions) {
        combo->clear();
        combo->addItem(QString(), QString());
        for (const QString &level : options) {
            combo->addItem(privacyLabel(level), level);
        }
        m_shownOptions = options;
        combo->setCurrentIndex(qMax(0, combo->findData(current)));
    }
    if (!m_wantedPrivacy.isEmpty() && options.contains(m_wantedPrivacy)) {
        combo->setCurrentIndex(combo->findData(m_wantedPrivacy));
        m_wantedPrivacy.clear();
    }
    combo->setItemText(0,
        noneChosen              ? tr("Choose a profile first")
            : waiting           ? tr("Waiting for TikTok\u2026")
            : options.isEmpty() ? tr("No setting in common")
                                : tr("Choose who can see it"));
    combo->setEnabled(automatic && !options.isEmpty());

    // Branded content can only be public or for friends (tiktok-api.md §6, 3.b).
    const bool branded =
        m_ui->disclosureCheckBox->isChecked() && m_ui->brandedContentCheckBox->isChecked();
    if (auto *model = qobject_cast<QStandardItemModel *>(combo->model())) {
        const int selfOnly = combo->findData(QString::fromLatin1(kSelfOnly));
        if (QStandardItem *item = selfOnly >= 0 ? model->item(selfOnly) : nullptr) {
            item->setEnabled(!branded);
            item->setToolTip(
                branded ? tr("Branded content visibility cannot be set to private.") : QString());
        }
        // The placeholder is not a choice.
        if (QStandardItem *placeholder = model->item(0)) {
            placeholder->setEnabled(false);
        }
    }

    QString privacyNote;
    if (!noneChosen && !waiting && !ready.isEmpty() && options.isEmpty()) {
        QStringList handles;
        for (const Creator *c : ready) {
            handles << c->account.handle();
        }
        privacyNote = tr("%1 have no privacy setting in common; schedule a separate post for "
                         "each.")
                          .arg(joinedHandles(handles));
    } else if (!automatic) {
        privacyNote = tr("With a notification, you choose who can see the post in the TikTok "
                         "app.");
    } else if (ready.size() > 1 && !options.isEmpty()) {
        privacyNote = tr("Only the settings every chosen profile allows are offered.");
    }
    m_ui->privacyNoteLabel->setText(privacyNote);
    m_ui->privacyNoteLabel->setVisible(!privacyNote.isEmpty());
}

void ComposerPublishStep::updateInteractions(const QList<const Creator *> &ready)
{
    const bool automatic = m_ui->autoModeRadioButton->isChecked();
    const QList<const Creator *> sel = chosen();
    const bool pending =
        std::any_of(sel.cbegin(), sel.cend(), [](const Creator *c) { return !c->answered; });
    const bool allAnswered = !sel.isEmpty() && !pending && !ready.isEmpty();
    struct Toggle
    {
        QCheckBox *box;
        bool Core::CreatorInfo::*disabled;
        QString what;
    };
    const Toggle toggles[] = {
        { m_ui->commentCheckBox, &Core::CreatorInfo::commentDisabled, tr("comments") },
        { m_ui->duetCheckBox, &Core::CreatorInfo::duetDisabled, tr("Duets") },
        { m_ui->stitchCheckBox, &Core::CreatorInfo::stitchDisabled, tr("Stitches") },
    };
    for (const Toggle &t : toggles) {
        QStringList off;
        for (const Creator *c : ready) {
            if ((*c->answer.info).*(t.disabled)) {
                off << c->account.handle();
            }
        }
        if (!off.isEmpty()) {
            t.box->setChecked(false);
            t.box->setToolTip(
                tr("%1 turned off %2 in TikTok's settings.").arg(joinedHandles(off), t.what));
        } else if (!allAnswered) {
            t.box->setToolTip(sel.isEmpty() ? tr("Choose a profile first.")
                    : pending               ? tr("Waiting for TikTok\u2026")
                              : tr("TikTok did not say what the chosen profiles allow."));
        } else {
            t.box->setToolTip(QString());
        }
        t.box->setEnabled(automatic && allAnswered && off.isEmpty());
    }
}

void ComposerPublishStep::updateDisclosure()
{
    const bool on = m_ui->disclosureCheckBox->isChecked();
    m_ui->disclosureOptionsWidget->setVisible(on);
    const bool yours = on && m_ui->yourBrandCheckBox->isChecked();
    const bool branded = on && m_ui->brandedContentCheckBox->isChecked();
    const bool selfOnly =
        m_ui->privacyComboBox->currentData().toString() == QLatin1String(kSelfOnly);
    m_ui->brandedContentCheckBox->setEnabled(!selfOnly || branded);
    m_ui->brandedContentCheckBox->setToolTip(
        selfOnly ? tr("Branded content visibility cannot be set to private.") : QString());
    QString label;
    bool warn = false;
    if (branded) {
        label = tr("Your photo/video will be labeled as 'Paid partnership'");
    } else if (yours) {
        label = tr("Your photo/video will be labeled as 'Promotional content'");
    } else if (on) {
        label = tr("You need to indicate if your content promotes yourself, a third party, or "
                   "both.");
        warn = true;
    }
    m_ui->disclosureNoteLabel->setText(label);
    m_ui->disclosureNoteLabel->setStyleSheet(warn ? QStringLiteral("color: #b07800;") : QString());
    // The declaration is always visible, before the Schedule button (§6, point 4).
    m_ui->declarationLabel->setText(branded
            ? tr("By posting, you agree to TikTok's <a href=\"%1\">Branded Content Policy</a> "
                 "and <a href=\"%2\">Music Usage Confirmation</a>.")
                  .arg(QLatin1String(kBrandedContentPolicyUrl), QLatin1String(kMusicUsageUrl))
            : tr("By posting, you agree to TikTok's <a href=\"%1\">Music Usage "
                 "Confirmation</a>.")
                  .arg(QLatin1String(kMusicUsageUrl)));
}

} // namespace Cuepoint::Gui
