// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/support/Settings.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Cuepoint::Core;

TEST(SettingsTest, DefaultsTypedValuesPersistenceAndChangeSignals)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("settings.ini"));
    {
        Settings s(path);
        EXPECT_FALSE(s.value(Settings::ApprovalRequired));
        EXPECT_EQ(s.value(Settings::GracePeriodMinutes), 120);
        EXPECT_EQ(s.value(Settings::DisplayTimeZone), QString());
        QSignalSpy changed(&s, &Settings::changed);
        s.setValue(Settings::ApprovalRequired, true);
        s.setValue(Settings::GracePeriodMinutes, 45);
        s.setValue(Settings::DisplayTimeZone, QStringLiteral("America/New_York"));
        s.setValue(Settings::GracePeriodMinutes, 45); // unchanged: no signal
        ASSERT_EQ(changed.count(), 3);
        EXPECT_EQ(changed.at(0).at(0).toString(), QStringLiteral("publishing/approvalRequired"));
        QString error;
        ASSERT_TRUE(s.sync(&error)) << error.toStdString();
    }
    EXPECT_EQ(
        QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions {});
    Settings again(path);
    EXPECT_TRUE(again.value(Settings::ApprovalRequired));
    EXPECT_EQ(again.value(Settings::GracePeriodMinutes), 45);
    EXPECT_EQ(again.value(Settings::DisplayTimeZone), QStringLiteral("America/New_York"));
}

TEST(SettingsTest, HandEditedNonsenseFallsBackToDefaults)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("settings.ini"));
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("[publishing]\ngracePeriodMinutes=soon\n");
    f.close();
    Settings s(path);
    EXPECT_EQ(s.value(Settings::GracePeriodMinutes), 120);
}
