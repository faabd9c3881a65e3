// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/Icons.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QPalette>
#include <QPixmap>

#include <gtest/gtest.h>

namespace Cuepoint::Gui {
namespace {

/// Every icon the window asks for. A name missing from a theme would show as a blank space.
const QStringList kIconNames {
    QStringLiteral("view-calendar"),
    QStringLiteral("media-library"),
    QStringLiteral("accounts"),
    QStringLiteral("settings"),
    QStringLiteral("help-about"),
    QStringLiteral("application-exit"),
    QStringLiteral("folder-open"),
    QStringLiteral("edit-copy"),
    QStringLiteral("view-fullscreen"),
    QStringLiteral("text-x-log"),
};

QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    palette.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    palette.setColor(QPalette::Base, QColor(0x1f, 0x21, 0x24));
    palette.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    return palette;
}

QPalette lightPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    palette.setColor(QPalette::WindowText, Qt::black);
    return palette;
}

/// The mean lightness of the drawn (non-transparent) pixels of @p icon at 48 px.
double inkLightness(const QIcon &icon)
{
    const QImage image =
        icon.pixmap(QSize(48, 48)).toImage().convertToFormat(QImage::Format_ARGB32);
    double sum = 0;
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (pixel.alpha() > 200) {
                sum += pixel.lightness();
                ++count;
            }
        }
    }
    return count ? sum / count : -1;
}

class IconsTest : public ::testing::Test
{
protected:
    void TearDown() override { Icons::applyPalette(lightPalette()); }
};

TEST_F(IconsTest, EveryIconExistsInBothThemesAndRenders)
{
    for (const QPalette &palette : { lightPalette(), darkPalette() }) {
        Icons::applyPalette(palette);
        for (const QString &name : kIconNames) {
            const QIcon icon = Icons::get(name);
            EXPECT_FALSE(icon.isNull())
                << name.toStdString() << " in " << Icons::currentTheme().toStdString();
            EXPECT_GT(inkLightness(icon), -1) << name.toStdString() << " draws nothing";
        }
    }
}

TEST_F(IconsTest, PaletteChoosesTheTheme)
{
    EXPECT_TRUE(Icons::isDark(darkPalette()));
    EXPECT_FALSE(Icons::isDark(lightPalette()));

    Icons::applyPalette(lightPalette());
    EXPECT_EQ(Icons::currentTheme(), QLatin1String(Icons::LightTheme));
    const double onLight = inkLightness(Icons::get(QStringLiteral("view-calendar")));

    Icons::applyPalette(darkPalette());
    EXPECT_EQ(Icons::currentTheme(), QLatin1String(Icons::DarkTheme));
    const double onDark = inkLightness(Icons::get(QStringLiteral("view-calendar")));

    // Dark strokes for light windows, light strokes for dark ones.
    EXPECT_LT(onLight, 100);
    EXPECT_GT(onDark, 180);
}

TEST_F(IconsTest, ApplicationIconIsAvailable)
{
    const QIcon icon = Icons::appIcon();
    ASSERT_FALSE(icon.isNull());
    EXPECT_FALSE(icon.pixmap(QSize(64, 64)).isNull());
    EXPECT_TRUE(QFile::exists(QStringLiteral(":/icons/cuepoint.svg")));
}

} // namespace
} // namespace Cuepoint::Gui
