// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Schedule page's side of review links: "Share for review…", the list of links, and
// reviewers' answers shown at once. Kept apart from SchedulePage.cpp, which is big enough.
#include "controllers/ReviewHost.h"
#include "dialogs/ReviewLinksDialog.h"
#include "dialogs/ShareDialog.h"
#include "ui_SchedulePage.h"
#include "views/SchedulePage.h"

#include "cuepoint/core/support/Clock.h"

#include <QMenu>
#include <QPushButton>
#include <QToolButton>

namespace Cuepoint::Gui {

void SchedulePage::setUpReviewActions()
{
    m_shareButton = new QToolButton(this);
    m_shareButton->setObjectName(QStringLiteral("shareButton"));
    m_shareButton->setText(tr("Share for Review\u2026"));
    m_shareButton->setToolTip(tr("A link through which people without Cuepoint watch the "
                                 "scheduled posts and approve them or ask for changes"));
    m_shareButton->setPopupMode(QToolButton::MenuButtonPopup);
    m_shareButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(m_shareButton);
    QAction *share = menu->addAction(tr("Share for Review\u2026"));
    share->setObjectName(QStringLiteral("shareForReviewAction"));
    QAction *links = menu->addAction(tr("Review Links\u2026"));
    links->setObjectName(QStringLiteral("reviewLinksAction"));
    m_shareButton->setMenu(menu);
    connect(m_shareButton, &QToolButton::clicked, this, &SchedulePage::shareForReview);
    connect(share, &QAction::triggered, this, &SchedulePage::shareForReview);
    connect(links, &QAction::triggered, this, &SchedulePage::showReviewLinks);
    m_shareButton->setEnabled(false);
    // On the navigation row, before the view switches (the title row is full at the window's
    // smallest width).
    const int at = m_ui->navigationLayout->indexOf(m_ui->monthButton);
    m_ui->navigationLayout->insertWidget(at, m_shareButton);
    m_ui->navigationLayout->insertSpacing(at + 1, 12);
}

ShareDialog *SchedulePage::shareDialog() const
{
    return m_shareDialog;
}

ReviewLinksDialog *SchedulePage::reviewLinksDialog() const
{
    return m_linksDialog;
}

void SchedulePage::setReviewHost(ReviewHost *host)
{
    if (m_reviewHost) {
        disconnect(m_reviewHost, nullptr, this, nullptr);
    }
    m_reviewHost = host;
    m_shareButton->setEnabled(host != nullptr);
    if (host) {
        // The loader would notice the WAL change within a moment; a reviewer's answer shows now.
        connect(host, &ReviewHost::feedbackReceived, this, [this](qint64 postId) {
            refresh();
            if (postId == m_selectedPost && m_loader) {
                m_loader->loadDetails(postId);
            }
        });
    }
}

void SchedulePage::shareForReview()
{
    if (!m_reviewHost) {
        return;
    }
    if (m_shareDialog) {
        m_shareDialog->raise();
        m_shareDialog->activateWindow();
        return;
    }
    const QDateTime now =
        m_services.clock ? m_services.clock->nowUtc() : QDateTime::currentDateTimeUtc();
    m_shareDialog = new ShareDialog(m_reviewHost, m_zone, now, this);
    m_shareDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_shareDialog->setWindowModality(Qt::WindowModal);
    m_shareDialog->show();
}

void SchedulePage::showReviewLinks()
{
    if (!m_reviewHost) {
        return;
    }
    if (m_linksDialog) {
        m_linksDialog->raise();
        m_linksDialog->activateWindow();
        return;
    }
    m_linksDialog = new ReviewLinksDialog(m_reviewHost, m_zone, this);
    m_linksDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_linksDialog, &ReviewLinksDialog::shareRequested, this, &SchedulePage::shareForReview);
    m_linksDialog->show();
}

} // namespace Cuepoint::Gui
