// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The calendar with many posts: the window's start to the first painted month, month switches
// (query, model and paint) and peak memory. Also seeds a small demo profile for screenshots.
//
//   bench_calendar seed DIR [N]          a profile with N posts (default 10000) over 12 months
//   bench_calendar run DIR [SWITCHES]    start the window on DIR, measure, print one line
//   bench_calendar demo DIR FIXTURES S   ~30 posts in every state, hold the publisher lease S s
#include "Application.h"
#include "MainWindow.h"
#include "models/CalendarModel.h"
#include "models/ItemRoles.h"
#include "views/SchedulePage.h"
#include "widgets/CalendarView.h"

#include "cuepoint/core/publish/PublisherLock.h"
#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/Profile.h"
#include "cuepoint/core/support/Settings.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

using namespace Cuepoint;

namespace {

QElapsedTimer g_process;

const char *const kCaptions[] = {
    "Behind the scenes of today's shoot #bts #studio",
    "Three ways to style a linen shirt #fashion #summer",
    "Our new espresso blend is here \u2615 #coffee",
    "Morning run by the fjord #running #oslo",
    "Q&A: your questions about lighting, answered",
    "Recipe: cardamom buns in 60 seconds #baking",
    "Weekend sale starts now \u2014 link in bio",
    "Tutorial: colour grading a sunset #edit",
};

Core::Account account(const QString &name, Core::AccountStatus status)
{
    Core::Account a;
    a.openId = QStringLiteral("open-") + name;
    a.username = name;
    a.displayName = name;
    a.scopes = { QStringLiteral("user.info.basic"), QStringLiteral("video.publish"),
        QStringLiteral("video.upload") };
    a.status = status;
    a.isSandbox = true;
    return a;
}

int seed(const QString &dir, int count)
{
    const Core::Profile profile(dir);
    QString error;
    if (!profile.ensureExists(&error)) {
        std::cerr << error.toStdString() << '\n';
        return 1;
    }
    auto db = Core::Database::open(profile.databasePath());
    const Core::SystemClock clock;
    Core::AccountStore accounts(*db, clock);
    Core::PostStore posts(*db, clock);
    const QList<qint64> ids { accounts.save(account(
                                  QStringLiteral("studio.lumen"), Core::AccountStatus::Connected)),
        accounts.save(account(QStringLiteral("cafe_oslo"), Core::AccountStatus::Connected)),
        accounts.save(account(QStringLiteral("runclub"), Core::AccountStatus::Connected)) };
    // Over the next 12 months from the start of this month: all in the future or recent past,
    // so the calendar's months hold about count / 12 posts each.
    const QDate first(QDate::currentDate().year(), QDate::currentDate().month(), 1);
    const QDateTime from(first, QTime(0, 0), QTimeZone::systemTimeZone());
    const qint64 span = from.secsTo(from.addMonths(12));
    QRandomGenerator rng(42);
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < count; ++i) {
        Core::Post p;
        p.caption = QString::fromUtf8(kCaptions[i % std::size(kCaptions)]);
        p.videoPath = QStringLiteral("/videos/clip-%1.mp4").arg(i % 40);
        p.scheduledAt =
            from.addSecs(static_cast<qint64>(rng.bounded(static_cast<quint32>(span)))).toUTC();
        p.timeZoneId = QStringLiteral("Europe/Berlin");
        p.privacyLevel = QStringLiteral("SELF_ONLY");
        Core::PostTarget target;
        target.accountId = ids.at(i % ids.size());
        p.targets << target;
        posts.add(p);
    }
    std::cout << "seeded " << count << " posts in " << t.elapsed() << " ms\n";
    return 0;
}

long peakRssKb()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

/// Waits (running the event loop) until @p done.
bool waitFor(const std::function<bool()> &done, int timeoutMs = 30'000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

/// Records the first paint of a widget after a condition holds.
class PaintWatch final : public QObject
{
public:
    PaintWatch(QWidget *widget, std::function<bool()> ready)
        : m_ready(std::move(ready))
    {
        widget->installEventFilter(this);
    }
    bool painted = false;
    qint64 atMs = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !painted && m_ready()) {
            painted = true;
            atMs = g_process.elapsed();
        }
        return false;
    }

private:
    std::function<bool()> m_ready;
};

