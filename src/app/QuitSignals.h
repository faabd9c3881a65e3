// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The window shares the core's handler with `cuepoint-cli run`.
#include "cuepoint/core/support/QuitSignals.h"

namespace Cuepoint::App {
using Core::QuitSignals;
}
