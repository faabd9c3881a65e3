// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppLogging.h"

Q_LOGGING_CATEGORY(lcApp, "cuepoint.app", QtInfoMsg)
