// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The window publishes what is due through its own publisher thread, and stands aside (saying
// who publishes) when another process holds the profile's publisher lease.
#include "Application.h"
#include "MainWindow.h"
#include "PublisherHost.h"
#include "TestProfile.h"
#include "WindowTestSupport.h"
#include "views/AccountsPage.h"

#include "cuepoint/core/publish/PublisherLock.h"
#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/support/Clock.h"

#include <QLabel>
#include <QStatusBar>
#include <QTest>

#include <gtest/gtest.h>

namespace Cuepoint::Gui {
namespace {

constexpr int kWaitMs = 30'000;

using Cuepoint::Test::publishingLabel;

TEST(PublishingWindowTest, TheWindowPublishesADuePostOffTheGuiThread)
{
    Cuepoint::Test::TestProfile profile;
    App::Application app;
    Cuepoint::Test::startWindow(app, profile);
    ASSERT_NO_FATAL_FAILURE(Cuepoint::Test::waitUntilPublishing(app, kWaitMs));

    // Connect the Sandbox account through the window, then schedule a post due now from
    // another connection (as cuepoint-cli schedule would).
    ASSERT_NO_FATAL_FAILURE(Cuepoint::Test::connectSandboxAccount(app, kWaitMs));

    auto db = Core::Database::open(profile.profile().databasePath());
    const Core::SystemClock clock;
    Core::AccountStore accounts(*db, clock);
    Core::PostStore posts(*db, clock);
    ASSERT_EQ(accounts.accounts().size(), 1);
    Core::Post post = Cuepoint::Test::makePost(clock.nowUtc(), { accounts.accounts().first().id },
        QStringLiteral("From the window #cuepoint"));
    post.videoPath = QStringLiteral(CUEPOINT_FIXTURES_DIR) + QStringLiteral("/ok_3s.mp4");
    post.privacyLevel = QStringLiteral("SELF_ONLY");
    const qint64 postId = posts.add(post);

    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return posts.post(postId)->targets.first().state == Core::TargetState::Published; },
        kWaitMs))
        << Core::toString(posts.post(postId)->targets.first().state).toStdString() << ": "
        << posts.post(postId)->targets.first().lastError.toStdString();
    // The user hears about it in the window.
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return app.window()->statusBar()->currentMessage().contains(
                QStringLiteral("Published"));
        },
        kWaitMs));
}

TEST(PublishingWindowTest, AnotherPublisherKeepsTheWindowFromPublishingAndIsNamed)
{
    Cuepoint::Test::TestProfile profile;
    auto db = Core::Database::open(profile.profile().databasePath());
    const Core::SystemClock clock;
    Core::PublisherLock other(
        profile.profile(), *db, clock, QStringLiteral("cuepoint-cli run (pid 4242 on studio)"));
    ASSERT_TRUE(other.tryAcquire(std::chrono::minutes(5)));

    App::Application app;
    Cuepoint::Test::startWindow(app, profile);
    QLabel *status = publishingLabel(app);
    ASSERT_NE(status, nullptr);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return status->text() == QStringLiteral("Publishing: by another process"); },
        kWaitMs))
        << status->text().toStdString();
    EXPECT_TRUE(status->toolTip().contains(QStringLiteral("cuepoint-cli run (pid 4242 on studio)")))
        << status->toolTip().toStdString();
    EXPECT_FALSE(app.publisher()->isPublishing());
}

} // namespace
} // namespace Cuepoint::Gui
