// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Review links in the window, on a real profile (SQLite file) and the offscreen platform: the
// share dialog stores a link with the chosen profiles, days and expiry (and only the token's
// hash), the list revokes after asking, reviewers' answers written by another connection (as the
// review server writes them) show on the card and in the details, escaped, and the Settings
// page's "Local network" choice warns and stores the address.
#include "Application.h"
#include "FakeClock.h"
#include "MainWindow.h"
#include "ModelTesterWarnings.h"
#include "TestProfile.h"
#include "controllers/CalendarLoader.h"
#include "controllers/ReviewHost.h"
#include "dialogs/ReviewLinksDialog.h"
#include "dialogs/ShareDialog.h"
#include "models/CalendarModel.h"
#include "models/ReviewLinksModel.h"
#include "views/PostDetailsHtml.h"
#include "views/ReviewServerSettings.h"
#include "views/SchedulePage.h"
#include "views/SettingsPage.h"

#include "cuepoint/core/review/ReviewLinks.h"
#include "cuepoint/core/review/ReviewToken.h"
#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/storage/ReviewStore.h"
#include "cuepoint/core/support/Settings.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

#include <gtest/gtest.h>

using namespace Cuepoint;
using namespace Cuepoint::Gui;

namespace {

constexpr int kWaitMs = 10'000;

QDateTime utc(int y, int m, int d, int h = 0, int min = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min), Qt::UTC);
}

class ReviewLinksGuiTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_db = m_profile.openDatabase();
        m_accounts = std::make_unique<Core::AccountStore>(*m_db, m_clock);
        m_posts = std::make_unique<Core::PostStore>(*m_db, m_clock);
        m_reviews = std::make_unique<Core::ReviewStore>(*m_db, m_clock);
        m_studio = m_accounts->save(Cuepoint::Test::makeAccount(QStringLiteral("studio")));
        m_brand = m_accounts->save(Cuepoint::Test::makeAccount(QStringLiteral("brand")));
        Core::Account gone = Cuepoint::Test::makeAccount(QStringLiteral("gone"));
        gone.status = Core::AccountStatus::ReconnectNeeded;
        m_gone = m_accounts->save(gone);
        m_host = std::make_unique<ReviewHost>(m_db->path(), &m_clock);
        // Any free port, should a real server start.
        m_host->setServerOptions({ QStringLiteral("127.0.0.1"), 0 });
    }

    void TearDown() override
    {
        m_page.reset();
        m_host.reset();
    }

    Core::ReviewShareRequest requestFor(const QList<qint64> &accounts)
    {
        Core::ReviewShareRequest r;
        r.accountIds = accounts;
        r.from = utc(2026, 3, 1);
        r.to = utc(2026, 3, 15);
        r.label = QStringLiteral("March");
        return r;
    }

    Cuepoint::Test::TestProfile m_profile;
    Cuepoint::Test::FakeClock m_clock { utc(2026, 3, 2, 10, 0) };
    std::unique_ptr<Core::Database> m_db;
    std::unique_ptr<Core::AccountStore> m_accounts;
    std::unique_ptr<Core::PostStore> m_posts;
    std::unique_ptr<Core::ReviewStore> m_reviews;
    std::unique_ptr<ReviewHost> m_host;
    std::unique_ptr<SchedulePage> m_page;
    qint64 m_studio = 0;
    qint64 m_brand = 0;
    qint64 m_gone = 0;
};

using Cuepoint::Test::TesterWarnings;

QListWidgetItem *itemFor(QListWidget *list, qint64 accountId)
{
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->data(Qt::UserRole).toLongLong() == accountId) {
            return list->item(i);
        }
    }
    return nullptr;
}

