// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SingleInstance.h"

#include "TestProfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <gtest/gtest.h>

namespace Cuepoint::App {
namespace {

using Role = SingleInstance::Role;

TEST(SingleInstanceTest, FirstClaimIsPrimaryAndHoldsTheLock)
{
    Cuepoint::Test::TestProfile profile;
    SingleInstance first(profile.profile());
    EXPECT_EQ(first.claim(), Role::Primary);
    EXPECT_TRUE(first.isListening());
    EXPECT_TRUE(QFile::exists(profile.profile().lockFilePath()));

    SingleInstance second(profile.profile());
    EXPECT_EQ(second.claim(), Role::Secondary);
    EXPECT_TRUE(second.lockHolder().contains(QString::number(QCoreApplication::applicationPid())))
        << second.lockHolder().toStdString();
}

TEST(SingleInstanceTest, ReleasingTheProfileLetsTheNextLaunchBePrimary)
{
    Cuepoint::Test::TestProfile profile;
    {
        SingleInstance first(profile.profile());
        ASSERT_EQ(first.claim(), Role::Primary);
    }
    EXPECT_FALSE(QFile::exists(profile.profile().lockFilePath()));
    SingleInstance next(profile.profile());
    EXPECT_EQ(next.claim(), Role::Primary);
}

TEST(SingleInstanceTest, SecondLaunchHandsItsFilesToTheFirst)
{
    Cuepoint::Test::TestProfile profile;
    SingleInstance first(profile.profile());
    ASSERT_EQ(first.claim(), Role::Primary);
    QStringList received;
    int activations = 0;
    QObject::connect(
        &first, &SingleInstance::activationRequested, &first, [&](const QStringList &files) {
            received = files;
            ++activations;
        });

    // The second launch blocks while it waits for the answer, as the real one does: run it on
    // a worker thread so this thread's event loop can serve the first.
    const QStringList files { QStringLiteral("/videos/a.mp4"), QStringLiteral("/videos/b b.mov") };
    const Core::Profile p = profile.profile();
    QFuture<QString> second = QtConcurrent::run([p, files] {
        SingleInstance instance(p);
        if (instance.claim() != Role::Secondary) {
            return QStringLiteral("not secondary");
        }
        QString error;
        return instance.notifyPrimary(files, 5000, &error) ? QString() : error;
    });
    ASSERT_TRUE(QTest::qWaitFor([&second] { return second.isFinished(); }, 10000));
    EXPECT_EQ(second.result(), QString());
    ASSERT_TRUE(QTest::qWaitFor([&activations] { return activations == 1; }, 5000));
    EXPECT_EQ(received, files);
}

TEST(SingleInstanceTest, SecondLaunchReportsAPrimaryThatDoesNotAnswer)
{
    Cuepoint::Test::TestProfile profile;
    // Holds the lock like a primary but never listens (a hung process).
    QLockFile hung(profile.profile().lockFilePath());
    ASSERT_TRUE(hung.tryLock(0));

    SingleInstance second(profile.profile());
    ASSERT_EQ(second.claim(), Role::Secondary);
    QString error;
    EXPECT_FALSE(second.notifyPrimary({}, 300, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("does not answer"))) << error.toStdString();
}

TEST(SingleInstanceTest, ServerNameDependsOnTheProfile)
{
    Cuepoint::Test::TestProfile a;
    Cuepoint::Test::TestProfile b;
    EXPECT_NE(SingleInstance::serverName(a.profile()), SingleInstance::serverName(b.profile()));
    EXPECT_EQ(SingleInstance::serverName(a.profile()),
        SingleInstance::serverName(Core::Profile(a.profile().rootDir())));
    EXPECT_TRUE(SingleInstance::serverName(a.profile()).contains(a.profile().id()));
}

} // namespace
} // namespace Cuepoint::App
