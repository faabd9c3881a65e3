// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QLabel;

namespace Cuepoint::Gui::Typography {

/// The few text styles of the window, derived from the system font (never fixed point sizes),
/// so that they follow the desktop's font and scaling.

/// A page title: 1.6 times the system font, semi-bold.
void setPageTitle(QLabel *label);
/// A heading inside a page (an empty state, a group): 1.25 times, semi-bold.
void setHeading(QLabel *label);
/// Explanatory text: the system size in the palette's placeholder colour, wrapped.
void setSecondary(QLabel *label);

} // namespace Cuepoint::Gui::Typography
