// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/support/Clock.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <optional>

namespace Cuepoint::Gui {

/// What a store job running off the GUI thread gave back: its value, or a sentence.
template<typename T> struct StoreJobResult
{
    std::optional<T> value;
    QString error; ///< empty on success
};

/// Runs @p job on a pool thread with a Store of type @p Store over its own Database connection
/// to @p databasePath, opened and closed on that thread (a connection belongs to the thread that
/// opened it). The composer's lists are small and read rarely, so a connection per job keeps the
/// GUI thread away from SQLite without a long-lived worker.
template<typename Store, typename Job> auto runStoreJob(const QString &databasePath, Job job)
{
    using T = decltype(job(std::declval<Store &>()));
    return QtConcurrent::run([databasePath, job = std::move(job)]() -> StoreJobResult<T> {
        StoreJobResult<T> result;
        try {
            const Core::SystemClock clock;
            auto db = Core::Database::open(databasePath);
            Store store(*db, clock);
            result.value = job(store);
        } catch (const Core::StorageError &e) {
            result.error = e.message();
        } catch (const std::exception &e) {
            result.error = QString::fromUtf8(e.what());
        }
        return result;
    });
}

/// Calls @p done with @p future's result on @p context's thread once it has finished, unless
/// @p context is destroyed first. Used instead of QFuture::then(context, ...), which in Qt 6.4
/// asserts when the context is destroyed before the future finishes (a dialog closed while a
/// check runs); a watcher owned by the context goes away with it.
template<typename T, typename Done>
void whenFinished(QFuture<T> future, QObject *context, Done done)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
        [watcher, done = std::move(done)]() mutable {
            watcher->deleteLater();
            done(watcher->result());
        });
    watcher->setFuture(std::move(future));
}

} // namespace Cuepoint::Gui
