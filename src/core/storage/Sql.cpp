// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/Sql.h"

#include "cuepoint/core/support/Logging.h"

namespace Cuepoint::Core::Storage {

QSqlDatabase connectionOf(const Database &db)
{
    return QSqlDatabase::database(db.connectionName(), false);
}

[[noreturn]] void throwSqlError(const QSqlError &error, const QString &statement)
{
    const QString native = error.nativeErrorCode();
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    qCWarning(lcStorage).noquote()
        << "SQL error" << native << text << "in" << statement.simplified();
    // SQLite primary result codes (the extended code's low byte).
    const int code = native.toInt() & 0xff;
    switch (code) {
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
        throw StorageError(StorageError::Kind::Busy,
            QStringLiteral("The database is in use by another Cuepoint process "
                           "and stayed locked; try again in a moment."));
    case 11: // SQLITE_CORRUPT
        throw StorageError(
            StorageError::Kind::Corrupt, QStringLiteral("The database is damaged: %1").arg(text));
    case 26: // SQLITE_NOTADB
        throw StorageError(StorageError::Kind::NotADatabase,
            QStringLiteral("The file is not an SQLite database: %1").arg(text));
    case 19: // SQLITE_CONSTRAINT
        throw StorageError(StorageError::Kind::Constraint, text);
    default:
        throw StorageError(StorageError::Kind::Sql, QStringLiteral("Database error: %1").arg(text));
    }
}

Sql::Sql(const Database &db, const QString &statement)
    : Sql(connectionOf(db), statement)
{
}

Sql::Sql(const QSqlDatabase &connection, const QString &statement)
    : m_statement(statement)
    , m_query(connection)
{
    if (!m_query.prepare(statement)) {
        throwSqlError(m_query.lastError(), statement);
    }
}

Sql &Sql::bind(const QString &placeholder, const QVariant &value)
{
    // Qt SQL binds a null QString as NULL; our text columns mean "" by an empty string, and
    // NULL only when asked for with textOrNull().
    if (!value.isNull() && value.typeId() == QMetaType::QString && value.toString().isNull()) {
        m_query.bindValue(placeholder, QString(QLatin1String("")));
        return *this;
    }
    m_query.bindValue(placeholder, value);
    return *this;
}

Sql &Sql::exec()
{
    if (!m_query.exec()) {
        throwSqlError(m_query.lastError(), m_statement);
    }
    return *this;
}

void execute(const QSqlDatabase &connection, const QString &statement)
{
    QSqlQuery query(connection);
    if (!query.exec(statement)) {
        throwSqlError(query.lastError(), statement);
    }
}

} // namespace Cuepoint::Core::Storage
