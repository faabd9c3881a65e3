// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/storage/Database.h"

#include "storage/Migrations.h"
#include "storage/Sql.h"

#include "cuepoint/core/support/Logging.h"

#include <QAtomicInteger>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlDriver>

#include <mutex>

namespace Cuepoint::Core {

using Storage::execute;
using Storage::Sql;

namespace {

QAtomicInteger<quint64> g_connectionCounter;

QString newConnectionName()
{
    return QStringLiteral("cuepoint-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1));
}

/// The database files this process has open through SQLite: how many connections each, and
/// which file each connection holds. POSIX drops *all* of a process's locks on a file when any
/// descriptor of it is closed; so the header check below (which opens and closes the file with
/// QFile) must never run while a connection of this process holds SQLite's locks on that file.
/// Otherwise another process closing its connection believes it is the last one, checkpoints
/// and deletes the WAL, and this process's later commits go to the deleted file.
struct OpenFiles
{
    std::mutex mutex;
    QHash<QString, int> connections; ///< file key -> open connections
    QHash<QString, QString> fileOf; ///< connection name -> file key
};

OpenFiles &openFiles()
{
    static OpenFiles files;
    return files;
}

/// The same key for every spelling of a path (the folder resolved; it exists before the file).
QString fileKey(const QString &path)
{
    const QFileInfo info(path);
    const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath();
    return (folder.isEmpty() ? info.absolutePath() : folder) + QLatin1Char('/') + info.fileName();
}

/// Checks, without SQLite, that an existing file can only be an SQLite database, so that a
/// wrong path never gets a WAL file or a schema written into someone's document.
void checkFileBeforeOpening(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        return;
    }
    if (info.isDir()) {
        throw StorageError(StorageError::Kind::NotAFile,
            QStringLiteral("The database path %1 is a folder, not a file.").arg(path));
    }
    if (!info.isFile()) {
        throw StorageError(StorageError::Kind::NotAFile,
            QStringLiteral("The database path %1 is not a regular file.").arg(path));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw StorageError(StorageError::Kind::Unreadable,
            QStringLiteral("Cannot read the database %1: %2").arg(path, file.errorString()));
    }
    if (info.size() == 0) {
        return; // SQLite treats an empty file as a new database; there is nothing to lose
    }
    static const QByteArray kMagic("SQLite format 3\0", 16);
    if (file.read(16) != kMagic) {
        throw StorageError(StorageError::Kind::NotADatabase,
            QStringLiteral("%1 is not a Cuepoint database (it is not an SQLite "
                           "file). Cuepoint left it untouched; move it away or "
                           "choose another profile.")
                .arg(path));
    }
}

/// Runs on a read-only connection to an existing file: it must be a healthy SQLite database
/// that is either Cuepoint's (of a schema we know) or empty.
void checkExistingDatabase(const QSqlDatabase &db, const QString &path)
{
    QSqlQuery check(db);
    QStringList problems;
    if (!check.exec(QStringLiteral("PRAGMA quick_check"))) {
        problems << check.lastError().databaseText();
    } else {
        while (check.next()) {
            const QString row = check.value(0).toString();
            if (row != QLatin1String("ok")) {
                problems << row;
            }
        }
    }
    if (!problems.isEmpty()) {
        const bool notADb = problems.first().contains(QLatin1String("not a database"));
        throw StorageError(notADb ? StorageError::Kind::NotADatabase : StorageError::Kind::Corrupt,
            QStringLiteral("The database %1 is damaged (%2). Cuepoint left it "
                           "untouched; restore a backup (%1.v*.bak) or move it "
                           "away to start afresh.")
                .arg(path, problems.first()));
    }
    Sql version(db, QStringLiteral("PRAGMA user_version"));
    version.exec();
    const int found = version.next() ? version.value(0).toInt() : 0;
    if (found > Database::latestSchemaVersion()) {
        throw StorageError(StorageError::Kind::TooNew,
            QStringLiteral("The database %1 was written by a newer Cuepoint "
                           "(schema %2; this version knows up to %3). Update "
                           "Cuepoint to open it.")
                .arg(path)
                .arg(found)
                .arg(Database::latestSchemaVersion()));
    }
    if (found == 0) {
        Sql tables(db, QStringLiteral("SELECT count(*) FROM sqlite_master"));
        tables.exec();
        if (tables.next() && tables.value(0).toInt() > 0) {
            throw StorageError(StorageError::Kind::NotADatabase,
                QStringLiteral("%1 is an SQLite database of another program, not "
                               "Cuepoint's. Cuepoint left it untouched; choose "
                               "another profile.")
                    .arg(path));
        }
    }
}

/// Splits a migration script into statements: a statement ends with ';' at the end of a
/// line, except inside a trigger's BEGIN ... END block.
QStringList splitStatements(const QString &script)
{
    QStringList statements;
    QString current;
    int depth = 0;
    for (const QString &line : script.split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        current += line + QLatin1Char('\n');
        if (trimmed == QLatin1String("BEGIN")) {
            ++depth;
        } else if (depth > 0 && trimmed.startsWith(QLatin1String("END"))) {
            --depth;
        }
        if (depth == 0 && trimmed.endsWith(QLatin1Char(';'))) {
            statements << current.trimmed();
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty()) {
        statements << current.trimmed();
    }
    return statements;
}

} // namespace

Database::Database(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
    , m_statements(std::make_unique<Statements>())
{
}

Database::~Database()
{
    // The kept statements belong to the connection: finalised before it closes.
    m_statements.reset();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen()) {
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    OpenFiles &files = openFiles();
    const std::lock_guard lock(files.mutex);
    const QString key = files.fileOf.take(m_connectionName);
    if (!key.isEmpty() && --files.connections[key] <= 0) {
        files.connections.remove(key);
    }
}

std::unique_ptr<Database> Database::open(const QString &path, const Options &options)
{
    const QString connectionName = newConnectionName();
    {
        // The header is read only while no connection of this process has the file open (see
        // OpenFiles); the check and the registration are one step, so no other thread opens it
        // in between.
        OpenFiles &files = openFiles();
        const std::lock_guard lock(files.mutex);
        const QString key = fileKey(path);
        if (files.connections.value(key) == 0) {
            checkFileBeforeOpening(path);
        }
        ++files.connections[key];
        files.fileOf.insert(connectionName, key);
    }
    // From here on the destructor gives the registration back, also when opening fails.
    std::unique_ptr<Database> database(new Database(path, connectionName));
    const bool existedBefore = QFileInfo(path).exists() && QFileInfo(path).size() > 0;
    if (options.readOnly && !existedBefore) {
        throw StorageError(StorageError::Kind::Unreadable,
            QStringLiteral("There is no database at %1 yet.").arg(path));
    }

    QStringList siblingsBefore;
    for (const QString &suffix : { QStringLiteral("-wal"), QStringLiteral("-shm") }) {
        if (QFileInfo::exists(path + suffix)) {
            siblingsBefore << suffix;
        }
    }
    QSqlDatabase db =
        QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), database->m_connectionName);
    if (!db.isValid()) {
        throw StorageError(StorageError::Kind::Sql,
            QStringLiteral("Qt's SQLite driver is missing (install libqt6sql6-sqlite)."));
    }
    db.setDatabaseName(path);
    // An existing file is first opened read-only and checked, so nothing is written to a
    // damaged database (not even the switch to WAL) before we know it is healthy.
    db.setConnectOptions(
        QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1%2")
            .arg(options.busyTimeoutMs)
            .arg(existedBefore ? QStringLiteral(";QSQLITE_OPEN_READONLY") : QString()));
    if (!db.open()) {
        throw StorageError(StorageError::Kind::Unreadable,
            QStringLiteral("Cannot open the database %1: %2").arg(path, db.lastError().text()));
    }
    if (existedBefore) {
        try {
            checkExistingDatabase(db, path);
        } catch (const StorageError &) {
            // Reading a WAL-mode file makes SQLite create its -wal and -shm companions; take
            // away the ones this refused open created (an empty -wal holds nothing).
            db.close();
            for (const QString &suffix : { QStringLiteral("-wal"), QStringLiteral("-shm") }) {
                if (!siblingsBefore.contains(suffix)
                    && QFileInfo(path + QStringLiteral("-wal")).size() == 0) {
                    QFile::remove(path + suffix);
                }
            }
            throw;
        }
        if (!options.readOnly) {
            db.close();
            db.setConnectOptions(
                QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options.busyTimeoutMs));
            if (!db.open()) {
                throw StorageError(StorageError::Kind::Unreadable,
                    QStringLiteral("Cannot open the database %1 for writing: %2")
                        .arg(path, db.lastError().text()));
            }
        }
    }
    database->configure(options, existedBefore);
    return database;
}

