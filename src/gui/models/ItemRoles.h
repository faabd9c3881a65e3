// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Qt>

namespace Cuepoint::Gui {

/// The item data roles of the window's models, in one place. Unscoped (int-compatible), as
/// Qt's role numbers are.
enum ItemRole : int {
    RawValueRole = Qt::UserRole + 1, ///< the underlying value (UTC instants, enums), for sorting
    // --- calendar cells (CalendarMonthModel, CalendarWeekModel)
    PostIdsRole, ///< QList<qint64>: the posts on this slot, by time
    CountRole, ///< int: how many posts are on this slot
    CardsRole, ///< QList<CalendarCard>: what the delegate paints
    DateRole, ///< QDate: the display-zone day of the cell
    SlotStartRole, ///< QDateTime (UTC): the instant the slot starts; invalid for a skipped hour
    SlotExistsRole, ///< bool: false for the hour skipped when the clocks go forward
    InCurrentMonthRole, ///< bool: the day belongs to the month shown (month view)
    IsTodayRole, ///< bool: the cell is today (or this hour) in the display zone
    HourRole, ///< int: the wall-clock hour of a week-view cell
    SlotMinutesRole, ///< int: minutes the slot lasts (a day of 1380 or 1500 at a DST change; an
                     ///< hour of 0 when skipped, 120 when the clocks go back)
};

} // namespace Cuepoint::Gui
