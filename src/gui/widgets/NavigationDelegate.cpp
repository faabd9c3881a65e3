// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/NavigationDelegate.h"

#include "widgets/Icons.h"

#include <QPainter>

namespace Cuepoint::Gui {

namespace {

constexpr int kMarginX = 8; ///< between the sidebar's edge and the rounded item
constexpr int kMarginY = 1;
constexpr int kPaddingX = 10; ///< inside the rounded item
constexpr int kPaddingY = 8;
constexpr int kIconTextGap = 10;
constexpr qreal kRadius = 6.0;

QColor blend(QColor colour, qreal alpha)
{
    colour.setAlphaF(alpha);
    return colour;
}

} // namespace

NavigationDelegate::NavigationDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

NavigationDelegate::~NavigationDelegate() = default;

void NavigationDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QPalette &palette = opt.palette;
    const bool selected = opt.state.testFlag(QStyle::State_Selected);
    const bool hovered = opt.state.testFlag(QStyle::State_MouseOver);
    const bool enabled = opt.state.testFlag(QStyle::State_Enabled);
    const bool dark = Icons::isDark(palette);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF box = QRectF(opt.rect).adjusted(kMarginX, kMarginY, -kMarginX, -kMarginY);
    QColor fill;
    if (selected) {
        fill = blend(palette.color(QPalette::Highlight), dark ? 0.45 : 0.16);
    } else if (hovered && enabled) {
        fill = blend(palette.color(QPalette::WindowText), dark ? 0.10 : 0.06);
    }
    if (fill.isValid()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(box, kRadius, kRadius);
    }
    if (selected && opt.state.testFlag(QStyle::State_HasFocus)
        && opt.state.testFlag(QStyle::State_KeyboardFocusChange)) {
        // Keyboard users still see where the focus is.
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(box.adjusted(0.75, 0.75, -0.75, -0.75), kRadius, kRadius);
    }

    const QRect content = box.toAlignedRect().adjusted(kPaddingX, 0, -kPaddingX, 0);
    const QSize iconSize = opt.decorationSize;
    const QRect iconRect(
        QPoint(content.left(), content.center().y() - iconSize.height() / 2 + 1), iconSize);
    opt.icon.paint(painter, iconRect, Qt::AlignCenter, enabled ? QIcon::Normal : QIcon::Disabled);

    QFont font = opt.font;
    if (selected) {
        font.setWeight(QFont::DemiBold);
    }
    painter->setFont(font);
    painter->setPen(
        palette.color(enabled ? QPalette::Active : QPalette::Disabled, QPalette::WindowText));
    const QRect textRect = content.adjusted(iconSize.width() + kIconTextGap, 0, 0, 0);
    const QString text = QFontMetrics(font).elidedText(opt.text, Qt::ElideRight, textRect.width());
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, text);
    painter->restore();
}

QSize NavigationDelegate::sizeHint(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    QFont bold = opt.font;
    bold.setWeight(QFont::DemiBold);
    const QFontMetrics metrics(bold);
    const int height =
        qMax(opt.decorationSize.height(), metrics.height()) + 2 * kPaddingY + 2 * kMarginY;
    const int width = 2 * kMarginX + 2 * kPaddingX + opt.decorationSize.width() + kIconTextGap
        + metrics.horizontalAdvance(opt.text);
    return { width, height };
}

} // namespace Cuepoint::Gui
