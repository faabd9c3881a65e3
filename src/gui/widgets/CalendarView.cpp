// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/CalendarView.h"

#include "models/ItemRoles.h"
#include "models/MediaLibraryModel.h"
#include "widgets/CalendarDelegate.h"

#include <QApplication>
#include <QDrag>
#include <QHeaderView>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QToolTip>

namespace Cuepoint::Gui {

QString CalendarView::postMimeType()
{
    return QStringLiteral("application/x-cuepoint-post-id");
}

CalendarView::CalendarView(QWidget *parent)
    : QTableView(parent)
{
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectItems);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAcceptDrops(true);
    viewport()->setAcceptDrops(true);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::DropOnly);
    setMouseTracking(true);
    setWordWrap(false);
    setCornerButtonEnabled(false);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    horizontalHeader()->setHighlightSections(false);
    verticalHeader()->setHighlightSections(false);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
}

void CalendarView::setCalendarDelegate(CalendarDelegate *delegate)
{
    m_delegate = delegate;
    setItemDelegate(delegate);
}

qint64 CalendarView::postAt(const QPoint &pos) const
{
    const QModelIndex index = indexAt(pos);
    if (!index.isValid() || !m_delegate) {
        return 0;
    }
    return m_delegate->postAt(visualRect(index), QFontMetrics(font()), index, pos);
}

QPoint CalendarView::cardCentre(qint64 postId) const
{
    if (!model() || !m_delegate) {
        return {};
    }
    for (int row = 0; row < model()->rowCount(); ++row) {
        for (int column = 0; column < model()->columnCount(); ++column) {
            const QModelIndex index = model()->index(row, column);
            const auto ids = index.data(PostIdsRole).value<QList<qint64>>();
            const qsizetype at = ids.indexOf(postId);
            if (at < 0) {
                continue;
            }
            const QList<QRect> rects =
                m_delegate->cardRects(visualRect(index), QFontMetrics(font()), ids.size());
            return at < rects.size() ? rects.at(at).center() : QPoint();
        }
    }
    return {};
}

void CalendarView::mousePressEvent(QMouseEvent *event)
{
    QTableView::mousePressEvent(event);
    if (event->button() == Qt::LeftButton) {
        m_pressed = true;
        m_pressPos = event->position().toPoint();
        m_pressPost = postAt(m_pressPos);
    }
}

void CalendarView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_pressed && m_pressPost != 0 && event->buttons().testFlag(Qt::LeftButton)
        && (event->position().toPoint() - m_pressPos).manhattanLength()
            >= QApplication::startDragDistance()) {
        const qint64 post = m_pressPost;
        m_pressed = false;
        m_pressPost = 0;
        auto *mime = new QMimeData;
        mime->setData(postMimeType(), QByteArray::number(post));
        auto *drag = new QDrag(this);
        drag->setMimeData(mime);
        const QModelIndex from = indexAt(m_pressPos);
        if (from.isValid() && m_delegate) {
            // The card itself follows the pointer.
            const QList<QRect> rects = m_delegate->cardRects(
                visualRect(from), QFontMetrics(font()), from.data(CountRole).toInt());
            for (const QRect &r : rects) {
                if (r.contains(m_pressPos)) {
                    drag->setPixmap(viewport()->grab(r));
                    drag->setHotSpot(m_pressPos - r.topLeft());
                    break;
                }
            }
        }
        drag->exec(Qt::MoveAction);
        return;
    }
    QTableView::mouseMoveEvent(event);
}

void CalendarView::mouseReleaseEvent(QMouseEvent *event)
{
    QTableView::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton || !m_pressed) {
        return;
    }
    m_pressed = false;
    const QModelIndex index = indexAt(event->position().toPoint());
    if (!index.isValid() || !index.flags().testFlag(Qt::ItemIsEnabled)) {
        return;
    }
    const QRect more = m_delegate ? m_delegate->moreRect(
                           visualRect(index), QFontMetrics(font()), index.data(CountRole).toInt())
                                  : QRect();
    if (m_pressPost != 0) {
        Q_EMIT cardClicked(m_pressPost, index);
    } else if (more.contains(event->position().toPoint())) {
        Q_EMIT moreClicked(index);
    } else {
        Q_EMIT slotClicked(index);
    }
}

