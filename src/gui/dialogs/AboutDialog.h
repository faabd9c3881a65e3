// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include <memory>

class QPushButton;

namespace Cuepoint::Gui {

namespace Ui {
class AboutDialog;
}

/// Help > About Cuepoint: the version, the licence and the libraries Cuepoint runs on, as
/// found at run time, with a button that copies them for a bug report.
class AboutDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    /// @p sqliteVersion comes from the open database (SQLite is loaded through Qt's driver).
    explicit AboutDialog(const QString &sqliteVersion, QWidget *parent = nullptr);
    ~AboutDialog() override;

    /// The version report as plain text, one "name: version" line each (what Copy copies).
    QString versionReport() const;

private:
    void addRow(const QString &name, const QString &version);
    void onCopyClicked();

    std::unique_ptr<Ui::AboutDialog> m_ui;
    QPushButton *m_copyButton = nullptr;
    QStringList m_reportLines;
};

} // namespace Cuepoint::Gui
