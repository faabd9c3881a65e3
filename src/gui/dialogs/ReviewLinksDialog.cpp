// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/ReviewLinksDialog.h"

#include "controllers/ReviewHost.h"
#include "models/ReviewLinksModel.h"
#include "widgets/Typography.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Cuepoint::Gui {

ReviewLinksDialog::ReviewLinksDialog(ReviewHost *host, const QTimeZone &zone, QWidget *parent)
    : QDialog(parent)
    , m_host(host)
    , m_model(new ReviewLinksModel(this))
    , m_view(new QTableView(this))
    , m_status(new QLabel(this))
    , m_confirm([](QWidget *owner, const QString &label) {
        QMessageBox box(QMessageBox::Question, tr("Revoke the review link?"),
            tr("Revoke \u201c%1\u201d?").arg(label), QMessageBox::NoButton, owner);
        box.setInformativeText(tr("Reviewers who open it are told it no longer works. What "
                                  "they already said stays with the posts."));
        QPushButton *revoke = box.addButton(tr("Revoke"), QMessageBox::DestructiveRole);
        QPushButton *keep = box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(keep);
        box.exec();
        return box.clickedButton() == revoke;
    })
{
    setObjectName(QStringLiteral("reviewLinksDialog"));
    setWindowTitle(tr("Review Links"));
    m_model->setZone(zone);

    auto *intro = new QLabel(tr("Links through which people without Cuepoint review scheduled "
                                "posts. The token of a link is shown only when it is created."),
        this);
    intro->setWordWrap(true);
    Typography::setSecondary(intro);

    m_view->setObjectName(QStringLiteral("linksTableView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(
        ReviewLinksModel::ProfilesColumn, QHeaderView::Stretch);

    m_status->setObjectName(QStringLiteral("serverStatusLabel"));
    m_status->setWordWrap(true);
    Typography::setSecondary(m_status);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_share = buttons->addButton(tr("&Share for Review\u2026"), QDialogButtonBox::ActionRole);
    m_share->setObjectName(QStringLiteral("shareButton"));
    m_revoke = buttons->addButton(tr("&Revoke\u2026"), QDialogButtonBox::ActionRole);
    m_revoke->setObjectName(QStringLiteral("revokeButton"));
    m_revoke->setEnabled(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_revoke, &QPushButton::clicked, this, &ReviewLinksDialog::revokeSelected);
    connect(m_share, &QPushButton::clicked, this, &ReviewLinksDialog::shareRequested);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &ReviewLinksDialog::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ReviewLinksDialog::updateButtons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    if (m_host) {
        connect(m_host, &ReviewHost::linksChanged, this, &ReviewLinksDialog::reload);
        connect(m_host, &ReviewHost::serverStateChanged, this, &ReviewLinksDialog::reload);
    }
    resize(820, 380);
    reload();
}

ReviewLinksDialog::~ReviewLinksDialog() = default;

void ReviewLinksDialog::reload()
{
    if (!m_host) {
        return;
    }
    m_host->loadLinks(this,
        [this](const QList<Core::ReviewLink> &links, const QHash<qint64, QString> &names,
            const QString &error) {
            const qint64 selected = m_view->currentIndex().isValid()
                ? m_model->link(m_view->currentIndex().row()).id
                : 0;
            // Newest first.
            QList<Core::ReviewLink> sorted = links;
            std::sort(sorted.begin(), sorted.end(),
                [](const Core::ReviewLink &a, const Core::ReviewLink &b) { return a.id > b.id; });
            m_model->setLinks(sorted, names, m_host ? m_host->now() : QDateTime());
            for (int row = 0; row < m_model->rowCount(); ++row) {
                if (m_model->link(row).id == selected) {
                    m_view->selectRow(row);
                }
            }
            if (!error.isEmpty()) {
                m_status->setText(error);
            } else if (m_host->isServerRunning()) {
                m_status->setText(tr("Cuepoint serves the active links at %1 while it runs.")
                                      .arg(m_host->serverAddressText()));
            } else if (!m_host->serverProblem().isEmpty()) {
                m_status->setText(tr("Cuepoint could not serve the links at %1 (%2); they work "
                                     "while cuepoint-cli run serves this profile there.")
                                      .arg(m_host->serverAddressText(), m_host->serverProblem()));
            } else {
                m_status->setText(sorted.isEmpty()
                        ? tr("No link yet: Share for Review creates one.")
                        : tr("No link is active, so the review server is off."));
            }
            Q_EMIT loaded();
        });
}

void ReviewLinksDialog::updateButtons()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    const bool selected = m_view->selectionModel()->hasSelection() && current.isValid();
    m_revoke->setEnabled(
        selected && m_model->state(current.row()) != ReviewLinksModel::State::Revoked);
}

void ReviewLinksDialog::revokeSelected()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !m_host
        || m_model->state(current.row()) == ReviewLinksModel::State::Revoked) {
        return;
    }
    const Core::ReviewLink link = m_model->link(current.row());
    const QString label =
        m_model->index(current.row(), ReviewLinksModel::LabelColumn).data().toString();
    if (m_confirm && !m_confirm(this, label)) {
        return;
    }
    m_revoke->setEnabled(false);
    m_host->revokeLink(link.id, this, [this](const QString &error) {
        if (!error.isEmpty()) {
            m_status->setText(error);
        }
        // linksChanged() reloads the list.
    });
}

} // namespace Cuepoint::Gui
