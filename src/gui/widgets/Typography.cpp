// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/Typography.h"

#include <QFont>
#include <QLabel>

namespace Cuepoint::Gui::Typography {

namespace {

void scale(QLabel *label, qreal factor, QFont::Weight weight)
{
    QFont font = label->font();
    if (font.pointSizeF() > 0) {
        font.setPointSizeF(font.pointSizeF() * factor);
    } else {
        font.setPixelSize(qRound(font.pixelSize() * factor));
    }
    font.setWeight(weight);
    label->setFont(font);
}

} // namespace

void setPageTitle(QLabel *label)
{
    scale(label, 1.6, QFont::DemiBold);
}

void setHeading(QLabel *label)
{
    scale(label, 1.25, QFont::DemiBold);
}

void setSecondary(QLabel *label)
{
    // A role rather than a colour, so the text follows a later palette (dark mode) change.
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setWordWrap(true);
}

} // namespace Cuepoint::Gui::Typography
