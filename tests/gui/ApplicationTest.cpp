// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Application.h"

#include "CommandLine.h"
#include "MainWindow.h"
#include "SingleInstance.h"
#include "TestProfile.h"
#include "TikTokEnvironment.h"
#include "views/SettingsPage.h"

#include "cuepoint/core/support/Versions.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QSettings>
#include <QTest>
#include <QTextStream>

#include <gtest/gtest.h>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#endif

namespace Cuepoint::App {
namespace {

const QString kProgram = QStringLiteral("cuepoint");

// --- the command line

TEST(CommandLineTest, RunWithProfileAndFiles)
{
    const CommandLine cl = CommandLine::parse({ kProgram, QStringLiteral("--profile"),
        QStringLiteral("/tmp/p"), QStringLiteral("a.mp4") });
    EXPECT_EQ(cl.action, CommandLine::Action::Run);
    EXPECT_EQ(cl.profileDir, QStringLiteral("/tmp/p"));
    // Files become absolute: the first launch, which opens them, may run elsewhere.
    ASSERT_EQ(cl.files.size(), 1);
    EXPECT_EQ(cl.files.first(), QDir::current().absoluteFilePath(QStringLiteral("a.mp4")));
}

TEST(CommandLineTest, NoArgumentsRunsOnTheDefaultProfile)
{
    const CommandLine cl = CommandLine::parse({ kProgram });
    EXPECT_EQ(cl.action, CommandLine::Action::Run);
    EXPECT_TRUE(cl.profileDir.isEmpty());
    EXPECT_TRUE(cl.files.isEmpty());
}

TEST(CommandLineTest, VersionHelpAndMistakes)
{
    EXPECT_EQ(CommandLine::parse({ kProgram, QStringLiteral("--version") }).action,
        CommandLine::Action::ShowVersion);
    EXPECT_EQ(CommandLine::parse({ kProgram, QStringLiteral("--help") }).action,
        CommandLine::Action::ShowHelp);
    const CommandLine unknown = CommandLine::parse({ kProgram, QStringLiteral("--frobnicate") });
    EXPECT_EQ(unknown.action, CommandLine::Action::UsageError);
    EXPECT_TRUE(unknown.error.contains(QStringLiteral("frobnicate")));
    EXPECT_EQ(CommandLine::parse({ kProgram, QStringLiteral("--profile") }).action,
        CommandLine::Action::UsageError);
    EXPECT_EQ(
        CommandLine::parse({ kProgram, QStringLiteral("--profile"), QStringLiteral(" ") }).action,
        CommandLine::Action::UsageError);
}

TEST(CommandLineTest, InformationalArgumentsNeedNoDisplay)
{
    const char *version[] = { "cuepoint", "--version" };
    const char *help[] = { "cuepoint", "--profile", "/p", "-h" };
    const char *run[] = { "cuepoint", "--profile", "/p", "video.mp4" };
    const char *file[] = { "cuepoint", "--", "--version" };
    EXPECT_TRUE(CommandLine::isInformational(2, version));
    EXPECT_TRUE(CommandLine::isInformational(4, help));
    EXPECT_FALSE(CommandLine::isInformational(4, run));
    EXPECT_FALSE(CommandLine::isInformational(3, file));
}

// --- start-up, in-process

class ApplicationTest : public ::testing::Test
{
protected:
    /// An Application whose errors are recorded instead of shown in a message box.
    std::unique_ptr<Application> makeApplication()
    {
        auto app = std::make_unique<Application>();
        app->setErrorPresenter([this](const QString &title, const QString &text) {
            m_errors << title + QStringLiteral(": ") + text;
        });
        app->setOutput(&m_out, &m_err);
        return app;
    }
    QStringList arguments(const QStringList &more = {}) const
    {
        return QStringList { kProgram, QStringLiteral("--profile"), m_profile.profile().rootDir() }
        + more;
    }

