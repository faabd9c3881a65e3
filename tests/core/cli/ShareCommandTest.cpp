// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `cuepoint-cli share`, `share list` and `share revoke` through the real executable, on a
// temporary profile; the printed link is then opened on a review server of that profile.
#include "FakeClock.h"
#include "SchedulingTestSupport.h"

#include "cuepoint/core/review/ReviewServer.h"
#include "cuepoint/core/review/ReviewToken.h"
#include "cuepoint/core/storage/ReviewStore.h"
#include "cuepoint/core/support/Settings.h"

#include <QDirIterator>
#include <QRegularExpression>
#include <QUrl>

#include <gtest/gtest.h>
#include <httplib.h>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;

namespace {

class ShareCommandTest : public ::testing::Test
{
protected:
    ShareCommandTest()
    {
        m_maya = m_cli.addAccount(QStringLiteral("maya"), QStringLiteral("Maya"));
        m_noor = m_cli.addAccount(QStringLiteral("noor"), QStringLiteral("Noor"));
        Settings settings(m_cli.profile().profile().settingsPath());
        settings.setReviewBindAddress(QStringLiteral("127.0.0.1"));
        settings.setReviewPort(9911);
        EXPECT_TRUE(settings.sync());
    }

    CliProfile m_cli;
    qint64 m_maya = 0;
    qint64 m_noor = 0;
};

TEST_F(ShareCommandTest, MakesALinkAndPrintsItsUrlOnlyOnce)
{
    const CliRun r =
        m_cli.run({ QStringLiteral("share"), QStringLiteral("--account"), QStringLiteral("maya"),
            QStringLiteral("--account"), QStringLiteral("@noor"), QStringLiteral("--days"),
            QStringLiteral("3"), QStringLiteral("--label"), QStringLiteral("ACME, December") });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("^http://127\\.0\\.0\\.1:9911/r/([0-9a-f]{32})\\n$"))
            .match(r.out);
    ASSERT_TRUE(m.hasMatch()) << r.out.toStdString();
    const QString token = m.captured(1);
    EXPECT_FALSE(r.err.contains(token));

    std::unique_ptr<Database> db = m_cli.profile().openDatabase();
    const SystemClock clock;
    ReviewStore reviews(*db, clock);
    const std::optional<ReviewLink> link = reviews.linkByTokenHash(reviewTokenHash(token));
    ASSERT_TRUE(link);
    EXPECT_EQ(link->accountIds, (QList<qint64> { m_maya, m_noor }));
    EXPECT_EQ(link->label, QStringLiteral("ACME, December"));
    EXPECT_NEAR(link->createdAt.secsTo(link->expiresAt), 3 * 86400, 2);
    db.reset();

    // The token is nowhere in the profile: not in the database, not in a log.
    QDirIterator files(
        m_cli.profile().profile().rootDir(), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile f(files.next());
        ASSERT_TRUE(f.open(QIODevice::ReadOnly)) << f.fileName().toStdString();
        EXPECT_FALSE(f.readAll().contains(token.toLatin1())) << f.fileName().toStdString();
    }
}

TEST_F(ShareCommandTest, ThePrintedLinkOpensOnTheProfilesReviewServer)
{
    const CliRun r = m_cli.run({ QStringLiteral("share"), QStringLiteral("--account"),
        QStringLiteral("maya"), QStringLiteral("--from"), QStringLiteral("2030-05-01"),
        QStringLiteral("--to"), QStringLiteral("2030-05-31") });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QUrl printed(r.out.trimmed());
    FakeClock clock(QDateTime::currentDateTimeUtc());
    ReviewServer server(m_cli.profile().profile().databasePath(), clock);
    QString error;
    ASSERT_TRUE(server.start({ QStringLiteral("127.0.0.1"), 0 }, &error)) << error.toStdString();
    httplib::Client client("127.0.0.1", server.port());
    const httplib::Result page = client.Get(printed.path().toStdString().c_str());
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_EQ(server.linkUrl(printed.path().section(QLatin1Char('/'), -1)).path(), printed.path());
    // Revoked: it no longer opens.
    const CliRun list =
        m_cli.run({ QStringLiteral("share"), QStringLiteral("list"), QStringLiteral("--json") });
    const QJsonArray links = jsonArray(list.out);
    ASSERT_EQ(links.size(), 1);
    const qint64 id = links.at(0).toObject().value(QStringLiteral("id")).toInteger();
    ASSERT_EQ(m_cli.run({ QStringLiteral("share"), QStringLiteral("revoke"), QString::number(id) })
                  .exitCode,
        0);
    EXPECT_EQ(client.Get(printed.path().toStdString().c_str())->status, 404);
}

