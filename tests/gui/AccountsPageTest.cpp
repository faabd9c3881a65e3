// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Accounts page on the offscreen platform, with a temporary profile and the embedded
// sandbox: connecting in one click, the Sandbox label, disconnecting with a confirmation,
// errors in plain words, cancelling, and the page before TikTok is ready.
#include "views/AccountsPage.h"

#include "Application.h"
#include "FakeClock.h"
#include "MainWindow.h"
#include "SandboxServer.h"
#include "TestProfile.h"
#include "TikTokEnvironment.h"
#include "controllers/AccountsController.h"
#include "controllers/AvatarCache.h"
#include "models/AccountListModel.h"
#include "widgets/AccountRow.h"
#include "widgets/EmptyState.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/TokenStore.h"

#include <QAbstractItemModelTester>
#include <QDesktopServices>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

namespace Cuepoint::Gui {
namespace {

constexpr int kWaitMs = 20'000;

QProcessEnvironment withoutTikTokApp()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : { "CUEPOINT_TIKTOK_CLIENT_KEY", "CUEPOINT_TIKTOK_CLIENT_SECRET",
             "CUEPOINT_TIKTOK_API_BASE", "CUEPOINT_TIKTOK_AUTH_URL" }) {
        env.remove(QLatin1String(name));
    }
    return env;
}

/// Records the URLs the page asks the desktop to open, instead of starting a browser.
class UrlRecorder : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> urls;

public Q_SLOTS:
    void open(const QUrl &url) { urls << url; }
};

class AccountsPageTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_database = m_profile.openDatabase();
        m_accounts = std::make_unique<Core::AccountStore>(*m_database, m_clock);
        m_tokens = std::make_shared<Core::FileTokenStore>(m_profile.profile().tokenFilePath());
        QString error;
        m_env = Cli::TikTokEnvironment::create(
            &m_profile.profile(), nullptr, nullptr, &error, withoutTikTokApp());
        ASSERT_TRUE(m_env) << error.toStdString();
        ASSERT_TRUE(m_env->isSandbox());
        m_controller = std::make_unique<AccountsController>(*m_accounts);
        m_page = std::make_unique<AccountsPage>();
        m_page->setController(m_controller.get(), m_clock);
        m_page->resize(900, 600);
        m_page->show();
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_recorder, "open");
        QDesktopServices::setUrlHandler(QStringLiteral("https"), &m_recorder, "open");
    }
    void TearDown() override
    {
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
        QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
        m_page.reset();
        m_controller.reset();
        m_env.reset();
    }

    QPushButton *button(const char *name) const
    {
        return m_page->findChild<QPushButton *>(QLatin1String(name));
    }
    QLabel *label(const char *name) const
    {
        return m_page->findChild<QLabel *>(QLatin1String(name));
    }
    QList<AccountRow *> rows() const { return m_page->findChildren<AccountRow *>(); }
    void ready() { m_controller->setTikTok(m_env->config(), m_tokens); }
    /// Clicks Connect and waits until a row is there.
    void connectOne()
    {
        ready();
        QTest::mouseClick(button("connectButton"), Qt::LeftButton);
        ASSERT_TRUE(QTest::qWaitFor([this] { return rows().size() == 1; }, kWaitMs))
            << label("messageLabel")->text().toStdString();
        ASSERT_TRUE(QTest::qWaitFor([this] { return button("connectButton")->isEnabled(); }));
    }
    static QString rowText(const AccountRow *row, const char *name)
    {
        const auto *l = row->findChild<QLabel *>(QLatin1String(name));
        return l ? l->text() : QString();
    }

    Cuepoint::Test::TestProfile m_profile;
    Core::SystemClock m_clock;
    std::unique_ptr<Core::Database> m_database;
    std::unique_ptr<Core::AccountStore> m_accounts;
    std::shared_ptr<Core::TokenStore> m_tokens;
    std::unique_ptr<Cli::TikTokEnvironment> m_env;
    std::unique_ptr<AccountsController> m_controller;
    std::unique_ptr<AccountsPage> m_page;
    UrlRecorder m_recorder;
};