    Cuepoint::Test::TestProfile m_profile;
    QStringList m_errors;
    QString m_outText;
    QString m_errText;
    QTextStream m_out { &m_outText };
    QTextStream m_err { &m_errText };
};

TEST_F(ApplicationTest, VersionPrintsCuepointAndItsLibraries)
{
    auto app = makeApplication();
    EXPECT_EQ(app->start({ kProgram, QStringLiteral("--version") }), 0);
    EXPECT_TRUE(m_outText.contains(Core::cuepointVersion())) << m_outText.toStdString();
    EXPECT_TRUE(m_outText.contains(QStringLiteral("FFmpeg")));
    EXPECT_EQ(app->window(), nullptr);
}

TEST_F(ApplicationTest, UnknownOptionIsAUsageError)
{
    auto app = makeApplication();
    EXPECT_EQ(app->start({ kProgram, QStringLiteral("--nope") }), Application::ExitUnusable);
    EXPECT_TRUE(m_errText.contains(QStringLiteral("nope"))) << m_errText.toStdString();
}

TEST_F(ApplicationTest, StartsOnTheProfileAndOpensTheWindow)
{
    auto app = makeApplication();
    EXPECT_EQ(app->start(arguments()), std::nullopt);
    ASSERT_TRUE(m_errors.isEmpty()) << m_errors.join(QLatin1Char('\n')).toStdString();
    ASSERT_NE(app->window(), nullptr);
    EXPECT_TRUE(app->window()->isVisible());
    EXPECT_TRUE(QFile::exists(m_profile.profile().databasePath()));
    EXPECT_TRUE(QFile::exists(m_profile.profile().logsDir() + QStringLiteral("/cuepoint.log")));

    // The profile is taken: another launch would hand over.
    SingleInstance other(m_profile.profile());
    EXPECT_EQ(other.claim(), SingleInstance::Role::Secondary);

    // The token store arrives from the worker thread (the file store: CUEPOINT_TOKEN_STORE).
    const auto *tokenLabel =
        app->window()->settingsPage()->findChild<QLabel *>(QStringLiteral("tokenStoreLabel"));
    ASSERT_NE(tokenLabel, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([&app] { return app->tokenStore() != nullptr; }, 10000));
    EXPECT_TRUE(
        tokenLabel->text().contains(QDir::toNativeSeparators(m_profile.profile().tokenFilePath()))
        || tokenLabel->text().contains(m_profile.profile().tokenFilePath()))
        << tokenLabel->text().toStdString();
}

TEST_F(ApplicationTest, WithoutATikTokAppTheSandboxRunsAndIsLabelled)
{
    // No client key in the settings or the environment: the embedded sandbox starts on a
    // loopback port and the window says so.
    qunsetenv("CUEPOINT_TIKTOK_CLIENT_KEY");
    auto app = makeApplication();
    ASSERT_EQ(app->start(arguments()), std::nullopt);
    const auto *label = app->window()->findChild<QLabel *>(QStringLiteral("tiktokStatusLabel"));
    ASSERT_NE(label, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([&app] { return app->tiktok() != nullptr; }, 15000));
    EXPECT_TRUE(app->tiktok()->isSandbox());
    EXPECT_TRUE(app->tiktok()->config().apiBase.startsWith(QStringLiteral("http://127.0.0.1:")))
        << app->tiktok()->config().apiBase.toStdString();
    EXPECT_TRUE(label->text().contains(QStringLiteral("Sandbox"))) << label->text().toStdString();
    EXPECT_TRUE(label->toolTip().contains(QStringLiteral("Nothing is sent to TikTok")));
}

TEST_F(ApplicationTest, ClosingReleasesTheProfile)
{
    {
        auto app = makeApplication();
        ASSERT_EQ(app->start(arguments()), std::nullopt);
    }
    SingleInstance next(m_profile.profile());
    EXPECT_EQ(next.claim(), SingleInstance::Role::Primary);
}

TEST_F(ApplicationTest, UnreadableDatabaseIsReportedAndLeftUntouched)
{
    const QString path = m_profile.profile().databasePath();
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(
            QByteArray("this is not an SQLite database, it is a shopping list\n").repeated(50));
    }
    const QByteArray before = Cuepoint::Test::fileHash(path);

