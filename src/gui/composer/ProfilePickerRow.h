// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/Account.h"

#include <QPixmap>
#include <QWidget>

class QCheckBox;
class QLabel;

namespace Cuepoint::Gui {

/// One profile in the composer's "Post to" list: a check box, the avatar, the creator's
/// nickname and handle as TikTok gave them just now, and one line of state (checking, a
/// problem in plain words, or what was already published).
class ProfilePickerRow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfilePickerRow)

public:
    explicit ProfilePickerRow(const Core::Account &account, QWidget *parent = nullptr);
    ~ProfilePickerRow() override;

    const Core::Account &account() const { return m_account; }
    QCheckBox *checkBox() const { return m_check; }
    bool isChecked() const;
    void setChecked(bool checked);

    /// How the composer names a creator: "@username" from a fresh creator_info when it has
    /// one, else Account::handle().
    static QString handleOf(const Core::Account &account, const QString &liveUsername)
    {
        return liveUsername.isEmpty() ? account.handle() : QLatin1Char('@') + liveUsername;
    }

    /// The nickname and handle to show (creator_info's, else the account's).
    void setNames(const QString &nickname, const QString &username);
    void setAvatar(const QPixmap &avatar);
    /// The state line; @p problem colours it as a problem.
    void setStatus(const QString &text, bool problem = false);
    QString status() const;
    /// The check box cannot be changed (a post's profiles when editing, a published target);
    /// @p why is said in the tooltip.
    void setLocked(bool locked, const QString &why = {});

Q_SIGNALS:
    void toggled(bool checked);

private:
    Core::Account m_account;
    QCheckBox *m_check = nullptr;
    QLabel *m_avatar = nullptr;
    QLabel *m_name = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace Cuepoint::Gui
