// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/publish/PublishNotifier.h"
#include "cuepoint/core/support/Profile.h"
#include "cuepoint/core/tiktok/TikTokConfig.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class QThread;

namespace Cuepoint::Core {
class TokenStore;
}

namespace Cuepoint::App {

class PublisherWorker;

/// The window's publisher: the core's PublishEngine on a thread of its own (so no network,
/// SQLite or file work of publishing ever runs on the GUI thread), holding the profile's
/// PublisherLock. When another process publishes from the profile (`cuepoint-cli run`, the
/// systemd service), the window does not publish: it says who does, and tries again every
/// minute so that it takes over when that process stops.
class PublisherHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PublisherHost)

public:
    explicit PublisherHost(QObject *parent = nullptr);
    ~PublisherHost() override;

    /// Starts publishing from @p profile through TikTok (or the sandbox) as @p config says.
    /// @p tokens must outlive this object.
    void start(const Core::Profile &profile, const Core::TikTokConfig &config,
        std::shared_ptr<Core::TokenStore> tokens);
    /// Stops the engine (uploads keep their checkpoints) and ends its thread; blocks briefly.
    void stop();
    /// The user changed the publishing rules (approval, grace period) in the settings: the
    /// engine reads them again and looks for due posts now, not at its next wake-up.
    void reloadPolicy();

    /// Whether this window holds the profile's publisher lease now.
    bool isPublishing() const { return m_publishing; }
    /// One line for the status bar, and its tooltip.
    QString statusText() const { return m_statusText; }
    QString statusDetail() const { return m_statusDetail; }

Q_SIGNALS:
    /// The publishing status changed (see statusText()).
    void statusChanged(const QString &text, const QString &detail);
    /// Something the user should hear about (published, in the inbox, failed, held, ...).
    void notice(const Cuepoint::Core::PublishNotice &notice);
    /// A target changed state because of the engine (for views to refresh).
    void targetChanged(qint64 postId, qint64 targetId);

private:
    void onStatus(bool publishing, const QString &text, const QString &detail);

    QThread *m_thread = nullptr;
    QPointer<PublisherWorker> m_worker;
    bool m_publishing = false;
    QString m_statusText;
    QString m_statusDetail;
};

} // namespace Cuepoint::App
