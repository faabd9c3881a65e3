// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/AccountRow.h"

#include "widgets/Icons.h"
#include "widgets/Typography.h"

#include "cuepoint/core/domain/Account.h"

#include <QCryptographicHash>
#include <QHBoxLayout>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

#include <array>

namespace Cuepoint::Gui {

namespace {

constexpr int kAvatarSize = InitialsAvatar::kSize;

/// Muted colours that carry white initials on light and dark palettes alike.
constexpr std::array<QRgb, 8> kAvatarColours { 0xff5b7db1, 0xff4f9a8b, 0xff8e6bb8, 0xffb56b7e,
    0xffb0823e, 0xff5f8f4e, 0xff4d8fae, 0xff8a7a5f };

QColor statusColour(Core::AccountStatus status, const QPalette &palette)
{
    switch (status) {
    case Core::AccountStatus::Connected:
        return Icons::isDark(palette) ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x7d, 0x32);
    case Core::AccountStatus::ReconnectNeeded:
        return Icons::isDark(palette) ? QColor(0xff, 0xb7, 0x4d) : QColor(0xb2, 0x6a, 0x00);
    case Core::AccountStatus::Disconnected:
        break;
    }
    // Grey, between the background and the text (the placeholder colour is translucent).
    const QColor from = palette.color(QPalette::Window);
    const QColor to = palette.color(QPalette::WindowText);
    return QColor::fromRgbF((from.redF() + to.redF()) / 2, (from.greenF() + to.greenF()) / 2,
        (from.blueF() + to.blueF()) / 2);
}

} // namespace

// --- InitialsAvatar

InitialsAvatar::InitialsAvatar(QWidget *parent)
    : QWidget(parent)
{
    setFixedSize(kAvatarSize, kAvatarSize);
}

void InitialsAvatar::setInitials(const QString &initials, const QString &seed)
{
    m_initials = initials;
    const QByteArray hash = QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha1);
    m_colour =
        QColor::fromRgb(kAvatarColours.at(static_cast<quint8>(hash.at(0)) % kAvatarColours.size()));
    update();
}

QSize InitialsAvatar::sizeHint() const
{
    return { kAvatarSize, kAvatarSize };
}

void InitialsAvatar::setPicture(const QPixmap &picture)
{
    m_picture = picture;
    update();
}

void InitialsAvatar::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    if (!m_picture.isNull()) {
        // Already round (AvatarCache); a disconnected account's picture is faded.
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        if (!isEnabled()) {
            painter.setOpacity(0.45);
        }
        painter.drawPixmap(rect(), m_picture);
        return;
    }
    painter.setPen(Qt::NoPen);
    painter.setBrush(isEnabled() ? m_colour : palette().color(QPalette::Mid));
    painter.drawEllipse(rect().adjusted(0, 0, -1, -1));
    QFont font = this->font();
    font.setPixelSize(qRound(kAvatarSize * 0.38));
    font.setWeight(QFont::DemiBold);
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(rect(), Qt::AlignCenter, m_initials);
}

// --- Badge

Badge::Badge(const QString &text, QWidget *parent)
    : QLabel(text, parent)
{
    QFont small = font();
    if (small.pointSizeF() > 0) {
        small.setPointSizeF(small.pointSizeF() * 0.85);
    }
    small.setWeight(QFont::DemiBold);
    setFont(small);
    setAlignment(Qt::AlignCenter);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

QSize Badge::sizeHint() const
{
    const QFontMetrics metrics(font());
    return { metrics.horizontalAdvance(text()) + metrics.height(), metrics.height() + 4 };
}

void Badge::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    // The highlight colour, faint, with text in the highlight colour: visible but calm, and
    // right in light and dark palettes.
    QColor fill = palette().color(QPalette::Highlight);
    fill.setAlphaF(0.16);
    painter.setPen(Qt::NoPen);
    painter.setBrush(fill);
    const QRectF box = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    painter.drawRoundedRect(box, box.height() / 2, box.height() / 2);
    QColor ink = palette().color(QPalette::Highlight);
    if (Icons::isDark(palette())) {
        ink = ink.lighter(150);
    } else {
        ink = ink.darker(130);
    }
    painter.setPen(ink);
    painter.setFont(font());
    painter.drawText(rect(), Qt::AlignCenter, text());
}