TEST_F(ReviewLinksGuiTest, TheShareDialogStartsOnTheNextTwoWeeksOfTheDisplayZone)
{
    // 23:30 UTC on 2 March is already 3 March in Berlin.
    m_clock.set(utc(2026, 3, 2, 23, 30));
    ShareDialog dialog(m_host.get(), QTimeZone("Europe/Berlin"), m_clock.nowUtc());
    EXPECT_EQ(
        dialog.findChild<QDateEdit *>(QStringLiteral("fromDateEdit"))->date(), QDate(2026, 3, 3));
    EXPECT_EQ(
        dialog.findChild<QDateEdit *>(QStringLiteral("toDateEdit"))->date(), QDate(2026, 3, 17));
    EXPECT_EQ(dialog.findChild<QSpinBox *>(QStringLiteral("expirySpinBox"))->value(), 14);
    EXPECT_EQ(dialog.findChild<QSpinBox *>(QStringLiteral("expirySpinBox"))->minimum(), 1);
    EXPECT_EQ(dialog.findChild<QSpinBox *>(QStringLiteral("expirySpinBox"))->maximum(), 365);
    // The whole days, in UTC: from Berlin's midnight of the first to that after the last.
    const Core::ReviewShareRequest r = dialog.request();
    EXPECT_EQ(r.from, utc(2026, 3, 2, 23, 0));
    EXPECT_EQ(r.to, utc(2026, 3, 17, 23, 0));
}

TEST_F(ReviewLinksGuiTest, TheShareDialogCreatesTheLinkAndStoresOnlyTheTokensHash)
{
    ShareDialog dialog(m_host.get(), QTimeZone("Europe/Berlin"), m_clock.nowUtc());
    dialog.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.accountsLoaded(); }, kWaitMs));
    auto *list = dialog.findChild<QListWidget *>(QStringLiteral("accountsListWidget"));
    auto *create = dialog.findChild<QPushButton *>(QStringLiteral("createButton"));
    // Connected profiles only, none chosen yet: nothing to create.
    EXPECT_NE(itemFor(list, m_studio), nullptr);
    EXPECT_NE(itemFor(list, m_brand), nullptr);
    EXPECT_EQ(itemFor(list, m_gone), nullptr);
    EXPECT_FALSE(create->isEnabled());

    itemFor(list, m_studio)->setCheckState(Qt::Checked);
    itemFor(list, m_brand)->setCheckState(Qt::Checked);
    dialog.findChild<QDateEdit *>(QStringLiteral("fromDateEdit"))->setDate(QDate(2026, 3, 5));
    dialog.findChild<QDateEdit *>(QStringLiteral("toDateEdit"))->setDate(QDate(2026, 3, 31));
    dialog.findChild<QSpinBox *>(QStringLiteral("expirySpinBox"))->setValue(30);
    QTest::keyClicks(
        dialog.findChild<QLineEdit *>(QStringLiteral("labelLineEdit")), QStringLiteral("ACME"));
    ASSERT_TRUE(create->isEnabled());
    QSignalSpy created(&dialog, &ShareDialog::linkCreated);
    QTest::mouseClick(create, Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&] { return created.count() == 1; }, kWaitMs));

    const QString url = dialog.linkText();
    const qsizetype at = url.indexOf(QStringLiteral("/r/"));
    ASSERT_GT(at, 0) << url.toStdString();
    EXPECT_TRUE(url.startsWith(QStringLiteral("http://")));
    const QString token = url.mid(at + 3);
    ASSERT_TRUE(Core::isWellFormedReviewToken(token)) << url.toStdString();
    EXPECT_FALSE(dialog.findChild<QWidget *>(QStringLiteral("resultWidget"))->isHidden());

    // In the SQLite file, through another connection: the scope, the days in UTC (Berlin is
    // UTC+1 in March until the 29th, UTC+2 after), the life, and the hash.
    const QList<Core::ReviewLink> links = m_reviews->links();
    ASSERT_EQ(links.size(), 1);
    const Core::ReviewLink &link = links.first();
    QList<qint64> ids = link.accountIds;
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids, QList<qint64>({ m_studio, m_brand }));
    EXPECT_EQ(link.rangeFrom, utc(2026, 3, 4, 23, 0));
    EXPECT_EQ(link.rangeTo, utc(2026, 3, 31, 22, 0));
    EXPECT_EQ(link.expiresAt, m_clock.nowUtc().addDays(30));
    EXPECT_EQ(link.label, QStringLiteral("ACME"));
    EXPECT_EQ(link.tokenHash, Core::reviewTokenHash(token));
    // The token itself is nowhere in the table.
    QSqlQuery all(QSqlDatabase::database(m_db->connectionName()));
    ASSERT_TRUE(all.exec(QStringLiteral("SELECT * FROM review_links")));
    while (all.next()) {
        for (int i = 0; i < all.record().count(); ++i) {
            EXPECT_FALSE(all.value(i).toString().contains(token)) << i;
        }
    }

    QTest::mouseClick(
        dialog.findChild<QPushButton *>(QStringLiteral("copyButton")), Qt::LeftButton);
    EXPECT_EQ(QGuiApplication::clipboard()->text(), url);
}

