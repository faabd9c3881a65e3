// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/CalendarModel.h"

#include "models/ItemRoles.h"

#include "cuepoint/core/domain/ZonedTime.h"

#include <QLocale>

namespace Cuepoint::Gui {

namespace {

constexpr int kMonthRows = 6;
constexpr int kDaysPerWeek = 7;
constexpr int kHours = 24;

QDate firstDayOfWeekOf(const QDate &date)
{
    const int first = static_cast<int>(QLocale().firstDayOfWeek());
    const int back = (date.dayOfWeek() - first + kDaysPerWeek) % kDaysPerWeek;
    return date.addDays(-back);
}

QList<qint64> idsOf(const QList<CalendarCard> &cards)
{
    QList<qint64> ids;
    ids.reserve(cards.size());
    for (const CalendarCard &c : cards) {
        ids << c.postId;
    }
    return ids;
}

} // namespace

// --- CalendarModel

CalendarModel::CalendarModel(int rows, int columns, QObject *parent)
    : QAbstractTableModel(parent)
    , m_rows(rows)
    , m_columns(columns)
    , m_cells(static_cast<size_t>(rows * columns))
    , m_zone(QTimeZone::systemTimeZone())
    , m_anchor(QDate::currentDate())
{
}

void CalendarModel::setZone(const QTimeZone &zone)
{
    if (!zone.isValid() || zone == m_zone) {
        return;
    }
    m_zone = zone;
    relayout();
}

void CalendarModel::setAnchor(const QDate &date)
{
    if (!date.isValid() || date == m_anchor) {
        return;
    }
    m_anchor = date;
    relayout();
}

void CalendarModel::setNowFunction(NowFunction now)
{
    m_now = std::move(now);
    if (!m_cells.empty()) {
        Q_EMIT dataChanged(index(0, 0), index(m_rows - 1, m_columns - 1), { IsTodayRole });
    }
}

QDateTime CalendarModel::now() const
{
    return m_now ? m_now() : QDateTime::currentDateTimeUtc();
}

void CalendarModel::relayout()
{
    // The cards belong to the old range: they are dropped, and the loader sends the new ones.
    for (Cell &c : m_cells) {
        c.cards.clear();
    }
    layoutCells();
    Q_EMIT dataChanged(index(0, 0), index(m_rows - 1, m_columns - 1));
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, m_columns - 1);
    Q_EMIT headerDataChanged(Qt::Vertical, 0, m_rows - 1);
}

QPair<QDateTime, QDateTime> CalendarModel::range() const
{
    return { m_from, m_to };
}

bool CalendarModel::setCards(
    const QDateTime &from, const QDateTime &to, const QList<CalendarCard> &cards)
{
    if (from != m_from || to != m_to) {
        return false;
    }
    std::vector<QList<CalendarCard>> buckets(m_cells.size());
    for (const CalendarCard &card : cards) {
        const int cell = cellOf(card.at.toTimeZone(m_zone));
        if (cell >= 0) {
            buckets[static_cast<size_t>(cell)].append(card);
        }
    }
    for (size_t i = 0; i < m_cells.size(); ++i) {
        m_cells[i].cards = std::move(buckets[i]);
    }
    Q_EMIT dataChanged(index(0, 0), index(m_rows - 1, m_columns - 1),
        { PostIdsRole, CountRole, CardsRole, Qt::ToolTipRole, Qt::AccessibleTextRole });
    return true;
}

void CalendarModel::clearCards()
{
    for (Cell &c : m_cells) {
        c.cards.clear();
    }
    Q_EMIT dataChanged(index(0, 0), index(m_rows - 1, m_columns - 1),
        { PostIdsRole, CountRole, CardsRole, Qt::ToolTipRole, Qt::AccessibleTextRole });
}

std::optional<CalendarCard> CalendarModel::card(qint64 postId) const
{
    for (const Cell &c : m_cells) {
        for (const CalendarCard &card : c.cards) {
            if (card.postId == postId) {
                return card;
            }
        }
    }
    return std::nullopt;
}

