// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/CalendarAgendaModel.h"

#include "models/ItemRoles.h"

#include <QLocale>

namespace Cuepoint::Gui {

CalendarAgendaModel::CalendarAgendaModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    relayout();
}

void CalendarAgendaModel::setZone(const QTimeZone &zone)
{
    if (!zone.isValid() || zone == m_zone) {
        return;
    }
    m_zone = zone;
    relayout();
}

void CalendarAgendaModel::setAnchor(const QDate &date)
{
    if (!date.isValid() || date == m_anchor) {
        return;
    }
    m_anchor = date;
    relayout();
}

void CalendarAgendaModel::relayout()
{
    beginResetModel();
    m_cards.clear();
    m_from = m_anchor.startOfDay(m_zone).toUTC();
    m_to = m_anchor.addDays(kDays).startOfDay(m_zone).toUTC();
    endResetModel();
}

bool CalendarAgendaModel::setCards(
    const QDateTime &from, const QDateTime &to, const QList<CalendarCard> &cards)
{
    if (from != m_from || to != m_to) {
        return false;
    }
    beginResetModel();
    m_cards = cards;
    endResetModel();
    return true;
}

std::optional<CalendarCard> CalendarAgendaModel::card(qint64 postId) const
{
    for (const CalendarCard &c : m_cards) {
        if (c.postId == postId) {
            return c;
        }
    }
    return std::nullopt;
}

QString CalendarAgendaModel::title() const
{
    const QLocale locale;
    return QStringLiteral("%1 \u2013 %2")
        .arg(locale.toString(m_anchor, QStringLiteral("d MMM")),
            locale.toString(m_anchor.addDays(kDays - 1), QStringLiteral("d MMM yyyy")));
}

int CalendarAgendaModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_cards.size());
}

int CalendarAgendaModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1;
}

QVariant CalendarAgendaModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const CalendarCard &c = m_cards.at(index.row());
    const QDateTime local = c.at.toTimeZone(m_zone);
    switch (role) {
    case Qt::DisplayRole:
        // The day, on the first post of each day only (the delegate writes it in the margin).
        if (index.row() > 0
            && m_cards.at(index.row() - 1).at.toTimeZone(m_zone).date() == local.date()) {
            return QString();
        }
        return QLocale().toString(local.date(), QStringLiteral("ddd d MMM"));
    case Qt::ToolTipRole:
        return c.toolTip(m_zone);
    case Qt::AccessibleTextRole:
        return QStringLiteral("%1 %2").arg(
            QLocale().toString(local, QLocale::ShortFormat), c.caption);
    case RawValueRole:
    case SlotStartRole:
        return c.at;
    case DateRole:
        return local.date();
    case PostIdsRole:
        return QVariant::fromValue(QList<qint64> { c.postId });
    case CountRole:
        return 1;
    case CardsRole:
        return QVariant::fromValue(QList<CalendarCard> { c });
    case SlotExistsRole:
    case InCurrentMonthRole:
        return true;
    case SlotMinutesRole:
        return 0;
    case IsTodayRole:
        return false;
    case HourRole:
        return local.time().hour();
    default:
        return {};
    }
}

QVariant CalendarAgendaModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role == Qt::DisplayRole && orientation == Qt::Horizontal && section == 0) {
        return tr("Upcoming posts");
    }
    return {};
}

Qt::ItemFlags CalendarAgendaModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return Qt::NoItemFlags;
    }
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

} // namespace Cuepoint::Gui
