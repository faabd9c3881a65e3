// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGroupBox>
#include <QPointer>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace Cuepoint::Core {
class Settings;
}

namespace Cuepoint::Gui {

class ReviewHost;

/// The Settings page's "Review links" group: who can reach the review server (only this
/// computer, or the local network on an address, with a warning), its port, the server's state
/// and "Manage Review Links…". Changes are written to the settings at once.
class ReviewServerSettings final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewServerSettings)

public:
    explicit ReviewServerSettings(QWidget *parent = nullptr);
    ~ReviewServerSettings() override;

    /// The settings it edits (null disables it).
    void setSettings(Core::Settings *settings);
    /// The server whose state it shows.
    void setReviewHost(ReviewHost *host);

    /// "0.0.0.0" when the box is empty: every interface.
    static constexpr const char *kAnyAddress = "0.0.0.0";
    static constexpr const char *kLoopback = "127.0.0.1";

Q_SIGNALS:
    /// The address or the port was stored (the host restarts the server there).
    void serverSettingsChanged();
    /// "Manage Review Links…" was clicked.
    void manageLinksRequested();

private:
    void load();
    void store();
    void updateState();

    Core::Settings *m_settings = nullptr;
    QPointer<ReviewHost> m_host;
    QRadioButton *m_local = nullptr;
    QRadioButton *m_lan = nullptr;
    QLineEdit *m_address = nullptr;
    QLabel *m_warning = nullptr;
    QLabel *m_addressError = nullptr;
    QSpinBox *m_port = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_manage = nullptr;
};

} // namespace Cuepoint::Gui
