// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/MediaLibraryPage.h"

#include "controllers/LibraryController.h"
#include "models/MediaLibraryModel.h"
#include "ui_MediaLibraryPage.h"
#include "widgets/MediaGridDelegate.h"
#include "widgets/Typography.h"

#include "cuepoint/core/domain/TargetState.h"
#include "cuepoint/core/media/SpecRules.h"

#include <QDesktopServices>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMimeData>
#include <QStandardPaths>
#include <QTimeZone>
#include <QTimer>
#include <QUrl>

namespace Cuepoint::Gui {

namespace {

/// Imports report every file; the grid reloads at most this often meanwhile.
constexpr int kReloadCoalesceMs = 300;

enum PublicationChoice { AllVideos, NotPublished, PublishedOnly };

QString stateList(const QList<Core::TargetState> &states)
{
    QStringList names;
    for (const Core::TargetState s : states) {
        QString name = Core::toString(s);
        name.replace(QLatin1Char('_'), QLatin1Char(' '));
        if (!names.contains(name)) {
            names << name;
        }
    }
    return names.join(QStringLiteral(", "));
}

} // namespace

MediaLibraryPage::MediaLibraryPage(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::MediaLibraryPage>())
    , m_model(new MediaLibraryModel(this))
    , m_delegate(new MediaGridDelegate(this))
    , m_reloadTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("mediaLibraryPage"));
    m_ui->setupUi(this);
    Typography::setPageTitle(m_ui->titleLabel);
    Typography::setHeading(m_ui->detailsNameLabel);
    Typography::setSecondary(m_ui->detailsFactsLabel);
    Typography::setSecondary(m_ui->countLabel);
    setAcceptDrops(true);

    m_ui->publicationComboBox->addItem(tr("All videos"), AllVideos);
    m_ui->publicationComboBox->addItem(tr("Not yet published"), NotPublished);
    m_ui->publicationComboBox->addItem(tr("Published"), PublishedOnly);
    m_ui->tagComboBox->addItem(tr("All tags"), QString());

    QListView *grid = m_ui->gridView;
    grid->setViewMode(QListView::IconMode);
    grid->setModel(m_model);
    grid->setItemDelegate(m_delegate);
    grid->setResizeMode(QListView::Adjust);
    grid->setMovement(QListView::Static);
    grid->setUniformItemSizes(true);
    grid->setSpacing(4);
    grid->setGridSize(MediaGridDelegate::tileSize(grid->fontMetrics()) + QSize(8, 8));
    grid->setSelectionMode(QAbstractItemView::SingleSelection);
    grid->setDragEnabled(true);
    grid->setDragDropMode(QAbstractItemView::DragOnly);
    grid->setDefaultDropAction(Qt::CopyAction);
    grid->setMouseTracking(true);
    grid->setFrameShape(QFrame::NoFrame);
    grid->setBackgroundRole(QPalette::Base);

    // The posts list takes the panel's height; without a selection the text stays at the top.
    m_ui->detailsLayout->setStretchFactor(m_ui->postsListWidget, 100);
    m_ui->detailsLayout->addStretch(1);
    m_ui->detailsPanel->setFixedWidth(300);
    m_ui->importRow->hide();
    m_ui->messageLabel->hide();
    m_ui->contentStack->setCurrentWidget(m_ui->emptyState);

    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(kReloadCoalesceMs);
    connect(m_reloadTimer, &QTimer::timeout, this, &MediaLibraryPage::reload);
    connect(
        m_ui->searchLineEdit, &QLineEdit::textChanged, this, [this] { m_reloadTimer->start(); });
    connect(m_ui->publicationComboBox, &QComboBox::currentIndexChanged, this,
        &MediaLibraryPage::reload);
    connect(m_ui->tagComboBox, &QComboBox::currentIndexChanged, this, &MediaLibraryPage::reload);
    connect(m_ui->importFilesButton, &QPushButton::clicked, this, &MediaLibraryPage::chooseFiles);
    connect(m_ui->importFolderButton, &QPushButton::clicked, this, &MediaLibraryPage::chooseFolder);
    connect(m_ui->cancelImportButton, &QPushButton::clicked, this, [this] {
        if (m_controller) {
            m_controller->cancelImport();
            m_ui->cancelImportButton->setEnabled(false);
        }
    });
    // (currentChanged comes before the selection is updated.)
    connect(grid->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &MediaLibraryPage::onSelectionChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MediaLibraryPage::onSelectionChanged);
    connect(grid, &QListView::activated, this, [this](const QModelIndex &index) {
        if (const LibraryItem *it = m_model->item(index); it && !it->asset.missing) {
            Q_EMIT scheduleRequested(it->asset.path);
        }
    });
    connect(m_ui->scheduleButton, &QPushButton::clicked, this, [this] {
        if (const LibraryItem *it = selectedItem()) {
            Q_EMIT scheduleRequested(it->asset.path);
        }
    });
    connect(m_ui->revealButton, &QPushButton::clicked, this, &MediaLibraryPage::revealSelected);
    connect(m_ui->removeButton, &QPushButton::clicked, this, &MediaLibraryPage::removeSelected);
    connect(m_ui->tagsLineEdit, &QLineEdit::editingFinished, this, &MediaLibraryPage::applyTags);
    connect(
        m_ui->postsListWidget, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
            Q_EMIT postActivated(item->data(Qt::UserRole).toLongLong());
        });
}

