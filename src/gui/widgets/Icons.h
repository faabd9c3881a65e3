// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>
#include <QString>

class QPalette;

namespace Cuepoint::Gui::Icons {

/// The themes shipped in resources/icons: monochrome line icons drawn dark for light palettes
/// and light for dark ones.
inline constexpr auto LightTheme = "cuepoint-light";
inline constexpr auto DarkTheme = "cuepoint-dark";

/// The one way the window looks up an icon: @p name is a file name in resources/icons/{light,dark}
/// without ".svg" (e.g. "view-calendar"). The icon follows the theme chosen by applyPalette().
/// Views never name :/icons/... paths themselves.
QIcon get(const QString &name);

/// Cuepoint's application icon (the system's installed copy when there is one).
QIcon appIcon();

/// Whether @p palette is a dark one (its window colour is darker than its text).
bool isDark(const QPalette &palette);

/// Chooses the light or dark icon theme for @p palette. Called once at start-up and again when
/// the application palette changes; icons made by get() pick up the change on their next paint.
void applyPalette(const QPalette &palette);

/// The name of the icon theme in use (LightTheme or DarkTheme).
QString currentTheme();

} // namespace Cuepoint::Gui::Icons
