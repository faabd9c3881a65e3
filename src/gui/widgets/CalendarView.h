// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTableView>

namespace Cuepoint::Gui {

class CalendarDelegate;

/// A calendar grid (month or week): turns clicks, drags and keys into requests; the page acts
/// on them. The delegate paints the cells and knows where the cards are.
class CalendarView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CalendarView)

public:
    /// The MIME type of a dragged post card (its id as text).
    static QString postMimeType();

    explicit CalendarView(QWidget *parent = nullptr);

    void setCalendarDelegate(CalendarDelegate *delegate);
    /// Whether the rows share the viewport's height (the month) instead of scrolling (the week).
    void setFillRows(bool fill) { m_fillRows = fill; }
    CalendarDelegate *calendarDelegate() const { return m_delegate; }
    /// The post whose card is at @p pos (viewport coordinates), 0 when none.
    qint64 postAt(const QPoint &pos) const;
    /// The centre of @p postId's card (viewport coordinates), or a null point.
    QPoint cardCentre(qint64 postId) const;

Q_SIGNALS:
    /// The empty part of a slot was clicked: schedule a post there.
    void slotClicked(const QModelIndex &index);
    /// "+N more" was clicked: show every post of that slot.
    void moreClicked(const QModelIndex &index);
    /// A card was clicked (selected).
    void cardClicked(qint64 postId, const QModelIndex &index);
    /// A card was double-clicked, or Enter pressed on the selected card: open it.
    void cardActivated(qint64 postId);
    /// Enter on a slot without a selected card.
    void slotActivated(const QModelIndex &index);
    /// A card was dropped on another slot.
    void postDropped(qint64 postId, const QModelIndex &index);
    /// A video from the media library was dropped on a slot: start a post with it there.
    void videoDropped(const QString &path, const QModelIndex &index);
    /// Delete pressed with a card selected.
    void deleteRequested(qint64 postId);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    CalendarDelegate *m_delegate = nullptr;
    QPoint m_pressPos;
    qint64 m_pressPost = 0;
    bool m_pressed = false;
    bool m_fillRows = false;
};

} // namespace Cuepoint::Gui