void CalendarView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const qint64 post = postAt(event->position().toPoint());
    if (post != 0) {
        m_pressed = false;
        Q_EMIT cardActivated(post);
        return;
    }
    QTableView::mouseDoubleClickEvent(event);
}

void CalendarView::keyPressEvent(QKeyEvent *event)
{
    const qint64 selected = m_delegate ? m_delegate->selectedPost() : 0;
    const QModelIndex current = currentIndex();
    const bool selectedHere = selected != 0 && current.isValid()
        && current.data(PostIdsRole).value<QList<qint64>>().contains(selected);
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (selectedHere) {
            Q_EMIT cardActivated(selected);
        } else if (current.isValid()) {
            Q_EMIT slotActivated(current);
        }
        event->accept();
        return;
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        if (selectedHere) {
            Q_EMIT deleteRequested(selected);
        }
        event->accept();
        return;
    default:
        break;
    }
    QTableView::keyPressEvent(event);
}

namespace {

/// A video dragged from the media library: its file (the asset id travels too).
QString libraryVideoOf(const QMimeData *mime)
{
    if (!mime->hasFormat(MediaLibraryModel::mimeType()) || mime->urls().isEmpty()) {
        return {};
    }
    return mime->urls().constFirst().toLocalFile();
}

} // namespace

void CalendarView::dragEnterEvent(QDragEnterEvent *event)
{
    if (!libraryVideoOf(event->mimeData()).isEmpty()) {
        event->setDropAction(Qt::CopyAction);
        event->accept();
        return;
    }
    if (event->mimeData()->hasFormat(postMimeType())) {
        event->setDropAction(Qt::MoveAction);
        event->accept();
        return;
    }
    event->ignore();
}

void CalendarView::dragMoveEvent(QDragMoveEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    const bool video = !libraryVideoOf(event->mimeData()).isEmpty();
    if ((video || event->mimeData()->hasFormat(postMimeType())) && index.isValid()
        && index.flags().testFlag(Qt::ItemIsDropEnabled)) {
        setCurrentIndex(index);
        event->setDropAction(video ? Qt::CopyAction : Qt::MoveAction);
        event->accept();
        return;
    }
    event->ignore();
}

void CalendarView::dropEvent(QDropEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    if (const QString video = libraryVideoOf(event->mimeData()); !video.isEmpty()) {
        if (!index.isValid() || !index.flags().testFlag(Qt::ItemIsDropEnabled)) {
            event->ignore();
            return;
        }
        event->setDropAction(Qt::CopyAction);
        event->accept();
        Q_EMIT videoDropped(video, index);
        return;
    }
    if (!event->mimeData()->hasFormat(postMimeType()) || !index.isValid()
        || !index.flags().testFlag(Qt::ItemIsDropEnabled)) {
        event->ignore();
        return;
    }
    const qint64 post = event->mimeData()->data(postMimeType()).toLongLong();
    event->setDropAction(Qt::MoveAction);
    event->accept();
    if (post > 0) {
        Q_EMIT postDropped(post, index);
    }
}

bool CalendarView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && m_delegate && model()) {
        // The tooltip of the card under the pointer (the cell's tooltip lists them all).
        const auto *help = static_cast<QHelpEvent *>(event);
        const qint64 post = postAt(help->pos());
        if (post != 0) {
            const auto cards = indexAt(help->pos()).data(CardsRole).value<QList<CalendarCard>>();
            for (const CalendarCard &card : cards) {
                if (card.postId == post) {
                    QToolTip::showText(help->globalPos(), card.toolTip(m_delegate->zone()), this,
                        visualRect(indexAt(help->pos())));
                    return true;
                }
            }
        }
    }
    return QTableView::viewportEvent(event);
}

void CalendarView::resizeEvent(QResizeEvent *event)
{
    QTableView::resizeEvent(event);
    if (m_fillRows && model() && model()->rowCount() > 0) {
        // The month fills the page: equal week rows.
        const int rows = model()->rowCount();
        const int h = qMax(40, viewport()->height() / rows);
        const int extra = qMax(0, viewport()->height() - h * rows);
        for (int row = 0; row < rows; ++row) {
            // The last rows take the pixels left over, so the grid ends at the frame.
            setRowHeight(row, h + (row >= rows - extra ? 1 : 0));
        }
    }
}

} // namespace Cuepoint::Gui
