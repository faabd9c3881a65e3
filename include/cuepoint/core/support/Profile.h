// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Cuepoint::Core {

/// Where one Cuepoint profile keeps everything: the database, settings, logs, caches and (on
/// machines without a keychain) the token file. A profile is one folder, so `--profile DIR` or
/// CUEPOINT_PROFILE moves all of it at once.
class Profile final
{
public:
    /// The profile named by @p explicitDir, else by CUEPOINT_PROFILE, else the user's data
    /// folder (QStandardPaths::AppLocalDataLocation, e.g. ~/.local/share/Cuepoint).
    static Profile resolve(const QString &explicitDir = {});
    explicit Profile(const QString &rootDir);

    /// Creates the folders of the profile (0700 for the root). Returns false with a sentence
    /// for the user in @p error when that is not possible.
    bool ensureExists(QString *error) const;

    QString rootDir() const { return m_root; }
    QString databasePath() const;
    QString settingsPath() const;
    QString logsDir() const;
    QString cacheDir() const;
    QString tokenFilePath() const;
    /// The window's single-instance lock.
    QString lockFilePath() const;
    /// The lock of the one process that may publish from this profile.
    QString publisherLockPath() const;
    /// The folder where the built-in TikTok sandbox keeps its state (accounts it granted,
    /// publishes) between runs.
    QString sandboxDir() const;
    /// A short stable identifier of this profile (a hash of its canonical path), used to keep
    /// the keychain entries of different profiles apart.
    QString id() const;

private:
    QString m_root;
};

} // namespace Cuepoint::Core
