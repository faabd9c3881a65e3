// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

/// Start-up, single instance and wiring of the window program: cuepoint.app.
Q_DECLARE_LOGGING_CATEGORY(lcApp)
