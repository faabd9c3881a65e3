// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "QtPrinters.h"

#include "cuepoint/core/domain/Account.h"
#include "cuepoint/core/domain/Post.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/support/Profile.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <memory>

namespace Cuepoint::Test {

/// A real profile folder in a temporary directory, removed after the test.
class TestProfile
{
public:
    TestProfile()
        : m_profile(m_dir.filePath(QStringLiteral("profile")))
    {
        QString error;
        if (!m_dir.isValid() || !m_profile.ensureExists(&error)) {
            ADD_FAILURE() << "cannot create a test profile: " << error.toStdString();
        }
    }

    const Core::Profile &profile() const { return m_profile; }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    std::unique_ptr<Core::Database> openDatabase() const
    {
        return Core::Database::open(m_profile.databasePath());
    }

private:
    QTemporaryDir m_dir;
    Core::Profile m_profile;
};

/// The SHA-256 of a file's bytes, to prove a file was not touched.
inline QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return hash.result().toHex();
}

inline Core::Account makeAccount(const QString &name)
{
    Core::Account a;
    a.openId = QStringLiteral("open-") + name;
    a.username = name;
    a.displayName = name.toUpper();
    a.scopes = { QStringLiteral("user.info.basic"), QStringLiteral("video.publish") };
    return a;
}

/// A post due at @p at (UTC) with one scheduled target per account id.
inline Core::Post makePost(const QDateTime &at, const QList<qint64> &accountIds,
    const QString &caption = QStringLiteral("hello #fyp"))
{
    Core::Post p;
    p.caption = caption;
    p.videoPath = QStringLiteral("/videos/clip.mp4");
    p.scheduledAt = at.toUTC();
    p.timeZoneId = QStringLiteral("Europe/Paris");
    p.privacyLevel = QStringLiteral("PUBLIC_TO_EVERYONE");
    for (const qint64 id : accountIds) {
        Core::PostTarget t;
        t.accountId = id;
        t.state = Core::TargetState::Scheduled;
        p.targets.append(t);
    }
    return p;
}

} // namespace Cuepoint::Test
