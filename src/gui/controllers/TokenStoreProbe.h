// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/support/Profile.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <memory>

namespace Cuepoint::Core {
class TokenStore;
}

namespace Cuepoint::Gui {

/// Finds the profile's token store (Core::createTokenStore) on a worker thread: asking whether
/// a keychain answers goes over D-Bus and can take seconds, which the GUI thread must not wait.
class TokenStoreProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenStoreProbe)

public:
    struct Result
    {
        std::shared_ptr<Core::TokenStore> store;
        QString description; ///< TokenStore::description()
        QString note; ///< why this store was chosen
    };

    explicit TokenStoreProbe(QObject *parent = nullptr);
    /// Does not wait for a probe still running; its result is dropped.
    ~TokenStoreProbe() override;

    /// Starts looking for the token store of @p profile; finished() follows on this object's
    /// thread. A probe already running is superseded.
    void start(const Core::Profile &profile);
    bool isRunning() const;
    /// The last result (empty before the first finished()).
    const Result &result() const { return m_result; }

Q_SIGNALS:
    void finished(const Cuepoint::Gui::TokenStoreProbe::Result &result);

private:
    void onWatcherFinished();

    QFutureWatcher<Result> m_watcher;
    Result m_result;
};

} // namespace Cuepoint::Gui