QModelIndex CalendarModel::indexOfPost(qint64 postId) const
{
    for (size_t i = 0; i < m_cells.size(); ++i) {
        for (const CalendarCard &card : m_cells[i].cards) {
            if (card.postId == postId) {
                return index(static_cast<int>(i) / m_columns, static_cast<int>(i) % m_columns);
            }
        }
    }
    return {};
}

int CalendarModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int CalendarModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

bool CalendarModel::isToday(const Cell &cell) const
{
    const QDateTime local = now().toTimeZone(m_zone);
    if (cell.date != local.date()) {
        return false;
    }
    return cell.hour < 0 || cell.hour == local.time().hour();
}

QVariant CalendarModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Cell &cell = m_cells[static_cast<size_t>(index.row() * m_columns + index.column())];
    switch (role) {
    case Qt::DisplayRole:
        return cell.hour < 0 ? QVariant(cell.date.day()) : QVariant();
    case Qt::AccessibleTextRole: {
        const QString when = cell.hour < 0
            ? QLocale().toString(cell.date, QLocale::LongFormat)
            : QStringLiteral("%1 %2").arg(QLocale().toString(cell.date, QLocale::LongFormat),
                QTime(cell.hour, 0).toString(QStringLiteral("HH:mm")));
        return tr("%1, %n post(s)", nullptr, static_cast<int>(cell.cards.size())).arg(when);
    }
    case Qt::ToolTipRole: {
        if (cell.cards.isEmpty()) {
            return {};
        }
        QStringList tips;
        for (const CalendarCard &c : cell.cards) {
            tips << c.toolTip(m_zone);
        }
        return tips.join(QStringLiteral("<hr>"));
    }
    case RawValueRole:
    case SlotStartRole:
        return cell.start;
    case DateRole:
        return cell.date;
    case PostIdsRole:
        return QVariant::fromValue(idsOf(cell.cards));
    case CountRole:
        return static_cast<int>(cell.cards.size());
    case CardsRole:
        return QVariant::fromValue(cell.cards);
    case SlotExistsRole:
        return cell.minutes > 0;
    case SlotMinutesRole:
        return cell.minutes;
    case InCurrentMonthRole:
        return cell.inCurrentMonth;
    case IsTodayRole:
        return isToday(cell);
    case HourRole:
        return cell.hour;
    default:
        return {};
    }
}

Qt::ItemFlags CalendarModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return Qt::NoItemFlags;
    }
    const Cell &cell = m_cells[static_cast<size_t>(index.row() * m_columns + index.column())];
    if (cell.minutes <= 0) {
        return Qt::NoItemFlags; // the hour the clocks skip
    }
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled;
}

// --- CalendarMonthModel

CalendarMonthModel::CalendarMonthModel(QObject *parent)
    : CalendarModel(kMonthRows, kDaysPerWeek, parent)
{
    layoutCells();
}

void CalendarMonthModel::layoutCells()
{
    const QDate first(m_anchor.year(), m_anchor.month(), 1);
    m_firstDay = firstDayOfWeekOf(first);
    QDateTime start = m_firstDay.startOfDay(m_zone).toUTC();
    for (int i = 0; i < kMonthRows * kDaysPerWeek; ++i) {
        Cell &c = m_cells[static_cast<size_t>(i)];
        c.date = m_firstDay.addDays(i);
        c.hour = -1;
        c.start = start;
        const QDateTime next = c.date.addDays(1).startOfDay(m_zone).toUTC();
        c.minutes = static_cast<int>(start.secsTo(next) / 60);
        c.inCurrentMonth = c.date.month() == m_anchor.month();
        start = next;
    }
    m_from = m_cells.front().start;
    m_to = start;
}

int CalendarMonthModel::cellOf(const QDateTime &local) const
{
    const qint64 day = m_firstDay.daysTo(local.date());
    return day >= 0 && day < kMonthRows * kDaysPerWeek ? static_cast<int>(day) : -1;
}

QModelIndex CalendarMonthModel::indexAt(const QDateTime &at) const
{
    const int cell = cellOf(at.toTimeZone(m_zone));
    return cell < 0 ? QModelIndex() : index(cell / kDaysPerWeek, cell % kDaysPerWeek);
}

