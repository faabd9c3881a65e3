// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/Account.h"
#include "cuepoint/core/domain/Post.h"

#include <QDialog>
#include <QTimeZone>

#include <memory>

namespace Cuepoint::Gui {

namespace Ui {
class ComposerDialog;
}

class AvatarCache;
class ComposerContentStep;
class ComposerPublishStep;
class CreatorInfoSource;

/// The composer (product.md §2): step 1, the content (ComposerContentStep), and step 2, when
/// and where (ComposerPublishStep), with Back / Next / Schedule / Cancel. Next is enabled
/// exactly when the content is complete; Schedule when nothing blocks the post. Schedule is
/// the user's consent: the dialog is accepted and the page stores post(). The dialog edits a
/// value and stores nothing itself.
class ComposerDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComposerDialog)

public:
    enum Step { ContentStep = 0, PublishStep = 1 };

    explicit ComposerDialog(QWidget *parent = nullptr);
    ~ComposerDialog() override;

    /// Passed on to step 1 (saved captions, hashtag lists, the media library, thumbnails).
    void setDatabasePath(const QString &databasePath);
    void setCacheDir(const QString &cacheDir);
    /// Where each profile's creator_info comes from (asked off the GUI thread).
    void setCreatorInfoSource(std::shared_ptr<CreatorInfoSource> source);
    void setAvatarCache(AvatarCache *avatars);
    /// The profiles to choose from (connected ones are selectable).
    void setAccounts(const QList<Core::Account> &accounts);
    /// Pre-fills the date and time (a wall-clock reading in @p zone).
    void setSlot(const QDate &date, const QTime &time, const QTimeZone &zone);
    /// "Now", for refusing times in the past.
    void setNow(const QDateTime &nowUtc);
    /// Pre-fills the video (step 1 checks it).
    void setVideo(const QString &path);
    /// Fills both steps from @p post. A stored post (id != 0) keeps its profiles; when TikTok
    /// already has one of its targets (publishing, published, sent to the inbox) nothing can be
    /// changed and the dialog says why.
    void setPost(const Core::Post &post);

    /// The post the dialog describes (id 0 unless editing; for a new post one scheduled target
    /// per chosen profile).
    Core::Post post() const;
    /// Whether Schedule can be pressed now (and why not: one sentence per problem).
    bool isAcceptable(QStringList *problems = nullptr) const;
    bool isReadOnly() const { return m_readOnly; }
    QDateTime localDateTime() const;
    QTimeZone zone() const;
    /// The chosen profiles' handles, for the confirmation ("@a, @b").
    QStringList chosenHandles() const;

    ComposerContentStep *contentStep() const;
    ComposerPublishStep *publishStep() const;
    Step currentStep() const;
    void showStep(Step step);

private:
    void onScheduleClicked();
    void updateState();

    std::unique_ptr<Ui::ComposerDialog> m_ui;
    Core::Post m_editing; ///< id 0 for a new post
    bool m_readOnly = false;
};

} // namespace Cuepoint::Gui
