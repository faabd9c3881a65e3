// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/EmptyState.h"

#include "widgets/Icons.h"
#include "widgets/Typography.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace Cuepoint::Gui {

namespace {

constexpr int kIconSize = 72;
/// Short lines read better than lines as wide as the window.
constexpr int kTextWidthInChars = 56;

} // namespace

EmptyState::EmptyState(QWidget *parent)
    : QWidget(parent)
    , m_iconLabel(new QLabel(this))
    , m_titleLabel(new QLabel(this))
    , m_textLabel(new QLabel(this))
{
    m_iconLabel->setObjectName(QStringLiteral("emptyStateIconLabel"));
    m_titleLabel->setObjectName(QStringLiteral("emptyStateTitleLabel"));
    m_textLabel->setObjectName(QStringLiteral("emptyStateTextLabel"));

    m_iconLabel->setAlignment(Qt::AlignCenter);
    m_titleLabel->setAlignment(Qt::AlignCenter);
    m_titleLabel->setWordWrap(true);
    Typography::setHeading(m_titleLabel);
    m_textLabel->setAlignment(Qt::AlignCenter);
    Typography::setSecondary(m_textLabel);

    // The labels fill a centred column of bounded width. Wrapped labels must not be given an
    // alignment in their layout: they would shrink to their minimum width and clip their text.
    auto *column = new QWidget(this);
    column->setObjectName(QStringLiteral("emptyStateColumn"));
    column->setMaximumWidth(m_textLabel->fontMetrics().averageCharWidth() * kTextWidthInChars);
    column->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->setSpacing(0);
    columnLayout->addWidget(m_iconLabel);
    columnLayout->addSpacing(16);
    columnLayout->addWidget(m_titleLabel);
    columnLayout->addSpacing(6);
    columnLayout->addWidget(m_textLabel);

    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 100);
    row->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addStretch(2);
    layout->addLayout(row);
    // A little more room below than above: the eye reads the exact middle as low.
    layout->addStretch(3);
}

EmptyState::~EmptyState() = default;

void EmptyState::setIconName(const QString &name)
{
    m_iconName = name;
    updateIcon();
}

QString EmptyState::title() const
{
    return m_titleLabel->text();
}

void EmptyState::setTitle(const QString &title)
{
    m_titleLabel->setText(title);
}

QString EmptyState::text() const
{
    return m_textLabel->text();
}

void EmptyState::setText(const QString &text)
{
    m_textLabel->setText(text);
}

void EmptyState::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updateIcon();
    }
}

void EmptyState::updateIcon()
{
    if (m_iconName.isEmpty()) {
        m_iconLabel->clear();
        m_iconLabel->hide();
        return;
    }
    // The disabled mode greys the line icon out, which keeps the empty page calm.
    const QIcon icon = Icons::get(m_iconName);
    m_iconLabel->setPixmap(
        icon.pixmap(QSize(kIconSize, kIconSize), devicePixelRatioF(), QIcon::Disabled));
    m_iconLabel->show();
}

} // namespace Cuepoint::Gui
