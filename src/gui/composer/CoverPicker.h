// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/media/FrameGrabber.h"
#include "cuepoint/core/media/VideoFrame.h"

#include <QImage>
#include <QWidget>

class QLabel;
class QTimer;

namespace Cuepoint::Core {
class ThumbnailStrip;
}

namespace Cuepoint::Gui {

class CoverScrubber;
class FrameRequester;

/// The large cover picture: the image fitted into the widget, a quiet placeholder before.
class CoverPreview final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CoverPreview)

public:
    explicit CoverPreview(QWidget *parent = nullptr);
    void setImage(const QImage &image);
    QImage image() const { return m_image; }
    void setPlaceholderText(const QString &text);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QImage m_image;
    QString m_placeholder;
};

/// The cover section of the composer: the large preview, the thumbnail strip with its handle
/// and the chosen time. It wires the pure CoverScrubber to the frame loader (FrameRequester:
/// a keyframe at once while dragging, the exact frame once the handle rests) and to
/// ThumbnailStrip (keyframe strip, disk cache). No FFmpeg work happens on the GUI thread.
class CoverPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CoverPicker)

public:
    /// Slots in the thumbnail strip.
    static constexpr int kSlots = 16;

    explicit CoverPicker(QWidget *parent = nullptr);
    ~CoverPicker() override;

    /// Thumbnails are cached in @p dir (empty: no cache).
    void setThumbnailCacheDir(const QString &dir);
    /// Opens @p path: the strip starts at once, the preview shows the cover time's frame.
    void load(const QString &path);
    /// Forgets the video (placeholder, empty strip).
    void clear();
    /// The frame rate from the probe (the arrow keys step 1000 / fps ms).
    void setFrameRate(double fps);

    /// The cover's time: the shown exact frame's video_cover_timestamp_ms once it is there,
    /// else the handle's time; exactFrame(coverTimeMs()) gives the frame the user sees.
    qint64 coverTimeMs() const;
    /// Moves the handle to @p ms (applied once the video is open).
    void setCoverTimeMs(qint64 ms);
    /// The picture shown in the preview (keyframe or exact).
    Core::VideoFrame shownFrame() const { return m_shown; }
    /// True when the preview shows the exact frame at the handle.
    bool showsExactFrame() const;
    /// The size the preview frames are decoded at (for tests comparing pixels).
    static Core::FrameSize previewFrameSize();
    void setReadOnly(bool readOnly);

    FrameRequester *frameRequester() const { return m_requester; }
    CoverScrubber *scrubber() const { return m_scrubber; }
    Core::ThumbnailStrip *thumbnailStrip() const { return m_strip; }

    /// "mm:ss.mmm"
    static QString formatTime(qint64 ms);

Q_SIGNALS:
    /// The exact frame at the handle is shown (tests and the dialog wait for it).
    void exactFrameShown(qint64 coverTimeMs);
    /// The video is open and the scrubber has its duration.
    void ready(qint64 durationMs);

private:
    void onFrameReady(quint64 requestId, qint64 requestedMs, const Core::VideoFrame &frame);
    void requestAt(qint64 ms, int mode);
    void stepFrames(int frames);
    void updateTimeLabel();

    CoverPreview *m_preview = nullptr;
    CoverScrubber *m_scrubber = nullptr;
    QLabel *m_timeLabel = nullptr;
    QTimer *m_restTimer = nullptr;
    FrameRequester *m_requester = nullptr;
    Core::ThumbnailStrip *m_strip = nullptr;
    QString m_cacheDir;
    QString m_path;
    qint64 m_durationMs = 0;
    qint64 m_pendingCoverMs = 0;
    bool m_open = false;
    quint64 m_shownRequestId = 0;
    bool m_shownExact = false;
    Core::VideoFrame m_shown;
};

} // namespace Cuepoint::Gui
