// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "controllers/ReviewHost.h"

#include "GuiLogging.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/storage/ReviewStore.h"
#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/support/Clock.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <algorithm>

namespace Cuepoint::Gui {

namespace {

/// QTimer counts in int milliseconds: a link expiring weeks away is looked at again daily.
constexpr qint64 kLongestWaitMs = 24LL * 60 * 60 * 1000;

} // namespace

QString reviewDecisionText(Core::ReviewDecision decision)
{
    switch (decision) {
    case Core::ReviewDecision::Approved:
        return QCoreApplication::translate("Cuepoint::Gui::ReviewHost", "Approved");
    case Core::ReviewDecision::ChangesRequested:
        return QCoreApplication::translate("Cuepoint::Gui::ReviewHost", "Changes requested");
    case Core::ReviewDecision::Comment:
        return QCoreApplication::translate("Cuepoint::Gui::ReviewHost", "Comment");
    }
    return {};
}

/// Lives on the host's thread; owns that thread's Database connection and the server.
class ReviewHostWorker final : public QObject
{
public:
    ReviewHostWorker(QString path, const Core::Clock &clock, ReviewHost *host)
        : m_path(std::move(path))
        , m_clock(clock)
        , m_host(host)
    {
    }

    /// Opens the connection on first use (on the worker thread); throws StorageError.
    void ensureOpen()
    {
        if (m_db) {
            return;
        }
        m_db = Core::Database::open(m_path);
        m_reviews = std::make_unique<Core::ReviewStore>(*m_db, m_clock);
        m_accounts = std::make_unique<Core::AccountStore>(*m_db, m_clock);
        m_posts = std::make_unique<Core::PostStore>(*m_db, m_clock);
    }

    void close()
    {
        if (m_server) {
            m_server->stop();
            m_server.reset();
        }
        m_posts.reset();
        m_accounts.reset();
        m_reviews.reset();
        m_db.reset();
    }

    Core::ReviewStore &reviews() { return *m_reviews; }
    Core::AccountStore &accounts() { return *m_accounts; }
    const Core::Clock &clock() const { return m_clock; }

    /// Starts or stops the server to match the usable links; @p restart moves a running one to
    /// @p options.
    ReviewHost::ServerState updateServer(const Core::ReviewServerOptions &options, bool restart)
    {
        ReviewHost::ServerState state;
        int usable = 0;
        try {
            ensureOpen();
            const QDateTime now = m_clock.nowUtc();
            for (const Core::ReviewLink &link : m_reviews->links()) {
                if (link.isUsableAt(now)) {
                    ++usable;
                    if (!link.expiresAt.isNull()
                        && (state.nextExpiry.isNull() || link.expiresAt < state.nextExpiry)) {
                        state.nextExpiry = link.expiresAt;
                    }
                }
            }
        } catch (const Core::StorageError &e) {
            state.problem = e.message();
            return state;
        }
        if (m_server && m_server->isRunning() && (usable == 0 || restart)) {
            m_server->stop();
            qCInfo(lcGui) << "review server stopped";
        }
        if (usable > 0 && !(m_server && m_server->isRunning())) {
            if (!m_server) {
                m_server = std::make_unique<Core::ReviewServer>(m_path, m_clock);
                QObject::connect(m_server.get(), &Core::ReviewServer::feedbackReceived, m_host,
                    &ReviewHost::feedbackReceived);
                QObject::connect(
                    m_server.get(), &Core::ReviewServer::linkUsed, m_host, &ReviewHost::linkUsed);
            }
            QString error;
            if (m_server->start(options, &error)) {
                qCInfo(lcGui).noquote() << "review server listening on" << m_server->bindAddress()
                                        << "port" << m_server->port();
            } else {
                qCWarning(lcGui).noquote() << "the review server did not start:" << error;
                state.problem = error.isEmpty() ? QStringLiteral("?") : error;
            }
        }
        if (m_server && m_server->isRunning()) {
            state.running = true;
            state.address = m_server->bindAddress();
            state.port = m_server->port();
        }
        return state;
    }

    /// The link's address: the running server's, else where the server of the settings (or
    /// `cuepoint-cli run` on the same settings) listens.
    QUrl urlFor(const QString &token, const Core::ReviewServerOptions &options) const
    {
        if (m_server && m_server->isRunning()) {
            return m_server->linkUrl(token);
        }
        return Core::reviewLinkUrl(options.bindAddress, options.port, token);
    }

