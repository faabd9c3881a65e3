// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "review/ReviewWorkerPool.h"

namespace Cuepoint::Core::Review {

namespace {

thread_local WorkerContext *t_context = nullptr;

} // namespace

WorkerPool::WorkerPool(int threads)
{
    for (int i = 0; i < threads; ++i) {
        m_threads.emplace_back([this] { run(); });
    }
}

WorkerPool::~WorkerPool()
{
    shutdown();
}

void WorkerPool::enqueue(std::function<void()> fn)
{
    {
        const std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(fn));
    }
    m_cond.notify_one();
}

void WorkerPool::shutdown()
{
    {
        const std::lock_guard lock(m_mutex);
        m_shutdown = true;
    }
    m_cond.notify_all();
    for (std::thread &t : m_threads) {
        if (t.joinable()) {
            t.join();
        }
    }
}

WorkerContext *WorkerPool::currentContext()
{
    return t_context;
}

void WorkerPool::run()
{
    WorkerContext context; // destroyed in this thread, with its connection
    t_context = &context;
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_mutex);
            m_cond.wait(lock, [this] { return m_shutdown || !m_jobs.empty(); });
            if (m_jobs.empty()) {
                break;
            }
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        job();
    }
    t_context = nullptr;
}

} // namespace Cuepoint::Core::Review
