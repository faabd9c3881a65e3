// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The settings page edits the profile's settings file, keeps the TikTok client secret in the
// token store (never in settings.ini or the log), refuses bad input with a sentence and keeps
// what was typed.
#include "views/SettingsPage.h"

#include "ProfileFacts.h"
#include "TestProfile.h"

#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/support/Settings.h"
#include "cuepoint/core/support/TokenStore.h"
#include "cuepoint/core/tiktok/TikTokConfig.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <gtest/gtest.h>

namespace Cuepoint::Gui {
namespace {

constexpr int kWaitMs = 10'000;
const QByteArray kSecret = QByteArrayLiteral("s3cr3t-Value-0123456789abcdefXYZ");

/// Every message logged while it lives, to prove the secret never reaches a log.
class LogCapture
{
public:
    LogCapture()
    {
        s_lines.clear();
        m_previous = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &,
                                                const QString &message) { s_lines << message; });
    }
    ~LogCapture() { qInstallMessageHandler(m_previous); }
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;
    static QString text() { return s_lines.join(QLatin1Char('\n')); }

private:
    static inline QStringList s_lines;
    QtMessageHandler m_previous = nullptr;
};

class SettingsPageTest : public ::testing::Test
{
protected:
    SettingsPageTest()
    {
        m_page.setEnvironment(QProcessEnvironment()); // no CUEPOINT_TIKTOK_* from the caller
        m_page.setSettings(&m_settings);
    }

