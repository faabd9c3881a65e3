// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/CalendarDelegate.h"

#include "controllers/AvatarCache.h"
#include "controllers/CoverCache.h"
#include "models/ItemRoles.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>

namespace Cuepoint::Gui {

namespace {

constexpr int kPad = 3;
constexpr int kSidebar = 4;
constexpr int kMark = 12;

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t, a.blueF() + (b.blueF() - a.blueF()) * t);
}

/// A shape drawn in a unit square, scaled into @p r.
QPolygonF scaled(const QRectF &r, std::initializer_list<QPointF> points)
{
    QPolygonF p;
    for (const QPointF &pt : points) {
        p << QPointF(r.left() + pt.x() * r.width(), r.top() + pt.y() * r.height());
    }
    return p;
}

void paintBolt(QPainter *p, const QRectF &r)
{
    const QPolygonF bolt = scaled(r,
        { { 0.62, 0.0 }, { 0.12, 0.58 }, { 0.46, 0.58 }, { 0.34, 1.0 }, { 0.9, 0.38 },
            { 0.55, 0.38 }, { 0.72, 0.0 } });
    p->setPen(QPen(QColor(0x8a, 0x68, 0x00), 0.8));
    p->setBrush(QColor(0xf5, 0xc5, 0x18));
    p->drawPolygon(bolt);
}

void paintBell(QPainter *p, const QRectF &r, const QColor &colour)
{
    QPainterPath bell;
    const auto at = [&r](qreal x, qreal y) {
        return QPointF(r.left() + x * r.width(), r.top() + y * r.height());
    };
    bell.moveTo(at(0.1, 0.78));
    bell.quadTo(at(0.24, 0.64), at(0.24, 0.42));
    bell.cubicTo(at(0.24, 0.08), at(0.76, 0.08), at(0.76, 0.42));
    bell.quadTo(at(0.76, 0.64), at(0.9, 0.78));
    bell.closeSubpath();
    p->setPen(Qt::NoPen);
    p->setBrush(colour);
    p->drawPath(bell);
    p->drawEllipse(at(0.5, 0.88), r.width() * 0.11, r.height() * 0.11);
}

