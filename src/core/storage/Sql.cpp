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

namespace {

QSqlQuery prepareOnce(const QSqlDatabase &connection, const QString &statement)
{
    QSqlQuery query(connection);
    // Sql only steps forward: Qt need not keep a copy of every row read.
    query.setForwardOnly(true);
    if (!query.prepare(statement)) {
        throwSqlError(query.lastError(), statement);
    }
    return query;
}

} // namespace

QSqlQuery Sql::takeOrPrepare(const Database &db, const QString &statement)
{
    auto &idle = db.m_statements->idle;
    if (const auto it = idle.find(statement); it != idle.end()) {
        QSqlQuery query = std::move(it.value());
        idle.erase(it);
        return query;
    }
    return prepareOnce(connectionOf(db), statement);
}

Sql::Sql(const Database &db, const QString &statement)
    : m_statement(statement)
    , m_query(takeOrPrepare(db, statement))
    , m_keeper(&db)
{
}

Sql::Sql(const QSqlDatabase &connection, const QString &statement)
    : m_statement(statement)
    , m_query(prepareOnce(connection, statement))
{
}

Sql::~Sql()
{
    if (!m_keeper) {
        return;
    }
    auto &idle = m_keeper->m_statements->idle;
    if (idle.size() >= Database::Statements::kMax || idle.contains(m_statement)) {
        return;
    }
    // Ends the statement (sqlite3_reset), so that a kept SELECT holds no read snapshot.
    m_query.finish();
    idle.insert(m_statement, std::move(m_query));
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
