// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/Icons.h"

#include "GuiLogging.h"

#include <QPalette>
#include <QStringList>

// The resource lives in the static library cuepoint_gui: nothing references its initialiser,
// so the linker would drop it without this explicit call (which must sit outside a namespace).
static void initCuepointResources()
{
    Q_INIT_RESOURCE(cuepoint);
}

namespace Cuepoint::Gui::Icons {

namespace {

void ensureSetUp()
{
    static const bool done = [] {
        initCuepointResources();
        QStringList paths = QIcon::themeSearchPaths();
        const QString ours = QStringLiteral(":/icons");
        if (!paths.contains(ours)) {
            paths.prepend(ours);
            QIcon::setThemeSearchPaths(paths);
        }
        if (QIcon::themeName() != QLatin1String(LightTheme)
            && QIcon::themeName() != QLatin1String(DarkTheme)) {
            // The desktop's own theme stays reachable as the fallback for icons Qt itself
            // looks up (file dialogs, message boxes).
            if (!QIcon::themeName().isEmpty() && QIcon::fallbackThemeName().isEmpty()) {
                QIcon::setFallbackThemeName(QIcon::themeName());
            }
            QIcon::setThemeName(QLatin1String(LightTheme));
        }
        return true;
    }();
    Q_UNUSED(done);
}

} // namespace

QIcon get(const QString &name)
{
    ensureSetUp();
    QIcon icon = QIcon::fromTheme(name);
    if (icon.isNull()) {
        qCWarning(lcGui) << "no icon named" << name << "in the theme" << QIcon::themeName();
    }
    return icon;
}

QIcon appIcon()
{
    ensureSetUp();
    return QIcon::fromTheme(
        QStringLiteral("io.cuepoint.Cuepoint"), QIcon(QStringLiteral(":/icons/cuepoint.svg")));
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness()
        < palette.color(QPalette::WindowText).lightness();
}

void applyPalette(const QPalette &palette)
{
    ensureSetUp();
    const QString wanted = QLatin1String(isDark(palette) ? DarkTheme : LightTheme);
    if (QIcon::themeName() != wanted) {
        qCDebug(lcGui) << "icon theme" << wanted;
        QIcon::setThemeName(wanted);
    }
}

QString currentTheme()
{
    ensureSetUp();
    return QIcon::themeName();
}

} // namespace Cuepoint::Gui::Icons
