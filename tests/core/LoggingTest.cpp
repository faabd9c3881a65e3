// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/support/Logging.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Cuepoint::Core;

TEST(LoggingTest, RedactsBearerTokensAndCredentialParameters)
{
    const QString line = Logging::redactSecrets(QStringLiteral(
        "Authorization: Bearer act.abc123XYZ grant_type=refresh_token&refresh_token=rft.999&"
        "client_secret=shh {\"access_token\": \"act.zzz\", \"code\":\"ok\"} "
        "GET /callback/?code=AUTHCODE42&state=s1"));
    EXPECT_FALSE(line.contains(QStringLiteral("act.abc123XYZ")));
    EXPECT_FALSE(line.contains(QStringLiteral("rft.999")));
    EXPECT_FALSE(line.contains(QStringLiteral("shh")));
    EXPECT_FALSE(line.contains(QStringLiteral("act.zzz")));
    EXPECT_FALSE(line.contains(QStringLiteral("AUTHCODE42")));
    // What is not a secret stays readable.
    EXPECT_TRUE(line.contains(QStringLiteral("grant_type=refresh_token")));
    EXPECT_TRUE(line.contains(QStringLiteral("\"code\":\"ok\"")));
    EXPECT_TRUE(line.contains(QStringLiteral("state=s1")));
}

TEST(LoggingTest, FileLoggerWritesRotatesAndRedacts)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString logs = dir.filePath(QStringLiteral("logs"));
    QString error;
    ASSERT_TRUE(Logging::installFileLogger(logs, QStringLiteral("test"), &error, false, 2000, 2))
        << error.toStdString();
    for (int i = 0; i < 100; ++i) {
        qCInfo(lcSupport) << "line" << i << "Bearer secret-token-value";
    }
    Logging::uninstallFileLogger();

    const QStringList files = QDir(logs).entryList(QDir::Files, QDir::Name);
    EXPECT_EQ(files,
        (QStringList { QStringLiteral("test.1.log"), QStringLiteral("test.2.log"),
            QStringLiteral("test.log") }));
    QFile current(QDir(logs).filePath(QStringLiteral("test.log")));
    ASSERT_TRUE(current.open(QIODevice::ReadOnly));
    const QByteArray text = current.readAll();
    EXPECT_TRUE(text.contains("line 99"));
    EXPECT_TRUE(text.contains("cuepoint.core.support"));
    EXPECT_FALSE(text.contains("secret-token-value"));
    EXPECT_LE(current.size(), 2000);
    EXPECT_EQ(current.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions {});
}
