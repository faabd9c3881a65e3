// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "controllers/CalendarLoader.h"

#include <QString>
#include <QTimeZone>

namespace Cuepoint::Gui {

/// The Schedule page's details panel as rich text: the post's time (in @p zone and in its own
/// zone), caption, video and mode, then each target's state, upload progress, error, TikTok
/// link and journal.
QString postDetailsHtml(const PostDetails &details, const QTimeZone &zone);

} // namespace Cuepoint::Gui
