// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/storage/Database.h"

#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

namespace Cuepoint::Core::Storage {

/// A prepared statement that throws StorageError instead of returning false.
///
/// Made from a Database, the statement is prepared once per connection and kept: the next Sql
/// with the same text takes it back instead of parsing it again (a statement in use is not
/// shared; a second one with the same text meanwhile is prepared anew). Its bound values are
/// not cleared in between, so bind every placeholder each time.
class Sql
{
public:
    Sql(const Database &db, const QString &statement);
    /// Prepared for this one use.
    Sql(const QSqlDatabase &connection, const QString &statement);
    ~Sql();
    Sql(const Sql &) = delete;
    Sql &operator=(const Sql &) = delete;

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
    static QSqlQuery takeOrPrepare(const Database &db, const QString &statement);

    QString m_statement;
    QSqlQuery m_query;
    const Database *m_keeper = nullptr; ///< where the statement goes back to, if anywhere
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

namespace Cuepoint::Core {

/// The statements a Database keeps prepared, by their text.
struct Database::Statements
{
    /// More distinct statements than this are prepared each time (texts built at run time).
    static constexpr qsizetype kMax = 256;
    QHash<QString, QSqlQuery> idle;
};

} // namespace Cuepoint::Core

namespace Cuepoint::Core::Storage {

} // namespace Cuepoint::Core::Storage
