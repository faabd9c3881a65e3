// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/CalendarCard.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QTimeZone>

namespace Cuepoint::Gui {

/// The agenda: the posts of 14 display-zone days from the anchor day, one row each, by time.
/// One column, so the calendar's view and delegate show it too. Rows carry the same roles as a
/// calendar cell holding one post.
class CalendarAgendaModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CalendarAgendaModel)

public:
    static constexpr int kDays = 14;

    explicit CalendarAgendaModel(QObject *parent = nullptr);

    void setZone(const QTimeZone &zone);
    QTimeZone zone() const { return m_zone; }
    void setAnchor(const QDate &date);
    QDate anchor() const { return m_anchor; }
    /// [first, second) UTC: what to load.
    QPair<QDateTime, QDateTime> range() const { return { m_from, m_to }; }
    /// The cards of @p from .. @p to (ignored unless it is range()); false when ignored.
    bool setCards(const QDateTime &from, const QDateTime &to, const QList<CalendarCard> &cards);
    std::optional<CalendarCard> card(qint64 postId) const;
    QString title() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    void relayout();

    QTimeZone m_zone = QTimeZone::systemTimeZone();
    QDate m_anchor = QDate::currentDate();
    QDateTime m_from;
    QDateTime m_to;
    QList<CalendarCard> m_cards;
};

} // namespace Cuepoint::Gui
