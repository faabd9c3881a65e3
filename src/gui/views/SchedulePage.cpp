// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/SchedulePage.h"

#include "ui_SchedulePage.h"
#include "widgets/Typography.h"

namespace Cuepoint::Gui {

SchedulePage::SchedulePage(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::SchedulePage>())
{
    setObjectName(QStringLiteral("schedulePage"));
    m_ui->setupUi(this);
    Typography::setPageTitle(m_ui->titleLabel);
}

SchedulePage::~SchedulePage() = default;

} // namespace Cuepoint::Gui
