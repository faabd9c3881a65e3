// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/publish/PublisherLock.h"

#include "storage/Sql.h"

#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/Logging.h"

#include <QLockFile>
#include <QSysInfo>
#include <QUuid>

namespace Cuepoint::Core {

using Storage::Sql;
using Storage::utcFromMs;

PublisherLock::PublisherLock(
    const Profile &profile, Database &db, const Clock &clock, QString description)
    : m_profile(profile)
    , m_db(db)
    , m_clock(clock)
    , m_description(std::move(description))
    , m_holderId(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

PublisherLock::~PublisherLock()
{
    if (m_held) {
        try {
            release();
        } catch (const StorageError &e) {
            qCWarning(lcPublish).noquote()
                << "could not release the publisher lease:" << e.message();
        }
    }
}

bool PublisherLock::tryAcquire(std::chrono::milliseconds lease)
{
    if (m_held) {
        return renew(lease);
    }
    // The lock file first: QLockFile notices a holder that died (stale PID) and takes over.
    auto lockFile = std::make_unique<QLockFile>(m_profile.publisherLockPath());
    lockFile->setStaleLockTime(0);
    if (!lockFile->tryLock(0)) {
        return false;
    }
    const qint64 now = m_clock.nowMs();
    {
        Database::Transaction tx(m_db);
        // Taken only when there is no lease, it has expired, it is ours, or it belongs to a
        // process of this machine: holding the lock file proves that process is gone (a crash
        // leaves its row behind, and a restart must not wait for the lease to run out).
        Sql q(m_db,
            QStringLiteral(
                "INSERT INTO publisher_lease (id, holder_id, host, description, acquired_at_ms, "
                "renewed_at_ms, expires_at_ms) VALUES (1, :me, :host, :description, :now, :now, "
                ":until) ON CONFLICT (id) DO UPDATE SET holder_id = excluded.holder_id, host = "
                "excluded.host, description = excluded.description, acquired_at_ms = "
                "excluded.acquired_at_ms, renewed_at_ms = excluded.renewed_at_ms, expires_at_ms = "
                "excluded.expires_at_ms WHERE publisher_lease.expires_at_ms <= :now OR "
                "publisher_lease.holder_id = :me OR publisher_lease.host = :host"));
        q.bind(QStringLiteral(":me"), m_holderId)
            .bind(QStringLiteral(":host"), QSysInfo::machineHostName())
            .bind(QStringLiteral(":description"), m_description)
            .bind(QStringLiteral(":now"), now)
            .bind(QStringLiteral(":until"), now + lease.count())
            .exec();
        if (q.rowsAffected() != 1) {
            return false; // another machine's publisher holds a live lease
        }
        tx.commit();
    }
    m_lockFile = std::move(lockFile);
    m_held = true;
    qCInfo(lcPublish).noquote() << "this process publishes for the profile:" << m_description;
    return true;
}

bool PublisherLock::renew(std::chrono::milliseconds lease)
{
    if (!m_held) {
        return false;
    }
    const qint64 now = m_clock.nowMs();
    Sql q(m_db,
        QStringLiteral("UPDATE publisher_lease SET renewed_at_ms = :now, expires_at_ms = "
                       ":until WHERE id = 1 AND holder_id = :me"));
    q.bind(QStringLiteral(":now"), now)
        .bind(QStringLiteral(":until"), now + lease.count())
        .bind(QStringLiteral(":me"), m_holderId)
        .exec();
    if (q.rowsAffected() != 1) {
        qCWarning(lcPublish) << "the publisher lease was taken over; stopping publishing";
        m_held = false;
        m_lockFile.reset();
        return false;
    }
    return true;
}

void PublisherLock::release()
{
    if (!m_held) {
        return;
    }
    m_held = false;
    Sql q(m_db, QStringLiteral("DELETE FROM publisher_lease WHERE id = 1 AND holder_id = :me"));
    q.bind(QStringLiteral(":me"), m_holderId).exec();
    m_lockFile.reset(); // unlocks
}

std::optional<PublisherLease> PublisherLock::holder() const
{
    Sql q(m_db,
        QStringLiteral("SELECT holder_id, description, acquired_at_ms, renewed_at_ms, "
                       "expires_at_ms FROM publisher_lease WHERE id = 1"));
    q.exec();
    if (!q.next()) {
        return std::nullopt;
    }
    return PublisherLease { q.value(0).toString(), q.value(1).toString(), utcFromMs(q.value(2)),
        utcFromMs(q.value(3)), utcFromMs(q.value(4)) };
}

} // namespace Cuepoint::Core