    template<typename T> T *field(const char *name) const
    {
        T *widget = m_page.findChild<T *>(QLatin1String(name));
        EXPECT_NE(widget, nullptr) << name;
        return widget;
    }
    QString text(const char *label) const { return field<QLabel>(label)->text(); }
    /// The settings as a fresh reader of the file sees them.
    std::unique_ptr<Core::Settings> reread() const
    {
        return std::make_unique<Core::Settings>(m_profile.profile().settingsPath());
    }
    QByteArray settingsFileBytes() const
    {
        QFile file(m_profile.profile().settingsPath());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    void giveTokenStore()
    {
        m_page.setTokenStore(m_tokens);
        auto *save = field<QPushButton>("saveTikTokAppButton");
        ASSERT_TRUE(QTest::qWaitFor([save] { return save->isEnabled(); }, kWaitMs));
    }
    void typeTimeZone(const QString &typed)
    {
        // setText, not key clicks: the completer's popup would take the Return key.
        QLineEdit *edit = field<QComboBox>("timeZoneComboBox")->lineEdit();
        edit->setText(typed);
        QTest::keyClick(edit, Qt::Key_Return);
    }

    Cuepoint::Test::TestProfile m_profile;
    std::unique_ptr<Core::Database> m_database = m_profile.openDatabase();
    Core::Settings m_settings { m_profile.profile().settingsPath() };
    std::shared_ptr<Core::TokenStore> m_tokens =
        std::make_shared<Core::FileTokenStore>(m_profile.profile().tokenFilePath());
    SettingsPage m_page { ProfileFacts::of(m_profile.profile(), *m_database) };
};

TEST_F(SettingsPageTest, ShowsTheStoredValues)
{
    m_settings.setValue(Core::Settings::ApprovalRequired, true);
    m_settings.setValue(Core::Settings::GracePeriodMinutes, 45);
    m_settings.setValue(Core::Settings::DesktopNotifications, false);
    m_settings.setValue(Core::Settings::DisplayTimeZone, QStringLiteral("America/New_York"));
    m_settings.setValue(Core::Settings::TikTokClientKey, QStringLiteral("awkey1234"));
    SettingsPage page(ProfileFacts::of(m_profile.profile(), *m_database));
    page.setSettings(&m_settings);
    EXPECT_TRUE(
        page.findChild<QCheckBox *>(QStringLiteral("approvalRequiredCheckBox"))->isChecked());
    EXPECT_EQ(page.findChild<QSpinBox *>(QStringLiteral("gracePeriodSpinBox"))->value(), 45);
    EXPECT_FALSE(page.findChild<QCheckBox *>(QStringLiteral("notificationsCheckBox"))->isChecked());
    EXPECT_EQ(page.findChild<QComboBox *>(QStringLiteral("timeZoneComboBox"))->currentData(),
        QStringLiteral("America/New_York"));
    EXPECT_EQ(page.findChild<QLineEdit *>(QStringLiteral("clientKeyLineEdit"))->text(),
        QStringLiteral("awkey1234"));
}

TEST_F(SettingsPageTest, EachSettingIsWrittenToTheFileAtOnce)
{
    QSignalSpy policy(&m_page, &SettingsPage::publishingPolicyChanged);
    QSignalSpy notifications(&m_page, &SettingsPage::notificationsChanged);

    QTest::mouseClick(field<QCheckBox>("approvalRequiredCheckBox"), Qt::LeftButton);
    EXPECT_TRUE(reread()->value(Core::Settings::ApprovalRequired));
    EXPECT_EQ(policy.count(), 1);

    QSpinBox *grace = field<QSpinBox>("gracePeriodSpinBox");
    grace->selectAll();
    QTest::keyClicks(grace, QStringLiteral("30"));
    QTest::keyClick(grace, Qt::Key_Return);
    EXPECT_EQ(reread()->value(Core::Settings::GracePeriodMinutes), 30);
    EXPECT_EQ(policy.count(), 2);

    QTest::mouseClick(field<QCheckBox>("notificationsCheckBox"), Qt::LeftButton);
    EXPECT_FALSE(reread()->value(Core::Settings::DesktopNotifications));
    ASSERT_EQ(notifications.count(), 1);
    EXPECT_EQ(notifications.first().first().toBool(), false);

    // The page shows the same values after a restart.
    SettingsPage again(ProfileFacts::of(m_profile.profile(), *m_database));
    auto settings = reread();
    again.setSettings(settings.get());
    EXPECT_TRUE(
        again.findChild<QCheckBox *>(QStringLiteral("approvalRequiredCheckBox"))->isChecked());
    EXPECT_EQ(again.findChild<QSpinBox *>(QStringLiteral("gracePeriodSpinBox"))->value(), 30);
    EXPECT_FALSE(
        again.findChild<QCheckBox *>(QStringLiteral("notificationsCheckBox"))->isChecked());
}

TEST_F(SettingsPageTest, TheGracePeriodIsAtLeastAMinute)
{
    QSpinBox *grace = field<QSpinBox>("gracePeriodSpinBox");
    grace->selectAll();
    QTest::keyClicks(grace, QStringLiteral("-5"));
    QTest::keyClick(grace, Qt::Key_Return);
    EXPECT_GE(grace->value(), 1);
    EXPECT_GE(reread()->value(Core::Settings::GracePeriodMinutes), 1);
    // 0 would hold every post (the publisher claims a post some milliseconds after its time).
    grace->selectAll();
    QTest::keyClicks(grace, QStringLiteral("0"));
    QTest::keyClick(grace, Qt::Key_Return);
    EXPECT_GE(grace->value(), 1);
    EXPECT_GE(reread()->value(Core::Settings::GracePeriodMinutes), 1);
}

TEST_F(SettingsPageTest, TimeZoneListStartsWithTheSystemsAndIsSearchable)
{
    QComboBox *zones = field<QComboBox>("timeZoneComboBox");
    ASSERT_GT(zones->count(), 100);
    EXPECT_TRUE(zones->itemText(0).startsWith(QStringLiteral("System (")))
        << zones->itemText(0).toStdString();
    EXPECT_EQ(zones->itemData(0).toString(), QString());
    EXPECT_GE(zones->findData(QStringLiteral("Europe/Berlin")), 1);
    EXPECT_EQ(zones->completer()->filterMode(), Qt::MatchContains);

    QSignalSpy changed(&m_page, &SettingsPage::displayTimeZoneChanged);
    typeTimeZone(QStringLiteral("asia/tokyo")); // any case
    EXPECT_EQ(reread()->value(Core::Settings::DisplayTimeZone), QStringLiteral("Asia/Tokyo"));
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.first().first().toString(), QStringLiteral("Asia/Tokyo"));