TEST_F(ReviewLinksGuiTest, TheListShowsEachLinksStateAndRevokesAfterAsking)
{
    QString error;
    const auto kept = Core::createReviewLink(*m_reviews, m_clock, requestFor({ m_studio }), &error);
    ASSERT_TRUE(kept) << error.toStdString();
    Core::ReviewShareRequest shortOne = requestFor({ m_brand });
    shortOne.expiresInDays = 1;
    shortOne.label = QStringLiteral("Short");
    ASSERT_TRUE(Core::createReviewLink(*m_reviews, m_clock, shortOne, &error));
    m_clock.advance(std::chrono::hours(25)); // the short one has expired

    TesterWarnings warnings;
    ReviewLinksDialog dialog(m_host.get(), QTimeZone("Europe/Berlin"));
    QAbstractItemModelTester tester(
        dialog.model(), QAbstractItemModelTester::FailureReportingMode::Warning);
    QSignalSpy loaded(&dialog, &ReviewLinksDialog::loaded);
    dialog.show();
    ASSERT_TRUE(QTest::qWaitFor([&] { return loaded.count() >= 1; }, kWaitMs));
    ReviewLinksModel *model = dialog.model();
    ASSERT_EQ(model->rowCount(), 2);
    int keptRow = model->link(0).id == kept->link.id ? 0 : 1;
    EXPECT_EQ(model->state(keptRow), ReviewLinksModel::State::Active);
    EXPECT_EQ(model->state(1 - keptRow), ReviewLinksModel::State::Expired);
    EXPECT_EQ(model->index(keptRow, ReviewLinksModel::LastUsedColumn).data().toString(),
        QStringLiteral("never"));
    EXPECT_EQ(model->index(keptRow, ReviewLinksModel::ProfilesColumn).data().toString(),
        QStringLiteral("@studio"));
    EXPECT_EQ(model->index(keptRow, ReviewLinksModel::LabelColumn).data().toString(),
        QStringLiteral("March"));

    // A reviewer opens the link (the server marks it used on its connection and says so).
    Core::ReviewStore(*m_profile.openDatabase(), m_clock).markUsed(kept->link.id);
    Q_EMIT m_host->linkUsed(kept->link.id);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const int row = model->link(0).id == kept->link.id ? 0 : 1;
            return model->index(row, ReviewLinksModel::LastUsedColumn).data().toString()
                != QStringLiteral("never");
        },
        kWaitMs));
    keptRow = model->link(0).id == kept->link.id ? 0 : 1;

    dialog.view()->selectRow(keptRow);
    auto *revoke = dialog.findChild<QPushButton *>(QStringLiteral("revokeButton"));
    ASSERT_TRUE(revoke->isEnabled());
    // "Cancel" leaves it alone (the question is asked before anything is queued).
    QStringList asked;
    dialog.setConfirmer([&asked](QWidget *, const QString &label) {
        asked << label;
        return false;
    });
    QTest::mouseClick(revoke, Qt::LeftButton);
    EXPECT_EQ(asked, QStringList({ QStringLiteral("March") }));
    EXPECT_TRUE(revoke->isEnabled());

    dialog.setConfirmer([](QWidget *, const QString &) { return true; });
    QTest::mouseClick(revoke, Qt::LeftButton);
    // The list reloads once the revocation is written.
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const int row = model->link(0).id == kept->link.id ? 0 : 1;
            return model->state(row) == ReviewLinksModel::State::Revoked;
        },
        kWaitMs));
    const auto stored = m_reviews->link(kept->link.id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->revokedAt, m_clock.nowUtc());
    // No usable link remains: the server is off, and says nothing is wrong.
    EXPECT_FALSE(m_host->isServerRunning());
    EXPECT_TRUE(m_host->serverProblem().isEmpty());
}