void Database::configure(const Options &options, bool existedBefore)
{
    const QSqlDatabase db = Storage::connectionOf(*this);
    execute(db, QStringLiteral("PRAGMA foreign_keys = ON"));
    if (options.readOnly) {
        return;
    }
    // WAL lets the window read while the publisher writes; FULL makes every committed state
    // change (and its journal row) survive a power cut, which exactly-once relies on.
    execute(db, QStringLiteral("PRAGMA journal_mode = WAL"));
    m_syncEveryCommit = options.syncEveryCommit;
    execute(db,
        m_syncEveryCommit ? QStringLiteral("PRAGMA synchronous = FULL")
                          : QStringLiteral("PRAGMA synchronous = NORMAL"));
    const int target = options.migrateTo < 0 ? latestSchemaVersion() : options.migrateTo;
    migrate(target, existedBefore);
    if (!existedBefore) {
        QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
    }
}

void Database::migrate(int target, bool existedBefore)
{
    const int current = schemaVersion();
    if (current >= target) {
        return;
    }
    const QSqlDatabase db = Storage::connectionOf(*this);
    if (existedBefore && current > 0) {
        // Keep the pre-migration database: a failed or regretted upgrade loses nothing.
        const QString backup = QStringLiteral("%1.v%2.bak").arg(m_path).arg(current);
        QFile::remove(backup);
        Sql vacuum(db, QStringLiteral("VACUUM INTO :file"));
        vacuum.bind(QStringLiteral(":file"), backup).exec();
        qCInfo(lcStorage).noquote() << "kept a copy of schema" << current << "at" << backup;
    }
    for (const Storage::Migration &step : Storage::migrations()) {
        if (step.version <= current || step.version > target) {
            continue;
        }
        Transaction tx(*this);
        for (const QString &statement : splitStatements(QString::fromUtf8(step.sql))) {
            execute(db, statement);
        }
        execute(db, QStringLiteral("PRAGMA user_version = %1").arg(step.version));
        tx.commit();
        qCInfo(lcStorage).noquote() << "migrated" << m_path << "to schema" << step.version << "-"
                                    << QLatin1String(step.description);
    }
}