    // Back to the system's: stored as empty.
    zones->setCurrentIndex(0);
    Q_EMIT zones->activated(0);
    EXPECT_EQ(reread()->value(Core::Settings::DisplayTimeZone), QString());
    ASSERT_EQ(changed.count(), 2);
    EXPECT_EQ(changed.last().first().toString(), QString());
}

TEST_F(SettingsPageTest, AnUnknownTimeZoneIsRefusedAndKeptForCorrection)
{
    m_settings.setValue(Core::Settings::DisplayTimeZone, QStringLiteral("Europe/Paris"));
    m_page.setSettings(&m_settings);
    QSignalSpy changed(&m_page, &SettingsPage::displayTimeZoneChanged);
    typeTimeZone(QStringLiteral("Mars/Olympus_Mons"));
    QLabel *message = field<QLabel>("timeZoneMessageLabel");
    EXPECT_FALSE(message->isHidden());
    EXPECT_TRUE(message->text().contains(QStringLiteral("Mars/Olympus_Mons")))
        << message->text().toStdString();
    EXPECT_EQ(
        field<QComboBox>("timeZoneComboBox")->currentText(), QStringLiteral("Mars/Olympus_Mons"));
    EXPECT_EQ(reread()->value(Core::Settings::DisplayTimeZone), QStringLiteral("Europe/Paris"));
    EXPECT_EQ(changed.count(), 0);
}

TEST_F(SettingsPageTest, TheClientSecretGoesToTheTokenStoreNeverToSettingsOrLogs)
{
    const LogCapture logs;
    giveTokenStore();
    QSignalSpy changed(&m_page, &SettingsPage::tikTokAppChanged);
    QTest::keyClicks(field<QLineEdit>("clientKeyLineEdit"), QStringLiteral("awtestkey123"));
    QTest::keyClicks(field<QLineEdit>("clientSecretLineEdit"), QString::fromLatin1(kSecret));
    QTest::mouseClick(field<QPushButton>("saveTikTokAppButton"), Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&changed] { return changed.count() == 1; }, kWaitMs))
        << text("tiktokAppMessageLabel").toStdString();

    const Core::TokenStore::ReadResult stored =
        m_tokens->read(QString::fromLatin1(Core::TikTokConfig::kClientSecretKey));
    ASSERT_EQ(stored.status, Core::TokenStore::ReadResult::Status::Found);
    EXPECT_EQ(stored.secret, kSecret);
    EXPECT_EQ(reread()->value(Core::Settings::TikTokClientKey), QStringLiteral("awtestkey123"));
    const QByteArray ini = settingsFileBytes();
    EXPECT_TRUE(ini.contains("awtestkey123"));
    EXPECT_FALSE(ini.contains(kSecret)) << ini.toStdString();
    EXPECT_FALSE(logs.text().contains(QString::fromLatin1(kSecret)));
    // The field does not keep the secret on screen; it says where it is.
    EXPECT_TRUE(field<QLineEdit>("clientSecretLineEdit")->text().isEmpty());
    EXPECT_TRUE(field<QLineEdit>("clientSecretLineEdit")
                    ->placeholderText()
                    .contains(QStringLiteral("Stored")));

    // The CLI and the window resolve the same secret (TikTokConfig::resolve).
    const Core::TikTokConfig config =
        Core::TikTokConfig::resolve(reread().get(), m_tokens.get(), QProcessEnvironment());
    EXPECT_EQ(config.clientKey, QStringLiteral("awtestkey123"));
    EXPECT_EQ(config.clientSecret, kSecret);

    // Forgetting the app removes both: the Sandbox from the next start.
    QTest::mouseClick(field<QPushButton>("clearTikTokAppButton"), Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&changed] { return changed.count() == 2; }, kWaitMs));
    EXPECT_EQ(m_tokens->read(QString::fromLatin1(Core::TikTokConfig::kClientSecretKey)).status,
        Core::TokenStore::ReadResult::Status::NotFound);
    EXPECT_EQ(reread()->value(Core::Settings::TikTokClientKey), QString());
}

