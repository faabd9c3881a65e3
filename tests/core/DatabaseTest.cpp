// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Opening, migrating and refusing databases: nothing the user has is ever overwritten.
#include "cuepoint/core/storage/Database.h"

#include "FakeClock.h"
#include "TestProfile.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/PostStore.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

/// Expects opening @p path to fail with @p kind, and the file to stay byte for byte the same.
void expectRefusedUntouched(const QString &path, StorageError::Kind kind, const QString &phrase)
{
    const QByteArray before = fileHash(path);
    const QStringList siblingsBefore = QDir(QFileInfo(path).path()).entryList(QDir::Files);
    try {
        Database::open(path);
        ADD_FAILURE() << "opened " << path.toStdString();
    } catch (const StorageError &e) {
        EXPECT_EQ(e.kind(), kind) << e.message().toStdString();
        EXPECT_TRUE(e.message().contains(phrase, Qt::CaseInsensitive)) << e.message().toStdString();
        EXPECT_TRUE(e.message().contains(path)) << "the message names the file";
    }
    EXPECT_EQ(fileHash(path), before) << "the file was modified";
    EXPECT_EQ(QDir(QFileInfo(path).path()).entryList(QDir::Files), siblingsBefore)
        << "a -wal, -shm or journal file was left next to it";
}

} // namespace

TEST(DatabaseTest, NewDatabaseIsConfiguredAndOwnerOnly)
{
    TestProfile profile;
    auto db = profile.openDatabase();
    EXPECT_EQ(db->schemaVersion(), Database::latestSchemaVersion());
    EXPECT_TRUE(db->checkIntegrity().ok);
    const QSqlDatabase conn = QSqlDatabase::database(db->connectionName(), false);
    QSqlQuery q(conn);
    ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("wal"));
    ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
    EXPECT_EQ(q.value(0).toInt(), 1);
    ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA synchronous")) && q.next());
    EXPECT_EQ(q.value(0).toInt(), 2); // FULL
    EXPECT_EQ(QFile::permissions(db->path()) & (QFile::ReadGroup | QFile::ReadOther),
        QFile::Permissions {});
    // The journal cannot be rewritten.
    FakeClock clock;
    AccountStore accounts(*db, clock);
    PostStore posts(*db, clock);
    posts.add(makePost(clock.nowUtc(), { accounts.save(makeAccount(QStringLiteral("a"))) }));
    EXPECT_FALSE(q.exec(QStringLiteral("UPDATE journal SET detail = 'forged'")));
}

TEST(DatabaseTest, FirstSchemaDatabaseMigratesWithItsDataAndKeepsABackup)
{
    TestProfile profile;
    const QString path = profile.profile().databasePath();
    qint64 postId = 0;
    FakeClock clock;
    {
        Database::Options first;
        first.migrateTo = 1;
        auto db = Database::open(path, first);
        ASSERT_EQ(db->schemaVersion(), 1);
        // Write through raw SQL of schema 1, as an old Cuepoint would have.
        QSqlQuery q(QSqlDatabase::database(db->connectionName(), false));
        ASSERT_TRUE(q.exec(QStringLiteral(
            "INSERT INTO accounts (open_id, username, status, created_at_ms, updated_at_ms) "
            "VALUES ('o1', 'maya', 'connected', 1, 1)")));
        ASSERT_TRUE(q.exec(QStringLiteral(
            "INSERT INTO posts (caption, video_path, scheduled_at_ms, time_zone, mode, "
            "created_at_ms, updated_at_ms) VALUES ('old post', '/v.mp4', 1774747800000, "
            "'Europe/Paris', 'auto', 1, 1)")));
        postId = q.lastInsertId().toLongLong();
        ASSERT_TRUE(q.exec(QStringLiteral(
            "INSERT INTO targets (post_id, account_id, state, state_changed_at_ms) VALUES (%1, 1, "
            "'scheduled', 1)")
                               .arg(postId)));
        EXPECT_FALSE(q.exec(QStringLiteral("SELECT count(*) FROM review_links")));
    }
    const QByteArray v1Hash = fileHash(path);
    auto db = Database::open(path);
    EXPECT_EQ(db->schemaVersion(), Database::latestSchemaVersion());
    PostStore posts(*db, clock);
    const std::optional<Post> post = posts.post(postId);
    ASSERT_TRUE(post);
    EXPECT_EQ(post->caption, QStringLiteral("old post"));
    EXPECT_EQ(post->scheduledAt, QDateTime::fromMSecsSinceEpoch(1774747800000, Qt::UTC));
    ASSERT_EQ(post->targets.size(), 1);
    EXPECT_EQ(post->targets[0].state, TargetState::Scheduled);
    QSqlQuery q(QSqlDatabase::database(db->connectionName(), false));
    EXPECT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM review_links")));
    EXPECT_TRUE(db->checkIntegrity().ok);
    // The copy taken before migrating is a working schema-1 database.
    const QString backup = path + QStringLiteral(".v1.bak");
    ASSERT_TRUE(QFile::exists(backup));
    Database::Options readOnly;
    readOnly.readOnly = true;
    auto old = Database::open(backup, readOnly);
    EXPECT_EQ(old->schemaVersion(), 1);
    Q_UNUSED(v1Hash);
}