// --- AccountRow

AccountRow::AccountRow(const Content &content, QWidget *parent)
    : QWidget(parent)
    , m_content(content)
{
    setObjectName(QStringLiteral("accountRow"));
    const auto status = static_cast<Core::AccountStatus>(content.status);

    auto *avatar = m_avatar = new InitialsAvatar(this);
    avatar->setObjectName(QStringLiteral("accountAvatar"));
    avatar->setInitials(content.initials, QString::number(content.id) + content.name);
    avatar->setEnabled(status != Core::AccountStatus::Disconnected);

    auto *nameLabel = new QLabel(content.name, this);
    nameLabel->setObjectName(QStringLiteral("accountNameLabel"));
    QFont bold = nameLabel->font();
    bold.setWeight(QFont::DemiBold);
    nameLabel->setFont(bold);
    nameLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    nameLabel->setToolTip(content.toolTip);

    auto *nameRow = new QHBoxLayout;
    nameRow->setSpacing(8);
    nameRow->addWidget(nameLabel);
    if (content.sandbox) {
        auto *badge = new Badge(tr("Sandbox"), this);
        badge->setObjectName(QStringLiteral("sandboxBadge"));
        badge->setToolTip(tr("A profile of Cuepoint's built-in TikTok sandbox on this computer. "
                             "Nothing is posted to TikTok."));
        nameRow->addWidget(badge, 0, Qt::AlignVCenter);
    }
    nameRow->addStretch(1);

    // "@handle · ● Connected · Sign-in valid for 12 more months"
    QStringList parts;
    if (!content.username.isEmpty()) {
        parts << content.username.toHtmlEscaped();
    }
    const QString dot =
        QStringLiteral("<span style=\"color:%1\">\u25CF</span>&nbsp;%2")
            .arg(statusColour(status, palette()).name(), content.statusText.toHtmlEscaped());
    parts << dot;
    if (!content.expiryText.isEmpty()) {
        parts << content.expiryText.toHtmlEscaped();
    }
    auto *detailsLabel = new QLabel(this);
    detailsLabel->setObjectName(QStringLiteral("accountDetailsLabel"));
    detailsLabel->setTextFormat(Qt::RichText);
    detailsLabel->setText(parts.join(QStringLiteral(" &middot; ")));
    detailsLabel->setForegroundRole(QPalette::PlaceholderText);
    detailsLabel->setToolTip(content.toolTip);

    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    text->addLayout(nameRow);
    text->addWidget(detailsLabel);

    switch (status) {
    case Core::AccountStatus::Connected:
        m_action = Action::Disconnect;
        m_actionButton = new QPushButton(tr("Disconnect…"), this);
        m_actionButton->setObjectName(QStringLiteral("disconnectButton"));
        m_actionButton->setToolTip(tr("Revoke Cuepoint's access to this profile"));
        break;
    case Core::AccountStatus::ReconnectNeeded:
        m_action = Action::Reconnect;
        m_actionButton = new QPushButton(tr("Reconnect"), this);
        m_actionButton->setObjectName(QStringLiteral("reconnectButton"));
        break;
    case Core::AccountStatus::Disconnected:
        m_action = Action::Remove;
        m_actionButton = new QPushButton(tr("Remove"), this);
        m_actionButton->setObjectName(QStringLiteral("removeButton"));
        m_actionButton->setToolTip(tr("Remove this profile from the list"));
        break;
    }
    connect(m_actionButton, &QPushButton::clicked, this,
        [this] { Q_EMIT actionRequested(m_content.id, m_action); });

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->setSpacing(12);
    layout->addWidget(avatar, 0, Qt::AlignVCenter);
    layout->addLayout(text, 1);
    layout->addWidget(m_actionButton, 0, Qt::AlignVCenter);
}

void AccountRow::setActionEnabled(bool enabled)
{
    m_actionButton->setEnabled(enabled);
}

void AccountRow::setAvatar(const QPixmap &picture)
{
    m_avatar->setPicture(picture);
}

} // namespace Cuepoint::Gui