int run(const QString &dir, int switches)
{
    qunsetenv("CUEPOINT_TIKTOK_CLIENT_KEY");
    const qint64 beforeStart = g_process.elapsed();
    App::Application app;
    app.setErrorPresenter([](const QString &title, const QString &text) {
        std::cerr << title.toStdString() << ": " << text.toStdString() << '\n';
    });
    if (app.start({ QStringLiteral("cuepoint"), QStringLiteral("--profile"), dir })) {
        return 1;
    }
    Gui::SchedulePage *page = app.window()->schedulePage();
    app.window()->showPage(Gui::MainWindow::Page::Schedule);
    PaintWatch watch(page->monthView()->viewport(), [page] { return page->isLoaded(); });
    if (!waitFor([&] { return watch.painted; })) {
        std::cerr << "the month was never painted\n";
        return 1;
    }
    const qint64 firstPaint = watch.atMs - beforeStart;
    int shown = 0;
    for (int r = 0; r < page->monthModel()->rowCount(); ++r) {
        for (int c = 0; c < 7; ++c) {
            shown += page->monthModel()->index(r, c).data(Gui::CountRole).toInt();
        }
    }

    QList<double> total;
    QList<double> query;
    for (int i = 0; i < switches; ++i) {
        QElapsedTimer t;
        t.start();
        if (i % 4 < 2) {
            page->goNext();
        } else {
            page->goPrevious();
        }
        if (!waitFor([page] { return page->isLoaded(); })) {
            std::cerr << "a month never loaded\n";
            return 1;
        }
        page->monthView()->viewport()->repaint();
        total << static_cast<double>(t.nsecsElapsed()) / 1e6;
        query << page->loader()->lastQueryMs();
    }
    // The query alone, on a connection of this thread.
    QList<double> bare;
    {
        auto db = Core::Database::open(Core::Profile(dir).databasePath());
        const Core::SystemClock clock;
        Core::PostStore posts(*db, clock);
        const auto [from, to] = page->monthModel()->range();
        for (int i = 0; i < switches; ++i) {
            QElapsedTimer t;
            t.start();
            const QList<Core::Post> rows = posts.calendarPosts(from, to);
            bare << static_cast<double>(t.nsecsElapsed()) / 1e6;
            Q_UNUSED(rows)
        }
        std::sort(bare.begin(), bare.end());
    }
    std::sort(total.begin(), total.end());
    std::sort(query.begin(), query.end());
    const auto median = [](const QList<double> &v) { return v.at(v.size() / 2); };
    std::printf("first_paint_ms=%lld process_to_first_paint_ms=%lld posts_in_month=%d "
                "switch_median_ms=%.1f switch_min_ms=%.1f switch_max_ms=%.1f "
                "loader_median_ms=%.1f bare_query_median_ms=%.1f peak_rss_mb=%.1f\n",
        static_cast<long long>(firstPaint), static_cast<long long>(watch.atMs), shown,
        median(total), total.first(), total.last(), median(query), median(bare),
        static_cast<double>(peakRssKb()) / 1024.0);
    std::fflush(stdout);
    return 0;
}

