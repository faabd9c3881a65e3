// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/Account.h"
#include "cuepoint/core/domain/ReviewLink.h"
#include "cuepoint/core/review/ReviewLinks.h"
#include "cuepoint/core/review/ReviewServer.h"

#include <QDateTime>
#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QUrl>

#include <functional>
#include <optional>

class QThread;
class QTimer;

namespace Cuepoint::Core {
class Clock;
}

namespace Cuepoint::Gui {

class ReviewHostWorker;

/// What a reviewer just said, for the status bar and the desktop notification.
struct ReviewNotice
{
    qint64 postId = 0;
    qint64 feedbackId = 0;
    QString reviewerName;
    Core::ReviewDecision decision = Core::ReviewDecision::Comment;
    QString comment;
    QDateTime postAt; ///< UTC; null when the post is gone
    QString caption;
};

/// A link just made, as the share dialog shows it.
struct SharedLink
{
    Core::ReviewLink link;
    QUrl url; ///< http://HOST:PORT/r/<token>: the only place the token exists
};

/// The review server of the window and everything the window does with review links.
///
/// A thread of its own holds a Database connection (with a ReviewStore, an AccountStore and a
/// PostStore) and the in-app Core::ReviewServer: creating, listing and revoking links, reading
/// the profiles, binding the server's socket and reading what reviewers sent all happen there,
/// never on the GUI thread. Results come back on the GUI thread through the callbacks, in the
/// order the calls were made; a callback whose @c context is gone is dropped.
///
/// The server runs while at least one link is usable (neither revoked nor expired) and stops
/// when none remains (updateServer(); the host re-checks itself when the next link expires).
class ReviewHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewHost)

public:
    /// @p clock must be usable from any thread; null means the system's.
    explicit ReviewHost(
        const QString &databasePath, const Core::Clock *clock = nullptr, QObject *parent = nullptr);
    /// Stops the server and closes the worker's connection (waiting for the job in progress).
    ~ReviewHost() override;

    /// Where the server listens (the Settings page's choice). A running server moves there.
    void setServerOptions(const Core::ReviewServerOptions &options);
    Core::ReviewServerOptions serverOptions() const { return m_options; }
    /// Starts the server when a usable link exists and it is not running; stops it when none
    /// remains.
    void updateServer();

    bool isServerRunning() const { return m_running; }
    /// Why the server is not running although links need it (empty otherwise).
    QString serverProblem() const { return m_problem; }
    /// "127.0.0.1:8790" while running, else the address and port it would use.
    QString serverAddressText() const;

    using AccountsDone =
        std::function<void(const QList<Core::Account> &accounts, const QString &error)>;
    /// Reads the profiles.
    void loadAccounts(QObject *context, AccountsDone done);

    using CreateDone =
        std::function<void(const std::optional<SharedLink> &link, const QString &error)>;
    /// Creates a link for @p request, then starts the server if it is not running yet.
    void createLink(const Core::ReviewShareRequest &request, QObject *context, CreateDone done);

    using LinksDone = std::function<void(const QList<Core::ReviewLink> &links,
        const QHash<qint64, QString> &accountNames, const QString &error)>;
    /// Reads every link and the names of the profiles they share.
    void loadLinks(QObject *context, LinksDone done);

    using RevokeDone = std::function<void(const QString &error)>;
    /// Revokes link @p linkId (and stops the server when no usable link remains).
    void revokeLink(qint64 linkId, QObject *context, RevokeDone done);

    /// The clock links are judged by (expired or not).
    QDateTime now() const;

Q_SIGNALS:
    /// The server started, stopped or failed to start.
    void serverStateChanged();
    /// A link was created, revoked or used.
    void linksChanged();
    /// A reviewer approved, asked for changes or commented through the in-app server.
    void feedbackReceived(qint64 postId, qint64 feedbackId);
    /// The same, with what was said (read on the worker).
    void feedbackArrived(const Cuepoint::Gui::ReviewNotice &notice);
    /// A reviewer opened a link.
    void linkUsed(qint64 linkId);

private:
    struct ServerState
    {
        bool running = false;
        QString problem;
        QString address; ///< of the running server
        quint16 port = 0;
        QDateTime nextExpiry; ///< of the usable links, UTC; null: none
    };
    void submit(std::function<void(ReviewHostWorker &worker)> job);
    void applyState(const ServerState &state);

    QThread *m_thread = nullptr;
    ReviewHostWorker *m_worker = nullptr;
    QTimer *m_expiryTimer = nullptr;
    const Core::Clock *m_clock = nullptr;
    Core::ReviewServerOptions m_options;
    bool m_running = false;
    QString m_problem;
    QString m_runningAddress;
    quint16 m_runningPort = 0;

    friend class ReviewHostWorker;
};

/// How @p decision reads for people ("Approved", "Changes requested", "Comment").
QString reviewDecisionText(Core::ReviewDecision decision);

} // namespace Cuepoint::Gui

Q_DECLARE_METATYPE(Cuepoint::Gui::ReviewNotice)
