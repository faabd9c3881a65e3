// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/ReviewLink.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QTimeZone>

namespace Cuepoint::Gui {

/// The review links of the profile, one per row: label, profiles, the days shared, created,
/// expires, last use and state. DisplayRole formats in the display zone; RawValueRole gives the
/// UTC instants and the state.
class ReviewLinksModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewLinksModel)

public:
    enum Column {
        LabelColumn,
        ProfilesColumn,
        RangeColumn,
        CreatedColumn,
        ExpiresColumn,
        LastUsedColumn,
        StateColumn,
        ColumnCount
    };
    enum class State { Active, Expired, Revoked };

    explicit ReviewLinksModel(QObject *parent = nullptr);

    void setZone(const QTimeZone &zone);
    /// Replaces the rows; @p now decides which links have expired.
    void setLinks(const QList<Core::ReviewLink> &links, const QHash<qint64, QString> &accountNames,
        const QDateTime &now);
    const Core::ReviewLink &link(int row) const { return m_links.at(row); }
    State state(int row) const;
    static QString stateText(State state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString when(const QDateTime &utc) const;

    QList<Core::ReviewLink> m_links;
    QHash<qint64, QString> m_names;
    QDateTime m_now;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
};

} // namespace Cuepoint::Gui
