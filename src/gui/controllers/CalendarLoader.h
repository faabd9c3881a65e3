// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/CalendarCard.h"

#include "cuepoint/core/domain/JournalEntry.h"
#include "cuepoint/core/domain/Post.h"
#include "cuepoint/core/domain/ReviewLink.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>
#include <optional>

class QFileSystemWatcher;
class QThread;
class QTimer;

namespace Cuepoint::Gui {

class CalendarLoaderWorker;

/// One post with the journal of each of its targets, for the details panel.
struct PostDetails
{
    std::optional<Core::Post> post; ///< nullopt: the post is gone
    QHash<qint64, QList<Core::JournalEntry>> journals; ///< by target id
    QHash<qint64, QString> accountNames; ///< by account id
    QList<Core::ReviewFeedback> feedback; ///< what reviewers said, oldest first
};

/// Reads the calendar off the GUI thread: a worker thread with its own Database connection runs
/// the range queries and hands plain values (CalendarCard) back through queued signals.
///
/// Other processes (cuepoint-cli, the publisher thread, the daemon) write the same SQLite file,
/// so the loader also watches the database and its WAL file and says databaseChanged() (at most
/// every few hundred milliseconds) when they change; a slow periodic refresh covers file systems
/// that do not report changes.
class CalendarLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CalendarLoader)

public:
    explicit CalendarLoader(const QString &databasePath, QObject *parent = nullptr);
    /// Waits for the query in progress, closes the worker's connection and ends its thread.
    ~CalendarLoader() override;

    /// Whether approvals are required (the cards' lightning bolt depends on it).
    void setApprovalRequired(bool required) { m_approvalRequired = required; }
    /// Loads the posts scheduled in [@p from, @p to) (UTC). Only the latest request is answered:
    /// older ones still waiting are skipped. Returns the request's ticket.
    quint64 load(const QDateTime &from, const QDateTime &to);
    /// Loads one post and its journal.
    void loadDetails(qint64 postId);
    /// How long the last range query took on the worker, in milliseconds (benchmarks).
    double lastQueryMs() const { return m_lastQueryMs.load(); }

Q_SIGNALS:
    void loaded(quint64 ticket, const QDateTime &from, const QDateTime &to,
        const QList<Cuepoint::Gui::CalendarCard> &cards);
    void detailsLoaded(qint64 postId, const Cuepoint::Gui::PostDetails &details);
    /// The database file changed (another connection or process committed).
    void databaseChanged();
    /// The database could not be read; a sentence for the user.
    void failed(const QString &message);

private:
    void onFileChanged(const QString &path);

    QString m_databasePath;
    QThread *m_thread = nullptr;
    CalendarLoaderWorker *m_worker = nullptr;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_debounce = nullptr;
    QTimer *m_periodic = nullptr;
    std::shared_ptr<std::atomic<quint64>> m_latest = std::make_shared<std::atomic<quint64>>(0);
    std::atomic<bool> m_approvalRequired = false;
    std::atomic<double> m_lastQueryMs = 0.0;
};

} // namespace Cuepoint::Gui
