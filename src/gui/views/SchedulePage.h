// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <memory>

namespace Cuepoint::Gui {

namespace Ui {
class SchedulePage;
}

/// The calendar of posts (month and week views). Until scheduling arrives it says so: the
/// page shows an empty state, never made-up posts.
class SchedulePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchedulePage)

public:
    explicit SchedulePage(QWidget *parent = nullptr);
    ~SchedulePage() override;

private:
    std::unique_ptr<Ui::SchedulePage> m_ui;
};

} // namespace Cuepoint::Gui
