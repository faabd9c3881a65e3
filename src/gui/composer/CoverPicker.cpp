// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "composer/CoverPicker.h"

#include "composer/CoverScrubber.h"
#include "composer/FrameRequester.h"

#include "cuepoint/core/media/ThumbnailStrip.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace Cuepoint::Gui {

namespace {

/// How long the handle must stay still under the mouse before the exact frame is decoded:
/// short enough to feel immediate, long enough not to start a decode per mouse event.
constexpr int kRestMs = 120;

/// Wraps @p frame without copying its pixels (the image holds a reference to them).
QImage toImage(const Core::VideoFrame &frame)
{
    if (frame.isNull() || frame.format != Core::VideoFrame::Format::Rgba8888) {
        return {};
    }
    auto *pixels = new QByteArray(frame.rgba);
    return QImage(
        reinterpret_cast<const uchar *>(pixels->constData()), frame.width, frame.height,
        frame.stride, QImage::Format_RGBA8888,
        [](void *held) { delete static_cast<QByteArray *>(held); }, pixels);
}

} // namespace

CoverPreview::CoverPreview(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("coverPreview"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMinimumSize(135, 240);
}

void CoverPreview::setImage(const QImage &image)
{
    m_image = image;
    update();
}

void CoverPreview::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    update();
}

QSize CoverPreview::sizeHint() const
{
    return { 225, 400 };
}