    /// Reads what was said (for the notification) and hands it to the host.
    void onFeedback(qint64 postId, qint64 feedbackId)
    {
        ReviewNotice notice;
        notice.postId = postId;
        notice.feedbackId = feedbackId;
        try {
            ensureOpen();
            const QList<Core::ReviewFeedback> all = m_reviews->feedbackForPost(postId);
            const auto it = std::find_if(all.cbegin(), all.cend(),
                [feedbackId](const Core::ReviewFeedback &f) { return f.id == feedbackId; });
            if (it == all.cend()) {
                return;
            }
            notice.reviewerName = it->reviewerName;
            notice.decision = it->decision;
            notice.comment = it->comment;
            if (const auto post = m_posts->post(postId)) {
                notice.postAt = post->scheduledAt;
                notice.caption = post->caption;
            }
        } catch (const Core::StorageError &e) {
            qCWarning(lcGui).noquote() << "cannot read the feedback just received:" << e.message();
            return;
        }
        QPointer<ReviewHost> host(m_host);
        QMetaObject::invokeMethod(m_host, [host, notice] {
            if (host) {
                Q_EMIT host->feedbackArrived(notice);
            }
        });
    }

private:
    QString m_path;
    const Core::Clock &m_clock;
    ReviewHost *m_host;
    std::unique_ptr<Core::Database> m_db;
    std::unique_ptr<Core::ReviewStore> m_reviews;
    std::unique_ptr<Core::AccountStore> m_accounts;
    std::unique_ptr<Core::PostStore> m_posts;
    std::unique_ptr<Core::ReviewServer> m_server;
};

namespace {

const Core::Clock &systemClock()
{
    static const Core::SystemClock clock;
    return clock;
}

} // namespace

ReviewHost::ReviewHost(const QString &databasePath, const Core::Clock *clock, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_expiryTimer(new QTimer(this))
    , m_clock(clock ? clock : &systemClock())
{
    qRegisterMetaType<ReviewNotice>();
    m_worker = new ReviewHostWorker(databasePath, *m_clock, this);
    m_thread->setObjectName(QStringLiteral("review-host"));
    m_worker->moveToThread(m_thread);
    m_thread->start();
    m_expiryTimer->setSingleShot(true);
    connect(m_expiryTimer, &QTimer::timeout, this, &ReviewHost::updateServer);
    connect(this, &ReviewHost::linkUsed, this, &ReviewHost::linksChanged);
    // What the reviewer said is read on the worker, then announced by feedbackArrived().
    connect(this, &ReviewHost::feedbackReceived, this, [this](qint64 postId, qint64 feedbackId) {
        submit([postId, feedbackId](
                   ReviewHostWorker &worker) { worker.onFeedback(postId, feedbackId); });
    });
}

ReviewHost::~ReviewHost()
{
    // The server and the connection belong to the worker thread: end them there.
    ReviewHostWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->close(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

QDateTime ReviewHost::now() const
{
    return m_clock->nowUtc();
}

QString ReviewHost::serverAddressText() const
{
    if (m_running) {
        return QStringLiteral("%1:%2").arg(m_runningAddress).arg(m_runningPort);
    }
    return QStringLiteral("%1:%2").arg(m_options.bindAddress).arg(m_options.port);
}

void ReviewHost::submit(std::function<void(ReviewHostWorker &worker)> job)
{
    ReviewHostWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, job = std::move(job)] { job(*worker); });
}

void ReviewHost::applyState(const ServerState &state)
{
    const bool changed = state.running != m_running || state.problem != m_problem
        || state.address != m_runningAddress || state.port != m_runningPort;
    m_running = state.running;
    m_problem = state.problem;
    m_runningAddress = state.address;
    m_runningPort = state.port;
    m_expiryTimer->stop();
    if (!state.nextExpiry.isNull()) {
        const qint64 wait = std::clamp<qint64>(
            m_clock->nowUtc().msecsTo(state.nextExpiry) + 1000, 1000, kLongestWaitMs);
        m_expiryTimer->start(static_cast<int>(wait));
    }
    if (changed) {
        Q_EMIT serverStateChanged();
    }
}

void ReviewHost::setServerOptions(const Core::ReviewServerOptions &options)
{
    if (options.bindAddress == m_options.bindAddress && options.port == m_options.port) {
        return;
    }
    m_options = options;
    QPointer<ReviewHost> self(this);
    submit([self, options](ReviewHostWorker &worker) {
        const ServerState state = worker.updateServer(options, true);
        QMetaObject::invokeMethod(self.data(), [self, state] {
            if (self) {
                self->applyState(state);
            }
        });
    });
}

void ReviewHost::updateServer()
{
    QPointer<ReviewHost> self(this);
    const Core::ReviewServerOptions options = m_options;
    submit([self, options](ReviewHostWorker &worker) {
        const ServerState state = worker.updateServer(options, false);
        QMetaObject::invokeMethod(self.data(), [self, state] {
            if (self) {
                self->applyState(state);
            }
        });
    });
}

void ReviewHost::loadAccounts(QObject *context, AccountsDone done)
{
    QPointer<QObject> target(context);
    submit([this, target, done = std::move(done)](ReviewHostWorker &worker) {
        QList<Core::Account> accounts;
        QString error;
        try {
            worker.ensureOpen();
            accounts = worker.accounts().accounts();
        } catch (const Core::StorageError &e) {
            error = e.message();
        }
        QMetaObject::invokeMethod(this, [target, done, accounts, error] {
            if (target) {
                done(accounts, error);
            }
        });
    });
}

void ReviewHost::createLink(
    const Core::ReviewShareRequest &request, QObject *context, CreateDone done)
{
    QPointer<QObject> target(context);
    QPointer<ReviewHost> self(this);
    const Core::ReviewServerOptions options = m_options;
    submit(
        [this, self, target, request, options, done = std::move(done)](ReviewHostWorker &worker) {
            std::optional<SharedLink> shared;
            QString error;
            try {
                worker.ensureOpen();
                if (auto created =
                        Core::createReviewLink(worker.reviews(), worker.clock(), request, &error)) {
                    // Serve it before it is shown, so the link works as soon as it is copied.
                    const ServerState state = worker.updateServer(options, false);
                    shared = SharedLink { created->link, worker.urlFor(created->token, options) };
                    QMetaObject::invokeMethod(this, [self, state] {
                        if (self) {
                            self->applyState(state);
                            Q_EMIT self->linksChanged();
                        }
                    });
                }
            } catch (const Core::StorageError &e) {
                error = e.message();
            }
            QMetaObject::invokeMethod(this, [target, done, shared, error] {
                if (target) {
                    done(shared, error);
                }
            });
        });
}

void ReviewHost::loadLinks(QObject *context, LinksDone done)
{
    QPointer<QObject> target(context);
    submit([this, target, done = std::move(done)](ReviewHostWorker &worker) {
        QList<Core::ReviewLink> links;
        QHash<qint64, QString> names;
        QString error;
        try {
            worker.ensureOpen();
            links = worker.reviews().links();
            for (const Core::Account &a : worker.accounts().accounts()) {
                names.insert(a.id, a.handle());
            }
        } catch (const Core::StorageError &e) {
            error = e.message();
        }
        QMetaObject::invokeMethod(this, [target, done, links, names, error] {
            if (target) {
                done(links, names, error);
            }
        });
    });
}

void ReviewHost::revokeLink(qint64 linkId, QObject *context, RevokeDone done)
{
    QPointer<QObject> target(context);
    QPointer<ReviewHost> self(this);
    const Core::ReviewServerOptions options = m_options;
    submit([this, self, target, linkId, options, done = std::move(done)](ReviewHostWorker &worker) {
        QString error;
        try {
            worker.ensureOpen();
            worker.reviews().revoke(linkId);
            const ServerState state = worker.updateServer(options, false);
            QMetaObject::invokeMethod(this, [self, state] {
                if (self) {
                    self->applyState(state);
                    Q_EMIT self->linksChanged();
                }
            });
        } catch (const Core::StorageError &e) {
            error = e.message();
        }
        QMetaObject::invokeMethod(this, [target, done, error] {
            if (target) {
                done(error);
            }
        });
    });
}

} // namespace Cuepoint::Gui
