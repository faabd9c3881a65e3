// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QThread;

namespace Cuepoint::Core {
class AccountStore;
class Clock;
class PostStore;
} // namespace Cuepoint::Core

namespace Cuepoint::Gui {

class PostWriterWorker;

/// Writes posts off the GUI thread: a worker thread with its own Database connection (and its
/// own PostStore and AccountStore) runs jobs one at a time, in the order they were submitted, and
/// reports each result back on the GUI thread, also in order.
///
/// A write may wait up to the busy timeout for SQLite's write lock (the publisher, the daemon or
/// cuepoint-cli may hold it); the GUI thread never does. Reads that must see the page's own
/// earlier writes (the post to edit, the profiles for the form) go through the same queue.
class PostWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PostWriter)

public:
    /// The stores of the worker's connection (only ever used on the worker thread).
    struct Stores
    {
        Core::PostStore &posts;
        Core::AccountStore &accounts;
    };
    /// Runs on the worker thread; throws Core::StorageError to fail with its message.
    using Job = std::function<void(Stores &stores)>;
    /// Runs on the GUI thread once the job has run: nullopt on success, else the sentence.
    using Done = std::function<void(const std::optional<QString> &error)>;

    /// @p clock stamps the journal (it must be usable from any thread); null means the system's.
    explicit PostWriter(
        const QString &databasePath, const Core::Clock *clock = nullptr, QObject *parent = nullptr);
    /// Waits (on the calling thread) for the jobs still queued, so a user's change is not
    /// dropped on quit; then closes the worker's connection and ends its thread.
    ~PostWriter() override;

    /// Queues @p job. @p done is called on this object's thread, unless the writer is destroyed
    /// first; a job that fails because the database cannot be opened reports that too.
    void submit(Job job, Done done = {});
    /// Queues a job that only reads (behind the writes before it, so it sees them); as submit()
    /// but without written().
    void read(Job job, Done done);
    /// Jobs submitted whose results have not been reported yet.
    int pending() const { return m_pending; }

Q_SIGNALS:
    /// A job succeeded (the page reloads at once instead of waiting for the file watcher).
    void written();

private:
    void enqueue(Job job, Done done, bool writes);

    QThread *m_thread = nullptr;
    PostWriterWorker *m_worker = nullptr;
    int m_pending = 0;
};

} // namespace Cuepoint::Gui
