// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <memory>

namespace Cuepoint::Gui {

namespace Ui {
class AccountsPage;
}

/// The connected TikTok profiles. Until connecting arrives it shows an empty state.
class AccountsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsPage)

public:
    explicit AccountsPage(QWidget *parent = nullptr);
    ~AccountsPage() override;

private:
    std::unique_ptr<Ui::AccountsPage> m_ui;
};

} // namespace Cuepoint::Gui
