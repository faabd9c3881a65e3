// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/AccountsPage.h"

#include "ui_AccountsPage.h"
#include "widgets/Typography.h"

namespace Cuepoint::Gui {

AccountsPage::AccountsPage(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AccountsPage>())
{
    setObjectName(QStringLiteral("accountsPage"));
    m_ui->setupUi(this);
    Typography::setPageTitle(m_ui->titleLabel);
}

AccountsPage::~AccountsPage() = default;

} // namespace Cuepoint::Gui