TEST_F(ReviewLinksGuiTest, ReviewersAnswersShowOnTheCardAndInTheDetailsEscaped)
{
    auto settings = std::make_unique<Core::Settings>(m_profile.profile().settingsPath());
    settings->setValue(Core::Settings::DisplayTimeZone, QStringLiteral("Europe/Berlin"));
    settings->setValue(Core::Settings::ApprovalRequired, true);
    const QString video = m_profile.path(QStringLiteral("clip.mp4"));
    QFile file(video);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("not really a video, but it exists");
    file.close();
    Core::Post post = Cuepoint::Test::makePost(utc(2026, 3, 10, 8, 15), { m_studio });
    post.videoPath = video;
    post.timeZoneId = QStringLiteral("Europe/Berlin");
    const qint64 postId = m_posts->add(post);
    QString error;
    const auto link = Core::createReviewLink(*m_reviews, m_clock, requestFor({ m_studio }), &error);
    ASSERT_TRUE(link) << error.toStdString();

    m_page = std::make_unique<SchedulePage>();
    m_page->resize(1100, 700);
    m_page->setServices(
        { settings.get(), &m_clock, m_db->path(), m_profile.profile().cacheDir(), {} });
    m_page->setReviewHost(m_host.get());
    m_page->show();
    ASSERT_TRUE(QTest::qWaitFor([this] { return m_page->isLoaded(); }, kWaitMs));
    const auto card = [this, postId] { return m_page->currentModel()->card(postId); };
    ASSERT_TRUE(card());
    EXPECT_EQ(card()->status(), CardStatus::Scheduled);
    EXPECT_FALSE(card()->readyToPublish()); // approval required, none given

    // What the review server does for "request changes", on its own connection.
    const QString hostileName = QStringLiteral("Zo\u00eb <script>alert(1)</script>");
    const QString hostileComment = QStringLiteral("<b>Too loud</b> & \"fast\"");
    QSignalSpy arrived(m_host.get(), &ReviewHost::feedbackArrived);
    {
        auto other = m_profile.openDatabase();
        Core::ReviewStore reviews(*other, m_clock);
        Core::PostStore posts(*other, m_clock);
        Core::ReviewFeedback f;
        f.postId = postId;
        f.linkId = link->link.id;
        f.reviewerName = hostileName;
        f.decision = Core::ReviewDecision::ChangesRequested;
        f.comment = hostileComment;
        const qint64 feedbackId = reviews.addFeedback(f);
        posts.setApproval(postId, Core::ApprovalState::ChangesRequested);
        Q_EMIT m_host->feedbackReceived(postId, feedbackId); // as the in-app server says it
    }
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return card() && card()->status() == CardStatus::NeedsAttention; }, kWaitMs));
    EXPECT_EQ(card()->reviewerName, hostileName);
    // What the notification is made of, read on the host's thread.
    ASSERT_TRUE(QTest::qWaitFor([&] { return arrived.count() == 1; }, kWaitMs));
    const auto notice = arrived.first().first().value<ReviewNotice>();
    EXPECT_EQ(notice.postId, postId);
    EXPECT_EQ(notice.reviewerName, hostileName);
    EXPECT_EQ(notice.decision, Core::ReviewDecision::ChangesRequested);
    EXPECT_EQ(notice.comment, hostileComment);
    EXPECT_EQ(notice.postAt, utc(2026, 3, 10, 8, 15));
    EXPECT_EQ(card()->problem(),
        QStringLiteral("%1 asked for changes: %2").arg(hostileName, hostileComment));
    const QString tip = card()->toolTip(QTimeZone("Europe/Berlin"));
    EXPECT_FALSE(tip.contains(QStringLiteral("<script>")));
    EXPECT_FALSE(tip.contains(QStringLiteral("<b>Too loud")));
    EXPECT_TRUE(tip.contains(QStringLiteral("Zo\u00eb &lt;script&gt;alert(1)&lt;/script&gt;")));
    EXPECT_TRUE(tip.contains(QStringLiteral("&lt;b&gt;Too loud&lt;/b&gt; &amp; &quot;fast&quot;")));

    // The details panel lists it, as text.
    m_page->selectPost(postId);
    auto *details = m_page->findChild<QTextBrowser *>(QStringLiteral("detailsTextBrowser"));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return details->toPlainText().contains(QStringLiteral("Changes requested")); },
        kWaitMs));
    EXPECT_TRUE(details->toPlainText().contains(hostileName));
    EXPECT_TRUE(details->toPlainText().contains(hostileComment));
    QSignalSpy detailsLoaded(m_page->loader(), &CalendarLoader::detailsLoaded);
    m_page->loader()->loadDetails(postId);
    ASSERT_TRUE(QTest::qWaitFor([&] { return detailsLoaded.count() == 1; }, kWaitMs));
    const auto loaded = detailsLoaded.first().at(1).value<PostDetails>();
    ASSERT_EQ(loaded.feedback.size(), 1);
    const QString html = postDetailsHtml(loaded, QTimeZone("Europe/Berlin"));
    EXPECT_FALSE(html.contains(QStringLiteral("<script>")));
    EXPECT_FALSE(html.contains(QStringLiteral("<b>Too loud")));
    EXPECT_TRUE(html.contains(QStringLiteral("Zo\u00eb &lt;script&gt;")));

    // Then another reviewer approves: the card is ready to go out by itself.
    {
        auto other = m_profile.openDatabase();
        Core::ReviewStore reviews(*other, m_clock);
        Core::PostStore posts(*other, m_clock);
        Core::ReviewFeedback f;
        f.postId = postId;
        f.linkId = link->link.id;
        f.reviewerName = QStringLiteral("Ana");
        f.decision = Core::ReviewDecision::Approved;
        const qint64 feedbackId = reviews.addFeedback(f);
        posts.approve(postId, QStringLiteral("approved by Ana through a review link"));
        Q_EMIT m_host->feedbackReceived(postId, feedbackId);
    }
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return card() && card()->approval == Core::ApprovalState::Approved; }, kWaitMs));
    EXPECT_EQ(card()->status(), CardStatus::Scheduled);
    EXPECT_TRUE(card()->readyToPublish());
    EXPECT_EQ(card()->reviewerName, QStringLiteral("Ana"));
    EXPECT_TRUE(
        card()->toolTip(QTimeZone("Europe/Berlin")).contains(QStringLiteral("Approved by Ana")));
}

