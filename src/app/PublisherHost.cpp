// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PublisherHost.h"

#include "AppLogging.h"

#include "cuepoint/core/publish/PublishEngine.h"
#include "cuepoint/core/publish/PublisherLock.h"
#include "cuepoint/core/publish/WakeTimer.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/TokenStore.h"

#include <QCoreApplication>
#include <QSysInfo>
#include <QThread>
#include <QTimer>

#include <chrono>

namespace Cuepoint::App {

namespace {

constexpr std::chrono::seconds kLease { 90 };
/// How often a window that is not the publisher asks again (and a holder renews).
constexpr std::chrono::seconds kRetry { 30 };

} // namespace

/// Lives on the publisher thread: the lock, the engine and their database connection.
class PublisherWorker final : public QObject, public Core::PublishNotifier
{
    Q_OBJECT

public:
    PublisherWorker(
        Core::Profile profile, Core::TikTokConfig config, std::shared_ptr<Core::TokenStore> tokens)
        : m_profile(std::move(profile))
        , m_config(std::move(config))
        , m_tokens(std::move(tokens))
    {
    }

    void notify(const Core::PublishNotice &notice) override { Q_EMIT noticed(notice); }

    void start()
    {
        m_timer = new QTimer(this);
        m_timer->setInterval(std::chrono::duration_cast<std::chrono::milliseconds>(kRetry));
        connect(m_timer, &QTimer::timeout, this, &PublisherWorker::tick);
        m_timer->start();
        tick();
    }

    void stop()
    {
        if (m_timer) {
            m_timer->stop();
        }
        if (m_engine) {
            m_engine->stop(std::chrono::seconds(5));
            m_engine.reset();
        }
        if (m_lock) {
            m_lock->release();
            m_lock.reset();
        }
        m_db.reset();
    }

    void wake()
    {
        if (m_engine) {
            m_engine->wake(); // reads PublishPolicy::fromSettings() again
        }
    }

Q_SIGNALS:
    void status(bool publishing, const QString &text, const QString &detail);
    void noticed(const Cuepoint::Core::PublishNotice &notice);
    void targetChanged(qint64 postId, qint64 targetId);

private:
    void tick()
    {
        try {
            if (!m_db) {
                m_db = Core::Database::open(m_profile.databasePath());
            }
            if (!m_lock) {
                m_lock = std::make_unique<Core::PublisherLock>(m_profile, *m_db, m_clock,
                    QStringLiteral("the Cuepoint window (pid %1 on %2)")
                        .arg(QCoreApplication::applicationPid())
                        .arg(QSysInfo::machineHostName()));
            }
            if (m_engine) {
                if (!m_lock->renew(kLease)) {
                    qCWarning(lcApp) << "lost the publisher lease; stopping the engine";
                    m_engine->stop(std::chrono::seconds(5));
                    m_engine.reset();
                    reportHolder();
                }
                return;
            }
            if (!m_lock->tryAcquire(kLease)) {
                reportHolder();
                return;
            }
            startEngine();
        } catch (const Core::StorageError &e) {
            Q_EMIT status(false, tr("Publishing: stopped"),
                tr("The database could not be used for publishing: %1")
                    .arg(QString::fromUtf8(e.what())));
        }
    }

    void startEngine()
    {
        Core::PublishEngineOptions options;
        options.workerName =
            QStringLiteral("the Cuepoint window (pid %1)").arg(QCoreApplication::applicationPid());
        const QString settingsPath = m_profile.settingsPath();
        options.policy = [settingsPath] { return Core::PublishPolicy::fromSettings(settingsPath); };
        m_engine = std::make_unique<Core::PublishEngine>(m_profile.databasePath(), m_config,
            *m_tokens, m_clock, Core::WakeTimer::createSystemTimer(), this, options);
        connect(m_engine.get(), &Core::PublishEngine::targetChanged, this,
            [this](qint64 postId, qint64 targetId, Core::TargetState) {
                Q_EMIT targetChanged(postId, targetId);
            });
        m_engine->start();
        qCInfo(lcApp) << "publishing from this window";
        Q_EMIT status(
            true, tr("Publishing: on"), tr("This window publishes every due post at its minute."));
    }

    void reportHolder()
    {
        const std::optional<Core::PublisherLease> holder = m_lock->holder();
        const QString who =
            holder && !holder->description.isEmpty() ? holder->description : tr("another process");
        Q_EMIT status(false, tr("Publishing: by another process"),
            tr("%1 publishes from this profile, so this window does not (one publisher per "
               "profile, so that no post goes out twice). The window takes over when it stops.")
                .arg(who));
    }

    Core::Profile m_profile;
    Core::TikTokConfig m_config;
    std::shared_ptr<Core::TokenStore> m_tokens;
    Core::SystemClock m_clock;
    std::unique_ptr<Core::Database> m_db;
    std::unique_ptr<Core::PublisherLock> m_lock;
    std::unique_ptr<Core::PublishEngine> m_engine;
    QTimer *m_timer = nullptr;
};

PublisherHost::PublisherHost(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Core::PublishNotice>();
}

PublisherHost::~PublisherHost()
{
    stop();
}

void PublisherHost::start(const Core::Profile &profile, const Core::TikTokConfig &config,
    std::shared_ptr<Core::TokenStore> tokens)
{
    if (m_thread) {
        return;
    }
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("publisher"));
    auto *worker = new PublisherWorker(profile, config, std::move(tokens));
    worker->moveToThread(m_thread);
    m_worker = worker;
    connect(m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &PublisherWorker::status, this, &PublisherHost::onStatus);
    connect(worker, &PublisherWorker::noticed, this, &PublisherHost::notice);
    connect(worker, &PublisherWorker::targetChanged, this, &PublisherHost::targetChanged);
    m_thread->start();
    QMetaObject::invokeMethod(worker, &PublisherWorker::start, Qt::QueuedConnection);
}

void PublisherHost::stop()
{
    if (!m_thread) {
        return;
    }
    if (m_worker) {
        QMetaObject::invokeMethod(m_worker, &PublisherWorker::stop, Qt::BlockingQueuedConnection);
    }
    m_thread->quit();
    m_thread->wait();
    m_thread = nullptr;
}

void PublisherHost::reloadPolicy()
{
    if (m_worker) {
        QMetaObject::invokeMethod(m_worker, &PublisherWorker::wake, Qt::QueuedConnection);
    }
}

void PublisherHost::onStatus(bool publishing, const QString &text, const QString &detail)
{
    m_publishing = publishing;
    m_statusText = text;
    m_statusDetail = detail;
    Q_EMIT statusChanged(text, detail);
}

} // namespace Cuepoint::App

#include "PublisherHost.moc"