MediaLibraryPage::~MediaLibraryPage() = default;

QListView *MediaLibraryPage::gridView() const
{
    return m_ui->gridView;
}

void MediaLibraryPage::setController(LibraryController *controller)
{
    m_controller = controller;
    connect(controller, &LibraryController::loaded, this, &MediaLibraryPage::onLoaded);
    connect(controller, &LibraryController::libraryChanged, this, [this] {
        if (!m_reloadTimer->isActive()) {
            m_reloadTimer->start();
        }
    });
    connect(controller, &LibraryController::postsLoaded, this, &MediaLibraryPage::onPostsLoaded);
    connect(controller, &LibraryController::failed, this,
        [this](const QString &message) { showMessage(message, true); });
    connect(controller, &LibraryController::importStarted, this, [this] {
        m_ui->importRow->show();
        m_ui->importProgressBar->setRange(0, 0); // busy until the files are counted
        m_ui->importStatusLabel->setText(tr("Importing\u2026"));
        m_ui->cancelImportButton->setEnabled(true);
    });
    connect(controller, &LibraryController::importProgress, this, [this](int done, int total) {
        m_ui->importProgressBar->setRange(0, total);
        m_ui->importProgressBar->setValue(done);
        m_ui->importStatusLabel->setText(tr("Importing %1 of %2\u2026").arg(done).arg(total));
    });
    connect(controller, &LibraryController::importFinished, this, [this](const QString &summary) {
        if (!m_controller->isImporting()) {
            m_ui->importRow->hide();
        }
        showMessage(summary, false);
        reload();
    });
    reload();
}

Core::MediaStore::Filter MediaLibraryPage::filter() const
{
    Core::MediaStore::Filter f;
    f.search = m_ui->searchLineEdit->text().trimmed();
    f.tag = m_ui->tagComboBox->currentData().toString();
    switch (m_ui->publicationComboBox->currentData().toInt()) {
    case NotPublished:
        f.publication = Core::MediaStore::Publication::NotPublished;
        break;
    case PublishedOnly:
        f.publication = Core::MediaStore::Publication::Published;
        break;
    default:
        break;
    }
    return f;
}

void MediaLibraryPage::reload()
{
    if (m_controller) {
        m_loaded = false;
        m_controller->load(filter());
    }
}

