// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "controllers/AvatarCache.h"
#include "models/CalendarCard.h"

#include <QList>
#include <QPointer>
#include <QStyledItemDelegate>
#include <QTimeZone>

namespace Cuepoint::Gui {

class CoverCache;

/// Paints a calendar cell: the day (month view), and the post cards on the slot — cover,
/// time, profile, the start of the caption, and the state at a glance (green sidebar for
/// scheduled, a yellow lightning bolt when it will go out by itself, a bell for notification
/// mode, progress while uploading, a check mark when published, red with the reason when it
/// failed, amber when it waits for approval or for the user).
class CalendarDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CalendarDelegate)

public:
    enum class Kind { Month, Week, Agenda };

    CalendarDelegate(Kind kind, CoverCache *covers, QObject *parent = nullptr);

    Kind kind() const { return m_kind; }
    void setSelectedPost(qint64 postId) { m_selectedPost = postId; }
    qint64 selectedPost() const { return m_selectedPost; }
    void setZone(const QTimeZone &zone) { m_zone = zone; }
    QTimeZone zone() const { return m_zone; }
    /// Where the cards get the profiles' pictures (null: the coloured initial). The views this
    /// delegate paints are repainted when a picture arrives. @p avatars must outlive the
    /// delegate or be destroyed with it.
    void setAvatarCache(AvatarCache *avatars);
    AvatarCache *avatarCache() const { return m_avatars; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /// Where the cards of a cell with @p count posts go inside @p cell; @p hidden receives how
    /// many do not fit (shown as "+N").
    QList<QRect> cardRects(const QRect &cell, const QFontMetrics &fm, qsizetype count,
        qsizetype *hidden = nullptr) const;
    /// The post whose card is at @p pos in the cell @p cell of @p index (0 when none).
    qint64 postAt(const QRect &cell, const QFontMetrics &fm, const QModelIndex &index,
        const QPoint &pos) const;
    /// Where "+N more" is written in a cell with @p count posts (a null rect when all fit).
    QRect moreRect(const QRect &cell, const QFontMetrics &fm, qsizetype count) const;
    /// The height of one card.
    static int cardHeight(const QFontMetrics &fm);
    /// The colour of a status (the sidebar and the marks).
    static QColor statusColour(CardStatus status);

private:
    void paintCard(QPainter *painter, const QRect &rect, const CalendarCard &card,
        const QStyleOptionViewItem &option) const;

    Kind m_kind;
    CoverCache *m_covers;
    QPointer<AvatarCache> m_avatars;
    /// The views painted with this delegate (repainted when an avatar arrives).
    mutable QList<QPointer<QWidget>> m_views;
    qint64 m_selectedPost = 0;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
};

} // namespace Cuepoint::Gui