TEST_F(ReviewLinksGuiTest, TheWindowSaysWhoAskedForChangesAndShowsItOnTheCard)
{
    m_host.reset(); // the application makes its own
    // The application runs on the system's clock: a post a little ahead, not yet due.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime at = now.addSecs(180);
    Core::Post post = Cuepoint::Test::makePost(at, { m_studio });
    post.videoPath =
        QStringLiteral(CUEPOINT_FIXTURES_DIR "/ok_3s.mp4"); // (a missing video is amber)
    const qint64 postId = m_posts->add(post);
    App::Application app;
    QStringList errors;
    app.setErrorPresenter([&errors](const QString &title, const QString &text) {
        errors << title + QStringLiteral(": ") + text;
    });
    app.setTrayAvailability([] { return false; });
    struct Shown
    {
        QString title;
        QString body;
        bool problem;
    };
    QList<Shown> shown;
    app.setNotificationPresenter([&shown](const QString &title, const QString &body, bool problem) {
        shown.append({ title, body, problem });
    });
    ASSERT_EQ(app.start({ QStringLiteral("cuepoint"), QStringLiteral("--profile"),
                  m_profile.profile().rootDir() }),
        std::nullopt)
        << errors.join(QLatin1Char('\n')).toStdString();
    ASSERT_NE(app.reviewHost(), nullptr);
    SchedulePage *page = app.window()->schedulePage();
    ASSERT_TRUE(QTest::qWaitFor([page] { return page->isLoaded(); }, kWaitMs));
    if (at.toLocalTime().date().month() != now.toLocalTime().date().month()) {
        page->goNext(); // the last minutes of a month
    }
    ASSERT_TRUE(QTest::qWaitFor([&] { return page->shownCard(postId).has_value(); }, kWaitMs));
    EXPECT_EQ(page->shownCard(postId)->status(), CardStatus::Scheduled);

    qint64 feedbackId = 0;
    {
        auto other = m_profile.openDatabase();
        Core::ReviewStore reviews(*other, m_clock);
        Core::PostStore posts(*other, m_clock);
        Core::ReviewFeedback f;
        f.postId = postId;
        f.reviewerName = QStringLiteral("Zo\u00eb");
        f.decision = Core::ReviewDecision::ChangesRequested;
        f.comment = QStringLiteral("The logo is cut off.");
        feedbackId = reviews.addFeedback(f);
        posts.setApproval(postId, Core::ApprovalState::ChangesRequested);
    }
    Q_EMIT app.reviewHost()->feedbackReceived(postId, feedbackId);
    ASSERT_TRUE(QTest::qWaitFor([&] { return shown.size() == 1; }, kWaitMs));
    EXPECT_TRUE(
        shown.first().title.startsWith(QStringLiteral("Zo\u00eb asked for changes on the post of")))
        << shown.first().title.toStdString();
    EXPECT_EQ(shown.first().body, QStringLiteral("The logo is cut off."));
    EXPECT_TRUE(shown.first().problem);
    EXPECT_TRUE(app.window()->statusBar()->currentMessage().contains(
        QStringLiteral("Zo\u00eb asked for changes")));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            const auto card = page->shownCard(postId);
            return card && card->status() == CardStatus::NeedsAttention;
        },
        kWaitMs));
}

