// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

#include <memory>

namespace Cuepoint::Core {
class MediaStore;
class TemplateStore;
} // namespace Cuepoint::Core

namespace Cuepoint::Gui {

/// Step 1 of the composer (product.md §2): the video (file dialog, drag and drop, or the media
/// library), its check against TikTok's rules off the GUI thread with one sentence per
/// problem, a preview player, the cover scrubber, and the caption with its live counter and
/// one-click hashtag lists and caption templates (with their manager).
///
/// ComposerDialog owns one and reads the content through this interface; the step stores
/// nothing in the post tables.
class ComposerContentStep final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComposerContentStep)

public:
    explicit ComposerContentStep(QWidget *parent = nullptr);
    ~ComposerContentStep() override;

    /// Where saved captions/hashtag lists and library videos come from. Optional (nullptr:
    /// those buttons are hidden). The stores are read and written off the GUI thread through
    /// their own connections to @p databasePath; the pointers are not kept.
    void setDatabasePath(const QString &databasePath);
    /// The profile's cache folder: thumbnails go to cacheDir + "/thumbnails".
    void setCacheDir(const QString &cacheDir);

    /// Loads @p path: checks it, starts the preview, the thumbnail strip and the scrubber.
    void setVideo(const QString &path);
    QString videoPath() const;
    /// The probed duration in ms, or -1 until the check has finished.
    qint64 videoDurationMs() const;
    /// The media library asset the video was picked from, 0 when picked from disk.
    qint64 mediaAssetId() const;

    /// The cover's time on the file's timeline (FrameGrabber's ms), as the scrubber chose it.
    qint64 coverTimeMs() const;
    /// Moves the scrubber's handle (editing a post); applied once the video is loaded.
    void setCoverTimeMs(qint64 ms);

    QString caption() const;
    void setCaption(const QString &caption);

    /// The content is complete: the video is checked and valid and the caption is within
    /// the limit. Next is enabled exactly when this is true.
    bool isComplete() const;
    /// One sentence per problem that keeps the step from being complete (for the dialog).
    QStringList problems() const;
    /// Whether the check of the current video is done (tests wait for videoChecked()).
    bool isVideoChecked() const;

    /// Read-only (a published post is shown, not edited).
    void setReadOnly(bool readOnly);

Q_SIGNALS:
    /// isComplete() may have changed.
    void completeChanged(bool complete);
    /// The check of the current video finished (valid or not).
    void videoChecked();

protected:
    /// A single local file dragged onto the step is accepted as the video.
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Cuepoint::Gui