void CoverPreview::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    const QRect area = rect();
    p.fillRect(area, palette().color(QPalette::AlternateBase));
    if (m_image.isNull()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(
            area.adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    QSize size = m_image.size().scaled(area.size(), Qt::KeepAspectRatio);
    const QRect target(area.x() + (area.width() - size.width()) / 2,
        area.y() + (area.height() - size.height()) / 2, size.width(), size.height());
    p.drawImage(target, m_image);
}

CoverPicker::CoverPicker(QWidget *parent)
    : QWidget(parent)
    , m_preview(new CoverPreview(this))
    , m_scrubber(new CoverScrubber(this))
    , m_timeLabel(new QLabel(this))
    , m_restTimer(new QTimer(this))
    , m_requester(new FrameRequester(this))
    , m_strip(new Core::ThumbnailStrip(this))
{
    setObjectName(QStringLiteral("coverPicker"));
    m_timeLabel->setObjectName(QStringLiteral("coverTimeLabel"));
    m_timeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *hint = new QLabel(tr("Drag the handle, or use \u2190 \u2192 for single frames."), this);
    hint->setObjectName(QStringLiteral("coverHintLabel"));
    hint->setForegroundRole(QPalette::PlaceholderText);
    m_preview->setPlaceholderText(tr("The cover appears here once a video is chosen."));

    auto *timeRow = new QHBoxLayout;
    timeRow->setContentsMargins(0, 0, 0, 0);
    timeRow->addWidget(hint, 1);
    timeRow->addWidget(m_timeLabel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_scrubber);
    layout->addLayout(timeRow);

    m_scrubber->setSlotCount(kSlots);
    m_restTimer->setSingleShot(true);
    m_restTimer->setInterval(kRestMs);
    connect(m_restTimer, &QTimer::timeout, this,
        [this] { requestAt(m_scrubber->positionMs(), int(FrameRequester::Mode::Exact)); });
    connect(m_scrubber, &CoverScrubber::positionRequested, this, [this](qint64 ms) {
        requestAt(ms, int(FrameRequester::Mode::Keyframe));
        m_restTimer->start();
    });
    connect(m_scrubber, &CoverScrubber::coverFrameChosen, this, [this](qint64 ms) {
        m_restTimer->stop();
        requestAt(ms, int(FrameRequester::Mode::KeyframeThenExact));
    });
    connect(m_scrubber, &CoverScrubber::frameStepRequested, this, &CoverPicker::stepFrames);
    connect(m_requester, &FrameRequester::frameReady, this, &CoverPicker::onFrameReady);
    connect(m_requester, &FrameRequester::opened, this, [this](qint64 durationMs) {
        m_open = true;
        m_durationMs = durationMs;
        m_scrubber->setDurationMs(durationMs);
        m_scrubber->setPositionMs(m_pendingCoverMs);
        requestAt(m_scrubber->positionMs(), int(FrameRequester::Mode::KeyframeThenExact));
        Q_EMIT ready(durationMs);
    });
    connect(m_requester, &FrameRequester::failed, this, [this](const QString &message) {
        if (!m_open) {
            m_preview->setImage({});
            m_preview->setPlaceholderText(message);
        }
    });
    connect(m_strip, &Core::ThumbnailStrip::thumbnailReady, this,
        [this](int index, qint64, const Core::VideoFrame &frame) {
            m_scrubber->setThumbnail(index, toImage(frame));
        });
    updateTimeLabel();
}

CoverPicker::~CoverPicker()
{
    m_strip->cancel();
}

void CoverPicker::setThumbnailCacheDir(const QString &dir)
{
    m_cacheDir = dir;
}

Core::FrameSize CoverPicker::previewFrameSize()
{
    return { 540, 960 };
}

void CoverPicker::load(const QString &path)
{
    m_path = path;
    m_open = false;
    m_durationMs = 0;
    m_shown = {};
    m_shownExact = false;
    m_shownRequestId = 0;
    m_restTimer->stop();
    m_preview->setImage({});
    m_preview->setPlaceholderText(tr("Loading\u2026"));
    m_scrubber->setDurationMs(0);
    m_scrubber->setSlotCount(kSlots);
    m_requester->open(path, previewFrameSize());
    Core::ThumbnailRequest request;
    request.count = kSlots;
    request.size = { 0, 128 };
    request.mode = Core::ThumbnailMode::Keyframe;
    request.cacheDir = m_cacheDir;
    // The preview's worker decodes at the same time: one strip decoder per spare core.
    request.workers = 1;
    m_strip->start(path, request);
    updateTimeLabel();
}

void CoverPicker::clear()
{
    m_path.clear();
    m_open = false;
    m_durationMs = 0;
    m_shown = {};
    m_shownExact = false;
    m_restTimer->stop();
    m_strip->cancel();
    m_requester->close();
    m_scrubber->setDurationMs(0);
    m_scrubber->setSlotCount(kSlots);
    m_preview->setImage({});
    m_preview->setPlaceholderText(tr("The cover appears here once a video is chosen."));
    updateTimeLabel();
}

void CoverPicker::setFrameRate(double fps)
{
    m_scrubber->setFrameDurationMs(fps > 0 ? 1000.0 / fps : 1000.0 / 30.0);
}

qint64 CoverPicker::coverTimeMs() const
{
    if (!m_open) {
        return m_pendingCoverMs;
    }
    if (showsExactFrame()) {
        return m_shown.coverTimestampMs;
    }
    return m_scrubber->positionMs();
}

bool CoverPicker::showsExactFrame() const
{
    return m_shownExact && m_shownRequestId == m_requester->latestRequestId();
}

void CoverPicker::setCoverTimeMs(qint64 ms)
{
    m_pendingCoverMs = std::max<qint64>(0, ms);
    if (m_open) {
        m_scrubber->setPositionMs(m_pendingCoverMs);
        requestAt(m_scrubber->positionMs(), int(FrameRequester::Mode::KeyframeThenExact));
    }
}

void CoverPicker::setReadOnly(bool readOnly)
{
    m_scrubber->setEnabled(!readOnly);
}

void CoverPicker::requestAt(qint64 ms, int mode)
{
    if (!m_open) {
        m_pendingCoverMs = ms;
        return;
    }
    m_requester->request(ms, FrameRequester::Mode(mode));
    updateTimeLabel();
}

void CoverPicker::stepFrames(int frames)
{
    if (!m_open) {
        return;
    }
    // From the start of the frame on screen (its cover time lies within 1 ms after it), one
    // frame duration lands inside the next frame; rounding up keeps it there (media.md §3.9).
    const double frameMs = m_scrubber->frameDurationMs();
    const qint64 from = showsExactFrame() ? m_shown.coverTimestampMs : m_scrubber->positionMs();
    const qint64 to = qint64(std::ceil(double(from) + frames * frameMs));
    m_scrubber->setPositionMs(to);
    requestAt(m_scrubber->positionMs(), int(FrameRequester::Mode::Exact));
}

void CoverPicker::onFrameReady(quint64 requestId, qint64 requestedMs, const Core::VideoFrame &frame)
{
    Q_UNUSED(requestedMs)
    const bool latest = requestId == m_requester->latestRequestId();
    if (frame.isExact()) {
        // An exact frame of an older position would show something the handle is not at.
        if (!latest) {
            return;
        }
    } else if (requestId < m_shownRequestId || (m_shownExact && requestId == m_shownRequestId)) {
        return;
    }
    m_shown = frame;
    m_shownExact = frame.isExact();
    m_shownRequestId = requestId;
    m_preview->setImage(toImage(frame));
    if (m_shownExact && !m_scrubber->isDragging()) {
        // Snap the handle onto the frame: its cover time selects exactly this frame.
        m_scrubber->setPositionMs(frame.coverTimestampMs);
    }
    updateTimeLabel();
    if (m_shownExact) {
        Q_EMIT exactFrameShown(frame.coverTimestampMs);
    }
}

QString CoverPicker::formatTime(qint64 ms)
{
    ms = std::max<qint64>(0, ms);
    return QStringLiteral("%1:%2.%3")
        .arg(ms / 60000, 2, 10, QLatin1Char('0'))
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

void CoverPicker::updateTimeLabel()
{
    if (m_path.isEmpty()) {
        m_timeLabel->clear();
        return;
    }
    m_timeLabel->setText(tr("Cover at %1").arg(formatTime(coverTimeMs())));
}

} // namespace Cuepoint::Gui
