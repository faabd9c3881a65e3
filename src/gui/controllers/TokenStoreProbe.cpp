// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "controllers/TokenStoreProbe.h"

#include "GuiLogging.h"

#include "cuepoint/core/support/TokenStore.h"

#include <QtConcurrent/QtConcurrentRun>

namespace Cuepoint::Gui {

TokenStoreProbe::TokenStoreProbe(QObject *parent)
    : QObject(parent)
{
    connect(
        &m_watcher, &QFutureWatcher<Result>::finished, this, &TokenStoreProbe::onWatcherFinished);
}

TokenStoreProbe::~TokenStoreProbe() = default;

void TokenStoreProbe::start(const Core::Profile &profile)
{
    // The worker gets its own copy of the profile: nothing it touches belongs to this thread.
    m_watcher.setFuture(QtConcurrent::run([profile] {
        Result result;
        std::unique_ptr<Core::TokenStore> store = Core::createTokenStore(profile, &result.note);
        result.description = store->description();
        result.store = std::move(store);
        return result;
    }));
}

bool TokenStoreProbe::isRunning() const
{
    return m_watcher.isRunning();
}

void TokenStoreProbe::onWatcherFinished()
{
    if (m_watcher.isCanceled() || m_watcher.future().resultCount() == 0) {
        return;
    }
    m_result = m_watcher.result();
    qCInfo(lcGui).noquote() << "token store:" << m_result.description << "-" << m_result.note;
    Q_EMIT finished(m_result);
}

} // namespace Cuepoint::Gui