TEST_F(AccountsPageTest, ConnectIsDisabledUntilTikTokIsReady)
{
    QPushButton *connect = button("connectButton");
    ASSERT_NE(connect, nullptr);
    EXPECT_FALSE(connect->isEnabled());
    EXPECT_EQ(connect->text(), QStringLiteral("Starting…"));
    // Clicking a disabled button does nothing.
    QTest::mouseClick(connect, Qt::LeftButton);
    EXPECT_EQ(m_controller->state(), AccountsController::State::Starting);
    // No accounts yet: the empty state says what to do.
    EXPECT_TRUE(m_page->findChild<EmptyState *>()->isVisible());

    ready();
    EXPECT_TRUE(connect->isEnabled());
    EXPECT_EQ(connect->text(), QStringLiteral("Connect Sandbox account"));
    const QString intro = label("introLabel")->text();
    EXPECT_TRUE(intro.contains(QStringLiteral("nothing is sent to TikTok"))) << intro.toStdString();
    EXPECT_TRUE(intro.contains(QStringLiteral("TIKTOK-SETUP.md"))) << intro.toStdString();
    EXPECT_TRUE(AccountsPage::setupGuidePath().endsWith(QStringLiteral("docs/TIKTOK-SETUP.md")));
}

TEST_F(AccountsPageTest, UnavailableTikTokIsSaidInWords)
{
    m_controller->setUnavailable(QStringLiteral("The built-in sandbox could not start."));
    EXPECT_FALSE(button("connectButton")->isEnabled());
    EXPECT_TRUE(label("messageLabel")->isVisible());
    EXPECT_EQ(
        label("messageLabel")->text(), QStringLiteral("The built-in sandbox could not start."));
}

TEST_F(AccountsPageTest, ClickingConnectAddsASandboxRowInOneClick)
{
    QSignalSpy added(m_accounts.get(), &Core::AccountStore::accountAdded);
    ASSERT_NO_FATAL_FAILURE(connectOne());
    EXPECT_EQ(added.count(), 1);
    const AccountRow *row = rows().first();
    EXPECT_EQ(rowText(row, "accountNameLabel"), QStringLiteral("Sandbox Creator"));
    const auto *badge = row->findChild<QLabel *>(QStringLiteral("sandboxBadge"));
    ASSERT_NE(badge, nullptr);
    EXPECT_EQ(badge->text(), QStringLiteral("Sandbox"));
    EXPECT_TRUE(badge->isVisible());
    const QString details = rowText(row, "accountDetailsLabel");
    EXPECT_TRUE(details.contains(QStringLiteral("@sandbox_creator"))) << details.toStdString();
    EXPECT_TRUE(details.contains(QStringLiteral("Connected"))) << details.toStdString();
    EXPECT_TRUE(details.contains(QStringLiteral("Sign-in expires in 12 months")))
        << details.toStdString();
    EXPECT_FALSE(m_page->findChild<EmptyState *>()->isVisible());
    // No browser was needed, and the tokens are stored.
    EXPECT_TRUE(m_recorder.urls.isEmpty());
    const Core::Account account = m_accounts->accounts().first();
    EXPECT_TRUE(account.isSandbox);
    EXPECT_EQ(
        m_tokens->read(account.tokenKey()).status, Core::TokenStore::ReadResult::Status::Found);
    EXPECT_TRUE(label("messageLabel")->text().contains(QStringLiteral("Sandbox Creator")));
}

