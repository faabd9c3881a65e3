// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QList>
#include <QWidget>

namespace Cuepoint::Gui {

/// The cover scrubber's strip: thumbnails across the video (painted placeholders until each
/// arrives) and a handle. A pure widget (conventions §5.7): it knows times, not files.
///
/// Mouse: press or drag anywhere on the strip moves the handle (positionRequested while the
/// button is down, coverFrameChosen on release). Keys: Left/Right one frame, Shift+Left/Right
/// one second, Home/End the first and the last frame (coverFrameChosen each).
class CoverScrubber final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CoverScrubber)

public:
    explicit CoverScrubber(QWidget *parent = nullptr);

    /// The timeline's length; resets the handle to 0 and clears the thumbnails.
    void setDurationMs(qint64 durationMs);
    qint64 durationMs() const { return m_durationMs; }
    /// One frame's duration (from the probe's frame rate), for the arrow keys.
    void setFrameDurationMs(double frameMs);
    double frameDurationMs() const { return m_frameMs; }
    /// Number of slots in the strip (placeholders are painted for the missing ones).
    void setSlotCount(int count);
    int slotCount() const { return int(m_thumbnails.size()); }
    void setThumbnail(int index, const QImage &image);
    /// Slots that have a picture.
    int thumbnailCount() const;

    /// Moves the handle without emitting anything (the controller snaps it to a frame).
    void setPositionMs(qint64 ms);
    qint64 positionMs() const { return m_positionMs; }
    bool isDragging() const { return m_dragging; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    /// The handle moves under the mouse (show a keyframe at once).
    void positionRequested(qint64 ms);
    /// The handle rests at @p ms (the button was released, or a key moved it).
    void coverFrameChosen(qint64 ms);
    /// A frame step (arrow key): @p frames is -1 or +1.
    void frameStepRequested(int frames);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    QRect stripRect() const;
    qint64 msAt(int x) const;
    int xAt(qint64 ms) const;
    void moveTo(qint64 ms, bool rest);

    qint64 m_durationMs = 0;
    double m_frameMs = 1000.0 / 30.0;
    qint64 m_positionMs = 0;
    bool m_dragging = false;
    QList<QImage> m_thumbnails;
};

} // namespace Cuepoint::Gui
