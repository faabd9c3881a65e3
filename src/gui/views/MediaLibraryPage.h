// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/storage/MediaStore.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QListView;

namespace Cuepoint::Gui {

namespace Ui {
class MediaLibraryPage;
}

class LibraryController;
struct LibraryItem;
class MediaGridDelegate;
class MediaLibraryModel;

/// The media library: a grid of the imported videos (cover, duration, size, validity, missing
/// and published marks) with a filter by publication, a search by name or tag and a tag
/// filter; a panel with the selected video's facts, problems, tags and the posts that use it;
/// importing files and folders with progress and cancel; dragging a video onto a calendar slot.
///
/// All reading and writing happens in LibraryController, off the GUI thread.
class MediaLibraryPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MediaLibraryPage)

public:
    explicit MediaLibraryPage(QWidget *parent = nullptr);
    ~MediaLibraryPage() override;

    /// Connects the page to the library (owned by the application); until then it is empty.
    void setController(LibraryController *controller);
    /// Whether imports copy the videos into the library folder (the setting).
    void setCopyIntoLibrary(bool copy) { m_copy = copy; }
    /// Imports files and folders (the buttons' dialogs and drops on the page come here).
    void importPaths(const QStringList &paths);

    /// The filter the grid shows.
    Core::MediaStore::Filter filter() const;
    /// Selects the video with asset id @p id in the grid (if shown).
    void selectAsset(qint64 id);
    qint64 selectedAsset() const;

    MediaLibraryModel *model() const { return m_model; }
    QListView *gridView() const;
    /// Whether the latest filter's assets have arrived.
    bool isLoaded() const { return m_loaded; }

Q_SIGNALS:
    /// "Schedule a post with it": open the scheduling form with @p path.
    void scheduleRequested(const QString &path);
    /// A post in the "used in" list was double-clicked: show it on the calendar.
    void postActivated(qint64 postId);
    /// The latest load arrived (tests wait for it).
    void loaded();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void reload();
    void onLoaded(const QList<Cuepoint::Gui::LibraryItem> &items, const QStringList &allTags);
    void onSelectionChanged();
    void onPostsLoaded(qint64 assetId, const QList<Cuepoint::Core::MediaStore::AssetPost> &posts);
    void chooseFiles();
    void chooseFolder();
    void applyTags();
    void revealSelected();
    void removeSelected();
    void showMessage(const QString &text, bool error);
    const LibraryItem *selectedItem() const;

    std::unique_ptr<Ui::MediaLibraryPage> m_ui;
    QPointer<LibraryController> m_controller;
    MediaLibraryModel *m_model = nullptr;
    MediaGridDelegate *m_delegate = nullptr;
    QTimer *m_reloadTimer = nullptr;
    bool m_copy = false;
    bool m_loaded = false;
    bool m_everHadAssets = false;
};

} // namespace Cuepoint::Gui