TEST(DatabaseTest, RandomBytesAreRefusedAndNeverOverwritten)
{
    TestProfile profile;
    const QString path = profile.profile().databasePath();
    QByteArray noise(64 * 1024, '\0');
    QRandomGenerator gen(7);
    for (char &c : noise) {
        c = static_cast<char>(gen.bounded(256));
    }
    writeFile(path, noise);
    expectRefusedUntouched(
        path, StorageError::Kind::NotADatabase, QStringLiteral("not a Cuepoint database"));
}

TEST(DatabaseTest, TextFileIsRefusedAndNeverOverwritten)
{
    TestProfile profile;
    const QString path = profile.profile().databasePath();
    writeFile(path, "my notes, accidentally named cuepoint.sqlite\n");
    expectRefusedUntouched(
        path, StorageError::Kind::NotADatabase, QStringLiteral("not a Cuepoint database"));
}

TEST(DatabaseTest, DamagedDatabaseIsRefusedAndNeverOverwritten)
{
    TestProfile profile;
    const QString path = profile.profile().databasePath();
    {
        auto db = profile.openDatabase();
        FakeClock clock;
        AccountStore accounts(*db, clock);
        PostStore posts(*db, clock);
        const qint64 a = accounts.save(makeAccount(QStringLiteral("a")));
        for (int i = 0; i < 200; ++i) {
            posts.add(
                makePost(clock.nowUtc().addSecs(i * 60), { a }, QString(300, QLatin1Char('x'))));
        }
        QSqlQuery q(QSqlDatabase::database(db->connectionName(), false));
        ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    }
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    // Keep the valid header and first page, overwrite pages further in.
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadWrite));
    ASSERT_GT(f.size(), 8 * 4096);
    f.seek(3 * 4096);
    f.write(QByteArray(4 * 4096, '\xA5'));
    f.close();
    expectRefusedUntouched(path, StorageError::Kind::Corrupt, QStringLiteral("damaged"));
}

TEST(DatabaseTest, NewerSchemaIsRefusedAndNeverOverwritten)
{
    TestProfile profile;
    const QString path = profile.profile().databasePath();
    {
        auto db = profile.openDatabase();
        QSqlQuery q(QSqlDatabase::database(db->connectionName(), false));
        ASSERT_TRUE(q.exec(
            QStringLiteral("PRAGMA user_version = %1").arg(Database::latestSchemaVersion() + 1)));
        ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA journal_mode = DELETE")));
    }
    expectRefusedUntouched(path, StorageError::Kind::TooNew, QStringLiteral("newer Cuepoint"));
}

