// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "controllers/CalendarLoader.h"

#include "GuiLogging.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/storage/ReviewStore.h"
#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/support/Clock.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QThread>
#include <QTimer>

namespace Cuepoint::Gui {

namespace {

/// Changes come in bursts (a commit touches the WAL several times, an upload checkpoints every
/// chunk): one refresh per burst.
constexpr int kDebounceMs = 250;
/// For file systems that do not report changes (network shares).
constexpr int kPeriodicMs = 15'000;

} // namespace

/// Lives on the loader's thread; owns that thread's Database connection.
class CalendarLoaderWorker final : public QObject
{
public:
    explicit CalendarLoaderWorker(QString path)
        : m_path(std::move(path))
    {
    }

    /// Opens the connection on first use (on the worker thread, where it must live).
    bool ensureOpen(QString *error)
    {
        if (m_db) {
            return true;
        }
        try {
            m_db = Core::Database::open(m_path);
            m_posts = std::make_unique<Core::PostStore>(*m_db, m_clock);
            m_accounts = std::make_unique<Core::AccountStore>(*m_db, m_clock);
            m_reviews = std::make_unique<Core::ReviewStore>(*m_db, m_clock);
            return true;
        } catch (const Core::StorageError &e) {
            *error = e.message();
            return false;
        }
    }

    void close()
    {
        m_reviews.reset();
        m_accounts.reset();
        m_posts.reset();
        m_db.reset();
    }

    QList<CalendarCard> cards(const QDateTime &from, const QDateTime &to, bool approvalRequired)
    {
        const QList<Core::Post> posts = m_posts->calendarPosts(from, to);
        QHash<qint64, Core::Account> accounts;
        for (const Core::Account &a : m_accounts->accounts()) {
            accounts.insert(a.id, a);
        }
        QHash<QString, bool> found;
        QList<CalendarCard> result;
        result.reserve(posts.size());
        for (const Core::Post &p : posts) {
            auto it = found.constFind(p.videoPath);
            if (it == found.constEnd()) {
                it = found.insert(p.videoPath, QFileInfo::exists(p.videoPath));
            }
            result << makeCard(p, accounts, *it, approvalRequired);
            if (p.approval != Core::ApprovalState::None) {
                addReviewer(result.last());
            }
        }
        return result;
    }

    PostDetails details(qint64 postId)
    {
        PostDetails d;
        d.post = m_posts->post(postId);
        if (d.post) {
            for (const Core::PostTarget &t : d.post->targets) {
                d.journals.insert(t.id, m_posts->journal(t.id));
                if (const auto a = m_accounts->account(t.accountId)) {
                    d.accountNames.insert(t.accountId,
                        a->username.isEmpty() ? a->displayName : QLatin1Char('@') + a->username);
                }
            }
        }
        d.feedback = m_reviews->feedbackForPost(postId);
        return d;
    }

    /// Who decided last through a review link, and why (only posts with a decision are
    /// looked up: one indexed query each).
    void addReviewer(CalendarCard &card)
    {
        const QList<Core::ReviewFeedback> feedback = m_reviews->feedbackForPost(card.postId);
        for (auto it = feedback.crbegin(); it != feedback.crend(); ++it) {
            if (it->decision == Core::ReviewDecision::Comment) {
                continue;
            }
            // An approval given in the app after a change request is nobody's here.
            const bool same = (it->decision == Core::ReviewDecision::Approved)
                == (card.approval == Core::ApprovalState::Approved);
            if (same) {
                card.reviewerName = it->reviewerName;
                card.reviewComment = it->comment;
            }
            return;
        }
    }

private:
    QString m_path;
    Core::SystemClock m_clock;
    std::unique_ptr<Core::Database> m_db;
    std::unique_ptr<Core::PostStore> m_posts;
    std::unique_ptr<Core::AccountStore> m_accounts;
    std::unique_ptr<Core::ReviewStore> m_reviews;
};

CalendarLoader::CalendarLoader(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_databasePath(databasePath)
    , m_thread(new QThread(this))
    , m_worker(new CalendarLoaderWorker(databasePath))
    , m_watcher(new QFileSystemWatcher(this))
    , m_debounce(new QTimer(this))
    , m_periodic(new QTimer(this))
{
    m_thread->setObjectName(QStringLiteral("calendar-loader"));
    m_worker->moveToThread(m_thread);
    m_thread->start();

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &CalendarLoader::databaseChanged);
    m_periodic->setInterval(kPeriodicMs);
    connect(m_periodic, &QTimer::timeout, this, &CalendarLoader::databaseChanged);
    m_periodic->start();

    for (const QString &path :
        QStringList { databasePath, databasePath + QStringLiteral("-wal") }) {
        if (QFileInfo::exists(path)) {
            m_watcher->addPath(path);
        }
    }
    // The WAL file may appear later (or be recreated after a checkpoint): watch the folder too.
    m_watcher->addPath(QFileInfo(databasePath).absolutePath());
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &CalendarLoader::onFileChanged);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &CalendarLoader::onFileChanged);
}

CalendarLoader::~CalendarLoader()
{
    // The connection belongs to the worker thread: close it there, then end the thread.
    CalendarLoaderWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->close(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

void CalendarLoader::onFileChanged(const QString &path)
{
    Q_UNUSED(path)
    const QString wal = m_databasePath + QStringLiteral("-wal");
    const QStringList watched = m_watcher->files();
    for (const QString &file : QStringList { m_databasePath, wal }) {
        if (!watched.contains(file) && QFileInfo::exists(file)) {
            m_watcher->addPath(file);
        }
    }
    m_debounce->start();
}

quint64 CalendarLoader::load(const QDateTime &from, const QDateTime &to)
{
    const quint64 ticket = ++*m_latest;
    const bool approvals = m_approvalRequired;
    QPointer<CalendarLoader> self(this);
    CalendarLoaderWorker *worker = m_worker;
    std::shared_ptr<std::atomic<quint64>> latest = m_latest;
    QMetaObject::invokeMethod(worker, [=, this] {
        if (ticket < latest->load()) {
            return; // a newer request is waiting: this answer would be stale
        }
        QString error;
        if (!worker->ensureOpen(&error)) {
            QMetaObject::invokeMethod(this, [self, error] {
                if (self) {
                    Q_EMIT self->failed(error);
                }
            });
            return;
        }
        try {
            QElapsedTimer timer;
            timer.start();
            QList<CalendarCard> cards = worker->cards(from, to, approvals);
            m_lastQueryMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
            QMetaObject::invokeMethod(this, [self, ticket, from, to, cards = std::move(cards)] {
                if (self) {
                    Q_EMIT self->loaded(ticket, from, to, cards);
                }
            });
        } catch (const Core::StorageError &e) {
            qCWarning(lcGui).noquote() << "calendar query failed:" << e.message();
            const QString message = e.message();
            QMetaObject::invokeMethod(this, [self, message] {
                if (self) {
                    Q_EMIT self->failed(message);
                }
            });
        }
    });
    return ticket;
}

void CalendarLoader::loadDetails(qint64 postId)
{
    QPointer<CalendarLoader> self(this);
    CalendarLoaderWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=, this] {
        QString error;
        if (!worker->ensureOpen(&error)) {
            return;
        }
        try {
            PostDetails details = worker->details(postId);
            QMetaObject::invokeMethod(this, [self, postId, details = std::move(details)] {
                if (self) {
                    Q_EMIT self->detailsLoaded(postId, details);
                }
            });
        } catch (const Core::StorageError &e) {
            qCWarning(lcGui).noquote() << "post details query failed:" << e.message();
        }
    });
}

} // namespace Cuepoint::Gui
