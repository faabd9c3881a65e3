// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "controllers/AccountsController.h"
#include "controllers/AvatarCache.h"
#include "widgets/AccountRow.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QUrl;

namespace Cuepoint::Core {
class Clock;
}

namespace Cuepoint::Gui {

namespace Ui {
class AccountsPage;
}

class AccountListModel;

/// The connected TikTok profiles, and connecting and disconnecting them. The page only shows
/// and asks: the controller does the work (on worker threads) and the model follows the
/// AccountStore. Sandbox profiles carry a "Sandbox" badge, and while Cuepoint runs on its
/// built-in sandbox the page says so and connects a Sandbox profile in one click.
class AccountsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsPage)

public:
    explicit AccountsPage(QWidget *parent = nullptr);
    ~AccountsPage() override;

    /// Attaches the page to @p controller (which must outlive the page or be destroyed with
    /// it); "now" for the expiry words comes from @p clock. Until then, and until the
    /// controller knows which TikTok to talk to, the Connect button is disabled ("Starting…").
    void setController(AccountsController *controller, const Core::Clock &clock);
    AccountsController *controller() const { return m_controller; }
    /// The list shown (null before setController()).
    AccountListModel *model() const { return m_model; }
    /// Where the rows get the accounts' profile pictures (may be null: initials only; must
    /// outlive the page or be destroyed with it).
    void setAvatarCache(AvatarCache *avatars);

    /// Where the page's documentation link points (docs/TIKTOK-SETUP.md), or empty.
    static QString setupGuidePath();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateState();
    void rebuildRows();
    void showAvatar(AccountRow *row);
    void onConnectClicked();
    void onRowAction(qint64 accountId, AccountRow::Action action);
    void confirmDisconnect(qint64 accountId);
    void onAuthorizeUrlReady(const QUrl &url, bool openInBrowser);
    void showMessage(const QString &text, bool isError);
    void clearMessage();

    std::unique_ptr<Ui::AccountsPage> m_ui;
    QPointer<AccountsController> m_controller;
    AccountListModel *m_model = nullptr;
    QPointer<AvatarCache> m_avatars;
    bool m_messageIsError = false;
};

} // namespace Cuepoint::Gui
