// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>
#include <QPixmap>
#include <QString>
#include <QWidget>

class QPushButton;

namespace Cuepoint::Gui {

/// A round avatar: the account's profile picture when there is one (setPicture()), else its
/// initials on a colour chosen from the account's id so that each profile keeps its colour.
class InitialsAvatar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InitialsAvatar)

public:
    static constexpr int kSize = 40; ///< logical pixels

    explicit InitialsAvatar(QWidget *parent = nullptr);
    void setInitials(const QString &initials, const QString &seed);
    QString initials() const { return m_initials; }
    /// The round picture to show instead of the initials (a null pixmap: the initials).
    void setPicture(const QPixmap &picture);
    bool hasPicture() const { return !m_picture.isNull(); }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_initials;
    QColor m_colour;
    QPixmap m_picture;
};

/// A small rounded label ("Sandbox") that marks something as different from the ordinary.
class Badge final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Badge)

public:
    explicit Badge(const QString &text, QWidget *parent = nullptr);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent *event) override;
};

/// One connected TikTok profile on the Accounts page: avatar, name, Sandbox badge, @username,
/// status and the sign-in's expiry in words, and one action (Disconnect, Reconnect, Remove).
class AccountRow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountRow)

public:
    /// The one action a row offers, by the account's state.
    enum class Action { Disconnect, Reconnect, Remove };
    Q_ENUM(Action)

    struct Content
    {
        qint64 id = 0;
        QString name;
        QString username; ///< "@handle" or empty
        QString initials;
        bool sandbox = false;
        int status = 0; ///< Core::AccountStatus
        QString statusText;
        QString expiryText;
        QString toolTip;
    };

    explicit AccountRow(const Content &content, QWidget *parent = nullptr);

    qint64 accountId() const { return m_content.id; }
    Action action() const { return m_action; }
    /// Enables or disables the row's action (while another operation runs).
    void setActionEnabled(bool enabled);
    /// Shows the account's round profile picture instead of its initials (null: initials).
    void setAvatar(const QPixmap &picture);
    InitialsAvatar *avatarWidget() const { return m_avatar; }

Q_SIGNALS:
    void actionRequested(qint64 accountId, Cuepoint::Gui::AccountRow::Action action);

private:
    Content m_content;
    Action m_action = Action::Disconnect;
    QPushButton *m_actionButton = nullptr;
    InitialsAvatar *m_avatar = nullptr;
};

} // namespace Cuepoint::Gui
