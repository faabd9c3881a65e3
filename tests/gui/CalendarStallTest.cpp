// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The window stays responsive while its publisher uploads a large video to the sandbox: the
// test clicks through the calendar (months, weeks, back to today) during the upload and
// measures how long the GUI thread's event loop ever went without running a 5 ms timer.
#include "../core/publish/PublishHarness.h"
#include "Application.h"
#include "MainWindow.h"
#include "TestProfile.h"
#include "WindowTestSupport.h"
#include "models/CalendarModel.h"
#include "views/AccountsPage.h"
#include "views/SchedulePage.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/support/Clock.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <gtest/gtest.h>

namespace Cuepoint::Gui {
namespace {

constexpr int kWaitMs = 30'000;
/// Generous: a stall a user would notice is well below it, a blocked upload far above.
constexpr qint64 kMaxStallMs = 250;
constexpr qint64 kVideoBytes = 160LL * 1024 * 1024;

TEST(CalendarStallTest, TheCalendarStaysResponsiveWhileTheWindowUploads)
{
    Cuepoint::Test::TestProfile profile;
    App::Application app;
    Cuepoint::Test::startWindow(app, profile);
    ASSERT_NO_FATAL_FAILURE(Cuepoint::Test::waitUntilPublishing(app, kWaitMs));
    ASSERT_NO_FATAL_FAILURE(Cuepoint::Test::connectSandboxAccount(app, kWaitMs));

    const QString video = Cuepoint::Test::paddedVideo(
        profile.path(QString()), QStringLiteral("big.mp4"), kVideoBytes);
    ASSERT_FALSE(video.isEmpty());
    auto db = Core::Database::open(profile.profile().databasePath());
    const Core::SystemClock clock;
    Core::AccountStore accounts(*db, clock);
    Core::PostStore posts(*db, clock);
    Core::Post post = Cuepoint::Test::makePost(
        clock.nowUtc(), { accounts.accounts().first().id }, QStringLiteral("A big one #cuepoint"));
    post.videoPath = video;
    post.privacyLevel = QStringLiteral("SELF_ONLY");

    app.window()->showPage(MainWindow::Page::Schedule);
    SchedulePage *page = app.window()->schedulePage();
    ASSERT_NE(page, nullptr);
    auto *next = page->findChild<QToolButton *>(QStringLiteral("nextButton"));
    auto *previous = page->findChild<QToolButton *>(QStringLiteral("previousButton"));
    auto *today = page->findChild<QToolButton *>(QStringLiteral("todayButton"));
    auto *week = page->findChild<QToolButton *>(QStringLiteral("weekButton"));
    auto *month = page->findChild<QToolButton *>(QStringLiteral("monthButton"));
    ASSERT_TRUE(next && previous && today && week && month);

    // The event loop's heartbeat: the longest time between two runs of a 5 ms timer.
    QElapsedTimer clockOfLoop;
    qint64 last = 0;
    qint64 maxGap = 0;
    bool measuring = false;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(5);
    QObject::connect(&heartbeat, &QTimer::timeout, &heartbeat, [&] {
        const qint64 now = clockOfLoop.elapsed();
        if (measuring) {
            maxGap = std::max(maxGap, now - last);
        }
        last = now;
    });

    const qint64 postId = posts.add(post);
    const qint64 targetId = posts.post(postId)->targets.first().id;
    clockOfLoop.start();
    heartbeat.start();
    measuring = true;
    last = clockOfLoop.elapsed();

    int clicksWhileUploading = 0;
    bool sawProgress = false;
    QToolButton *const sequence[] = { next, next, previous, week, next, previous, today, month,
        previous, today };
    QElapsedTimer deadline;
    deadline.start();
    Core::TargetState state = Core::TargetState::Scheduled;
    for (int i = 0; deadline.elapsed() < 60'000; ++i) {
        QTest::mouseClick(sequence[i % std::size(sequence)], Qt::LeftButton);
        QTest::qWait(15);
        const Core::PostTarget t = *posts.target(targetId);
        state = t.state;
        if (state == Core::TargetState::Publishing || state == Core::TargetState::Processing) {
            ++clicksWhileUploading;
            if (page->currentModel()->card(postId)
                && page->currentModel()->card(postId)->progress() > 0.0) {
                sawProgress = true;
            }
        }
        if (Core::isFinal(state) || state == Core::TargetState::Failed
            || state == Core::TargetState::Held) {
            break;
        }
    }
    measuring = false;
    heartbeat.stop();

    EXPECT_EQ(state, Core::TargetState::Published)
        << posts.target(targetId)->lastError.toStdString();
    EXPECT_GT(clicksWhileUploading, 5) << "the upload ended before the calendar was exercised";
    EXPECT_TRUE(sawProgress) << "the card never showed upload progress";
    EXPECT_LT(maxGap, kMaxStallMs) << "the GUI thread stalled for " << maxGap << " ms";
    std::cout << "[ stall    ] longest event-loop gap " << maxGap << " ms over "
              << clicksWhileUploading << " clicks during the upload\n";
}

} // namespace
} // namespace Cuepoint::Gui
