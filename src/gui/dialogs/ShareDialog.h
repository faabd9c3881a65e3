// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/review/ReviewLinks.h"

#include <QDialog>
#include <QPointer>
#include <QTimeZone>

class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QWidget;

namespace Cuepoint::Gui {

class ReviewHost;

/// "Share for review…": the profiles (several), the days whose posts are shown (in the display
/// zone; the request is in UTC), how long the link lives and a label. "Create Link" asks the
/// ReviewHost (which creates it on its thread and starts the review server), then the dialog
/// shows the link with a Copy button and says when it works.
class ShareDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShareDialog)

public:
    /// @p zone: the calendar's display zone; @p now: today in it is the first day shown.
    ShareDialog(
        ReviewHost *host, const QTimeZone &zone, const QDateTime &now, QWidget *parent = nullptr);
    ~ShareDialog() override;

    /// The request the fields describe (the dates converted to UTC: from the start of the first
    /// day to the end of the last).
    Core::ReviewShareRequest request() const;
    /// Whether the profiles have arrived from the host.
    bool accountsLoaded() const { return m_accountsLoaded; }
    /// The link shown after "Create Link" (empty before).
    QString linkText() const;

Q_SIGNALS:
    /// A link was created (its URL is shown).
    void linkCreated(const QString &url);

private:
    void onCreateClicked();
    void updateCreateButton();
    void fitProfileList();
    void showError(const QString &text);

    QPointer<ReviewHost> m_host;
    QTimeZone m_zone;
    bool m_accountsLoaded = false;
    QListWidget *m_accounts = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QSpinBox *m_expiry = nullptr;
    QLineEdit *m_label = nullptr;
    QLabel *m_error = nullptr;
    QWidget *m_result = nullptr;
    QLineEdit *m_link = nullptr;
    QPushButton *m_copy = nullptr;
    QLabel *m_linkInfo = nullptr;
    QLabel *m_server = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_create = nullptr;
};

} // namespace Cuepoint::Gui
