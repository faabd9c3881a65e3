// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/MediaLibraryPage.h"

#include "ui_MediaLibraryPage.h"
#include "widgets/Typography.h"

namespace Cuepoint::Gui {

MediaLibraryPage::MediaLibraryPage(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::MediaLibraryPage>())
{
    setObjectName(QStringLiteral("mediaLibraryPage"));
    m_ui->setupUi(this);
    Typography::setPageTitle(m_ui->titleLabel);
}

MediaLibraryPage::~MediaLibraryPage() = default;

} // namespace Cuepoint::Gui
