// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

/// The window's logging category: cuepoint.gui (enable debug with QT_LOGGING_RULES).
Q_DECLARE_LOGGING_CATEGORY(lcGui)
