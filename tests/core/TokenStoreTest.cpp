// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Tokens live only in the token store: the file is owner-only, written atomically, and the
// token appears in no other file of the profile.
#include "cuepoint/core/support/TokenStore.h"

#include "FakeClock.h"
#include "ScopedEnv.h"
#include "TestProfile.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/support/Logging.h"
#include "cuepoint/core/support/Settings.h"

#include <QDirIterator>
#include <QFile>

#include <gtest/gtest.h>
#include <sys/stat.h>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;

namespace {

mode_t modeOf(const QString &path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) {
        return 0;
    }
    return st.st_mode & 0777;
}

/// The files below @p root whose bytes contain @p needle.
QStringList filesContaining(const QString &root, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle)) {
            hits << path;
        }
    }
    return hits;
}

} // namespace

TEST(TokenStoreTest, FileStoreIsOwnerOnlyAndRoundTrips)
{
    TestProfile profile;
    FileTokenStore store(profile.profile().tokenFilePath());
    EXPECT_EQ(
        store.read(QStringLiteral("account/x")).status, TokenStore::ReadResult::Status::NotFound);
    QString error;
    const QByteArray secret = "{\"access_token\":\"act.1\",\"refresh_token\":\"rft.\x01\xff\"}";
    ASSERT_TRUE(store.write(QStringLiteral("account/x"), secret, &error)) << error.toStdString();
    EXPECT_EQ(modeOf(store.path()), 0600u);
    ASSERT_TRUE(store.write(QStringLiteral("account/y"), "second", &error));
    EXPECT_EQ(modeOf(store.path()), 0600u);
    EXPECT_FALSE(QFile::exists(store.path() + QStringLiteral(".tmp")));

    FileTokenStore other(store.path()); // another instance, as another process would have
    const TokenStore::ReadResult r = other.read(QStringLiteral("account/x"));
    ASSERT_EQ(r.status, TokenStore::ReadResult::Status::Found);
    EXPECT_EQ(r.secret, secret);
    ASSERT_TRUE(other.remove(QStringLiteral("account/x"), &error));
    EXPECT_EQ(
        store.read(QStringLiteral("account/x")).status, TokenStore::ReadResult::Status::NotFound);
    EXPECT_EQ(store.read(QStringLiteral("account/y")).secret, QByteArray("second"));
    EXPECT_TRUE(store.remove(QStringLiteral("never-there"), &error));
}

TEST(TokenStoreTest, LooseFilePermissionsAreTightened)
{
    TestProfile profile;
    FileTokenStore store(profile.profile().tokenFilePath());
    QString error;
    ASSERT_TRUE(store.write(QStringLiteral("k"), "v", &error));
    ASSERT_EQ(::chmod(QFile::encodeName(store.path()).constData(), 0644), 0);
    EXPECT_EQ(store.read(QStringLiteral("k")).secret, QByteArray("v"));
    EXPECT_EQ(modeOf(store.path()), 0600u);
}

TEST(TokenStoreTest, DamagedTokenFileIsAnErrorAndIsNotOverwritten)
{
    TestProfile profile;
    const QString path = profile.profile().tokenFilePath();
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("{not json");
    }
    FileTokenStore store(path);
    const TokenStore::ReadResult r = store.read(QStringLiteral("k"));
    EXPECT_EQ(r.status, TokenStore::ReadResult::Status::Error);
    EXPECT_TRUE(r.error.contains(QStringLiteral("damaged")));
    QString error;
    EXPECT_FALSE(store.write(QStringLiteral("k"), "v", &error));
    EXPECT_FALSE(error.isEmpty());
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), QByteArray("{not json"));
}

TEST(TokenStoreTest, EnvironmentChoosesTheStore)
{
    TestProfile profile;
    {
        ScopedEnv env("CUEPOINT_TOKEN_STORE", "file");
        QString note;
        auto store = createTokenStore(profile.profile(), &note);
        EXPECT_NE(dynamic_cast<FileTokenStore *>(store.get()), nullptr);
        EXPECT_TRUE(note.contains(QStringLiteral("CUEPOINT_TOKEN_STORE")));
    }
    {
        ScopedEnv env("CUEPOINT_TOKEN_STORE", "keychain");
        auto store = createTokenStore(profile.profile());
        EXPECT_NE(dynamic_cast<KeychainTokenStore *>(store.get()), nullptr);
    }
    {
        // Without a session bus there is no keychain: the automatic choice is the file.
        ScopedEnv env("CUEPOINT_TOKEN_STORE", "");
        ScopedEnv bus("DBUS_SESSION_BUS_ADDRESS", "");
        QString note;
        auto store = createTokenStore(profile.profile(), &note);
        EXPECT_NE(dynamic_cast<FileTokenStore *>(store.get()), nullptr);
        EXPECT_TRUE(note.contains(QStringLiteral("no keychain")));
    }
}

TEST(TokenStoreTest, TokensAppearInNoOtherFileOfTheProfile)
{
    TestProfile profile;
    const QByteArray access = "act.SECRET-ACCESS-7f3a9c";
    const QByteArray refresh = "rft.SECRET-REFRESH-51d0e2";
    const QByteArray blob =
        "{\"access_token\":\"" + access + "\",\"refresh_token\":\"" + refresh + "\"}";
    QString error;
    ASSERT_TRUE(Logging::installFileLogger(
        profile.profile().logsDir(), QStringLiteral("cuepoint"), &error, false));
    {
        // What connecting an account does: the account row in SQLite, the tokens in the store,
        // settings saved, and log lines written, including careless ones.
        auto db = profile.openDatabase();
        FakeClock clock;
        AccountStore accounts(*db, clock);
        Account account = makeAccount(QStringLiteral("maya"));
        accounts.save(account);
        FileTokenStore store(profile.profile().tokenFilePath());
        ASSERT_TRUE(store.write(account.tokenKey(), blob, &error));
        EXPECT_EQ(store.read(account.tokenKey()).secret, blob);
        Settings settings(profile.profile().settingsPath());
        settings.setValue(Settings::TikTokClientKey, QStringLiteral("aw-client-key"));
        ASSERT_TRUE(settings.sync(&error));
        const QString a = QString::fromLatin1(access);
        const QString r = QString::fromLatin1(refresh);
        qCInfo(lcTikTok).noquote() << QStringLiteral(
            "POST /v2/oauth/token/ -> {\"access_token\":\"%1\",\"refresh_token\":\"%2\"}")
                                          .arg(a, r);
        qCInfo(lcTikTok).noquote() << QStringLiteral("Authorization: Bearer %1").arg(a);
        qCWarning(lcTikTok).noquote() << QStringLiteral("refresh failed: refresh_token=%1").arg(r);
    }
    Logging::uninstallFileLogger();

    const QString tokenFile = profile.profile().tokenFilePath();
    // The token file holds the secrets encoded; no file holds them in clear, and the encoded
    // form is in the token file only.
    EXPECT_EQ(filesContaining(profile.profile().rootDir(), access), QStringList {});
    EXPECT_EQ(filesContaining(profile.profile().rootDir(), refresh), QStringList {});
    EXPECT_EQ(
        filesContaining(profile.profile().rootDir(), blob.toBase64()), QStringList { tokenFile });
    EXPECT_FALSE(filesContaining(profile.profile().logsDir(), "[redacted]").isEmpty())
        << "the log lines were written, with the secrets redacted";
    EXPECT_EQ(modeOf(tokenFile), 0600u);
}