QString CalendarMonthModel::title() const
{
    return QLocale().toString(
        QDate(m_anchor.year(), m_anchor.month(), 1), QStringLiteral("MMMM yyyy"));
}

QVariant CalendarMonthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || section < 0) {
        return {};
    }
    if (orientation == Qt::Horizontal && section < kDaysPerWeek) {
        return QLocale().dayName(m_firstDay.addDays(section).dayOfWeek(), QLocale::ShortFormat);
    }
    if (orientation == Qt::Vertical && section < kMonthRows) {
        return m_firstDay.addDays(section * kDaysPerWeek).weekNumber();
    }
    return {};
}

// --- CalendarWeekModel

CalendarWeekModel::CalendarWeekModel(QObject *parent)
    : CalendarModel(kHours, kDaysPerWeek, parent)
{
    layoutCells();
}

void CalendarWeekModel::layoutCells()
{
    m_firstDay = firstDayOfWeekOf(m_anchor);
    for (int day = 0; day < kDaysPerWeek; ++day) {
        const QDate date = m_firstDay.addDays(day);
        for (int hour = 0; hour < kHours; ++hour) {
            Cell &c = m_cells[static_cast<size_t>(hour * kDaysPerWeek + day)];
            c.date = date;
            c.hour = hour;
            c.inCurrentMonth = true;
            const Core::LocalTimeResolution r =
                Core::resolveLocalTime(date, QTime(hour, 0), m_zone);
            using Kind = Core::LocalTimeResolution::Kind;
            // The wall-clock hour h:00-h:59 lasts from its first reading to the next hour's.
            const Core::LocalTimeResolution last =
                Core::resolveLocalTime(date, QTime(hour, 59, 59), m_zone);
            if (r.kind == Kind::NonExistent && last.kind == Kind::NonExistent) {
                c.start = QDateTime();
                c.minutes = 0;
            } else {
                c.start = r.earlier;
                const QDateTime end = last.later.addSecs(1);
                c.minutes = static_cast<int>((c.start.secsTo(end) + 30) / 60);
            }
        }
    }
    m_from = m_firstDay.startOfDay(m_zone).toUTC();
    m_to = m_firstDay.addDays(kDaysPerWeek).startOfDay(m_zone).toUTC();
}

int CalendarWeekModel::cellOf(const QDateTime &local) const
{
    const qint64 day = m_firstDay.daysTo(local.date());
    if (day < 0 || day >= kDaysPerWeek) {
        return -1;
    }
    return local.time().hour() * kDaysPerWeek + static_cast<int>(day);
}

QModelIndex CalendarWeekModel::indexAt(const QDateTime &at) const
{
    const int cell = cellOf(at.toTimeZone(m_zone));
    return cell < 0 ? QModelIndex() : index(cell / kDaysPerWeek, cell % kDaysPerWeek);
}

QString CalendarWeekModel::title() const
{
    const QDate last = m_firstDay.addDays(kDaysPerWeek - 1);
    const QLocale locale;
    if (m_firstDay.year() != last.year()) {
        return QStringLiteral("%1 \u2013 %2")
            .arg(locale.toString(m_firstDay, QStringLiteral("d MMM yyyy")),
                locale.toString(last, QStringLiteral("d MMM yyyy")));
    }
    return QStringLiteral("%1 \u2013 %2")
        .arg(locale.toString(m_firstDay, QStringLiteral("d MMM")),
            locale.toString(last, QStringLiteral("d MMM yyyy")));
}

QVariant CalendarWeekModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || section < 0) {
        return {};
    }
    if (orientation == Qt::Horizontal && section < kDaysPerWeek) {
        const QDate d = m_firstDay.addDays(section);
        return QStringLiteral("%1 %2").arg(
            QLocale().dayName(d.dayOfWeek(), QLocale::ShortFormat), QString::number(d.day()));
    }
    if (orientation == Qt::Vertical && section < kHours) {
        return QTime(section, 0).toString(QStringLiteral("HH:mm"));
    }
    return {};
}

} // namespace Cuepoint::Gui