void paintCheck(QPainter *p, const QRectF &r, const QColor &colour)
{
    p->setPen(QPen(colour, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p->setBrush(Qt::NoBrush);
    p->drawPolyline(scaled(r, { { 0.12, 0.55 }, { 0.4, 0.82 }, { 0.9, 0.22 } }));
}

void paintBadge(QPainter *p, const QRectF &r, const QColor &colour, const QString &text)
{
    p->setPen(Qt::NoPen);
    p->setBrush(colour);
    p->drawEllipse(r);
    QFont f = p->font();
    f.setBold(true);
    f.setPixelSize(qMax(7, static_cast<int>(r.height() * 0.8)));
    p->setFont(f);
    p->setPen(Qt::white);
    p->drawText(r, Qt::AlignCenter, text);
}

/// The profile's "avatar": the first letter of its name on a colour of its own.
void paintAvatar(QPainter *p, const QRectF &r, const QString &name)
{
    const QString letter = name.startsWith(QLatin1Char('@')) ? name.mid(1, 1) : name.left(1);
    const QColor colour = QColor::fromHsv(static_cast<int>(qHash(name) % 360), 110, 170);
    paintBadge(p, r, colour, letter.toUpper());
}

} // namespace

CalendarDelegate::CalendarDelegate(Kind kind, CoverCache *covers, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_kind(kind)
    , m_covers(covers)
{
}

void CalendarDelegate::setAvatarCache(AvatarCache *avatars)
{
    if (m_avatars) {
        disconnect(m_avatars, nullptr, this, nullptr);
    }
    m_avatars = avatars;
    if (avatars) {
        connect(avatars, &AvatarCache::avatarReady, this, [this] {
            for (const QPointer<QWidget> &view : std::as_const(m_views)) {
                if (auto *items = qobject_cast<QAbstractItemView *>(view.data())) {
                    items->viewport()->update();
                } else if (view) {
                    view->update();
                }
            }
        });
    }
}

QColor CalendarDelegate::statusColour(CardStatus status)
{
    switch (status) {
    case CardStatus::Failed:
        return QColor(0xd1, 0x3b, 0x3b);
    case CardStatus::NeedsAttention:
        return QColor(0xe0, 0x9b, 0x00);
    case CardStatus::Uploading:
        return QColor(0x2f, 0x7c, 0xd6);
    case CardStatus::Scheduled:
        return QColor(0x2e, 0x9d, 0x5b);
    case CardStatus::Published:
        return QColor(0x6a, 0x5a, 0xcd);
    case CardStatus::Cancelled:
    case CardStatus::Draft:
        return QColor(0x9a, 0x9a, 0x9a);
    }
    return Qt::gray;
}

int CalendarDelegate::cardHeight(const QFontMetrics &fm)
{
    return 2 * fm.height() + 2 * kPad;
}

QList<QRect> CalendarDelegate::cardRects(
    const QRect &cell, const QFontMetrics &fm, qsizetype count, qsizetype *hidden) const
{
    if (m_kind == Kind::Agenda) {
        // One post per row, after the day in the margin.
        if (hidden) {
            *hidden = 0;
        }
        const int margin = fm.averageCharWidth() * 18;
        return count > 0 ? QList<QRect> { cell.adjusted(margin, 2, -4, -2) } : QList<QRect> {};
    }
    const int top = m_kind == Kind::Month ? fm.height() + kPad : 1;
    QRect area = cell.adjusted(2, top, -2, -2);
    const int h = cardHeight(fm);
    const int spacing = 2;
    qsizetype fits = qMax(0, (area.height() + spacing) / (h + spacing));
    QList<QRect> rects;
    if (m_kind == Kind::Week && fits == 0 && count > 0) {
        fits = 1; // a short hour row still shows its first card, clipped
    }
    qsizetype shown = qMin(count, fits);
    if (shown < count && shown > 0 && m_kind == Kind::Month) {
        --shown; // room for "+N more"
        if (shown == 0) {
            shown = 1;
        }
    }
    // In the week, a "+N" badge sits to the right of the cards instead of over them.
    const int badge = m_kind == Kind::Week && shown < count
        ? fm.horizontalAdvance(QStringLiteral("+%1").arg(count - shown)) + 8
        : 0;
    for (qsizetype i = 0; i < shown; ++i) {
        rects << QRect(area.left(), area.top() + static_cast<int>(i) * (h + spacing),
            area.width() - badge, qMin(h, area.height()));
    }
    if (hidden) {
        *hidden = count - shown;
    }
    return rects;
}

QRect CalendarDelegate::moreRect(const QRect &cell, const QFontMetrics &fm, qsizetype count) const
{
    qsizetype hidden = 0;
    const QList<QRect> rects = cardRects(cell, fm, count, &hidden);
    if (hidden <= 0) {
        return {};
    }
    if (m_kind == Kind::Month) {
        const int y = rects.isEmpty() ? cell.top() + fm.height() + kPad : rects.last().bottom() + 2;
        return QRect(cell.left() + 6, y, cell.width() - 12, fm.height());
    }
    const int w = fm.horizontalAdvance(QStringLiteral("+%1").arg(hidden)) + 6;
    return QRect(
        cell.right() - w - 1, cell.top() + (cell.height() - fm.height()) / 2, w, fm.height());
}

qint64 CalendarDelegate::postAt(
    const QRect &cell, const QFontMetrics &fm, const QModelIndex &index, const QPoint &pos) const
{
    const auto cards = index.data(CardsRole).value<QList<CalendarCard>>();
    const QList<QRect> rects = cardRects(cell, fm, cards.size());
    for (qsizetype i = 0; i < rects.size(); ++i) {
        if (rects.at(i).contains(pos)) {
            return cards.at(i).postId;
        }
    }
    return 0;
}

QSize CalendarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics fm(option.font);
    if (m_kind == Kind::Week || m_kind == Kind::Agenda) {
        return QSize(fm.averageCharWidth() * 14, cardHeight(fm) + 4);
    }
    return QSize(fm.averageCharWidth() * 14, fm.height() + 2 * cardHeight(fm) + 12);
}

void CalendarDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (m_avatars && option.widget) {
        auto *widget = const_cast<QWidget *>(option.widget);
        m_views.removeAll(QPointer<QWidget>());
        if (!m_views.contains(widget)) {
            m_views.append(widget);
        }
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = option.palette;
    const QRect r = option.rect;
    const bool exists = index.data(SlotExistsRole).toBool();
    const bool inMonth = index.data(InCurrentMonthRole).toBool();
    const bool today = index.data(IsTodayRole).toBool();
    const bool current = option.state.testFlag(QStyle::State_HasFocus)
        || (option.state.testFlag(QStyle::State_Selected));

    // The cell: base colour; days of other months and the hour the clocks skip are quieter.
    QColor background = pal.color(QPalette::Base);
    if (!exists) {
        background = mix(pal.color(QPalette::Base), pal.color(QPalette::Mid), 0.35);
    } else if (!inMonth) {
        background = mix(pal.color(QPalette::Base), pal.color(QPalette::Window), 0.7);
    }
    if (today) {
        background = mix(background, pal.color(QPalette::Highlight), 0.08);
    }
    painter->fillRect(r, background);
    if (current) {
        painter->setPen(QPen(pal.color(QPalette::Highlight), 1.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(QRectF(r).adjusted(1, 1, -1, -1));
    }

    const QFontMetrics fm(option.font);
    painter->setFont(option.font);
    if (m_kind == Kind::Month) {
        const QString day = index.data(Qt::DisplayRole).toString();
        QRect dayRect(r.left() + 4, r.top() + 2, r.width() - 8, fm.height());
        if (today) {
            const int d = fm.height();
            const QRect disc(
                dayRect.left() - 2, dayRect.top(), qMax(d, fm.horizontalAdvance(day) + 6), d);
            painter->setPen(Qt::NoPen);
            painter->setBrush(pal.color(QPalette::Highlight));
            painter->drawRoundedRect(disc, d / 2.0, d / 2.0);
            painter->setPen(pal.color(QPalette::HighlightedText));
            painter->drawText(disc, Qt::AlignCenter, day);
        } else {
            painter->setPen(
                inMonth ? pal.color(QPalette::Text) : pal.color(QPalette::PlaceholderText));
            painter->drawText(dayRect, Qt::AlignLeft | Qt::AlignVCenter, day);
        }
    } else if (m_kind == Kind::Agenda) {
        QFont bold = option.font;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(pal.color(QPalette::Text));
        painter->drawText(r.adjusted(8, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
            index.data(Qt::DisplayRole).toString());
        painter->setFont(option.font);
    } else if (!exists) {
        painter->setPen(pal.color(QPalette::PlaceholderText));
        painter->drawText(r.adjusted(4, 0, -4, 0), Qt::AlignCenter | Qt::TextWordWrap,
            tr("skipped (clocks go forward)"));
    } else if (index.data(SlotMinutesRole).toInt() > 60) {
        painter->setPen(pal.color(QPalette::PlaceholderText));
        painter->drawText(
            r.adjusted(4, 0, -4, -1), Qt::AlignRight | Qt::AlignBottom, tr("\u00d72"));
    }

    const auto cards = index.data(CardsRole).value<QList<CalendarCard>>();
    qsizetype hidden = 0;
    const QList<QRect> rects = cardRects(r, fm, cards.size(), &hidden);
    painter->setClipRect(r);
    for (qsizetype i = 0; i < rects.size(); ++i) {
        paintCard(painter, rects.at(i), cards.at(i), option);
    }
    if (hidden > 0) {
        const QString more = tr("+%n more", nullptr, static_cast<int>(hidden));
        painter->setPen(pal.color(QPalette::PlaceholderText));
        QFont small = option.font;
        painter->setFont(small);
        if (m_kind == Kind::Month) {
            painter->drawText(
                moreRect(r, fm, cards.size()), Qt::AlignLeft | Qt::AlignVCenter, more);
        } else {
            const QString plus = QStringLiteral("+%1").arg(hidden);
            const int w = fm.horizontalAdvance(plus) + 6;
            const QRect badge(
                r.right() - w - 1, r.top() + (r.height() - fm.height()) / 2, w, fm.height());
            painter->setPen(Qt::NoPen);
            painter->setBrush(pal.color(QPalette::Window));
            painter->drawRoundedRect(badge, 3, 3);
            painter->setPen(pal.color(QPalette::Text));
            painter->drawText(badge, Qt::AlignCenter, plus);
        }
    }
    painter->restore();
}

void CalendarDelegate::paintCard(QPainter *painter, const QRect &rect, const CalendarCard &card,
    const QStyleOptionViewItem &option) const
{
    const QPalette &pal = option.palette;
    const CardStatus status = card.status();
    const QColor colour = statusColour(status);
    const QFontMetrics fm(option.font);

    // Body: the base colour tinted with the status, a sidebar in the status colour.
    const qreal tint =
        status == CardStatus::Failed || status == CardStatus::NeedsAttention ? 0.16 : 0.08;
    painter->setPen(Qt::NoPen);
    painter->setBrush(mix(pal.color(QPalette::Base), colour, tint));
    painter->drawRoundedRect(rect, 3, 3);
    painter->setBrush(colour);
    painter->drawRoundedRect(QRect(rect.left(), rect.top(), kSidebar, rect.height()), 2, 2);
    if (card.postId == m_selectedPost) {
        painter->setPen(QPen(pal.color(QPalette::Highlight), 2));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 3, 3);
    }

    int x = rect.left() + kSidebar + kPad;
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics boldFm(bold);
    const QString time = card.at.toTimeZone(m_zone).toString(QStringLiteral("HH:mm"));
    // The cover, 9:16, only where the time and the state mark still fit beside it (narrow
    // week-view cells keep the time readable instead).
    const int coverH = rect.height() - 2 * kPad;
    const int coverW = coverH * 9 / 16;
    const int besideCover =
        kSidebar + kPad + coverW + kPad + boldFm.horizontalAdvance(time) + 2 * kPad + kMark + kPad;
    if (coverW >= 8 && rect.width() > coverW + 60 && rect.width() >= besideCover) {
        const QRect coverRect(x, rect.top() + kPad, coverW, coverH);
        const QImage cover =
            m_covers ? m_covers->cover(card.videoPath, card.coverTimestampMs) : QImage();
        if (!cover.isNull()) {
            const qreal dpr = painter->device()->devicePixelRatioF();
            const QSize target = coverRect.size() * dpr;
            const QImage scaledCover =
                cover.scaled(target, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation);
            painter->save();
            QPainterPath clip;
            clip.addRoundedRect(coverRect, 2, 2);
            painter->setClipPath(clip, Qt::IntersectClip);
            const QRect source((scaledCover.width() - target.width()) / 2,
                (scaledCover.height() - target.height()) / 2, target.width(), target.height());
            painter->drawImage(coverRect, scaledCover, source);
            painter->restore();
        } else {
            painter->setPen(Qt::NoPen);
            painter->setBrush(mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.15));
            painter->drawRoundedRect(coverRect, 2, 2);
        }
        x = coverRect.right() + 1 + kPad;
    }

    const int right = rect.right() - kPad;
    const int line1 = rect.top() + kPad;
    const int line2 = line1 + fm.height();

    // Marks on the right of the first line.
    int markX = right - kMark;
    const QRectF markRect(markX, line1 + (fm.height() - kMark) / 2.0, kMark, kMark);
    bool drewMark = true;
    if (status == CardStatus::Failed) {
        paintBadge(painter, markRect, colour, QStringLiteral("!"));
    } else if (status == CardStatus::NeedsAttention) {
        paintBadge(painter, markRect, colour, QStringLiteral("!"));
    } else if (status == CardStatus::Published) {
        paintCheck(painter, markRect, colour);
    } else if (card.mode == Core::PublishMode::Notify && status == CardStatus::Scheduled) {
        paintBell(painter, markRect, pal.color(QPalette::Text));
    } else if (card.readyToPublish()) {
        paintBolt(painter, markRect);
    } else if (card.approval == Core::ApprovalState::Approved && status == CardStatus::Scheduled) {
        // Approved by a reviewer (or in the app), but not going out by itself: a green check.
        paintCheck(painter, markRect, colour);
    } else {
        drewMark = false;
    }
    if (drewMark) {
        markX -= kPad;
    } else {
        markX = right;
    }

    // Line 1: the time (bold) and the profile.
    painter->setFont(bold);
    painter->setPen(pal.color(QPalette::Text));
    const QRect timeRect(x, line1, boldFm.horizontalAdvance(time), fm.height());
    painter->drawText(timeRect, Qt::AlignLeft | Qt::AlignVCenter, time);
    painter->setFont(option.font);
    int nameX = timeRect.right() + 1 + kPad * 2;
    const QString account = card.targets.isEmpty() ? QString() : card.targets.first().accountName;
    if (!account.isEmpty() && markX - nameX >= fm.height() - 4) {
        // The avatar always; the name (or the upload's percentage) where there is room.
        const qreal d = fm.height() - 4;
        const QRectF avatarRect(nameX, line1 + 2, d, d);
        const QPixmap picture = m_avatars ? m_avatars->avatar(card.targets.first().accountId,
                                    qCeil(d), painter->device()->devicePixelRatioF())
                                          : QPixmap();
        if (!picture.isNull()) {
            painter->save();
            painter->setRenderHint(QPainter::SmoothPixmapTransform);
            painter->drawPixmap(avatarRect, picture, QRectF(picture.rect()));
            painter->restore();
        } else {
            paintAvatar(painter, avatarRect, account);
        }
        nameX += static_cast<int>(d) + kPad;
        QString names = card.targets.size() > 1
            ? tr("%1 +%2").arg(account).arg(card.targets.size() - 1)
            : account;
        if (status == CardStatus::Uploading) {
            names = QStringLiteral("%1%").arg(qRound(card.progress() * 100));
        }
        if (markX - nameX > fm.averageCharWidth() * 3) {
            painter->setFont(option.font);
            painter->setPen(pal.color(QPalette::PlaceholderText));
            painter->drawText(QRect(nameX, line1, markX - nameX, fm.height()),
                Qt::AlignLeft | Qt::AlignVCenter,
                fm.elidedText(names, Qt::ElideRight, markX - nameX));
        }
    }

    // Line 2: the reason when something is wrong, else the caption.
    QString second = card.caption.simplified();
    QColor secondColour = pal.color(QPalette::Text);
    if (status == CardStatus::Failed || status == CardStatus::NeedsAttention) {
        const QString why = card.problem();
        if (!why.isEmpty()) {
            second = why;
        }
        secondColour =
            status == CardStatus::Failed ? colour : mix(colour, pal.color(QPalette::Text), 0.45);
    } else if (status == CardStatus::Cancelled) {
        secondColour = pal.color(QPalette::PlaceholderText);
    }
    if (second.isEmpty()) {
        second = tr("(no caption)");
        secondColour = pal.color(QPalette::PlaceholderText);
    }
    QFont secondFont = option.font;
    secondFont.setStrikeOut(status == CardStatus::Cancelled);
    painter->setFont(secondFont);
    painter->setPen(secondColour);
    const int w2 = right - x;
    if (line2 + fm.height() <= rect.bottom() + 2 && w2 > 10) {
        painter->drawText(QRect(x, line2, w2, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
            fm.elidedText(second, Qt::ElideRight, w2));
    }

    // Progress while uploading: a bar along the bottom of the card.
    const double progress = card.progress();
    if (progress >= 0.0) {
        const QRect track(x, rect.bottom() - 3, right - x, 3);
        painter->setPen(Qt::NoPen);
        painter->setBrush(mix(pal.color(QPalette::Base), colour, 0.25));
        painter->drawRoundedRect(track, 1.5, 1.5);
        painter->setBrush(colour);
        painter->drawRoundedRect(
            QRect(track.left(), track.top(), static_cast<int>(track.width() * progress), 3), 1.5,
            1.5);
    }
}

} // namespace Cuepoint::Gui
