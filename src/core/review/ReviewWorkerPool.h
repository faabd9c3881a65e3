// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The review server's threads: cpp-httplib's task queue with threads of our own, each with its
// own database connection (a Qt SQL rule: a connection belongs to the thread that opened it).

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/storage/ReviewStore.h"

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace Cuepoint::Core::Review {

/// One database connection and its stores, per worker thread (a Qt SQL rule).
struct WorkerContext
{
    std::unique_ptr<Database> db;
    std::unique_ptr<PostStore> posts;
    std::unique_ptr<AccountStore> accounts;
    std::unique_ptr<ReviewStore> reviews;
};

/// The HTTP library's task queue, with threads of our own so each keeps its own database
/// connection from its first request to its end (closed in the same thread).
class WorkerPool final : public httplib::TaskQueue
{
public:
    explicit WorkerPool(int threads);
    ~WorkerPool() override;

    void enqueue(std::function<void()> fn) override;
    /// Lets the queued jobs finish, then joins the threads (each closes its connection first).
    void shutdown() override;

    /// The context of the worker thread calling, or nullptr outside the pool's threads.
    static WorkerContext *currentContext();

private:
    void run();

    std::vector<std::thread> m_threads;
    std::deque<std::function<void()>> m_jobs;
    std::mutex m_mutex;
    std::condition_variable m_cond;
    bool m_shutdown = false;
};

} // namespace Cuepoint::Core::Review
