// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ReviewLinksModel.h"

#include "models/ItemRoles.h"

#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace Cuepoint::Gui {

ReviewLinksModel::ReviewLinksModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ReviewLinksModel::setZone(const QTimeZone &zone)
{
    m_zone = zone.isValid() ? zone : QTimeZone::systemTimeZone();
    if (!m_links.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

void ReviewLinksModel::setLinks(const QList<Core::ReviewLink> &links,
    const QHash<qint64, QString> &accountNames, const QDateTime &now)
{
    beginResetModel();
    m_links = links;
    m_names = accountNames;
    m_now = now;
    endResetModel();
}

ReviewLinksModel::State ReviewLinksModel::state(int row) const
{
    const Core::ReviewLink &l = m_links.at(row);
    if (!l.revokedAt.isNull()) {
        return State::Revoked;
    }
    return l.isUsableAt(m_now) ? State::Active : State::Expired;
}

QString ReviewLinksModel::stateText(State state)
{
    switch (state) {
    case State::Active:
        return tr("Active");
    case State::Expired:
        return tr("Expired");
    case State::Revoked:
        return tr("Revoked");
    }
    return {};
}

int ReviewLinksModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_links.size());
}

int ReviewLinksModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ReviewLinksModel::when(const QDateTime &utc) const
{
    // To the minute: seconds say nothing here.
    const QDateTime local = utc.toTimeZone(m_zone);
    const QLocale locale;
    return QStringLiteral("%1 %2").arg(locale.toString(local.date(), QLocale::ShortFormat),
        local.time().toString(QStringLiteral("HH:mm")));
}

QVariant ReviewLinksModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Core::ReviewLink &l = m_links.at(index.row());
    const QLocale locale;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case LabelColumn:
            return l.label.isEmpty() ? tr("(no label)") : l.label;
        case ProfilesColumn: {
            QStringList names;
            for (qint64 id : l.accountIds) {
                names << m_names.value(id, QStringLiteral("#%1").arg(id));
            }
            return names.join(QStringLiteral(", "));
        }
        case RangeColumn: {
            // The range's end is exclusive: the last day shown is the day before it.
            const QString from = l.rangeFrom.isNull()
                ? tr("now")
                : locale.toString(l.rangeFrom.toTimeZone(m_zone).date(), QLocale::ShortFormat);
            const QString to = l.rangeTo.isNull()
                ? tr("open")
                : locale.toString(
                    l.rangeTo.addMSecs(-1).toTimeZone(m_zone).date(), QLocale::ShortFormat);
            return QStringLiteral("%1 \u2013 %2").arg(from, to);
        }
        case CreatedColumn:
            return when(l.createdAt);
        case ExpiresColumn:
            return l.expiresAt.isNull() ? tr("never") : when(l.expiresAt);
        case LastUsedColumn:
            return l.lastUsedAt.isNull() ? tr("never") : when(l.lastUsedAt);
        case StateColumn:
            return stateText(state(index.row()));
        default:
            break;
        }
    } else if (role == RawValueRole) {
        switch (index.column()) {
        case LabelColumn:
            return l.label;
        case RangeColumn:
            return l.rangeFrom;
        case CreatedColumn:
            return l.createdAt;
        case ExpiresColumn:
            return l.expiresAt;
        case LastUsedColumn:
            return l.lastUsedAt;
        case StateColumn:
            return static_cast<int>(state(index.row()));
        default:
            return l.id;
        }
    } else if (role == Qt::ForegroundRole && state(index.row()) != State::Active) {
        // Links that no longer work read quieter.
        return QGuiApplication::palette().color(QPalette::PlaceholderText);
    } else if (role == Qt::ToolTipRole && index.column() == ProfilesColumn) {
        return data(index, Qt::DisplayRole); // elided in a narrow column
    } else if (role == Qt::ToolTipRole && index.column() == StateColumn) {
        switch (state(index.row())) {
        case State::Active:
            return tr("Reviewers can open this link.");
        case State::Expired:
            return tr("The link expired on %1.").arg(when(l.expiresAt));
        case State::Revoked:
            return tr("Revoked on %1.").arg(when(l.revokedAt));
        }
    }
    return {};
}

QVariant ReviewLinksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case LabelColumn:
        return tr("Label");
    case ProfilesColumn:
        return tr("Profiles");
    case RangeColumn:
        return tr("Posts");
    case CreatedColumn:
        return tr("Created");
    case ExpiresColumn:
        return tr("Expires");
    case LastUsedColumn:
        return tr("Last used");
    case StateColumn:
        return tr("State");
    default:
        break;
    }
    return {};
}

} // namespace Cuepoint::Gui
