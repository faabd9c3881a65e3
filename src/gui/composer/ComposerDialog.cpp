// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer/ComposerDialog.h"

#include "composer/ComposerContentStep.h"
#include "composer/ComposerPublishStep.h"
#include "ui_ComposerDialog.h"

#include <QFileInfo>
#include <QPushButton>

namespace Cuepoint::Gui {

namespace {

bool isOut(Core::TargetState state)
{
    return state == Core::TargetState::Publishing || state == Core::TargetState::Processing
        || state == Core::TargetState::Published || state == Core::TargetState::SentToInbox;
}

} // namespace

ComposerDialog::ComposerDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ComposerDialog>())
{
    setObjectName(QStringLiteral("composerDialog"));
    m_ui->setupUi(this);
    m_ui->readOnlyLabel->setVisible(false);
    m_ui->problemsLabel->setForegroundRole(QPalette::PlaceholderText);
    m_ui->readOnlyLabel->setStyleSheet(QStringLiteral("color: #b07800;"));
    QFont stepFont = m_ui->contentStepLabel->font();
    stepFont.setPointSizeF(stepFont.pointSizeF() * 1.1);
    for (QLabel *label : { m_ui->contentStepLabel, m_ui->stepDashLabel, m_ui->publishStepLabel }) {
        label->setFont(stepFont);
    }

    connect(m_ui->cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_ui->nextButton, &QPushButton::clicked, this, [this] {
        if (m_ui->nextButton->isEnabled()) {
            showStep(PublishStep);
        }
    });
    connect(m_ui->backButton, &QPushButton::clicked, this, [this] { showStep(ContentStep); });
    connect(m_ui->scheduleButton, &QPushButton::clicked, this, &ComposerDialog::onScheduleClicked);
    connect(contentStep(), &ComposerContentStep::completeChanged, this, [this] {
        publishStep()->setVideoDurationMs(contentStep()->videoDurationMs());
        updateState();
    });
    connect(contentStep(), &ComposerContentStep::videoChecked, this, [this] {
        publishStep()->setVideoDurationMs(contentStep()->videoDurationMs());
        updateState();
    });
    connect(publishStep(), &ComposerPublishStep::changed, this, &ComposerDialog::updateState);
    showStep(ContentStep);
}

ComposerDialog::~ComposerDialog() = default;

ComposerContentStep *ComposerDialog::contentStep() const
{
    return m_ui->contentStep;
}

ComposerPublishStep *ComposerDialog::publishStep() const
{
    return m_ui->publishStep;
}

ComposerDialog::Step ComposerDialog::currentStep() const
{
    return m_ui->stepsStackedWidget->currentIndex() == 0 ? ContentStep : PublishStep;
}

void ComposerDialog::showStep(Step step)
{
    m_ui->stepsStackedWidget->setCurrentIndex(step);
    // Roles rather than colours: the placeholder colour has an alpha that a style sheet's
    // #rrggbb would drop, and roles follow a later palette change.
    const auto style = [](QLabel *label, bool current) {
        QFont f = label->font();
        f.setBold(current);
        label->setFont(f);
        label->setForegroundRole(current ? QPalette::WindowText : QPalette::PlaceholderText);
    };
    style(m_ui->contentStepLabel, step == ContentStep);
    style(m_ui->publishStepLabel, step == PublishStep);
    m_ui->stepDashLabel->setForegroundRole(QPalette::PlaceholderText);
    updateState();
}

void ComposerDialog::setDatabasePath(const QString &databasePath)
{
    contentStep()->setDatabasePath(databasePath);
}

void ComposerDialog::setCacheDir(const QString &cacheDir)
{
    contentStep()->setCacheDir(cacheDir);
}

void ComposerDialog::setCreatorInfoSource(std::shared_ptr<CreatorInfoSource> source)
{
    publishStep()->setCreatorInfoSource(std::move(source));
}

void ComposerDialog::setAvatarCache(AvatarCache *avatars)
{
    publishStep()->setAvatarCache(avatars);
}

void ComposerDialog::setAccounts(const QList<Core::Account> &accounts)
{
    publishStep()->setAccounts(accounts);
}

void ComposerDialog::setSlot(const QDate &date, const QTime &time, const QTimeZone &zone)
{
    publishStep()->setSlot(date, time, zone);
}

