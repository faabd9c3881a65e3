// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "controllers/PostWriter.h"

#include "GuiLogging.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/support/Clock.h"

#include <QThread>

namespace Cuepoint::Gui {

/// Lives on the writer's thread; owns that thread's Database connection.
class PostWriterWorker final : public QObject
{
public:
    PostWriterWorker(QString path, const Core::Clock *clock)
        : m_path(std::move(path))
        , m_clock(clock ? clock : &m_systemClock)
    {
    }

    /// Runs @p job on the connection (opened on first use, on this thread); the error sentence
    /// when it throws.
    std::optional<QString> run(const PostWriter::Job &job)
    {
        try {
            if (!m_db) {
                m_db = Core::Database::open(m_path);
                m_posts = std::make_unique<Core::PostStore>(*m_db, *m_clock);
                m_accounts = std::make_unique<Core::AccountStore>(*m_db, *m_clock);
            }
            PostWriter::Stores stores { *m_posts, *m_accounts };
            job(stores);
            return std::nullopt;
        } catch (const Core::StorageError &e) {
            qCWarning(lcGui).noquote() << "post write refused:" << e.message();
            return e.message();
        }
    }

    void close()
    {
        m_accounts.reset();
        m_posts.reset();
        m_db.reset();
    }

private:
    QString m_path;
    Core::SystemClock m_systemClock;
    const Core::Clock *m_clock;
    std::unique_ptr<Core::Database> m_db;
    std::unique_ptr<Core::PostStore> m_posts;
    std::unique_ptr<Core::AccountStore> m_accounts;
};

PostWriter::PostWriter(const QString &databasePath, const Core::Clock *clock, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new PostWriterWorker(databasePath, clock))
{
    m_thread->setObjectName(QStringLiteral("post-writer"));
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

PostWriter::~PostWriter()
{
    // Queued after every job still waiting: those run first (their results go nowhere), then the
    // connection closes on its own thread.
    PostWriterWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->close(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

void PostWriter::submit(Job job, Done done)
{
    enqueue(std::move(job), std::move(done), true);
}

void PostWriter::read(Job job, Done done)
{
    enqueue(std::move(job), std::move(done), false);
}

void PostWriter::enqueue(Job job, Done done, bool writes)
{
    ++m_pending;
    PostWriterWorker *worker = m_worker;
    // Events posted to one receiver are delivered in order: jobs run in submission order, and
    // their results, posted to this object, arrive in that order too. This object outlives every
    // job (the destructor waits for them), and results still queued when it goes are dropped
    // with it.
    QMetaObject::invokeMethod(
        worker, [this, worker, writes, job = std::move(job), done = std::move(done)] {
            std::optional<QString> error = worker->run(job);
            QMetaObject::invokeMethod(this, [this, writes, done, error = std::move(error)] {
                --m_pending;
                if (!error && writes) {
                    Q_EMIT written();
                }
                if (done) {
                    done(error);
                }
            });
        });
}

} // namespace Cuepoint::Gui