int demo(const QString &dir, const QString &fixtures, int holdSeconds)
{
    const Core::Profile profile(dir);
    QString error;
    if (!profile.ensureExists(&error)) {
        std::cerr << error.toStdString() << '\n';
        return 1;
    }
    auto db = Core::Database::open(profile.databasePath());
    const Core::SystemClock clock;
    Core::AccountStore accounts(*db, clock);
    Core::PostStore posts(*db, clock);
    Core::Settings settings(profile.settingsPath());
    settings.setValue(Core::Settings::DisplayTimeZone, QStringLiteral("Europe/Berlin"));
    settings.setValue(Core::Settings::ApprovalRequired, true);
    settings.sync();
    const qint64 lumen =
        accounts.save(account(QStringLiteral("studio.lumen"), Core::AccountStatus::Connected));
    const qint64 cafe =
        accounts.save(account(QStringLiteral("cafe_oslo"), Core::AccountStatus::Connected));
    const qint64 run =
        accounts.save(account(QStringLiteral("runclub"), Core::AccountStatus::ReconnectNeeded));
    const QStringList videos { QStringLiteral("ok_3s.mp4"), QStringLiteral("ok_h264.mov"),
        QStringLiteral("ok_rotation_plus90.mp4"), QStringLiteral("ok_vp9_opus.webm"),
        QStringLiteral("ok_fps60.mp4"), QStringLiteral("narrow_320x640.mp4") };
    using S = Core::TargetState;
    struct Plan
    {
        int dayOffset; ///< from today
        int hour;
        int minute;
        qint64 account;
        Core::PublishMode mode;
        bool approved;
        QList<S> path; ///< states after scheduled
        QString error;
    };
    const auto A = Core::PublishMode::Automatic;
    const auto N = Core::PublishMode::Notify;
    const QList<Plan> plans {
        { -20, 9, 0, lumen, A, true, { S::Publishing, S::Processing, S::Published }, {} },
        { -18, 18, 30, cafe, N, true, { S::Publishing, S::SentToInbox }, {} },
        { -16, 12, 0, lumen, A, true, { S::Publishing, S::Processing, S::Published }, {} },
        { -15, 8, 15, run, A, true, { S::Held },
            QStringLiteral("The TikTok account needs to be connected again.") },
        { -13, 17, 0, cafe, A, true, { S::Publishing, S::Failed },
            QStringLiteral(
                "TikTok could not process the video: its frame rate is not supported.") },
        { -11, 10, 45, lumen, A, true, { S::Publishing, S::Processing, S::Published }, {} },
        { -9, 19, 0, cafe, A, true, { S::Cancelled }, {} },
        { -8, 7, 30, lumen, A, true, { S::Publishing, S::Processing, S::Unconfirmed },
            QStringLiteral("TikTok did not confirm the post within 2 hours: look on TikTok "
                           "before retrying.") },
        { -6, 13, 0, cafe, N, true, { S::Publishing, S::SentToInbox }, {} },
        { -5, 9, 0, lumen, A, true, { S::Publishing, S::Processing, S::Published }, {} },
        { -4, 20, 0, lumen, A, false, { S::AwaitingApproval }, {} },
        { -3, 11, 0, cafe, A, true, { S::Held },
            QStringLiteral("Missed while the computer was off; publish it late or reschedule.") },
        { -2, 16, 30, lumen, A, true, { S::Publishing, S::Processing, S::Published }, {} },
        { -1, 8, 0, cafe, A, true, { S::Publishing, S::Failed },
            QStringLiteral("TikTok says the creator cannot post now (too many posts today).") },
        { 0, 0, 5, lumen, A, true, { S::Publishing }, {} },
        { 0, 0, 10, cafe, A, true, { S::Publishing, S::Processing }, {} },
        { 0, 21, 0, lumen, A, true, {}, {} },
        { 1, 9, 30, cafe, N, true, {}, {} },
        { 1, 18, 0, lumen, A, false, {}, {} },
        { 2, 12, 0, lumen, A, true, {}, {} },
        { 3, 8, 0, cafe, A, true, {}, {} },
        { 3, 17, 45, run, A, true, {}, {} },
        { 4, 10, 0, lumen, N, true, {}, {} },
        { 6, 15, 0, cafe, A, true, {}, {} },
        { 7, 9, 0, lumen, A, true, {}, {} },
        { 8, 19, 30, cafe, A, false, {}, {} },
        { 10, 11, 0, lumen, A, true, {}, {} },
        { 12, 14, 0, cafe, N, true, {}, {} },
        { 14, 9, 0, lumen, A, true, {}, {} },
        { 16, 18, 0, cafe, A, true, {}, {} },
        { 3, 17, 45, lumen, A, true, {}, {} },
        { 3, 19, 0, cafe, A, true, {}, {} },
    };
    const QTimeZone berlin("Europe/Berlin");
    const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(berlin).date();
    int i = 0;
    for (const Plan &plan : plans) {
        Core::Post p;
        p.caption = QString::fromUtf8(kCaptions[i % std::size(kCaptions)]);
        p.videoPath = fixtures + QLatin1Char('/') + videos.at(i % videos.size());
        p.coverTimestampMs = 1000;
        p.scheduledAt =
            QDateTime(today.addDays(plan.dayOffset), QTime(plan.hour, plan.minute), berlin).toUTC();
        p.timeZoneId =
            i % 7 == 3 ? QStringLiteral("America/New_York") : QStringLiteral("Europe/Berlin");
        p.mode = plan.mode;
        p.privacyLevel = QStringLiteral("PUBLIC_TO_EVERYONE");
        p.approval = plan.approved ? Core::ApprovalState::Approved : Core::ApprovalState::None;
        Core::PostTarget t;
        t.accountId = plan.account;
        p.targets << t;
        if (i % 9 == 2) {
            Core::PostTarget second;
            second.accountId = plan.account == lumen ? cafe : lumen;
            p.targets << second;
        }
        const qint64 id = posts.add(p);
        const Core::Post stored = *posts.post(id);
        for (const Core::PostTarget &target : stored.targets) {
            S from = S::Scheduled;
            for (const S to : plan.path) {
                Core::PostStore::TargetUpdate u;
                if (to == S::Publishing) {
                    u.totalBytes = 48'000'000;
                    u.uploadedBytes = 21'000'000;
                }
                if (to == S::Published) {
                    u.tiktokPostId = QStringLiteral("73%1").arg(1000000000000000LL + id);
                }
                if (to == S::Failed || to == S::Held || to == S::Unconfirmed) {
                    u.lastError = plan.error;
                }
                posts.transition(target.id, from, to, QStringLiteral("demo"), u);
                from = to;
            }
        }
        ++i;
    }
    // Hold the publisher lease, so the window shows these states instead of publishing them.
    Core::PublisherLock lock(profile, *db, clock, QStringLiteral("bench_calendar demo"));
    if (!lock.tryAcquire(std::chrono::seconds(holdSeconds + 60))) {
        std::cerr << "could not take the publisher lease\n";
    }
    std::cout << "demo profile ready at " << dir.toStdString() << "; holding the lease "
              << holdSeconds << " s\n";
    std::cout.flush();
    QThread::sleep(static_cast<unsigned long>(holdSeconds));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    g_process.start();
    QApplication qapp(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() >= 3 && args.at(1) == QLatin1String("seed")) {
        return seed(args.at(2), args.size() > 3 ? args.at(3).toInt() : 10'000);
    }
    if (args.size() >= 3 && args.at(1) == QLatin1String("run")) {
        return run(args.at(2), args.size() > 3 ? args.at(3).toInt() : 20);
    }
    if (args.size() >= 5 && args.at(1) == QLatin1String("demo")) {
        return demo(args.at(2), args.at(3), args.at(4).toInt());
    }
    std::cerr << "usage: bench_calendar seed DIR [N] | run DIR [SWITCHES] | demo DIR FIXTURES S\n";
    return 2;
}