TEST(DatabaseTest, ForeignSqliteDatabaseIsRefusedAndNeverOverwritten)
{
    TestProfile profile;
    const QString path = profile.profile().databasePath();
    {
        QSqlDatabase other =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other-app"));
        other.setDatabaseName(path);
        ASSERT_TRUE(other.open());
        QSqlQuery q(other);
        ASSERT_TRUE(q.exec(QStringLiteral("CREATE TABLE recipes (name TEXT)")));
        ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO recipes VALUES ('soup')")));
        q.finish();
        other.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("other-app"));
    expectRefusedUntouched(
        path, StorageError::Kind::NotADatabase, QStringLiteral("another program"));
}

TEST(DatabaseTest, FolderInsteadOfFileIsRefused)
{
    TestProfile profile;
    const QString path = profile.profile().databasePath();
    ASSERT_TRUE(QDir().mkpath(path));
    try {
        Database::open(path);
        ADD_FAILURE() << "opened a folder";
    } catch (const StorageError &e) {
        EXPECT_EQ(e.kind(), StorageError::Kind::NotAFile);
        EXPECT_TRUE(e.message().contains(QStringLiteral("folder")));
    }
}

TEST(DatabaseTest, EmptyFileBecomesANewDatabase)
{
    TestProfile profile;
    const QString path = profile.profile().databasePath();
    writeFile(path, QByteArray());
    auto db = Database::open(path);
    EXPECT_EQ(db->schemaVersion(), Database::latestSchemaVersion());
}

TEST(DatabaseTest, EngineConnectionsSyncOnlyTheCommitsMarkedDurable)
{
    TestProfile profile;
    Database::Options options;
    options.syncEveryCommit = false;
    auto db = Database::open(profile.profile().databasePath(), options);
    const auto synchronous = [&db] {
        QSqlQuery q(QSqlDatabase::database(db->connectionName(), false));
        return q.exec(QStringLiteral("PRAGMA synchronous")) && q.next() ? q.value(0).toInt() : -1;
    };
    EXPECT_EQ(synchronous(), 1); // NORMAL
    {
        Database::DurableCommits durable(*db);
        EXPECT_EQ(synchronous(), 2); // FULL while marked
    }
    EXPECT_EQ(synchronous(), 1);

    auto everyCommit = profile.openDatabase(); // the default for every other connection
    {
        Database::DurableCommits durable(*everyCommit);
        QSqlQuery q(QSqlDatabase::database(everyCommit->connectionName(), false));
        ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA synchronous")) && q.next());
        EXPECT_EQ(q.value(0).toInt(), 2);
    }
    QSqlQuery q(QSqlDatabase::database(everyCommit->connectionName(), false));
    ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA synchronous")) && q.next());
    EXPECT_EQ(q.value(0).toInt(), 2) << "a connection that syncs every commit stays so";
}

TEST(DatabaseTest, KeptStatementsSeeOtherConnectionsWritesAndHoldNoSnapshot)
{
    TestProfile profile;
    auto reader = profile.openDatabase();
    auto writer = profile.openDatabase();
    FakeClock clock;
    AccountStore accounts(*writer, clock);
    PostStore writes(*writer, clock);
    PostStore reads(*reader, clock);
    const qint64 id = writes.add(
        makePost(clock.nowUtc().addDays(1), { accounts.save(makeAccount(QStringLiteral("a"))) }));

    for (int round = 0; round < 3; ++round) {
        Post p = *writes.post(id);
        p.caption = QStringLiteral("version %1").arg(round);
        writes.updateContent(p);
        // The same statement, kept from the last round, reads the new row.
        EXPECT_EQ(reads.post(id)->caption, p.caption);
        EXPECT_EQ(reads.posts().size(), 1);
    }
    // No statement of the reader holds a read transaction open: a truncating checkpoint,
    // which needs every reader gone from the log, completes.
    QSqlQuery checkpoint(QSqlDatabase::database(writer->connectionName(), false));
    ASSERT_TRUE(checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    ASSERT_TRUE(checkpoint.next());
    EXPECT_EQ(checkpoint.value(0).toInt(), 0) << "the checkpoint was blocked by a reader";
}
