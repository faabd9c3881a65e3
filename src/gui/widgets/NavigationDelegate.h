// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace Cuepoint::Gui {

/// Paints the items of the window's navigation sidebar: icon and label on a rounded, softly
/// tinted selection instead of the style's full-width highlight bar, as desktop sidebars do.
class NavigationDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NavigationDelegate)

public:
    explicit NavigationDelegate(QObject *parent = nullptr);
    ~NavigationDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Cuepoint::Gui
