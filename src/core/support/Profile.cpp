// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/support/Profile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace Cuepoint::Core {

Profile Profile::resolve(const QString &explicitDir)
{
    if (!explicitDir.isEmpty()) {
        return Profile(explicitDir);
    }
    const QString fromEnv = qEnvironmentVariable("CUEPOINT_PROFILE");
    if (!fromEnv.isEmpty()) {
        return Profile(fromEnv);
    }
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty()) {
        base = QDir::homePath() + QStringLiteral("/.local/share");
    }
    return Profile(base + QStringLiteral("/Cuepoint"));
}

Profile::Profile(const QString &rootDir)
    : m_root(QDir::cleanPath(QDir(rootDir).absolutePath()))
{
}

bool Profile::ensureExists(QString *error) const
{
    const QFileInfo root(m_root);
    if (root.exists() && !root.isDir()) {
        if (error) {
            *error = QStringLiteral("The profile path %1 is a file, not a folder.").arg(m_root);
        }
        return false;
    }
    for (const QString &dir : { m_root, logsDir(), cacheDir() }) {
        if (!QDir().mkpath(dir)) {
            if (error) {
                *error =
                    QStringLiteral("Cannot create the folder %1 (check its permissions).").arg(dir);
            }
            return false;
        }
    }
    // The profile holds the schedule and maybe the token file: only its owner may read it.
    QFile::setPermissions(m_root, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return true;
}

QString Profile::databasePath() const
{
    return m_root + QStringLiteral("/cuepoint.sqlite");
}

QString Profile::settingsPath() const
{
    return m_root + QStringLiteral("/settings.ini");
}

QString Profile::logsDir() const
{
    return m_root + QStringLiteral("/logs");
}

QString Profile::cacheDir() const
{
    return m_root + QStringLiteral("/cache");
}

QString Profile::tokenFilePath() const
{
    return m_root + QStringLiteral("/tokens.json");
}

QString Profile::lockFilePath() const
{
    return m_root + QStringLiteral("/cuepoint.lock");
}

QString Profile::publisherLockPath() const
{
    return m_root + QStringLiteral("/publisher.lock");
}

QString Profile::sandboxDir() const
{
    return m_root + QStringLiteral("/sandbox");
}

QString Profile::id() const
{
    const QString canonical = QFileInfo(m_root).canonicalFilePath();
    const QByteArray key = (canonical.isEmpty() ? m_root : canonical).toUtf8();
    return QString::fromLatin1(
        QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(16));
}

} // namespace Cuepoint::Core
