// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer/ProfilePickerRow.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

namespace Cuepoint::Gui {

namespace {

constexpr int kAvatarSize = 32;

/// The initials on a grey disc, until TikTok's picture arrives.
QPixmap initialsPixmap(const QString &name, qreal dpr, const QColor &background)
{
    QPixmap pixmap(QSize(kAvatarSize, kAvatarSize) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(background);
    p.drawEllipse(QRectF(0, 0, kAvatarSize, kAvatarSize));
    p.setPen(Qt::white);
    QFont font = p.font();
    font.setBold(true);
    p.setFont(font);
    const QString initial = name.isEmpty() ? QStringLiteral("?") : name.left(1).toUpper();
    p.drawText(QRectF(0, 0, kAvatarSize, kAvatarSize), Qt::AlignCenter, initial);
    return pixmap;
}

} // namespace

ProfilePickerRow::ProfilePickerRow(const Core::Account &account, QWidget *parent)
    : QWidget(parent)
    , m_account(account)
{
    setObjectName(QStringLiteral("profileRow%1").arg(account.id));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 2);
    m_check = new QCheckBox(this);
    m_check->setObjectName(QStringLiteral("profileCheckBox"));
    m_avatar = new QLabel(this);
    m_avatar->setFixedSize(kAvatarSize, kAvatarSize);
    auto *texts = new QVBoxLayout;
    texts->setSpacing(0);
    m_name = new QLabel(this);
    m_name->setTextFormat(Qt::RichText);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("profileStatusLabel"));
    m_status->setWordWrap(true);
    texts->addWidget(m_name);
    texts->addWidget(m_status);
    layout->addWidget(m_check);
    layout->addWidget(m_avatar);
    layout->addSpacing(4);
    layout->addLayout(texts, 1);
    m_check->setAccessibleName(account.handle());
    setNames(account.displayName, account.username);
    setAvatar({});
    setStatus({});
    connect(m_check, &QCheckBox::toggled, this, &ProfilePickerRow::toggled);
}

ProfilePickerRow::~ProfilePickerRow() = default;

bool ProfilePickerRow::isChecked() const
{
    return m_check->isChecked();
}

void ProfilePickerRow::setChecked(bool checked)
{
    m_check->setChecked(checked);
}

void ProfilePickerRow::setNames(const QString &nickname, const QString &username)
{
    const QString handle = handleOf(m_account, username);
    if (nickname.isEmpty() || nickname == username) {
        m_name->setText(handle.toHtmlEscaped());
    } else {
        m_name->setText(QStringLiteral("<b>%1</b>&nbsp; %2")
                            .arg(nickname.toHtmlEscaped(), handle.toHtmlEscaped()));
    }
}

void ProfilePickerRow::setAvatar(const QPixmap &avatar)
{
    if (avatar.isNull()) {
        const QString name =
            m_account.displayName.isEmpty() ? m_account.username : m_account.displayName;
        m_avatar->setPixmap(
            initialsPixmap(name, devicePixelRatioF(), palette().color(QPalette::Mid)));
    } else {
        m_avatar->setPixmap(avatar);
    }
}

void ProfilePickerRow::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    // A problem in red (greyed out like the rest when the row is disabled); otherwise the
    // secondary text role, which follows the palette.
    QPalette pal = palette();
    if (problem) {
        for (const QPalette::ColorGroup group : { QPalette::Active, QPalette::Inactive }) {
            pal.setColor(group, QPalette::WindowText, QColor(0xd1, 0x3b, 0x3b));
        }
    }
    m_status->setPalette(pal);
    m_status->setForegroundRole(problem ? QPalette::WindowText : QPalette::PlaceholderText);
}

QString ProfilePickerRow::status() const
{
    return m_status->text();
}

void ProfilePickerRow::setLocked(bool locked, const QString &why)
{
    m_check->setEnabled(!locked);
    m_check->setToolTip(locked ? why : QString());
}

} // namespace Cuepoint::Gui
