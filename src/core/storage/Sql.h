// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/storage/Database.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

namespace Cuepoint::Core::Storage {

/// A prepared statement that throws StorageError instead of returning false.
class Sql
{
public:
    Sql(const Database &db, const QString &statement);
    Sql(const QSqlDatabase &connection, const QString &statement);

    Sql &bind(const QString &placeholder, const QVariant &value);
    /// Runs the statement; throws StorageError on failure.
    Sql &exec();
    bool next() { return m_query.next(); }
    QVariant value(int column) const { return m_query.value(column); }
    QVariant value(const QString &column) const { return m_query.value(column); }
    qint64 lastInsertId() const { return m_query.lastInsertId().toLongLong(); }
    int rowsAffected() const { return m_query.numRowsAffected(); }
    /// Ends a statement whose rows are not all read (needed before COMMIT after RETURNING).
    void finish() { m_query.finish(); }

private:
    QString m_statement;
    QSqlQuery m_query;
};

/// Runs one statement with no parameters.
void execute(const QSqlDatabase &connection, const QString &statement);

/// Turns a Qt SQL error into a StorageError with a sentence for the user.
[[noreturn]] void throwSqlError(const QSqlError &error, const QString &statement);

/// Times are stored as milliseconds since the epoch (UTC); a null QDateTime as NULL.
inline QVariant msOrNull(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}
inline QDateTime utcFromMs(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}
inline QVariant textOrNull(const QString &s)
{
    return s.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

QSqlDatabase connectionOf(const Database &db);

} // namespace Cuepoint::Core::Storage
