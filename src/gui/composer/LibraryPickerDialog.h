// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/MediaAsset.h"

#include <QDialog>
#include <QList>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTreeWidget;

namespace Cuepoint::Gui {

/// Picks a video from the media library: a searchable list with each asset's name, duration
/// and validity, read from MediaStore off the GUI thread. Assets that break the rules and
/// missing files are listed (so the user sees why) but cannot be chosen.
class LibraryPickerDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LibraryPickerDialog)

public:
    explicit LibraryPickerDialog(const QString &databasePath, QWidget *parent = nullptr);
    ~LibraryPickerDialog() override;

    /// The selected asset when it can be chosen (not known to break the rules, file present).
    std::optional<Core::MediaAsset> selectedAsset() const;
    QList<Core::MediaAsset> assets() const { return m_assets; }
    /// Whether the assets have been read.
    bool isLoaded() const { return m_loaded; }

Q_SIGNALS:
    void loaded();

private:
    void fill();
    void updateButtons();

    QLineEdit *m_search = nullptr;
    QTreeWidget *m_list = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QList<Core::MediaAsset> m_assets;
    bool m_loaded = false;
};

} // namespace Cuepoint::Gui