TEST_F(AccountsPageTest, DisconnectAsksThenRevokesAndMarksTheRow)
{
    ASSERT_NO_FATAL_FAILURE(connectOne());
    const Core::Account account = m_accounts->accounts().first();
    QPushButton *disconnect =
        rows().first()->findChild<QPushButton *>(QStringLiteral("disconnectButton"));
    ASSERT_NE(disconnect, nullptr);

    // Saying Cancel keeps everything.
    QTest::mouseClick(disconnect, Qt::LeftButton);
    QMessageBox *box = nullptr;
    ASSERT_TRUE(QTest::qWaitFor([&] {
        box = m_page->findChild<QMessageBox *>(QStringLiteral("disconnectConfirmation"));
        return box && box->isVisible();
    }));
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([this] {
        return !m_page->findChild<QMessageBox *>(QStringLiteral("disconnectConfirmation"));
    }));
    EXPECT_EQ(m_accounts->account(account.id)->status, Core::AccountStatus::Connected);

    // Confirmed: revoked at the sandbox, tokens gone, the row says Disconnected.
    disconnect = rows().first()->findChild<QPushButton *>(QStringLiteral("disconnectButton"));
    QTest::mouseClick(disconnect, Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&] {
        box = m_page->findChild<QMessageBox *>(QStringLiteral("disconnectConfirmation"));
        return box && box->isVisible();
    }));
    auto *confirm = box->findChild<QPushButton *>(QStringLiteral("confirmDisconnectButton"));
    ASSERT_NE(confirm, nullptr);
    QTest::mouseClick(confirm, Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return m_accounts->account(account.id)->status == Core::AccountStatus::Disconnected;
        },
        kWaitMs));
    ASSERT_TRUE(QTest::qWaitFor([this] {
        return rows().size() == 1
            && rowText(rows().first(), "accountDetailsLabel")
                   .contains(QStringLiteral("Disconnected"));
    }));
    EXPECT_EQ(
        m_tokens->read(account.tokenKey()).status, Core::TokenStore::ReadResult::Status::NotFound);
    const std::string log = m_env->sandbox()->requestLog().dump();
    EXPECT_NE(log.find("\"revoke\""), std::string::npos);

    // A disconnected profile can leave the list.
    QPushButton *remove = rows().first()->findChild<QPushButton *>(QStringLiteral("removeButton"));
    ASSERT_NE(remove, nullptr);
    QTest::mouseClick(remove, Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([this] { return rows().isEmpty(); }));
    EXPECT_TRUE(m_page->findChild<EmptyState *>()->isVisible());
}

TEST_F(AccountsPageTest, AnErrorOfTheSandboxIsShownAsASentence)
{
    m_env->sandbox()->setFaults(nlohmann::json::parse(
        R"({"api_faults": [{"endpoint": "token", "kind": "5xx", "status": 500}]})"));
    ready();
    QSignalSpy failed(m_controller.get(), &AccountsController::failed);
    QTest::mouseClick(button("connectButton"), Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&failed] { return failed.count() == 1; }, kWaitMs));
    QLabel *message = label("messageLabel");
    EXPECT_TRUE(message->isVisible());
    EXPECT_EQ(message->text(), QStringLiteral("TikTok had an internal error. Try again later."));
    EXPECT_TRUE(rows().isEmpty());
    EXPECT_TRUE(button("connectButton")->isEnabled());
    EXPECT_FALSE(m_page->findChild<QWidget *>(QStringLiteral("progressPanel"))->isVisible());
}

