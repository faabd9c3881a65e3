// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/CalendarCard.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QDateTime>
#include <QTimeZone>

#include <functional>
#include <optional>
#include <vector>

namespace Cuepoint::Gui {

/// What the month and the week model share: a fixed grid of slots (days or hours) in the
/// display time zone, and the cards of the posts whose instant falls in each slot.
///
/// The grid never changes size, so moving to another month or week, switching the zone or
/// receiving new posts only emits dataChanged()/headerDataChanged(), never a reset. Cards
/// arrive from the CalendarLoader as plain values for the range range() asks for; cards of
/// another range (a late answer) are ignored.
class CalendarModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CalendarModel)

public:
    using NowFunction = std::function<QDateTime()>;

    /// The display zone; the grid's days and hours are wall-clock days and hours there.
    void setZone(const QTimeZone &zone);
    QTimeZone zone() const { return m_zone; }
    /// Shows the month (or week) that contains @p date.
    void setAnchor(const QDate &date);
    QDate anchor() const { return m_anchor; }
    /// The first day the grid shows (the first day of the week on or before the range).
    QDate firstDay() const { return m_firstDay; }
    /// Where "today" comes from (tests pass a fixed time).
    void setNowFunction(NowFunction now);

    /// The instants the grid covers, [first, second), UTC: what to load.
    QPair<QDateTime, QDateTime> range() const;
    /// The cards of the posts in @p from .. @p to (which must be range(), else ignored).
    /// Returns false when they were ignored.
    bool setCards(const QDateTime &from, const QDateTime &to, const QList<CalendarCard> &cards);
    /// Drops every card (the range was changed; they come again from the loader).
    void clearCards();

    /// The card of @p postId if it is shown.
    std::optional<CalendarCard> card(qint64 postId) const;
    /// The cell that holds @p postId (invalid when it is not shown).
    QModelIndex indexOfPost(qint64 postId) const;
    /// The cell whose slot contains the instant @p at (invalid when outside the grid).
    virtual QModelIndex indexAt(const QDateTime &at) const = 0;
    /// A title for the range shown ("March 2026", "30 Mar – 5 Apr 2026").
    virtual QString title() const = 0;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

protected:
    explicit CalendarModel(int rows, int columns, QObject *parent);

    struct Cell
    {
        QDate date;
        int hour = -1; ///< -1: a whole day
        QDateTime start; ///< UTC; invalid for a skipped hour
        int minutes = 0;
        bool inCurrentMonth = true;
        QList<CalendarCard> cards;
    };
    /// Fills m_cells' dates, hours, starts and lengths for the current anchor and zone.
    virtual void layoutCells() = 0;
    /// The cell index (row * columns + column) of a wall-clock time, or -1.
    virtual int cellOf(const QDateTime &local) const = 0;
    bool isToday(const Cell &cell) const;
    QDateTime now() const;

    int m_rows;
    int m_columns;
    std::vector<Cell> m_cells;
    QTimeZone m_zone;
    QDate m_anchor;
    QDate m_firstDay;
    QDateTime m_from;
    QDateTime m_to;

private:
    void relayout();

    NowFunction m_now;
};

/// The month: 6 weeks x 7 days around the anchor's month, starting on the locale's first day of
/// the week. Each cell is one display-zone day (23 or 25 hours at a daylight-saving change).
class CalendarMonthModel final : public CalendarModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CalendarMonthModel)

public:
    explicit CalendarMonthModel(QObject *parent = nullptr);

    QModelIndex indexAt(const QDateTime &at) const override;
    QString title() const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    void layoutCells() override;
    int cellOf(const QDateTime &local) const override;
};

/// The week: 24 wall-clock hours (rows) x 7 days (columns). At a daylight-saving change the
/// skipped hour's cell is disabled (no post can be there) and the repeated hour's cell holds the
/// posts of both occurrences (it lasts 120 minutes).
class CalendarWeekModel final : public CalendarModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CalendarWeekModel)

public:
    explicit CalendarWeekModel(QObject *parent = nullptr);

    QModelIndex indexAt(const QDateTime &at) const override;
    QString title() const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    void layoutCells() override;
    int cellOf(const QDateTime &local) const override;
};

} // namespace Cuepoint::Gui