void MediaLibraryPage::onLoaded(const QList<LibraryItem> &items, const QStringList &allTags)
{
    const qint64 selected = selectedAsset();
    m_model->setItems(items);
    selectAsset(selected);

    // The tag filter offers the tags in use, keeping the choice.
    const QString tag = m_ui->tagComboBox->currentData().toString();
    QStringList offered;
    for (int i = 1; i < m_ui->tagComboBox->count(); ++i) {
        offered << m_ui->tagComboBox->itemData(i).toString();
    }
    if (offered != allTags) {
        const QSignalBlocker block(m_ui->tagComboBox);
        while (m_ui->tagComboBox->count() > 1) {
            m_ui->tagComboBox->removeItem(1);
        }
        for (const QString &t : allTags) {
            m_ui->tagComboBox->addItem(t, t);
        }
        m_ui->tagComboBox->setCurrentIndex(qMax(0, m_ui->tagComboBox->findData(tag)));
    }

    const Core::MediaStore::Filter f = filter();
    const bool unfiltered = f.search.isEmpty() && f.tag.isEmpty()
        && f.publication == Core::MediaStore::Publication::All;
    m_ui->contentStack->setCurrentWidget(
        items.isEmpty() && unfiltered ? m_ui->emptyState : m_ui->libraryContent);
    m_ui->countLabel->setText(tr("%n video(s)", nullptr, static_cast<int>(items.size())));
    m_loaded = true;
    Q_EMIT loaded();
}

void MediaLibraryPage::selectAsset(qint64 id)
{
    const int row = id > 0 ? m_model->rowOf(id) : -1;
    if (row >= 0) {
        m_ui->gridView->setCurrentIndex(m_model->index(row));
    }
    onSelectionChanged();
}

qint64 MediaLibraryPage::selectedAsset() const
{
    const LibraryItem *it = selectedItem();
    return it ? it->asset.id : 0;
}

const LibraryItem *MediaLibraryPage::selectedItem() const
{
    const QModelIndex current = m_ui->gridView->currentIndex();
    if (!m_ui->gridView->selectionModel()->isSelected(current)) {
        return nullptr;
    }
    return m_model->item(current);
}

void MediaLibraryPage::onSelectionChanged()
{
    const LibraryItem *it = selectedItem();
    // Without a selection the panel only explains what it is for.
    for (QWidget *w : std::initializer_list<QWidget *> { m_ui->tagsLabel, m_ui->tagsLineEdit,
             m_ui->postsLabel, m_ui->postsListWidget, m_ui->scheduleButton, m_ui->revealButton,
             m_ui->removeButton, m_ui->detailsProblemsLabel }) {
        w->setVisible(it != nullptr);
    }
    if (!it) {
        m_ui->detailsNameLabel->setText(tr("No video selected"));
        m_ui->detailsFactsLabel->setText(tr("Select a video to see its details and the posts "
                                            "that use it. Drag it onto a calendar slot to "
                                            "schedule it."));
        m_ui->detailsProblemsLabel->clear();
        m_ui->tagsLineEdit->clear();
        m_ui->postsListWidget->clear();
        return;
    }
    const Core::MediaAsset &a = it->asset;
    m_ui->detailsNameLabel->setText(QFileInfo(a.path).fileName());
    const QModelIndex index = m_model->index(m_model->rowOf(a.id));
    m_ui->detailsFactsLabel->setText(
        QStringLiteral("%1\n%2\n%3")
            .arg(index.data(MediaLibraryModel::DetailsRole).toString(),
                QStringLiteral("%1 fps").arg(a.fps, 0, 'f', 2), QDir::toNativeSeparators(a.path)));
    QStringList lines;
    if (a.missing) {
        lines << QStringLiteral("<b style='color:#d98a1c'>%1</b>")
                     .arg(tr("The file is missing: it was moved or deleted. Import it again from "
                             "its new place to relink it.")
                              .toHtmlEscaped());
    }
    if (a.valid.value_or(false)) {
        lines << QStringLiteral("<span style='color:#2e9e5b'>\u2714 %1</span>")
                     .arg(tr("Meets TikTok's rules.").toHtmlEscaped());
    }
    for (const QString &p : it->problems) {
        lines << QStringLiteral("<span style='color:#d13b3b'>\u2716 %1</span>")
                     .arg(p.toHtmlEscaped());
    }
    for (const QString &w : it->warnings) {
        lines << QStringLiteral("\u26a0 %1").arg(w.toHtmlEscaped());
    }
    m_ui->detailsProblemsLabel->setText(lines.join(QStringLiteral("<br>")));
    if (!m_ui->tagsLineEdit->hasFocus()) {
        m_ui->tagsLineEdit->setText(a.tags.join(QStringLiteral(", ")));
    }
    m_ui->scheduleButton->setEnabled(!a.missing);
    m_ui->revealButton->setEnabled(!a.missing);
    if (m_controller) {
        m_controller->loadPosts(a.id);
    }
}