TEST_F(ReviewLinksGuiTest, TheSettingsPageWarnsAboutTheLocalNetworkAndStoresTheAddress)
{
    Core::Settings settings(m_profile.profile().settingsPath());
    SettingsPage page(ProfileFacts::of(m_profile.profile(), *m_db));
    page.setEnvironment(QProcessEnvironment());
    page.setSettings(&settings);
    page.show();
    ReviewServerSettings *box = page.reviewSettings();
    auto *local = box->findChild<QRadioButton *>(QStringLiteral("reviewLocalRadioButton"));
    auto *lan = box->findChild<QRadioButton *>(QStringLiteral("reviewLanRadioButton"));
    auto *address = box->findChild<QLineEdit *>(QStringLiteral("reviewAddressLineEdit"));
    auto *warning = box->findChild<QLabel *>(QStringLiteral("reviewLanWarningLabel"));
    auto *addressError = box->findChild<QLabel *>(QStringLiteral("reviewAddressErrorLabel"));
    auto *port = box->findChild<QSpinBox *>(QStringLiteral("reviewPortSpinBox"));
    ASSERT_TRUE(local && lan && address && warning && addressError && port);
    EXPECT_TRUE(local->isChecked());
    EXPECT_TRUE(warning->isHidden());
    EXPECT_FALSE(address->isEnabled());
    EXPECT_EQ(port->value(), static_cast<int>(Core::kDefaultReviewPort));

    QSignalSpy changed(box, &ReviewServerSettings::serverSettingsChanged);
    QTest::mouseClick(lan, Qt::LeftButton);
    EXPECT_FALSE(warning->isHidden());
    EXPECT_TRUE(warning->text().contains(QStringLiteral("Anyone on the same network")));
    EXPECT_EQ(settings.reviewBindAddress(), QStringLiteral("0.0.0.0"));
    EXPECT_EQ(changed.count(), 1);

    address->setText(QStringLiteral("192.168.1.20"));
    Q_EMIT address->editingFinished();
    EXPECT_EQ(Core::Settings(m_profile.profile().settingsPath()).reviewBindAddress(),
        QStringLiteral("192.168.1.20"));
    address->setText(QStringLiteral("my laptop"));
    Q_EMIT address->editingFinished();
    EXPECT_FALSE(addressError->isHidden());
    EXPECT_EQ(settings.reviewBindAddress(), QStringLiteral("192.168.1.20"));

    port->setValue(9123);
    Q_EMIT port->editingFinished();
    EXPECT_EQ(settings.reviewPort(), 9123);

    QTest::mouseClick(local, Qt::LeftButton);
    EXPECT_TRUE(warning->isHidden());
    EXPECT_EQ(settings.reviewBindAddress(), QStringLiteral("127.0.0.1"));
    EXPECT_EQ(changed.count(), 4);

    // Shown as stored when the page opens again.
    settings.setReviewBindAddress(QStringLiteral("0.0.0.0"));
    SettingsPage again(ProfileFacts::of(m_profile.profile(), *m_db));
    again.setEnvironment(QProcessEnvironment());
    again.setSettings(&settings);
    auto *lanAgain =
        again.reviewSettings()->findChild<QRadioButton *>(QStringLiteral("reviewLanRadioButton"));
    EXPECT_TRUE(lanAgain->isChecked());
    EXPECT_FALSE(again.reviewSettings()
                     ->findChild<QLabel *>(QStringLiteral("reviewLanWarningLabel"))
                     ->isHidden());
}

} // namespace
