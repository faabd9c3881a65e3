// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QPointer>
#include <QTimeZone>

#include <functional>

class QLabel;
class QPushButton;
class QTableView;

namespace Cuepoint::Gui {

class ReviewHost;
class ReviewLinksModel;

/// The profile's review links (label, profiles, days, created, expires, last use, state) with
/// Revoke, which asks first. The list is read and revoking is written on the ReviewHost's
/// thread; it refreshes when a link is created, revoked or used.
class ReviewLinksDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewLinksDialog)

public:
    /// Asks whether to revoke the link named @p label; true = revoke (a question box by
    /// default; tests answer themselves).
    using Confirmer = std::function<bool(QWidget *parent, const QString &label)>;

    ReviewLinksDialog(ReviewHost *host, const QTimeZone &zone, QWidget *parent = nullptr);
    ~ReviewLinksDialog() override;

    void setConfirmer(Confirmer confirmer) { m_confirm = std::move(confirmer); }
    ReviewLinksModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    /// Reads the links again.
    void reload();
    /// Revokes the selected link, after asking.
    void revokeSelected();

Q_SIGNALS:
    /// The links arrived (after every reload).
    void loaded();
    /// "Share for Review…" was clicked.
    void shareRequested();

private:
    void updateButtons();

    QPointer<ReviewHost> m_host;
    ReviewLinksModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_revoke = nullptr;
    QPushButton *m_share = nullptr;
    Confirmer m_confirm;
};

} // namespace Cuepoint::Gui
