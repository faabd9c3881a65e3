// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/support/Profile.h"

#include <QDateTime>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

class QLockFile;

namespace Cuepoint::Core {

class Clock;
class Database;

/// Who holds the right to publish from a profile.
struct PublisherLease
{
    QString holderId; ///< unique per process run
    QString description; ///< "cuepoint-cli run (pid 4242 on studio-pc)", for the user
    QDateTime acquiredAt;
    QDateTime renewedAt;
    QDateTime expiresAt;
};

/// One publisher per profile, so that two processes never publish the same post twice: a
/// lock file in the profile (same machine, released by the OS if the process dies) plus a
/// lease row in the database (for databases shared between machines), renewed while held.
/// A second process gets false from tryAcquire() and can say who holds it.
class PublisherLock final
{
public:
    PublisherLock(const Profile &profile, Database &db, const Clock &clock, QString description);
    ~PublisherLock();
    PublisherLock(const PublisherLock &) = delete;
    PublisherLock &operator=(const PublisherLock &) = delete;

    /// Takes the lock file and the lease (valid for @p lease from now). False when another
    /// live process holds either; see holder().
    bool tryAcquire(std::chrono::milliseconds lease);
    /// Extends a held lease; false (and no longer held) when it was lost to another holder.
    bool renew(std::chrono::milliseconds lease);
    /// Gives the lease and the lock file back.
    void release();
    bool isHeld() const { return m_held; }

    /// The current lease row, whoever holds it (nullopt when none was ever taken).
    std::optional<PublisherLease> holder() const;
    QString holderId() const { return m_holderId; }

private:
    Profile m_profile;
    Database &m_db;
    const Clock &m_clock;
    QString m_description;
    QString m_holderId;
    std::unique_ptr<QLockFile> m_lockFile;
    bool m_held = false;
};

} // namespace Cuepoint::Core