TEST_F(AccountsPageTest, WithTikTokTheBrowserOpensAndCancelStops)
{
    // A configured TikTok app (played by the sandbox's address, which nobody approves here).
    Core::TikTokConfig tiktok = m_env->config();
    tiktok.sandbox = false;
    m_controller->setTikTok(tiktok, m_tokens);
    QPushButton *connect = button("connectButton");
    EXPECT_EQ(connect->text(), QStringLiteral("Connect TikTok account"));
    QTest::mouseClick(connect, Qt::LeftButton);
    EXPECT_FALSE(connect->isEnabled());
    ASSERT_TRUE(QTest::qWaitFor([this] { return m_recorder.urls.size() == 1; }, kWaitMs));
    EXPECT_EQ(m_recorder.urls.first().path(), QStringLiteral("/v2/auth/authorize/"));
    auto *urlEdit = m_page->findChild<QLineEdit *>(QStringLiteral("authorizeUrlEdit"));
    ASSERT_TRUE(QTest::qWaitFor([urlEdit] { return urlEdit->isVisible(); }));
    EXPECT_EQ(QUrl(urlEdit->text()), m_recorder.urls.first());
    EXPECT_TRUE(m_page->findChild<QWidget *>(QStringLiteral("progressPanel"))->isVisible());

    QSignalSpy cancelled(m_controller.get(), &AccountsController::cancelled);
    QTest::mouseClick(button("cancelButton"), Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&cancelled] { return cancelled.count() == 1; }, kWaitMs));
    EXPECT_TRUE(connect->isEnabled());
    EXPECT_FALSE(m_page->findChild<QWidget *>(QStringLiteral("progressPanel"))->isVisible());
    EXPECT_TRUE(rows().isEmpty());
    EXPECT_TRUE(label("messageLabel")->text().contains(QStringLiteral("cancelled")));
}

// --- the model

