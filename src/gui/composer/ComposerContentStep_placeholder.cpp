// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// TEMPORARY: a minimal step 1 so that the composer-publish branch links and its tests run while
// the real ComposerContentStep is written elsewhere. Thrown away at merge.
#include "composer/ComposerContentStep.h"
#include "controllers/VideoCheck.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace Cuepoint::Gui {

struct ComposerContentStep::Private
{
    QLineEdit *path = nullptr;
    QPlainTextEdit *caption = nullptr;
    QLabel *status = nullptr;
    QFutureWatcher<VideoCheckResult> watcher;
    VideoCheckResult checked;
    bool checking = false;
    QString pending;
    qint64 coverMs = 0;
};

ComposerContentStep::ComposerContentStep(QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>())
{
    auto *form = new QFormLayout(this);
    d->path = new QLineEdit(this);
    d->path->setObjectName(QStringLiteral("videoLineEdit"));
    d->caption = new QPlainTextEdit(this);
    d->caption->setObjectName(QStringLiteral("captionTextEdit"));
    d->status = new QLabel(this);
    d->status->setWordWrap(true);
    form->addRow(tr("Video:"), d->path);
    form->addRow(QString(), d->status);
    form->addRow(tr("Caption:"), d->caption);
    connect(d->path, &QLineEdit::editingFinished, this, [this] { setVideo(d->path->text()); });
    connect(d->caption, &QPlainTextEdit::textChanged, this,
        [this] { Q_EMIT completeChanged(isComplete()); });
    connect(&d->watcher, &QFutureWatcher<VideoCheckResult>::finished, this, [this] {
        d->checking = false;
        d->checked = d->watcher.result();
        if (!d->pending.isEmpty() && d->pending != d->checked.path) {
            const QString next = d->pending;
            d->pending.clear();
            setVideo(next);
            return;
        }
        d->pending.clear();
        d->status->setText(d->checked.problems.join(QLatin1Char('\n')));
        Q_EMIT completeChanged(isComplete());
        Q_EMIT videoChecked();
    });
}

ComposerContentStep::~ComposerContentStep()
{
    disconnect(d->path, nullptr, this, nullptr);
    d->watcher.waitForFinished();
}

void ComposerContentStep::setDatabasePath(const QString &)
{
}

void ComposerContentStep::setCacheDir(const QString &)
{
}

void ComposerContentStep::setVideo(const QString &path)
{
    const QString file = path.trimmed();
    d->path->setText(file);
    if (file.isEmpty() || (file == d->checked.path && !d->checking)) {
        return;
    }
    if (d->checking) {
        d->pending = file;
        return;
    }
    d->checking = true;
    d->watcher.setFuture(checkVideo(file));
    Q_EMIT completeChanged(false);
}

QString ComposerContentStep::videoPath() const
{
    const QString path = d->path->text().trimmed();
    return path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
}

qint64 ComposerContentStep::videoDurationMs() const
{
    return isVideoChecked() ? d->checked.durationMs : -1;
}

qint64 ComposerContentStep::mediaAssetId() const
{
    return 0;
}

qint64 ComposerContentStep::coverTimeMs() const
{
    return d->coverMs;
}

void ComposerContentStep::setCoverTimeMs(qint64 ms)
{
    d->coverMs = ms;
}

QString ComposerContentStep::caption() const
{
    return d->caption->toPlainText();
}

void ComposerContentStep::setCaption(const QString &caption)
{
    d->caption->setPlainText(caption);
}

bool ComposerContentStep::isComplete() const
{
    return problems().isEmpty();
}

QStringList ComposerContentStep::problems() const
{
    QStringList found;
    if (d->path->text().trimmed().isEmpty()) {
        found << tr("Choose a video.");
    } else if (!isVideoChecked()) {
        found << tr("The video is being checked.");
    } else {
        found << d->checked.problems;
    }
    found << checkCaption(caption());
    return found;
}

bool ComposerContentStep::isVideoChecked() const
{
    return !d->checking && !d->checked.path.isEmpty()
        && d->checked.path == d->path->text().trimmed();
}

void ComposerContentStep::setReadOnly(bool readOnly)
{
    d->path->setReadOnly(readOnly);
    d->caption->setReadOnly(readOnly);
}

} // namespace Cuepoint::Gui
