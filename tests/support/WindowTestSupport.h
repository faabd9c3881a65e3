// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Starting the whole window in a GUI test, as a user would: on a test profile with the built-in
// sandbox, waiting until it publishes, connecting the Sandbox account with the page's button.
#pragma once

#include "Application.h"
#include "MainWindow.h"
#include "TestProfile.h"
#include "views/AccountsPage.h"
#include "widgets/AccountRow.h"

#include <QLabel>
#include <QPushButton>
#include <QTest>

#include <gtest/gtest.h>

namespace Cuepoint::Test {

/// Starts @p app on @p profile with the sandbox (no TikTok app configured); an error the window
/// would show in a dialog fails the test instead.
inline void startWindow(App::Application &app, const TestProfile &profile)
{
    qunsetenv("CUEPOINT_TIKTOK_CLIENT_KEY");
    app.setErrorPresenter([](const QString &title, const QString &text) {
        ADD_FAILURE() << title.toStdString() << ": " << text.toStdString();
    });
    ASSERT_EQ(app.start({ QStringLiteral("cuepoint"), QStringLiteral("--profile"),
                  profile.profile().rootDir() }),
        std::nullopt);
}

/// The status bar's "Publishing: …" label.
inline QLabel *publishingLabel(App::Application &app)
{
    return app.window()->findChild<QLabel *>(QStringLiteral("publishingStatusLabel"));
}

/// Waits until the window's publisher runs ("Publishing: on").
inline void waitUntilPublishing(App::Application &app, int timeoutMs)
{
    QLabel *status = publishingLabel(app);
    ASSERT_NE(status, nullptr);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return status->text() == QStringLiteral("Publishing: on"); }, timeoutMs))
        << status->text().toStdString();
}

/// Connects the Sandbox account with the Accounts page's button and waits for its row.
inline void connectSandboxAccount(App::Application &app, int timeoutMs)
{
    Gui::AccountsPage *page = app.window()->accountsPage();
    auto *connect = page->findChild<QPushButton *>(QStringLiteral("connectButton"));
    ASSERT_NE(connect, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([connect] { return connect->isEnabled(); }, timeoutMs));
    QTest::mouseClick(connect, Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor(
        [page] { return page->findChildren<Gui::AccountRow *>().size() == 1; }, timeoutMs));
}

} // namespace Cuepoint::Test
