// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "controllers/AccountsController.h"

#include "GuiLogging.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/TokenStore.h"
#include "cuepoint/core/tiktok/AccountConnector.h"
#include "cuepoint/core/tiktok/ApiError.h"
#include "cuepoint/core/tiktok/HttpTransport.h"
#include "cuepoint/core/tiktok/RateLimiter.h"
#include "cuepoint/core/tiktok/TikTokClient.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace Cuepoint::Gui {

namespace {

using JobResult = AccountsController::JobResult;

/// What the user reads when a TikTok call failed.
QString sentenceFor(const Core::ApiError &e)
{
    if (e.code() == QLatin1String(Core::AccountConnector::kListenerUnavailable)) {
        return e.message();
    }
    if (e.code() == QLatin1String(Core::AccountConnector::kSandboxPageRefused)) {
        return AccountsController::tr("The Sandbox's sign-in page refused the request.");
    }
    return e.userMessage();
}

/// Everything one job needs to talk to TikTok, made on the worker thread: a client is used by
/// one thread at a time, so each job gets its own.
struct Session
{
    explicit Session(const Core::TikTokConfig &config)
        : limiter(clock)
        , transport(Core::createCurlTransport())
        , client(config, *transport, limiter, clock)
    {
    }
    Core::SystemClock clock;
    Core::RateLimiter limiter;
    std::unique_ptr<Core::HttpTransport> transport;
    Core::TikTokClient client;
};

JobResult failure(const QString &sentence)
{
    JobResult result;
    result.kind = JobResult::Kind::Failed;
    result.message = sentence;
    return result;
}

} // namespace

AccountsController::AccountsController(Core::AccountStore &accounts, QObject *parent)
    : QObject(parent)
    , m_accounts(accounts)
{
    connect(
        &m_watcher, &QFutureWatcher<JobResult>::finished, this, &AccountsController::onJobFinished);
}

AccountsController::~AccountsController()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
    // The worker checks the flag at least every 100 ms; its result is dropped.
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

void AccountsController::setTikTok(
    const Core::TikTokConfig &config, std::shared_ptr<Core::TokenStore> tokens)
{
    m_config = config;
    m_tokens = std::move(tokens);
    m_unavailableReason.clear();
    if (!isBusy()) {
        setState(m_tokens ? State::Ready : State::Unavailable);
    }
}

void AccountsController::setUnavailable(const QString &reason)
{
    m_unavailableReason = reason;
    m_tokens.reset();
    if (!isBusy()) {
        setState(State::Unavailable);
    }
}

bool AccountsController::connectAccount()
{
    if (m_state != State::Ready) {
        return false;
    }
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    const std::shared_ptr<Core::TokenStore> tokens = m_tokens;
    const Core::TikTokConfig config = m_config;
    const int timeoutMs = m_connectTimeoutMs;
    const QPointer<AccountsController> self(this);
    setState(State::Connecting);
    qCInfo(lcGui) << "connecting an account" << (config.sandbox ? "(sandbox)" : "");
    m_watcher.setFuture(QtConcurrent::run([self, cancel, tokens, config, timeoutMs] {
        Session session(config);
        Core::AccountConnector connector(session.client, *tokens, session.clock);
        connector.setCancelFlag(cancel.get());
        const auto onUrl = [&](const QUrl &url) {
            if (self) {
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, url, sandbox = config.sandbox] {
                        if (self) {
                            Q_EMIT self->authorizeUrlReady(url, !sandbox);
                        }
                    },
                    Qt::QueuedConnection);
            }
            if (config.sandbox) {
                Core::AccountConnector::approveInSandbox(*session.transport, url, cancel.get());
            }
        };
        try {
            Core::ConnectedAccount connected = connector.authorize(onUrl, timeoutMs);
            JobResult result;
            result.kind = JobResult::Kind::Connected;
            result.account = connected.account;
            result.missingScopes = connected.missingScopes;
            return result;
        } catch (const Core::ApiError &e) {
            if (e.code() == QLatin1String(Core::ApiError::kCancelled)) {
                JobResult result;
                result.kind = JobResult::Kind::Cancelled;
                return result;
            }
            qCWarning(lcGui).noquote() << "connecting failed:" << e.describe();
            return failure(sentenceFor(e));
        } catch (const std::exception &e) {
            qCWarning(lcGui) << "connecting failed:" << e.what();
            return failure(tr("Connecting failed: %1").arg(QString::fromUtf8(e.what())));
        }
    }));
    return true;
}

void AccountsController::cancel()
{
    if (m_state == State::Connecting && m_cancel) {
        m_cancel->store(true);
    }
}

bool AccountsController::disconnectAccount(qint64 id)
{
    if (m_state != State::Ready) {
        return false;
    }
    const std::optional<Core::Account> account = m_accounts.account(id);
    if (!account) {
        return false;
    }
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    const std::shared_ptr<Core::TokenStore> tokens = m_tokens;
    const Core::TikTokConfig config = m_config;
    const Core::Account target = *account;
    setState(State::Disconnecting);
    qCInfo(lcGui) << "disconnecting account" << id;
    m_watcher.setFuture(QtConcurrent::run([cancel, tokens, config, target] {
        Session session(config);
        Core::AccountConnector connector(session.client, *tokens, session.clock);
        connector.setCancelFlag(cancel.get());
        try {
            const Core::DisconnectOutcome outcome = connector.revokeAccess(target);
            JobResult result;
            result.kind = JobResult::Kind::Disconnected;
            result.account = target;
            result.message = outcome.warning;
            return result;
        } catch (const Core::ApiError &e) {
            qCWarning(lcGui).noquote() << "disconnecting failed:" << e.describe();
            return failure(sentenceFor(e));
        } catch (const std::exception &e) {
            return failure(tr("Disconnecting failed: %1").arg(QString::fromUtf8(e.what())));
        }
    }));
    return true;
}

QString AccountsController::removeAccount(qint64 id)
{
    try {
        m_accounts.remove(id);
        return {};
    } catch (const Core::StorageError &e) {
        if (e.kind() == Core::StorageError::Kind::Constraint) {
            return tr("This account stays in the list while posts are planned for it.");
        }
        return e.message();
    }
}

void AccountsController::setState(State state)
{
    if (m_state == state) {
        return;
    }
    m_state = state;
    Q_EMIT stateChanged(state);
}

void AccountsController::onJobFinished()
{
    if (m_watcher.future().resultCount() == 0) {
        return;
    }
    JobResult result = m_watcher.result();
    m_cancel.reset();
    setState(m_tokens ? State::Ready : State::Unavailable);
    // The database belongs to this thread: the worker only talked to TikTok and the keychain.
    try {
        switch (result.kind) {
        case JobResult::Kind::Connected: {
            Core::ConnectedAccount connected { result.account, result.missingScopes };
            Core::AccountConnector::store(m_accounts, connected);
            qCInfo(lcGui) << "connected account" << connected.account.id;
            Q_EMIT accountConnected(connected.account, connected.missingScopes);
            break;
        }
        case JobResult::Kind::Disconnected:
            Core::AccountConnector::markDisconnected(m_accounts, result.account.id);
            Q_EMIT accountDisconnected(result.account, result.message);
            break;
        case JobResult::Kind::Failed:
            Q_EMIT failed(result.message);
            break;
        case JobResult::Kind::Cancelled:
            Q_EMIT cancelled();
            break;
        }
    } catch (const Core::StorageError &e) {
        qCWarning(lcGui).noquote() << "cannot save the account:" << e.message();
        Q_EMIT failed(e.message());
    }
}

} // namespace Cuepoint::Gui