void MediaLibraryPage::onPostsLoaded(
    qint64 assetId, const QList<Core::MediaStore::AssetPost> &posts)
{
    if (assetId != selectedAsset()) {
        return;
    }
    m_ui->postsListWidget->clear();
    for (const Core::MediaStore::AssetPost &p : posts) {
        const QTimeZone zone(p.timeZoneId.toUtf8());
        const QString when = QLocale().toString(
            zone.isValid() ? p.scheduledAt.toTimeZone(zone) : p.scheduledAt.toLocalTime(),
            QLocale::ShortFormat);
        auto *item = new QListWidgetItem(
            QStringLiteral("%1 \u2014 %2").arg(when, stateList(p.states)), m_ui->postsListWidget);
        item->setData(Qt::UserRole, p.postId);
        item->setToolTip(p.caption);
    }
    if (posts.isEmpty()) {
        auto *item = new QListWidgetItem(tr("Not used in any post yet."), m_ui->postsListWidget);
        item->setFlags(Qt::NoItemFlags);
    }
}

void MediaLibraryPage::applyTags()
{
    const LibraryItem *it = selectedItem();
    if (!it || !m_controller) {
        return;
    }
    QStringList tags;
    for (const QString &t : m_ui->tagsLineEdit->text().split(QLatin1Char(','))) {
        const QString tag = t.trimmed();
        if (!tag.isEmpty() && !tags.contains(tag, Qt::CaseInsensitive)) {
            tags << tag;
        }
    }
    if (tags != it->asset.tags) {
        m_controller->setTags(it->asset.id, tags);
    }
}

void MediaLibraryPage::importPaths(const QStringList &paths)
{
    if (!m_controller || paths.isEmpty()) {
        return;
    }
    showMessage(QString(), false);
    m_controller->import(paths, m_copy);
}

void MediaLibraryPage::chooseFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import videos"),
        QStandardPaths::writableLocation(QStandardPaths::MoviesLocation),
        tr("Videos (*.mp4 *.mov *.m4v *.webm *.mkv)"));
    importPaths(files);
}

void MediaLibraryPage::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Import a folder"),
        QStandardPaths::writableLocation(QStandardPaths::MoviesLocation));
    if (!dir.isEmpty()) {
        importPaths({ dir });
    }
}

void MediaLibraryPage::revealSelected()
{
    if (const LibraryItem *it = selectedItem()) {
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(it->asset.path).absolutePath()));
    }
}

void MediaLibraryPage::removeSelected()
{
    const LibraryItem *it = selectedItem();
    if (!it || !m_controller) {
        return;
    }
    showMessage(tr("%1 was removed from the library; the file itself is untouched.")
                    .arg(QFileInfo(it->asset.path).fileName()),
        false);
    m_controller->remove(it->asset.id);
}

void MediaLibraryPage::showMessage(const QString &text, bool error)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(error ? QStringLiteral("color: #d13b3b;") : QString());
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void MediaLibraryPage::dragEnterEvent(QDragEnterEvent *event)
{
    // Files dragged in from a file manager (not the grid's own videos).
    if (event->mimeData()->hasUrls()
        && !event->mimeData()->hasFormat(MediaLibraryModel::mimeType())) {
        event->acceptProposedAction();
    }
}

void MediaLibraryPage::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            paths << url.toLocalFile();
        }
    }
    event->acceptProposedAction();
    importPaths(paths);
}

} // namespace Cuepoint::Gui