int Database::schemaVersion() const
{
    Sql query(*this, QStringLiteral("PRAGMA user_version"));
    query.exec();
    return query.next() ? query.value(0).toInt() : 0;
}

int Database::latestSchemaVersion()
{
    return Storage::migrations().back().version;
}

Database::IntegrityReport Database::checkIntegrity() const
{
    IntegrityReport report;
    const QSqlDatabase db = Storage::connectionOf(*this);
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA integrity_check"))) {
        report.problems << query.lastError().databaseText();
        return report;
    }
    while (query.next()) {
        const QString row = query.value(0).toString();
        if (row != QLatin1String("ok")) {
            report.problems << row;
        }
    }
    if (query.exec(QStringLiteral("PRAGMA foreign_key_check"))) {
        while (query.next()) {
            report.problems << QStringLiteral("row %1 of %2 points to a missing %3")
                                   .arg(query.value(1).toString(), query.value(0).toString(),
                                       query.value(2).toString());
        }
    }
    report.ok = report.problems.isEmpty();
    return report;
}

QString Database::sqliteVersion() const
{
    Sql query(*this, QStringLiteral("SELECT sqlite_version()"));
    query.exec();
    return query.next() ? query.value(0).toString() : QString();
}

Database::Transaction::Transaction(Database &db)
    : m_db(db)
{
    if (m_db.m_inTransaction) {
        throw StorageError(StorageError::Kind::Sql,
            QStringLiteral("Internal error: nested database transaction."));
    }
    // IMMEDIATE takes the write lock now, so two writers queue on the busy timeout instead of
    // failing when a read transaction tries to upgrade.
    Storage::Sql(m_db, QStringLiteral("BEGIN IMMEDIATE")).exec();
    m_db.m_inTransaction = true;
}

Database::Transaction::~Transaction()
{
    if (!m_done) {
        try {
            Storage::Sql(m_db, QStringLiteral("ROLLBACK")).exec();
        } catch (const StorageError &e) {
            qCWarning(lcStorage).noquote() << "rollback failed:" << e.message();
        }
        m_db.m_inTransaction = false;
    }
}

void Database::Transaction::commit()
{
    Storage::Sql(m_db, QStringLiteral("COMMIT")).exec();
    m_done = true;
    m_db.m_inTransaction = false;
}

Database::DurableCommits::DurableCommits(Database &db)
    : m_db(db)
{
    if (!m_db.m_syncEveryCommit) {
        Storage::Sql(m_db, QStringLiteral("PRAGMA synchronous = FULL")).exec();
        m_switched = true;
    }
}

Database::DurableCommits::~DurableCommits()
{
    if (!m_switched) {
        return;
    }
    try {
        Storage::Sql(m_db, QStringLiteral("PRAGMA synchronous = NORMAL")).exec();
    } catch (const StorageError &e) {
        // Staying at FULL is safe, only slower.
        qCWarning(lcStorage).noquote() << "cannot return to synchronous = NORMAL:" << e.message();
    }
}

} // namespace Cuepoint::Core
