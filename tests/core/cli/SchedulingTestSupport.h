// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CliRunner.h"
#include "TestProfile.h"

#include "cuepoint/core/domain/Account.h"
#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/TokenStore.h"
#include "cuepoint/core/tiktok/OAuth.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace Cuepoint::Test {

inline QString fixture(const QString &name)
{
    return QDir(QStringLiteral(CUEPOINT_FIXTURES_DIR)).filePath(name);
}

inline QJsonObject jsonObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

inline QJsonArray jsonArray(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).array();
}

/// A temporary profile and the environment cuepoint-cli runs in for it: tokens in the
/// profile's file, the system zone Europe/Paris, and TikTok at @p apiBase when given (a
/// sandbox playing TikTok with the default unaudited client), else no TikTok app at all.
class CliProfile
{
public:
    explicit CliProfile(const QString &apiBase = {})
    {
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(QStringLiteral("CUEPOINT_TOKEN_STORE"), QStringLiteral("file"));
        m_env.insert(QStringLiteral("TZ"), QStringLiteral("Europe/Paris"));
        for (const char *name : { "CUEPOINT_TIKTOK_CLIENT_KEY", "CUEPOINT_TIKTOK_CLIENT_SECRET",
                 "CUEPOINT_TIKTOK_API_BASE", "CUEPOINT_TIKTOK_AUTH_URL", "CUEPOINT_PROFILE" }) {
            m_env.remove(QLatin1String(name));
        }
        if (!apiBase.isEmpty()) {
            m_env.insert(
                QStringLiteral("CUEPOINT_TIKTOK_CLIENT_KEY"), QStringLiteral("sandbox-client"));
            m_env.insert(
                QStringLiteral("CUEPOINT_TIKTOK_CLIENT_SECRET"), QStringLiteral("sandbox-secret"));
            m_env.insert(QStringLiteral("CUEPOINT_TIKTOK_API_BASE"), apiBase);
            m_env.insert(QStringLiteral("CUEPOINT_TIKTOK_AUTH_URL"),
                apiBase + QStringLiteral("/v2/auth/authorize/"));
        }
    }

    const TestProfile &profile() const { return m_profile; }
    QProcessEnvironment &env() { return m_env; }

    /// Runs cuepoint-cli on this profile.
    CliRun run(const QStringList &args) const
    {
        return runCli(
            QStringList { QStringLiteral("--profile"), m_profile.profile().rootDir() } + args,
            m_env);
    }

    /// Stores an account and, when @p tokens is an answer of the token endpoint, its tokens
    /// in the profile's token file, as `account connect` would. Returns the account's id.
    qint64 addAccount(const QString &username, const QString &displayName,
        const nlohmann::json &tokens = nullptr,
        const QStringList &scopes = { QStringLiteral("user.info.basic"),
            QStringLiteral("video.publish"), QStringLiteral("video.upload") })
    {
        Core::Account a;
        a.username = username;
        a.displayName = displayName;
        a.openId = tokens.is_object()
            ? QString::fromStdString(tokens.at("open_id").get<std::string>())
            : QStringLiteral("open-") + username;
        a.scopes = scopes;
        const Core::SystemClock clock;
        const QDateTime now = clock.nowUtc();
        a.accessTokenExpiresAt = now.addDays(1);
        a.refreshTokenExpiresAt = now.addDays(365);
        qint64 id = 0;
        {
            auto db = m_profile.openDatabase();
            Core::AccountStore store(*db, clock);
            id = store.save(a);
        }
        if (tokens.is_object()) {
            Core::TokenSet set;
            set.accessToken =
                QByteArray::fromStdString(tokens.at("access_token").get<std::string>());
            set.refreshToken =
                QByteArray::fromStdString(tokens.at("refresh_token").get<std::string>());
            set.openId = a.openId;
            set.scopes = scopes;
            set.accessExpiresAt = now.addSecs(tokens.at("expires_in").get<qint64>());
            set.refreshExpiresAt = now.addSecs(tokens.at("refresh_expires_in").get<qint64>());
            set.tokenType = QStringLiteral("Bearer");
            Core::FileTokenStore store(m_profile.profile().tokenFilePath());
            QString error;
            EXPECT_TRUE(store.write(a.tokenKey(), set.toJson(), &error)) << error.toStdString();
        }
        return id;
    }

private:
    TestProfile m_profile;
    QProcessEnvironment m_env;
};

} // namespace Cuepoint::Test
