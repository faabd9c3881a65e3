// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/MediaGridDelegate.h"

#include "models/MediaLibraryModel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace Cuepoint::Gui {

namespace {

constexpr int kCoverWidth = 132;
constexpr int kCoverHeight = 176; // 3:4 frame: a 9:16 cover fits with bars, 16:9 too
constexpr int kPadding = 8;
constexpr int kRadius = 6;

const QColor kValid(0x2e, 0x9e, 0x5b);
const QColor kInvalid(0xd1, 0x3b, 0x3b);
const QColor kMissing(0xd9, 0x8a, 0x1c);

/// A small rounded label with white text.
void drawChip(QPainter *p, const QFont &font, const QPoint &at, const QString &text,
    const QColor &colour, bool alignRight)
{
    QFont f = font;
    f.setPointSizeF(f.pointSizeF() * 0.85);
    f.setBold(true);
    const QFontMetrics fm(f);
    QRect r(0, 0, fm.horizontalAdvance(text) + 10, fm.height() + 2);
    if (alignRight) {
        r.moveTopRight(at);
    } else {
        r.moveTopLeft(at);
    }
    p->setPen(Qt::NoPen);
    p->setBrush(colour);
    p->drawRoundedRect(r, r.height() / 2.0, r.height() / 2.0);
    p->setFont(f);
    p->setPen(Qt::white);
    p->drawText(r, Qt::AlignCenter, text);
}

} // namespace

MediaGridDelegate::MediaGridDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QSize MediaGridDelegate::tileSize(const QFontMetrics &metrics)
{
    return { kCoverWidth + 2 * kPadding, kPadding + kCoverHeight + 6 + 2 * metrics.height() + 10 };
}

QSize MediaGridDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return tileSize(option.fontMetrics);
}

void MediaGridDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = option.palette;
    const QRect tile = option.rect.adjusted(2, 2, -2, -2);
    const bool selected = option.state.testFlag(QStyle::State_Selected);
    if (selected || option.state.testFlag(QStyle::State_MouseOver)) {
        QColor bg = pal.color(QPalette::Highlight);
        bg.setAlphaF(selected ? 0.22 : 0.08);
        painter->setPen(selected ? QPen(pal.color(QPalette::Highlight), 1.5) : Qt::NoPen);
        painter->setBrush(bg);
        painter->drawRoundedRect(tile, kRadius + 2, kRadius + 2);
    }

    // The cover, fitted into the frame on a dark ground.
    const QRect frame(tile.left() + (tile.width() - kCoverWidth) / 2, tile.top() + kPadding - 2,
        kCoverWidth, kCoverHeight);
    QPainterPath clip;
    clip.addRoundedRect(frame, kRadius, kRadius);
    painter->setClipPath(clip);
    painter->fillRect(frame, QColor(0x20, 0x22, 0x26));
    const QImage cover = index.data(Qt::DecorationRole).value<QImage>();
    const bool missing = index.data(MediaLibraryModel::MissingRole).toBool();
    if (!cover.isNull()) {
        const QSize s = cover.size().scaled(frame.size(), Qt::KeepAspectRatio);
        const QRect target(frame.left() + (frame.width() - s.width()) / 2,
            frame.top() + (frame.height() - s.height()) / 2, s.width(), s.height());
        painter->setOpacity(missing ? 0.35 : 1.0);
        painter->drawImage(target, cover);
        painter->setOpacity(1.0);
    }
    painter->setClipping(false);

    const QVariant valid = index.data(MediaLibraryModel::ValidRole);
    if (valid.isValid()) {
        drawChip(painter, option.font, frame.topLeft() + QPoint(6, 6),
            valid.toBool() ? tr("Valid") : tr("Invalid"), valid.toBool() ? kValid : kInvalid,
            false);
    }
    if (index.data(MediaLibraryModel::PublishedRole).toBool()) {
        drawChip(painter, option.font, frame.topRight() + QPoint(-6, 6), tr("Published"),
            QColor(0x3d, 0x6f, 0xd1), true);
    }
    if (missing) {
        QFont f = option.font;
        f.setBold(true);
        const QFontMetrics fm(f);
        const QString text = tr("Missing");
        QRect r(0, 0, fm.horizontalAdvance(text) + 16, fm.height() + 6);
        r.moveCenter(frame.center());
        painter->setPen(Qt::NoPen);
        painter->setBrush(kMissing);
        painter->drawRoundedRect(r, 4, 4);
        painter->setFont(f);
        painter->setPen(Qt::white);
        painter->drawText(r, Qt::AlignCenter, text);
    }
    // The duration on the cover's lower right, as video sites show it.
    const QString duration =
        MediaLibraryModel::durationText(index.data(MediaLibraryModel::DurationMsRole).toLongLong());
    {
        QFont f = option.font;
        f.setPointSizeF(f.pointSizeF() * 0.85);
        const QFontMetrics fm(f);
        QRect r(0, 0, fm.horizontalAdvance(duration) + 8, fm.height() + 2);
        r.moveBottomRight(frame.bottomRight() - QPoint(5, 5));
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0, 0, 0, 170));
        painter->drawRoundedRect(r, 3, 3);
        painter->setFont(f);
        painter->setPen(Qt::white);
        painter->drawText(r, Qt::AlignCenter, duration);
    }

    // Name and size under the cover.
    const QFontMetrics fm(option.font);
    QRect text(frame.left(), frame.bottom() + 6, frame.width(), fm.height());
    painter->setFont(option.font);
    painter->setPen(pal.color(QPalette::Text));
    painter->drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
        fm.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideMiddle, text.width()));
    text.translate(0, fm.height());
    painter->setPen(pal.color(QPalette::PlaceholderText));
    const QString size =
        QLocale().formattedDataSize(index.data(MediaLibraryModel::SizeBytesRole).toLongLong(), 1,
            QLocale::DataSizeTraditionalFormat);
    painter->drawText(
        text, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(size, Qt::ElideRight, text.width()));
    painter->restore();
}

} // namespace Cuepoint::Gui
