// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The review server's settings: address and port, their defaults and hand-edited values.
#include "cuepoint/core/review/ReviewServer.h"
#include "cuepoint/core/support/Settings.h"

#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace Cuepoint::Core {
namespace {

TEST(ReviewSettingsTest, DefaultsAreLoopbackAndTheDefaultPort)
{
    QTemporaryDir dir;
    const Settings settings(dir.filePath(QStringLiteral("settings.ini")));
    EXPECT_EQ(settings.reviewBindAddress(), QStringLiteral("127.0.0.1"));
    EXPECT_EQ(settings.reviewPort(), kDefaultReviewPort);
}

TEST(ReviewSettingsTest, ValuesAreKeptAndBadOnesFallBackToTheDefaults)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("settings.ini"));
    {
        Settings settings(path);
        QSignalSpy changed(&settings, &Settings::changed);
        settings.setReviewBindAddress(QStringLiteral(" 0.0.0.0 "));
        settings.setReviewPort(9000);
        EXPECT_EQ(changed.size(), 2);
        ASSERT_TRUE(settings.sync());
    }
    Settings settings(path);
    EXPECT_EQ(settings.reviewBindAddress(), QStringLiteral("0.0.0.0"));
    EXPECT_EQ(settings.reviewPort(), 9000);
    settings.setValue(Settings::ReviewPort, 70000);
    EXPECT_EQ(settings.reviewPort(), kDefaultReviewPort);
    settings.setValue(Settings::ReviewPort, 0);
    EXPECT_EQ(settings.reviewPort(), kDefaultReviewPort);
    settings.setValue(Settings::ReviewBindAddress, QString());
    EXPECT_EQ(settings.reviewBindAddress(), QStringLiteral("127.0.0.1"));
}

} // namespace
} // namespace Cuepoint::Core
