// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/MediaAsset.h"

#include <QAbstractListModel>
#include <QImage>
#include <QMetaType>

namespace Cuepoint::Gui {

/// One video of the library as the grid shows it (read on LibraryController's thread).
struct LibraryItem
{
    Core::MediaAsset asset;
    QImage cover; ///< the keyframe cover, or null while there is none
    bool published = false; ///< a post using it was published
    QStringList problems; ///< why it is invalid (one sentence each)
    QStringList warnings;
};

/// The media library's videos for the grid (QListView in icon mode, MediaGridDelegate).
/// Dragging items carries their asset id and a file URL (mimeType()).
class MediaLibraryModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MediaLibraryModel)

public:
    /// The roles of this model (beyond Qt's display, decoration and tooltip roles); kept apart
    /// from ItemRoles.h's calendar roles by starting higher.
    enum Role : int {
        AssetIdRole = Qt::UserRole + 200, ///< qint64
        PathRole, ///< QString: the file
        DurationMsRole, ///< qint64
        SizeBytesRole, ///< qint64
        ValidRole, ///< QVariant: bool, or invalid until probed
        MissingRole, ///< bool: the file is gone
        PublishedRole, ///< bool
        TagsRole, ///< QStringList
        ProblemsRole, ///< QStringList
        DetailsRole, ///< QString: "0:05 · 545 KB · 360×640 · H.264"
    };

    /// The MIME type of dragged library videos: the asset id as text (a file URL comes too).
    static QString mimeType();

    explicit MediaLibraryModel(QObject *parent = nullptr);

    void setItems(QList<LibraryItem> items);
    const QList<LibraryItem> &items() const { return m_items; }
    /// The row of asset @p id, or -1.
    int rowOf(qint64 id) const;
    const LibraryItem *item(const QModelIndex &index) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override { return Qt::CopyAction; }

    /// "1:05" or "12:40" (minutes and seconds), for grid and panel.
    static QString durationText(qint64 ms);

private:
    QList<LibraryItem> m_items;
};

} // namespace Cuepoint::Gui

Q_DECLARE_METATYPE(Cuepoint::Gui::LibraryItem)