    auto app = makeApplication();
    EXPECT_EQ(app->start(arguments()), Application::ExitUnusable);
    EXPECT_EQ(app->window(), nullptr);
    ASSERT_EQ(m_errors.size(), 1);
    EXPECT_TRUE(m_errors.first().contains(QStringLiteral("database")))
        << m_errors.first().toStdString();
    EXPECT_EQ(Cuepoint::Test::fileHash(path), before);
    EXPECT_EQ(QDir(m_profile.profile().rootDir())
                  .entryList({ QStringLiteral("cuepoint.sqlite*") }, QDir::Files),
        QStringList { QStringLiteral("cuepoint.sqlite") });
}

TEST_F(ApplicationTest, ProfilePathThatIsAFileIsReported)
{
    const QString file = m_profile.path(QStringLiteral("a-file"));
    {
        QFile f(file);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    }
    auto app = makeApplication();
    EXPECT_EQ(
        app->start({ kProgram, QStringLiteral("--profile"), file }), Application::ExitUnusable);
    ASSERT_EQ(m_errors.size(), 1);
    EXPECT_TRUE(m_errors.first().contains(QStringLiteral("profile")));
}

#ifdef Q_OS_LINUX
TEST(ApplicationHardeningTest, CoreDumpsAreDisabled)
{
    ASSERT_TRUE(Application::disableCoreDumps());
    rlimit limit {};
    ASSERT_EQ(getrlimit(RLIMIT_CORE, &limit), 0);
    EXPECT_EQ(limit.rlim_cur, 0u);
    EXPECT_EQ(limit.rlim_max, 0u);
}
#endif

// --- the real program, end to end

class ProgramTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("CUEPOINT_TOKEN_STORE"), QStringLiteral("file"));
        env.remove(QStringLiteral("CUEPOINT_PROFILE"));
        m_env = env;
    }
    void TearDown() override
    {
        for (QProcess *process : { &m_first, &m_third }) {
            if (process->state() != QProcess::NotRunning) {
                process->kill();
                process->waitForFinished(5000);
            }
        }
    }
    void launch(QProcess &process, const QStringList &more = {})
    {
        process.setProcessEnvironment(m_env);
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(QStringLiteral(CUEPOINT_APP_PATH),
            QStringList { QStringLiteral("--profile"), m_profile.profile().rootDir() } + more);
        ASSERT_TRUE(process.waitForStarted(10000));
    }
    QString log() const
    {
        QFile file(m_profile.profile().logsDir() + QStringLiteral("/cuepoint.log"));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }
    /// Waits until the log holds @p count lines containing @p text.
    bool waitForLog(const QString &text, int count = 1)
    {
        return QTest::qWaitFor([&] { return log().count(text) >= count; }, 20000);
    }

    Cuepoint::Test::TestProfile m_profile;
    QProcessEnvironment m_env;
    QProcess m_first;
    QProcess m_third;
};

TEST_F(ProgramTest, VersionWorksWithoutADisplay)
{
    QProcess process;
    QProcessEnvironment env = m_env;
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(CUEPOINT_APP_PATH), { QStringLiteral("--version") });
    ASSERT_TRUE(process.waitForFinished(20000));
    EXPECT_EQ(process.exitCode(), 0);
    EXPECT_TRUE(
        QString::fromUtf8(process.readAllStandardOutput()).contains(Core::cuepointVersion()));
}

TEST_F(ProgramTest, SecondLaunchHandsOverAndACrashedLockIsRecovered)
{
    const QString open = QStringLiteral("window open; later launches hand over");
    launch(m_first);
    ASSERT_TRUE(waitForLog(open)) << log().toStdString();

    // A second launch on the same profile hands its file to the first and exits with 0.
    QProcess second;
    launch(second, { QStringLiteral("clip.mp4") });
    ASSERT_TRUE(second.waitForFinished(20000));
    EXPECT_EQ(second.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(second.exitCode(), 0);
    ASSERT_TRUE(waitForLog(QStringLiteral("a later launch asked for the window")))
        << log().toStdString();
    EXPECT_TRUE(log().contains(QStringLiteral("clip.mp4")));
    EXPECT_EQ(m_first.state(), QProcess::Running);

    // The first one crashes: its lock file stays behind, and so does its socket.
    m_first.kill();
    ASSERT_TRUE(m_first.waitForFinished(10000));
    ASSERT_TRUE(QFile::exists(m_profile.profile().lockFilePath()));

    // The next launch recognises the lock as stale and becomes the window.
    launch(m_third);
    ASSERT_TRUE(waitForLog(open, 2)) << log().toStdString();
    EXPECT_EQ(m_third.state(), QProcess::Running);
}

#ifdef Q_OS_UNIX
TEST_F(ProgramTest, TerminationSavesTheWindowAndReleasesTheProfile)
{
    launch(m_first);
    ASSERT_TRUE(waitForLog(QStringLiteral("window open"))) << log().toStdString();
    m_first.terminate(); // SIGTERM, as a logout or `kill` sends
    ASSERT_TRUE(m_first.waitForFinished(10000));
    EXPECT_EQ(m_first.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(m_first.exitCode(), 0);
    EXPECT_TRUE(log().contains(QStringLiteral("quitting on signal")));
    EXPECT_FALSE(QFile::exists(m_profile.profile().lockFilePath()));
    QSettings ini(m_profile.profile().settingsPath(), QSettings::IniFormat);
    EXPECT_EQ(
        ini.value(QStringLiteral("ui/mainWindow/page")).toString(), QStringLiteral("schedule"));
}
#endif

} // namespace
} // namespace Cuepoint::App