void ComposerDialog::setNow(const QDateTime &nowUtc)
{
    publishStep()->setNow(nowUtc);
    updateState();
}

void ComposerDialog::setVideo(const QString &path)
{
    contentStep()->setVideo(path);
    updateState();
}

void ComposerDialog::setPost(const Core::Post &post)
{
    m_editing = post;
    const bool stored = post.id != 0;
    if (stored) {
        setWindowTitle(tr("Edit post"));
        m_ui->scheduleButton->setText(tr("&Save"));
    }
    contentStep()->setVideo(post.videoPath);
    contentStep()->setCaption(post.caption);
    contentStep()->setCoverTimeMs(post.coverTimestampMs);
    publishStep()->setPost(post, stored);

    QStringList out;
    for (const Core::PostTarget &t : post.targets) {
        if (isOut(t.state)) {
            out << Core::toString(t.state);
        }
    }
    m_readOnly = stored && !out.isEmpty();
    contentStep()->setReadOnly(m_readOnly);
    publishStep()->setReadOnly(m_readOnly);
    if (m_readOnly) {
        setWindowTitle(tr("Post"));
        m_ui->readOnlyLabel->setText(
            tr("TikTok already has this post for at least one profile, so it can no longer be "
               "changed. Duplicate it to post the video again."));
        m_ui->cancelButton->setText(tr("Close"));
    }
    m_ui->readOnlyLabel->setVisible(m_readOnly);
    updateState();
}

Core::Post ComposerDialog::post() const
{
    Core::Post p = m_editing;
    p.caption = contentStep()->caption();
    const QString path = contentStep()->videoPath();
    p.videoPath = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    const qint64 asset = contentStep()->mediaAssetId();
    if (asset > 0) {
        p.mediaAssetId = asset;
    } else if (p.videoPath != m_editing.videoPath) {
        p.mediaAssetId.reset(); // another file than the library video the post had
    }
    p.coverTimestampMs = qMax<qint64>(0, contentStep()->coverTimeMs());
    publishStep()->applyTo(p);
    return p;
}

bool ComposerDialog::isAcceptable(QStringList *problems) const
{
    QStringList found;
    if (m_readOnly) {
        found << m_ui->readOnlyLabel->text();
    }
    found << contentStep()->problems();
    found << publishStep()->problems();
    found.removeAll(QString());
    found.removeDuplicates();
    if (problems) {
        *problems = found;
    }
    return found.isEmpty();
}

QDateTime ComposerDialog::localDateTime() const
{
    return publishStep()->localDateTime();
}

QTimeZone ComposerDialog::zone() const
{
    return publishStep()->zone();
}

QStringList ComposerDialog::chosenHandles() const
{
    return publishStep()->chosenHandles();
}

void ComposerDialog::onScheduleClicked()
{
    if (isAcceptable()) {
        accept();
    }
}

void ComposerDialog::updateState()
{
    const bool first = currentStep() == ContentStep;
    const bool complete = contentStep()->isComplete();
    m_ui->backButton->setVisible(!first);
    m_ui->nextButton->setVisible(first);
    m_ui->nextButton->setEnabled(complete || m_readOnly);
    m_ui->nextButton->setToolTip(
        complete || m_readOnly ? QString() : contentStep()->problems().join(QLatin1Char('\n')));
    m_ui->nextButton->setDefault(first);
    m_ui->scheduleButton->setVisible(!first && !m_readOnly);
    m_ui->scheduleButton->setDefault(!first);
    QStringList problems;
    const bool ok = isAcceptable(&problems);
    m_ui->scheduleButton->setEnabled(ok);
    m_ui->scheduleButton->setToolTip(problems.join(QLatin1Char('\n')));
    // On step 2 the things left to do are listed above the buttons; step 1 says its own.
    QStringList shown = first || m_readOnly ? QStringList() : publishStep()->problems();
    QString html;
    for (const QString &line : std::as_const(shown)) {
        html += QStringLiteral("<div>%1</div>").arg(line.toHtmlEscaped());
    }
    m_ui->problemsLabel->setText(html);
    m_ui->problemsLabel->setVisible(!html.isEmpty());
}

} // namespace Cuepoint::Gui
