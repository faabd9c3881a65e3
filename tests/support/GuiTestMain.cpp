// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QApplication>
#include <QStandardPaths>

#include <gtest/gtest.h>

int main(int argc, char *argv[])
{
    // GUI tests need no display: the offscreen platform, unless the caller chose another.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    // Never ask the desktop's keychain from a test (it may prompt, or take seconds to fail).
    if (qEnvironmentVariableIsEmpty("CUEPOINT_TOKEN_STORE")) {
        qputenv("CUEPOINT_TOKEN_STORE", "file");
    }
    // Keep the tests away from the user's real data and settings folders.
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Cuepoint"));
    QCoreApplication::setOrganizationName(QStringLiteral("Cuepoint"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