TEST_F(ShareCommandTest, ListsAndRevokesLinks)
{
    ASSERT_EQ(m_cli
                  .run({ QStringLiteral("share"), QStringLiteral("--account"),
                      QStringLiteral("maya"), QStringLiteral("--label"), QStringLiteral("First"),
                      QStringLiteral("--from"), QStringLiteral("2030-05-01T00:00Z"),
                      QStringLiteral("--to"), QStringLiteral("2030-05-31") })
                  .exitCode,
        0);
    ASSERT_EQ(
        m_cli.run({ QStringLiteral("share"), QStringLiteral("--account"), QStringLiteral("noor") })
            .exitCode,
        0);
    CliRun r =
        m_cli.run({ QStringLiteral("share"), QStringLiteral("list"), QStringLiteral("--json") });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    QJsonArray links = jsonArray(r.out);
    ASSERT_EQ(links.size(), 2);
    QJsonObject first;
    for (const QJsonValue &v : links) {
        if (v.toObject().value(QStringLiteral("label")).toString() == QLatin1String("First")) {
            first = v.toObject();
        }
    }
    ASSERT_FALSE(first.isEmpty());
    EXPECT_EQ(first.value(QStringLiteral("state")).toString(), QStringLiteral("active"));
    EXPECT_EQ(
        first.value(QStringLiteral("from")).toString(), QStringLiteral("2030-05-01T00:00:00Z"));
    EXPECT_TRUE(first.value(QStringLiteral("revoked")).isNull());
    EXPECT_TRUE(first.value(QStringLiteral("last_used")).isNull());
    EXPECT_EQ(first.value(QStringLiteral("profiles"))
                  .toArray()
                  .at(0)
                  .toObject()
                  .value(QStringLiteral("name")),
        QStringLiteral("@maya"));
    EXPECT_FALSE(r.out.contains(QStringLiteral("token"))) << "no token or hash in the list";

    const QString id = QString::number(first.value(QStringLiteral("id")).toInteger());
    r = m_cli.run({ QStringLiteral("share"), QStringLiteral("revoke"), id });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    r = m_cli.run({ QStringLiteral("share"), QStringLiteral("list") });
    ASSERT_EQ(r.exitCode, 0);
    EXPECT_TRUE(r.out.contains(QStringLiteral("revoked"))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("First")));
    EXPECT_TRUE(r.out.contains(QStringLiteral("@noor")));
}

TEST_F(ShareCommandTest, RefusesBadArguments)
{
    const auto code = [this](const QStringList &args) {
        return m_cli.run(QStringList { QStringLiteral("share") } + args).exitCode;
    };
    EXPECT_EQ(code({}), 2) << "no profile";
    EXPECT_EQ(code({ QStringLiteral("--account"), QStringLiteral("nobody") }), 2);
    EXPECT_EQ(code({ QStringLiteral("--account"), QStringLiteral("maya"), QStringLiteral("--days"),
                  QStringLiteral("0") }),
        2);
    EXPECT_EQ(code({ QStringLiteral("--account"), QStringLiteral("maya"), QStringLiteral("--days"),
                  QStringLiteral("366") }),
        2);
    EXPECT_EQ(
        code({ QStringLiteral("--account"), QStringLiteral("maya"), QStringLiteral("--from"),
            QStringLiteral("2030-06-01"), QStringLiteral("--to"), QStringLiteral("2030-05-01") }),
        2);
    EXPECT_EQ(code({ QStringLiteral("revoke") }), 2);
    EXPECT_EQ(code({ QStringLiteral("revoke"), QStringLiteral("42") }), 2);
    EXPECT_EQ(code({ QStringLiteral("frobnicate") }), 2);
    EXPECT_EQ(m_cli.run({ QStringLiteral("share"), QStringLiteral("list") }).exitCode, 0);
}

} // namespace