TEST(AccountListModelTest, FollowsTheStoreAndSaysTheExpiryInWords)
{
    Cuepoint::Test::TestProfile profile;
    auto database = profile.openDatabase();
    Cuepoint::Test::FakeClock clock;
    Core::AccountStore store(*database, clock);
    AccountListModel model(store, clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(model.rowCount(), 0);

    Core::Account a = Cuepoint::Test::makeAccount(QStringLiteral("mia"));
    a.displayName = QStringLiteral("Mia  van der Berg");
    a.isSandbox = true;
    a.refreshTokenExpiresAt = clock.nowUtc().addDays(365);
    a.id = store.save(a);
    ASSERT_EQ(model.rowCount(), 1);
    const QModelIndex row = model.index(0);
    EXPECT_EQ(row.data().toString(), QStringLiteral("Mia  van der Berg"));
    EXPECT_EQ(row.data(AccountListModel::InitialsRole).toString(), QStringLiteral("MV"));
    EXPECT_EQ(row.data(AccountListModel::UsernameRole).toString(), QStringLiteral("@mia"));
    EXPECT_TRUE(row.data(AccountListModel::IsSandboxRole).toBool());
    EXPECT_EQ(row.data(AccountListModel::StatusTextRole).toString(), QStringLiteral("Connected"));
    EXPECT_EQ(row.data(AccountListModel::ExpiryTextRole).toString(),
        QStringLiteral("Sign-in expires in 12 months"));

    clock.advance(std::chrono::hours(24 * 368));
    model.reload();
    EXPECT_EQ(model.index(0).data(AccountListModel::StatusTextRole).toString(),
        QStringLiteral("Reconnect needed"));
    EXPECT_EQ(model.index(0).data(AccountListModel::ExpiryTextRole).toString(),
        QStringLiteral("Sign-in expired 3 days ago"));

    store.setStatus(a.id, Core::AccountStatus::Disconnected);
    EXPECT_EQ(model.index(0).data(AccountListModel::StatusTextRole).toString(),
        QStringLiteral("Disconnected"));
    EXPECT_TRUE(model.index(0).data(AccountListModel::ExpiryTextRole).toString().isEmpty());
    store.remove(a.id);
    EXPECT_EQ(model.rowCount(), 0);

    EXPECT_EQ(AccountListModel::durationInWords(30), QStringLiteral("less than a minute"));
    EXPECT_EQ(AccountListModel::durationInWords(60), QStringLiteral("1 minute"));
    EXPECT_EQ(AccountListModel::durationInWords(5 * 3600), QStringLiteral("5 hours"));
    EXPECT_EQ(AccountListModel::durationInWords(-3 * 86400), QStringLiteral("3 days"));
    EXPECT_EQ(AccountListModel::initialsOf(QString()), QStringLiteral("?"));
}

// --- in the window

TEST(AccountsWindowTest, TheWindowOffersTheSandboxOnceTikTokIsReady)
{
    qunsetenv("CUEPOINT_TIKTOK_CLIENT_KEY");
    Cuepoint::Test::TestProfile profile;
    App::Application app;
    app.setErrorPresenter([](const QString &title, const QString &text) {
        ADD_FAILURE() << title.toStdString() << ": " << text.toStdString();
    });
    ASSERT_EQ(app.start({ QStringLiteral("cuepoint"), QStringLiteral("--profile"),
                  profile.profile().rootDir() }),
        std::nullopt);
    AccountsPage *page = app.window()->accountsPage();
    ASSERT_NE(page, nullptr);
    auto *connect = page->findChild<QPushButton *>(QStringLiteral("connectButton"));
    // The environment starts after the window shows.
    EXPECT_FALSE(connect->isEnabled());
    EXPECT_EQ(connect->text(), QStringLiteral("Starting…"));
    ASSERT_TRUE(QTest::qWaitFor([connect] { return connect->isEnabled(); }, kWaitMs));
    EXPECT_EQ(connect->text(), QStringLiteral("Connect Sandbox account"));

    app.window()->showPage(MainWindow::Page::Accounts);
    QTest::mouseClick(connect, Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor(
        [page] { return page->findChildren<AccountRow *>().size() == 1; }, kWaitMs));
    EXPECT_NE(page->findChild<QLabel *>(QStringLiteral("sandboxBadge")), nullptr);
}

TEST_F(AccountsPageTest, RowShowsTheProfilePictureOnceReady)
{
    connectOne();
    const QList<Core::Account> accounts = m_accounts->accounts();
    ASSERT_EQ(accounts.size(), 1);
    ASSERT_TRUE(accounts.first().avatarUrl.contains(QStringLiteral("/_sandbox/avatar/")))
        << accounts.first().avatarUrl.toStdString();
    InitialsAvatar *before = rows().first()->avatarWidget();
    ASSERT_FALSE(before->hasPicture());
    const QImage initials = before->grab().toImage();
    const QPoint centre(initials.width() / 2, initials.height() / 2);

    AvatarCache avatars(
        m_profile.profile().cacheDir() + QStringLiteral("/avatars"), m_accounts.get());
    m_page->setAvatarCache(&avatars);
    ASSERT_TRUE(QTest::qWaitFor(
        [this] { return rows().size() == 1 && rows().first()->avatarWidget()->hasPicture(); },
        kWaitMs));
    // The sandbox's avatar is one colour: the row's centre shows it instead of the initials.
    const QRgb expected = avatars.image(accounts.first().id).pixel(64, 64);
    ASSERT_EQ(qAlpha(expected), 255);
    const QImage picture = rows().first()->avatarWidget()->grab().toImage();
    const QRgb shown = picture.pixel(centre);
    EXPECT_LE(qAbs(qRed(shown) - qRed(expected)), 2) << std::hex << shown << " " << expected;
    EXPECT_LE(qAbs(qGreen(shown) - qGreen(expected)), 2);
    EXPECT_LE(qAbs(qBlue(shown) - qBlue(expected)), 2);
    EXPECT_NE(initials.pixel(centre), shown);
    // The corner stays the list's background: the picture is round.
    EXPECT_NE(picture.pixel(1, 1), shown);

    // Rows made again (a change of the list) take the picture from the cache at once.
    m_accounts->setStatus(accounts.first().id, Core::AccountStatus::Connected);
    ASSERT_EQ(rows().size(), 1);
    EXPECT_TRUE(rows().first()->avatarWidget()->hasPicture());
    m_page->setAvatarCache(nullptr);
    EXPECT_FALSE(rows().first()->avatarWidget()->hasPicture());
}

} // namespace
} // namespace Cuepoint::Gui

#include "AccountsPageTest.moc"
