// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/support/Settings.h"

#include <QFile>
#include <QSettings>

namespace Cuepoint::Core {

Settings::Settings(const QString &iniPath, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{
}

Settings::~Settings() = default;

QVariant Settings::raw(const char *key, const QVariant &fallback) const
{
    return m_settings->value(QLatin1String(key), fallback);
}

void Settings::store(const char *key, const QVariant &value)
{
    const QString name = QLatin1String(key);
    if (m_settings->value(name) == value) {
        return;
    }
    m_settings->setValue(name, value);
    Q_EMIT changed(name);
}

bool Settings::value(const SettingKey<bool> &key) const
{
    return raw(key.key, key.defaultValue).toBool();
}

int Settings::value(const SettingKey<int> &key) const
{
    bool ok = false;
    const int v = raw(key.key, key.defaultValue).toInt(&ok);
    return ok ? v : key.defaultValue; // a hand-edited non-number falls back to the default
}

QString Settings::value(const SettingKey<const char *> &key) const
{
    return raw(key.key, QString::fromUtf8(key.defaultValue)).toString();
}

void Settings::setValue(const SettingKey<bool> &key, bool value)
{
    store(key.key, value);
}

void Settings::setValue(const SettingKey<int> &key, int value)
{
    store(key.key, value);
}

void Settings::setValue(const SettingKey<const char *> &key, const QString &value)
{
    store(key.key, value);
}

bool Settings::sync(QString *error)
{
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError) {
        if (error) {
            *error = QStringLiteral("Cannot write the settings file %1.").arg(fileName());
        }
        return false;
    }
    QFile::setPermissions(fileName(), QFile::ReadOwner | QFile::WriteOwner);
    return true;
}

QString Settings::fileName() const
{
    return m_settings->fileName();
}

// THROWAWAY (review-app worktree): replaced by the review server's accessors at merge.
QString Settings::reviewBindAddress() const
{
    return raw("review/bindAddress", QStringLiteral("127.0.0.1")).toString();
}

void Settings::setReviewBindAddress(const QString &address)
{
    store("review/bindAddress", address);
}

quint16 Settings::reviewPort() const
{
    return static_cast<quint16>(raw("review/port", 8790).toUInt());
}

void Settings::setReviewPort(quint16 port)
{
    store("review/port", port);
}

} // namespace Cuepoint::Core