TEST_F(SettingsPageTest, BadCredentialsAreRefusedWithASentenceAndKept)
{
    giveTokenStore();
    QLineEdit *key = field<QLineEdit>("clientKeyLineEdit");
    QLineEdit *secret = field<QLineEdit>("clientSecretLineEdit");
    QLabel *message = field<QLabel>("tiktokAppMessageLabel");

    QTest::keyClicks(key, QStringLiteral("not a key"));
    QTest::keyClicks(secret, QString::fromLatin1(kSecret));
    QTest::mouseClick(field<QPushButton>("saveTikTokAppButton"), Qt::LeftButton);
    EXPECT_FALSE(message->isHidden());
    EXPECT_TRUE(message->text().contains(QStringLiteral("client key")))
        << message->text().toStdString();
    // Said in the palette's warning colour, not as ordinary text.
    EXPECT_NE(message->palette().color(QPalette::WindowText),
        m_page.palette().color(QPalette::WindowText))
        << message->palette().color(QPalette::WindowText).name().toStdString();
    {
        // Drawn in it too, on the page stack's Base background as in the window.
        m_page.setBackgroundRole(QPalette::Base);
        m_page.resize(900, 700);
        m_page.show();
        const QImage shot = message->grab().toImage();
        int red = 0;
        for (int y = 0; y < shot.height(); ++y) {
            for (int x = 0; x < shot.width(); ++x) {
                const QColor c = shot.pixelColor(x, y);
                red += c.red() > c.green() + 60 ? 1 : 0;
            }
        }
        EXPECT_GT(red, 20) << "the message is not drawn in red";
    }
    EXPECT_EQ(key->text(), QStringLiteral("not a key"));
    EXPECT_EQ(secret->text(), QString::fromLatin1(kSecret));

    key->setText(QStringLiteral("awgoodkey123"));
    secret->clear();
    QTest::mouseClick(field<QPushButton>("saveTikTokAppButton"), Qt::LeftButton);
    EXPECT_TRUE(message->text().contains(QStringLiteral("secret")))
        << message->text().toStdString();

    // Nothing was stored by either attempt.
    QTest::qWait(100);
    EXPECT_EQ(reread()->value(Core::Settings::TikTokClientKey), QString());
    EXPECT_EQ(m_tokens->read(QString::fromLatin1(Core::TikTokConfig::kClientSecretKey)).status,
        Core::TokenStore::ReadResult::Status::NotFound);
}

TEST_F(SettingsPageTest, SaysWhichTikTokRunsAndWhenARestartIsNeeded)
{
    m_page.setRunningTikTok(true, QString());
    EXPECT_TRUE(text("tiktokAppStatusLabel").contains(QStringLiteral("Sandbox")));
    EXPECT_FALSE(text("tiktokAppStatusLabel").contains(QStringLiteral("Restart")));

    giveTokenStore();
    QTest::keyClicks(field<QLineEdit>("clientKeyLineEdit"), QStringLiteral("awtestkey123"));
    QTest::keyClicks(field<QLineEdit>("clientSecretLineEdit"), QString::fromLatin1(kSecret));
    QSignalSpy changed(&m_page, &SettingsPage::tikTokAppChanged);
    QTest::mouseClick(field<QPushButton>("saveTikTokAppButton"), Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&changed] { return changed.count() == 1; }, kWaitMs));
    EXPECT_TRUE(text("tiktokAppStatusLabel").contains(QStringLiteral("Restart Cuepoint")))
        << text("tiktokAppStatusLabel").toStdString();

    // A variable in the environment wins over the page, and the page says so.
    QProcessEnvironment env;
    env.insert(QStringLiteral("CUEPOINT_TIKTOK_CLIENT_KEY"), QStringLiteral("fromenv1"));
    m_page.setEnvironment(env);
    EXPECT_TRUE(
        text("tiktokAppStatusLabel").contains(QStringLiteral("CUEPOINT_TIKTOK_CLIENT_KEY")));
}

} // namespace
} // namespace Cuepoint::Gui
