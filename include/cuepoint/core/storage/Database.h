// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/storage/StorageError.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace Cuepoint::Core {

namespace Storage {
class Sql;
}

/// One connection to a profile's SQLite database (WAL, foreign keys on, synchronous=FULL
/// unless Options::syncEveryCommit is off),
/// migrated to the latest schema when opened.
///
/// Opening never writes to a file that is not a healthy Cuepoint database: a folder, a file
/// that is not SQLite, a damaged database or one from a newer Cuepoint raise StorageError
/// with a sentence for the user, and the file is left exactly as it was. Before an existing
/// database is migrated, a copy is kept next to it (`<file>.v<N>.bak`).
///
/// A Database belongs to the thread that opened it (a rule of Qt SQL); open one per thread.
/// Keep SQL inside the storage layer so that PostgreSQL stays a change of driver.
class Database final
{
public:
    struct Options
    {
        /// Migrate up to this schema version (tests use 1 to create first-schema files).
        int migrateTo = -1; // -1: the latest
        /// Open without writing anything; no migration happens.
        bool readOnly = false;
        /// Milliseconds to wait for a lock held by another connection.
        int busyTimeoutMs = 10000;
        /// Whether every commit waits until it is on disk (SQLite's synchronous = FULL). When
        /// false (synchronous = NORMAL, for the publishing engine's connections), a commit
        /// survives a crash of the process but a power cut may undo the latest ones, except
        /// those made while a DurableCommits is alive: that commit also makes every earlier one
        /// durable, because the write-ahead log is synced in order.
        bool syncEveryCommit = true;
    };

    /// Opens (creating it when missing) the database at @p path. Throws StorageError.
    static std::unique_ptr<Database> open(const QString &path, const Options &options);
    static std::unique_ptr<Database> open(const QString &path) { return open(path, Options {}); }
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QString path() const { return m_path; }
    /// The Qt SQL connection name of this database (for the storage layer's own use).
    QString connectionName() const { return m_connectionName; }

    int schemaVersion() const;
    static int latestSchemaVersion();

    struct IntegrityReport
    {
        bool ok = false;
        QStringList problems; ///< SQLite's integrity_check and foreign_key_check findings
    };
    /// A full integrity check (slow on large files; for `doctor`).
    IntegrityReport checkIntegrity() const;

    /// The version of the SQLite library in use.
    QString sqliteVersion() const;

    /// A write transaction (BEGIN IMMEDIATE): rolled back when destroyed uncommitted.
    class Transaction
    {
    public:
        explicit Transaction(Database &db);
        ~Transaction();
        Transaction(const Transaction &) = delete;
        Transaction &operator=(const Transaction &) = delete;
        void commit();

    private:
        Database &m_db;
        bool m_done = false;
    };

    /// While alive, every commit on @p db reaches the disk before it returns, whatever
    /// Options::syncEveryCommit says: for the few commits exactly-once depends on.
    class DurableCommits
    {
    public:
        explicit DurableCommits(Database &db);
        ~DurableCommits();
        DurableCommits(const DurableCommits &) = delete;
        DurableCommits &operator=(const DurableCommits &) = delete;

    private:
        Database &m_db;
        bool m_switched = false;
    };

private:
    friend class Storage::Sql;
    struct Statements;

    Database(QString path, QString connectionName);
    void configure(const Options &options, bool existedBefore);
    void migrate(int target, bool existedBefore);

    QString m_path;
    QString m_connectionName;
    bool m_inTransaction = false;
    bool m_syncEveryCommit = true;
    /// Prepared statements kept for reuse on this connection (Storage::Sql).
    std::unique_ptr<Statements> m_statements;
};

} // namespace Cuepoint::Core
