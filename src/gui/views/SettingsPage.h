// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProfileFacts.h"

#include <QWidget>

#include <memory>

namespace Cuepoint::Gui {

namespace Ui {
class SettingsPage;
}

/// The settings page. For now it shows read-only facts of the profile: its folders, the
/// database and its schema, and where access tokens are kept. It never queries anything
/// itself: the facts come in, the token store's answer arrives later through
/// showTokenStore() because finding it out may block on the keychain.
class SettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)

public:
    explicit SettingsPage(const ProfileFacts &facts, QWidget *parent = nullptr);
    ~SettingsPage() override;

    /// Shows that the token store is still being looked for (the initial state).
    void showTokenStoreChecking();
    /// Shows the token store in use (TokenStore::description()) and why it was chosen.
    void showTokenStore(const QString &description, const QString &note);

private:
    void onOpenProfileFolderClicked();

    std::unique_ptr<Ui::SettingsPage> m_ui;
    QString m_profileDir;
};

} // namespace Cuepoint::Gui
