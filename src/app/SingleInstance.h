// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/support/Profile.h"

#include <QLockFile>
#include <QObject>
#include <QStringList>

#include <memory>

class QLocalServer;
class QLocalSocket;

namespace Cuepoint::App {

/// One Cuepoint window per profile. Two windows on one profile would run two schedulers and
/// could publish a post twice, so this is about correctness, not comfort.
///
/// The first launch takes the profile's lock file (QLockFile; a lock left by a crashed process
/// is recognised by its dead process id and taken over) and listens on a local socket
/// (QLocalServer, owner-only) named after the profile. A later launch finds the lock held,
/// connects to that socket, sends one JSON line {"request":"activate","files":[...]}, waits
/// for "ok" and exits; the first emits activationRequested().
class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)

public:
    enum class Role {
        Primary, ///< this process holds the lock: it runs the window
        Secondary, ///< another process holds it: hand over with notifyPrimary() and exit
        Failed, ///< the lock file cannot be created: see errorString()
    };

    explicit SingleInstance(const Core::Profile &profile, QObject *parent = nullptr);
    /// Stops listening and releases the lock.
    ~SingleInstance() override;

    /// Takes the lock if free (or stale) and starts listening. Call once.
    Role claim();
    Role role() const { return m_role; }
    /// As a Secondary: asks the primary to show its window and open @p files. Blocks for up
    /// to @p timeoutMs (the primary may still be starting up). Returns false with a sentence
    /// in @p error when the primary does not answer.
    bool notifyPrimary(const QStringList &files, int timeoutMs, QString *error);

    /// Whether a Primary accepts later launches (false if its socket could not be opened; it
    /// still holds the lock, so safety is kept, only the hand-over is lost).
    bool isListening() const;
    /// Why claim() failed.
    QString errorString() const { return m_error; }
    /// Who holds the lock, for messages ("process 1234 on host 'box'"); empty if unknown.
    QString lockHolder() const;

    /// The local socket name of @p profile's primary: derived from Profile::id() and the
    /// user's home folder, so profiles and users never meet on one socket.
    static QString serverName(const Core::Profile &profile);

Q_SIGNALS:
    /// A later launch on this profile asked for the window, with the files it was given.
    void activationRequested(const QStringList &files);

private:
    void listen();
    void onNewConnection();
    void onRequestReadable(QLocalSocket *socket);

    Core::Profile m_profile;
    QLockFile m_lock;
    std::unique_ptr<QLocalServer> m_server;
    Role m_role = Role::Failed;
    QString m_error;
};

} // namespace Cuepoint::App
