// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace Cuepoint::Gui {

/// Paints one video of the media library's grid: the cover in a portrait frame, a validity
/// badge, "Missing" over the cover of a file that is gone, a "Published" mark, the name and
/// "duration · size" (MediaLibraryModel's roles).
class MediaGridDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MediaGridDelegate)

public:
    explicit MediaGridDelegate(QObject *parent = nullptr);

    /// The tile's size for the view's font (the grid size of the view).
    static QSize tileSize(const QFontMetrics &metrics);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Cuepoint::Gui
