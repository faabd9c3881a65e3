// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProfileFacts.h"

#include <QFutureWatcher>
#include <QProcessEnvironment>
#include <QWidget>

#include <memory>
#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace Cuepoint::Core {
class Settings;
class TokenStore;
} // namespace Cuepoint::Core

namespace Cuepoint::Gui {

namespace Ui {
class SettingsPage;
}

class ReviewServerSettings;

/// The settings page: the TikTok app (client key in the settings, client secret in the
/// TokenStore), the publishing rules (approval, grace period), the calendar's time zone and
/// desktop notifications, and below them the read-only facts of the profile.
///
/// Every change is written to the profile's settings file at once (Zeal's load/save shape,
/// without an OK button: there is nothing to lose). Input that cannot be stored is refused
/// with a sentence next to it and stays in its field. The client secret is written on a
/// worker thread, since the keychain may take seconds to answer, and never reaches the
/// settings file or the log.
class SettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)

public:
    explicit SettingsPage(const ProfileFacts &facts, QWidget *parent = nullptr);
    ~SettingsPage() override;

    /// The settings the page shows and edits; must outlive the page. Null disables editing.
    void setSettings(Core::Settings *settings);
    /// Where the client secret goes, once found (the secret's fields wait for it).
    void setTokenStore(std::shared_ptr<Core::TokenStore> store);
    /// Which TikTok this running Cuepoint talks to (decided at start): the page says when a
    /// saved change needs a restart. @p clientKey is the running app's key (sandbox: any).
    void setRunningTikTok(bool sandbox, const QString &clientKey);
    /// The environment whose CUEPOINT_TIKTOK_* variables override the settings (the
    /// process's by default; tests pass their own).
    void setEnvironment(const QProcessEnvironment &environment);

    /// Shows that the token store is still being looked for (the initial state).
    void showTokenStoreChecking();
    /// Shows the token store in use (TokenStore::description()) and why it was chosen.
    void showTokenStore(const QString &description, const QString &note);

    /// The "Review links" group (the review server's address and port).
    ReviewServerSettings *reviewSettings() const { return m_review; }

    /// The IANA ids the time zone box offers after "System (…)", sorted.
    static QStringList timeZoneIds();
    /// Whether @p clientKey looks like a TikTok client key; else a sentence why not.
    static QString clientKeyProblem(const QString &clientKey);
    /// Whether @p secret looks like a client secret; else a sentence why not.
    static QString clientSecretProblem(const QString &secret);

Q_SIGNALS:
    /// The calendar's display time zone changed: an IANA id, or empty for the system's.
    void displayTimeZoneChanged(const QString &timeZoneId);
    /// Approval or the grace period changed (the publisher reads them again).
    void publishingPolicyChanged();
    /// Desktop notifications were turned on or off.
    void notificationsChanged(bool enabled);
    /// The TikTok app was saved or forgotten (it takes effect at the next start).
    void tikTokAppChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct SecretResult
    {
        bool ok = false;
        bool found = false; ///< for a read: a secret is stored
        QString error;
    };

    void loadSettings();
    void showStoredTimeZone();
    void setEditingEnabled(bool enabled);
    bool writeSettings();
    void onOpenProfileFolderClicked();
    void onSaveTikTokAppClicked();
    void onClearTikTokAppClicked();
    void onSecretTaskFinished();
    void storeClientKey();
    void onApprovalToggled(bool on);
    void onGracePeriodChanged(int minutes);
    void onNotificationsToggled(bool on);
    void onTimeZoneActivated(int index);
    void onTimeZoneEdited();
    void applyTimeZone(const QString &id);
    void updateTikTokStatus();
    void updateSecretPlaceholder();
    void showMessage(QLabel *label, const QString &text, bool error);
    void refreshMessageColours();
    // --- the media library group (watch folder, copy into the library)
    void setUpLibraryGroup();
    void loadLibrarySettings();

    std::unique_ptr<Ui::SettingsPage> m_ui;
    QLineEdit *m_watchFolderLineEdit = nullptr;
    QCheckBox *m_copyImportsCheckBox = nullptr;
    QString m_profileDir;
    Core::Settings *m_settings = nullptr;
    std::shared_ptr<Core::TokenStore> m_tokens;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    QFutureWatcher<SecretResult> m_secretTask;
    enum class SecretTask { None, Probe, Save, Clear };
    SecretTask m_secretTaskKind = SecretTask::None;
    QString m_pendingClientKey; ///< the key to store once the secret is saved
    std::optional<bool> m_secretStored; ///< unknown until the token store answers
    /// What this process started with (null until TikTok is decided).
    std::optional<bool> m_runningSandbox;
    QString m_runningClientKey;
    bool m_secretChangedSinceStart = false;
    QString m_systemZoneId;
    ReviewServerSettings *m_review = nullptr;
};

} // namespace Cuepoint::Gui
