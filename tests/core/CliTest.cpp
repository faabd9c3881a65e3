// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The real cuepoint-cli executable: exit codes, one-line errors, doctor and list.
#include "CliRunner.h"
#include "FakeClock.h"
#include "TestProfile.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/PostStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;

namespace {

QStringList withProfile(const TestProfile &profile, QStringList args)
{
    return QStringList { QStringLiteral("--profile"), profile.profile().rootDir() } + args;
}

} // namespace

TEST(CliTest, VersionAndHelp)
{
    const CliRun version = runCli({ QStringLiteral("--version") });
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_TRUE(version.out.startsWith(QStringLiteral("cuepoint-cli 0.")));
    const CliRun help = runCli({ QStringLiteral("--help") });
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.contains(QStringLiteral("doctor")));
    EXPECT_TRUE(help.out.contains(QStringLiteral("Exit codes")));
}

TEST(CliTest, UsageErrorsExitTwoWithOneLine)
{
    for (const QStringList &args : { QStringList {}, QStringList { QStringLiteral("frobnicate") },
             QStringList { QStringLiteral("--bogus") },
             QStringList { QStringLiteral("list"), QStringLiteral("--bogus") },
             QStringList { QStringLiteral("--profile") } }) {
        TestProfile profile;
        const CliRun r = runCli(args.isEmpty() || args.first() == QLatin1String("--profile")
                ? args
                : withProfile(profile, args));
        EXPECT_EQ(r.exitCode, 2) << args.join(QLatin1Char(' ')).toStdString();
        EXPECT_FALSE(r.err.trimmed().isEmpty());
    }
    TestProfile profile;
    const CliRun r = runCli(withProfile(profile, { QStringLiteral("frobnicate") }));
    EXPECT_EQ(r.err.trimmed().count(QLatin1Char('\n')), 0) << r.err.toStdString();
}

TEST(CliTest, DoctorReportsAHealthyNewProfile)
{
    TestProfile profile;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CUEPOINT_TOKEN_STORE"), QStringLiteral("file"));
    const CliRun r =
        runCli(withProfile(profile, { QStringLiteral("doctor"), QStringLiteral("--json") }), env);
    ASSERT_EQ(r.exitCode, 0) << r.out.toStdString() << r.err.toStdString();
    const QJsonObject report = QJsonDocument::fromJson(r.out.toUtf8()).object();
    EXPECT_TRUE(report.value(QStringLiteral("healthy")).toBool());
    EXPECT_EQ(report.value(QStringLiteral("profile")).toString(), profile.profile().rootDir());
    const QJsonObject db = report.value(QStringLiteral("database")).toObject();
    EXPECT_EQ(db.value(QStringLiteral("schema_version")).toInt(), Database::latestSchemaVersion());
    EXPECT_EQ(db.value(QStringLiteral("integrity")).toString(), QStringLiteral("ok"));
    EXPECT_TRUE(report.value(QStringLiteral("token_store"))
                    .toObject()
                    .value(QStringLiteral("store"))
                    .toString()
                    .startsWith(QStringLiteral("file")));
    const QJsonObject libs = report.value(QStringLiteral("libraries")).toObject();
    for (const char *lib : { "FFmpeg", "libcurl", "Qt", "SQLite" }) {
        EXPECT_FALSE(libs.value(QLatin1String(lib)).toString().isEmpty()) << lib;
    }
    const CliRun human = runCli(withProfile(profile, { QStringLiteral("doctor") }), env);
    EXPECT_EQ(human.exitCode, 0);
    EXPECT_TRUE(human.out.contains(QStringLiteral("The profile is healthy.")));
}

TEST(CliTest, DoctorFindsADamagedDatabaseAndLeavesItAlone)
{
    TestProfile profile;
    {
        QFile f(profile.profile().databasePath());
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'z'));
    }
    const QByteArray before = fileHash(profile.profile().databasePath());
    const CliRun r = runCli(withProfile(profile, { QStringLiteral("doctor") }));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.out.contains(QStringLiteral("not a Cuepoint database"))) << r.out.toStdString();
    EXPECT_EQ(fileHash(profile.profile().databasePath()), before);
    const CliRun list = runCli(withProfile(profile, { QStringLiteral("list") }));
    EXPECT_EQ(list.exitCode, 2);
    EXPECT_TRUE(list.err.contains(QStringLiteral("not a Cuepoint database")));
    EXPECT_EQ(list.err.trimmed().count(QLatin1Char('\n')), 0);
}

TEST(CliTest, ListShowsPostsInTimeOrderAsTextAndJson)
{
    TestProfile profile;
    qint64 late = 0;
    qint64 early = 0;
    {
        auto db = profile.openDatabase();
        FakeClock clock;
        AccountStore accounts(*db, clock);
        PostStore posts(*db, clock);
        const qint64 a = accounts.save(makeAccount(QStringLiteral("maya")));
        late = posts.add(makePost(QDateTime(QDate(2026, 10, 25), QTime(1, 30), Qt::UTC), { a },
            QStringLiteral("Second post")));
        early = posts.add(makePost(QDateTime(QDate(2026, 10, 25), QTime(0, 30), Qt::UTC), { a },
            QStringLiteral("First post")));
    }
    const CliRun text = runCli(withProfile(profile, { QStringLiteral("list") }));
    ASSERT_EQ(text.exitCode, 0) << text.err.toStdString();
    EXPECT_LT(text.out.indexOf(QStringLiteral("First post")),
        text.out.indexOf(QStringLiteral("Second post")));
    EXPECT_TRUE(text.out.contains(QStringLiteral("2026-10-25 02:30 CEST")));
    EXPECT_TRUE(text.out.contains(QStringLiteral("2026-10-25 02:30 CET")));
    EXPECT_TRUE(text.out.contains(QStringLiteral("@maya scheduled")));

    const CliRun json =
        runCli(withProfile(profile, { QStringLiteral("list"), QStringLiteral("--json") }));
    ASSERT_EQ(json.exitCode, 0);
    const QJsonArray list = QJsonDocument::fromJson(json.out.toUtf8()).array();
    ASSERT_EQ(list.size(), 2);
    const QJsonObject first = list.at(0).toObject();
    EXPECT_EQ(first.value(QStringLiteral("id")).toInteger(), early);
    EXPECT_EQ(list.at(1).toObject().value(QStringLiteral("id")).toInteger(), late);
    EXPECT_EQ(first.value(QStringLiteral("scheduled_at")).toString(),
        QStringLiteral("2026-10-25T00:30:00Z"));
    EXPECT_EQ(first.value(QStringLiteral("local_time")).toString(),
        QStringLiteral("2026-10-25T02:30:00+02:00"));
    EXPECT_EQ(first.value(QStringLiteral("mode")).toString(), QStringLiteral("auto"));
    const QJsonObject target = first.value(QStringLiteral("targets")).toArray().at(0).toObject();
    EXPECT_EQ(target.value(QStringLiteral("state")).toString(), QStringLiteral("scheduled"));
    EXPECT_EQ(target.value(QStringLiteral("account")).toString(), QStringLiteral("maya"));
}
