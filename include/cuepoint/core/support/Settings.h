// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QVariant>

#include <memory>

class QSettings;

namespace Cuepoint::Core {

/// A setting: its key, type and default, declared once (see Settings for the list).
template<typename T> struct SettingKey
{
    const char *key;
    T defaultValue;
};

/// Typed settings of a profile, kept in an INI file in the profile (never tokens or secrets:
/// those go to the TokenStore). Window geometry and other UI state live in the GUI layer.
class Settings final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Settings)

public:
    explicit Settings(const QString &iniPath, QObject *parent = nullptr);
    ~Settings() override;

    // --- publishing
    static constexpr SettingKey<bool> ApprovalRequired { "publishing/approvalRequired", false };
    static constexpr SettingKey<int> GracePeriodMinutes { "publishing/gracePeriodMinutes", 120 };
    // --- calendar and composer
    /// The display time zone; empty = the system's.
    static constexpr SettingKey<const char *> DisplayTimeZone { "calendar/timeZone", "" };
    static constexpr SettingKey<bool> DesktopNotifications { "notifications/enabled", true };
    // --- TikTok app (the client secret is kept in the TokenStore, not here)
    static constexpr SettingKey<const char *> TikTokClientKey { "tiktok/clientKey", "" };
    static constexpr SettingKey<const char *> TikTokApiBase { "tiktok/apiBase", "" };
    static constexpr SettingKey<const char *> TikTokAuthUrl { "tiktok/authUrl", "" };
    // --- media library
    static constexpr SettingKey<const char *> WatchFolder { "library/watchFolder", "" };

    bool value(const SettingKey<bool> &key) const;
    int value(const SettingKey<int> &key) const;
    QString value(const SettingKey<const char *> &key) const;
    void setValue(const SettingKey<bool> &key, bool value);
    void setValue(const SettingKey<int> &key, int value);
    void setValue(const SettingKey<const char *> &key, const QString &value);

    // THROWAWAY (review-app worktree): the review server's accessors, replaced at merge.
    QString reviewBindAddress() const;
    void setReviewBindAddress(const QString &address);
    quint16 reviewPort() const;
    void setReviewPort(quint16 port);

    /// Writes pending changes to disk; returns false with a sentence when it cannot.
    bool sync(QString *error = nullptr);
    QString fileName() const;

Q_SIGNALS:
    void changed(const QString &key);

private:
    QVariant raw(const char *key, const QVariant &fallback) const;
    void store(const char *key, const QVariant &value);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace Cuepoint::Core
