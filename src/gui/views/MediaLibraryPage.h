// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <memory>

namespace Cuepoint::Gui {

namespace Ui {
class MediaLibraryPage;
}

/// The grid of imported videos. Until importing arrives it shows an empty state.
class MediaLibraryPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MediaLibraryPage)

public:
    explicit MediaLibraryPage(QWidget *parent = nullptr);
    ~MediaLibraryPage() override;

private:
    std::unique_ptr<Ui::MediaLibraryPage> m_ui;
};

} // namespace Cuepoint::Gui
