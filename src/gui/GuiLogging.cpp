// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuiLogging.h"

Q_LOGGING_CATEGORY(lcGui, "cuepoint.gui", QtInfoMsg)
