// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

namespace Cuepoint::Core {

class Profile;

/// Where OAuth tokens and the TikTok client secret live: the OS keychain, or on machines
/// without one a file only its owner can read. Never SQLite, settings or logs.
///
/// Calls block (the keychain answers over D-Bus): call them off the GUI thread.
class TokenStore
{
public:
    struct ReadResult
    {
        enum class Status { Found, NotFound, Error };
        Status status = Status::NotFound;
        QByteArray secret;
        QString error; ///< a sentence for the user when status is Error
    };

    virtual ~TokenStore() = default;
    /// "keychain" or "file" (and what backs it), for `doctor` and the settings page.
    virtual QString description() const = 0;
    virtual ReadResult read(const QString &key) = 0;
    /// Returns false with a sentence in @p error when the secret could not be stored.
    virtual bool write(const QString &key, const QByteArray &secret, QString *error) = 0;
    /// Removing a missing key succeeds.
    virtual bool remove(const QString &key, QString *error) = 0;
};

/// Tokens in a JSON file with 0600 permissions in the profile, written atomically.
class FileTokenStore final : public TokenStore
{
public:
    explicit FileTokenStore(QString path);
    QString description() const override;
    ReadResult read(const QString &key) override;
    bool write(const QString &key, const QByteArray &secret, QString *error) override;
    bool remove(const QString &key, QString *error) override;
    QString path() const { return m_path; }

private:
    /// The file as last read, and which version of it that was (inode, size, modification
    /// time): every write replaces the file by a rename, so an unchanged triple means unchanged
    /// contents and the publishing engine's many reads parse the file only when it changed.
    struct Snapshot
    {
        quint64 inode = 0;
        qint64 size = -1;
        qint64 modifiedNs = 0;
        QJsonObject map;
    };
    bool load(QJsonObject *out, QString *error);

    QString m_path;
    std::optional<Snapshot> m_snapshot; // guarded by the file mutex of TokenStore.cpp
};

/// Tokens in the OS keychain through QtKeychain (Secret Service/KWallet on Linux, Keychain on
/// macOS, Credential Manager on Windows). Entries are named per profile.
class KeychainTokenStore final : public TokenStore
{
public:
    explicit KeychainTokenStore(QString profileId);
    QString description() const override;
    ReadResult read(const QString &key) override;
    bool write(const QString &key, const QByteArray &secret, QString *error) override;
    bool remove(const QString &key, QString *error) override;

    /// Whether a keychain answers on this machine; @p why says why not.
    static bool isAvailable(QString *why);

private:
    QString entryName(const QString &key) const;
    QString m_profileId;
};

/// The store for @p profile: CUEPOINT_TOKEN_STORE=keychain|file decides when set; otherwise
/// the keychain when one answers, else the 0600 file. @p note says which and why.
std::unique_ptr<TokenStore> createTokenStore(const Profile &profile, QString *note = nullptr);

} // namespace Cuepoint::Core
