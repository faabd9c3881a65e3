// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/Account.h"
#include "cuepoint/core/tiktok/TikTokConfig.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <atomic>
#include <memory>

namespace Cuepoint::Core {
class AccountStore;
class TokenStore;
} // namespace Cuepoint::Core

namespace Cuepoint::Gui {

/// Connects and disconnects TikTok accounts for the window: runs Core::AccountConnector on a
/// worker thread (the GUI never waits for the browser, TikTok or the keychain) and writes the
/// result to the AccountStore on its own thread, whose signals then update the list.
///
/// On the built-in sandbox the controller plays the browser itself (the sandbox's sign-in page
/// approves at once), so connecting a Sandbox account is one click and needs no browser.
class AccountsController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsController)

public:
    enum class State {
        Starting, ///< which TikTok to talk to is not known yet
        Unavailable, ///< TikTok cannot be reached at all (see unavailableReason())
        Ready,
        Connecting,
        Disconnecting,
    };
    Q_ENUM(State)

    /// @p accounts must outlive the controller and belong to this thread.
    explicit AccountsController(Core::AccountStore &accounts, QObject *parent = nullptr);
    /// Cancels a connection in progress and waits for its worker (at most a moment).
    ~AccountsController() override;

    Core::AccountStore &accounts() const { return m_accounts; }

    /// Which TikTok to talk to is known: TikTok itself, or the sandbox (@p config.sandbox).
    void setTikTok(const Core::TikTokConfig &config, std::shared_ptr<Core::TokenStore> tokens);
    /// TikTok cannot be used at all; @p reason is a sentence for the user.
    void setUnavailable(const QString &reason);

    State state() const { return m_state; }
    bool isBusy() const { return m_state == State::Connecting || m_state == State::Disconnecting; }
    /// True when connecting goes to the built-in sandbox (meaningful once Ready).
    bool isSandbox() const { return m_config.sandbox; }
    QString unavailableReason() const { return m_unavailableReason; }

    /// How long connecting waits for the browser (default 5 minutes).
    void setConnectTimeoutMs(int ms) { m_connectTimeoutMs = ms; }

    /// Starts connecting an account. Returns false when not Ready.
    bool connectAccount();
    /// Cancels connecting; cancelled() follows once the worker has stopped.
    void cancel();
    /// Revokes the access of account @p id and marks it disconnected. False when not Ready or
    /// the account is unknown.
    bool disconnectAccount(qint64 id);
    /// Removes a disconnected account from the list. Returns an empty string on success, else
    /// a sentence saying why it stays (its posts still need it).
    QString removeAccount(qint64 id);

Q_SIGNALS:
    void stateChanged(Cuepoint::Gui::AccountsController::State state);
    /// The sign-in page to open. With @p openInBrowser false (the sandbox) the controller
    /// completes the sign-in itself.
    void authorizeUrlReady(const QUrl &url, bool openInBrowser);
    void accountConnected(const Cuepoint::Core::Account &account, const QStringList &missingScopes);
    void accountDisconnected(const Cuepoint::Core::Account &account, const QString &warning);
    /// Connecting or disconnecting failed; @p sentence says why in plain words.
    void failed(const QString &sentence);
    void cancelled();

public:
    /// What a worker brings back (public for QFutureWatcher only).
    struct JobResult
    {
        enum class Kind { Connected, Disconnected, Failed, Cancelled };
        Kind kind = Kind::Failed;
        Core::Account account;
        QStringList missingScopes;
        QString message; ///< the failure's sentence, or the disconnect warning
    };

private:
    void setState(State state);
    void onJobFinished();

    Core::AccountStore &m_accounts;
    Core::TikTokConfig m_config;
    std::shared_ptr<Core::TokenStore> m_tokens;
    State m_state = State::Starting;
    QString m_unavailableReason;
    int m_connectTimeoutMs = 300'000;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QFutureWatcher<JobResult> m_watcher;
};

} // namespace Cuepoint::Gui
