// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer/CoverScrubber.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace Cuepoint::Gui {

namespace {

constexpr int kStripHeight = 64;
constexpr int kMargin = 6; // room for the handle's outline outside the strip

} // namespace

CoverScrubber::CoverScrubber(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("coverScrubber"));
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(tr("Cover frame"));
    setToolTip(tr("Drag or click to choose the cover. Left and Right step one frame, with Shift "
                  "one second."));
}

void CoverScrubber::setDurationMs(qint64 durationMs)
{
    m_durationMs = std::max<qint64>(0, durationMs);
    m_positionMs = 0;
    m_dragging = false;
    for (QImage &image : m_thumbnails) {
        image = QImage();
    }
    update();
}

void CoverScrubber::setFrameDurationMs(double frameMs)
{
    m_frameMs = frameMs > 0 ? frameMs : 1000.0 / 30.0;
}

void CoverScrubber::setSlotCount(int count)
{
    m_thumbnails = QList<QImage>(std::max(0, count));
    update();
}

void CoverScrubber::setThumbnail(int index, const QImage &image)
{
    if (index < 0 || index >= m_thumbnails.size()) {
        return;
    }
    m_thumbnails[index] = image;
    update();
}

int CoverScrubber::thumbnailCount() const
{
    return int(std::count_if(
        m_thumbnails.cbegin(), m_thumbnails.cend(), [](const QImage &i) { return !i.isNull(); }));
}

void CoverScrubber::setPositionMs(qint64 ms)
{
    const qint64 clamped = std::clamp<qint64>(ms, 0, std::max<qint64>(0, m_durationMs - 1));
    if (clamped != m_positionMs) {
        m_positionMs = clamped;
        update();
    }
}

QSize CoverScrubber::sizeHint() const
{
    return { 480, kStripHeight + 2 * kMargin };
}

QSize CoverScrubber::minimumSizeHint() const
{
    return { 160, kStripHeight + 2 * kMargin };
}

QRect CoverScrubber::stripRect() const
{
    return rect().adjusted(kMargin, kMargin, -kMargin, -kMargin);
}

qint64 CoverScrubber::msAt(int x) const
{
    const QRect strip = stripRect();
    if (m_durationMs <= 0 || strip.width() <= 1) {
        return 0;
    }
    const double fraction = std::clamp(double(x - strip.left()) / double(strip.width()), 0.0, 1.0);
    return std::clamp<qint64>(qint64(std::llround(fraction * double(m_durationMs))), 0,
        std::max<qint64>(0, m_durationMs - 1));
}

int CoverScrubber::xAt(qint64 ms) const
{
    const QRect strip = stripRect();
    if (m_durationMs <= 0) {
        return strip.left();
    }
    return strip.left() + int(std::lround(double(ms) / double(m_durationMs) * strip.width()));
}

void CoverScrubber::moveTo(qint64 ms, bool rest)
{
    setPositionMs(ms);
    if (rest) {
        Q_EMIT coverFrameChosen(m_positionMs);
    } else {
        Q_EMIT positionRequested(m_positionMs);
    }
}

void CoverScrubber::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRect strip = stripRect();
    const QPalette pal = palette();

    QPainterPath clip;
    clip.addRoundedRect(QRectF(strip), 6, 6);
    p.save();
    p.setClipPath(clip);
    p.fillRect(strip, pal.color(QPalette::AlternateBase));
    const int count = int(m_thumbnails.size());
    for (int i = 0; i < count; ++i) {
        const int left = strip.left() + strip.width() * i / count;
        const int right = strip.left() + strip.width() * (i + 1) / count;
        const QRect slot(left, strip.top(), right - left, strip.height());
        const QImage &image = m_thumbnails.at(i);
        if (image.isNull()) {
            // Placeholder until the thumbnail arrives: alternating quiet tones.
            p.fillRect(slot.adjusted(0, 0, -1, 0),
                i % 2 ? pal.color(QPalette::Midlight) : pal.color(QPalette::Button));
            continue;
        }
        // Fill the slot, cropping the picture's centre (a portrait picture in a narrow slot).
        const QSizeF scaled =
            QSizeF(image.size()).scaled(slot.size(), Qt::KeepAspectRatioByExpanding);
        const QRectF source((scaled.width() - slot.width()) / 2.0 * image.width() / scaled.width(),
            (scaled.height() - slot.height()) / 2.0 * image.height() / scaled.height(),
            slot.width() * image.width() / scaled.width(),
            slot.height() * image.height() / scaled.height());
        p.drawImage(QRectF(slot), image, source);
    }
    if (!isEnabled()) {
        p.fillRect(strip, QColor(127, 127, 127, 90));
    }
    p.restore();
    p.setPen(QPen(pal.color(QPalette::Mid), 1));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(QRectF(strip).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);

    if (m_durationMs <= 0) {
        return;
    }
    // The handle: a frame around the chosen moment, in the highlight colour.
    const int x = xAt(m_positionMs);
    const QRectF handle(x - 5, strip.top() - 4, 10, strip.height() + 8);
    const QColor accent = hasFocus() ? pal.color(QPalette::Highlight) : pal.color(QPalette::Text);
    p.setPen(QPen(pal.color(QPalette::Base), 4));
    p.drawRoundedRect(handle, 3, 3);
    p.setPen(QPen(accent, 2));
    p.drawRoundedRect(handle, 3, 3);
}

void CoverScrubber::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_durationMs <= 0) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_dragging = true;
    moveTo(msAt(event->position().toPoint().x()), false);
}

void CoverScrubber::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging) {
        QWidget::mouseMoveEvent(event);
        return;
    }
    const qint64 ms = msAt(event->position().toPoint().x());
    if (ms != m_positionMs) {
        moveTo(ms, false);
    }
}

void CoverScrubber::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_dragging || event->button() != Qt::LeftButton) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_dragging = false;
    moveTo(msAt(event->position().toPoint().x()), true);
}

void CoverScrubber::keyPressEvent(QKeyEvent *event)
{
    if (m_durationMs <= 0) {
        QWidget::keyPressEvent(event);
        return;
    }
    const bool shift = event->modifiers().testFlag(Qt::ShiftModifier);
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right: {
        const int direction = event->key() == Qt::Key_Left ? -1 : 1;
        if (shift) {
            moveTo(m_positionMs + direction * 1000, true);
        } else {
            Q_EMIT frameStepRequested(direction);
        }
        break;
    }
    case Qt::Key_Home:
        moveTo(0, true);
        break;
    case Qt::Key_End:
        moveTo(m_durationMs - 1, true);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace Cuepoint::Gui
