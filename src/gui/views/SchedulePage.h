// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "composer/ComposerDialog.h"
#include "controllers/CalendarLoader.h"
#include "controllers/PostWriter.h"

#include <QDateTime>
#include <QPointer>
#include <QTimeZone>
#include <QWidget>

#include <memory>

class QToolButton;
class QUndoStack;

namespace Cuepoint::Core {
class Clock;
class Settings;
struct Post;
} // namespace Cuepoint::Core

namespace Cuepoint::Gui {

namespace Ui {
class SchedulePage;
}

class AvatarCache;
class CalendarAgendaModel;
class CalendarDelegate;
class CalendarModel;
class CalendarMonthModel;
class CalendarView;
class CalendarWeekModel;
class CoverCache;
class CreatorInfoSource;
class PostCommand;
class ReviewHost;
class ReviewLinksDialog;
class ShareDialog;

/// What the Schedule page works with (owned by the application; they outlive the page).
struct ScheduleServices
{
    Core::Settings *settings = nullptr;
    const Core::Clock *clock = nullptr; ///< also read on the writer's thread
    QString databasePath; ///< the loader and the writer open their own connections to it
    QString cacheDir; ///< the profile's cache folder (covers go in covers/)
    /// Each profile's creator_info for the composer, asked on worker threads (may be null:
    /// the composer then says TikTok is not available).
    std::shared_ptr<CreatorInfoSource> creatorInfo;
};

/// The calendar of posts: a month and a week view in the display time zone, previous / next /
/// today, "+ Schedule a new post", a details panel with the selected post's targets and
/// journal and its actions, drag and drop to reschedule, and undo / redo.
///
/// The page never touches the database on the GUI thread: reading happens on CalendarLoader's
/// thread, and its writes (a reschedule, a cancel, an edit: undoable commands, and adding,
/// approving, retrying), with the few reads an action needs, on PostWriter's thread, in order.
/// The calendar shows a change once the writer reports it; a refused one is said in the message
/// area and taken off the undo stack.
class SchedulePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchedulePage)

public:
    enum class View { Month, Week, Agenda };

    explicit SchedulePage(QWidget *parent = nullptr);
    ~SchedulePage() override;

    /// Connects the page to the profile's stores; until then it shows an empty calendar.
    void setServices(const ScheduleServices &services);

    /// The profile pictures shown in the composer (may be null; must outlive the page).
    void setAvatarCache(AvatarCache *avatars);

    /// Opens the composer with the first of @p files as its video (a second launch hands its
    /// files over to this).
    void newPostWithVideos(const QStringList &files);
    /// Opens the composer with @p video at @p date and @p time (in the display zone): a video
    /// dragged from the media library onto a slot.
    void newPostWithVideoAt(const QString &video, const QDate &date, const QTime &time);
    /// Opens the composer for the slot at @p index of the visible view.
    void openFormForSlot(const QModelIndex &index);
    /// Opens the composer for the next free hour.
    void newPost();

    void showView(View view);
    View currentView() const { return m_view; }
    void goNext();
    void goPrevious();
    void goToday();
    /// Shows the calendar in @p zone (and remembers it; an invalid zone means the system's).
    void setDisplayZone(const QTimeZone &zone);
    QTimeZone displayZone() const { return m_zone; }
    /// Selects a post (its card is outlined and its details shown); 0 clears.
    void selectPost(qint64 postId);
    qint64 selectedPost() const { return m_selectedPost; }
    /// Moves @p postId to the slot at @p index of the visible view (as a drop does).
    bool movePostToSlot(qint64 postId, const QModelIndex &index);
    /// Cancels the selected post (undoable).
    void cancelSelected();
    /// Reloads the visible range from the database.
    void refresh();

    // Review links (SchedulePageReview.cpp).
    /// Enables "Share for review…" and "Review links…", and shows reviewers' answers at once.
    void setReviewHost(ReviewHost *host);
    /// Opens the share dialog (window-modal, without blocking).
    void shareForReview();
    /// Opens the list of review links.
    void showReviewLinks();
    ShareDialog *shareDialog() const;
    ReviewLinksDialog *reviewLinksDialog() const;

    CalendarMonthModel *monthModel() const { return m_monthModel; }
    CalendarWeekModel *weekModel() const { return m_weekModel; }
    CalendarView *monthView() const;
    CalendarView *weekView() const;
    CalendarView *agendaView() const;
    CalendarAgendaModel *agendaModel() const { return m_agendaModel; }
    /// The card of @p postId in the visible view, if it is shown.
    std::optional<CalendarCard> shownCard(qint64 postId) const;
    CalendarView *currentCalendarView() const;
    /// The visible month or week model (null in the agenda).
    CalendarModel *currentModel() const;
    QUndoStack *undoStack() const { return m_undo; }
    /// The composer while it is open.
    ComposerDialog *composer() const { return m_composer; }
    CalendarLoader *loader() const { return m_loader.get(); }
    PostWriter *writer() const { return m_writer.get(); }
    CoverCache *covers() const { return m_covers.get(); }
    /// Whether the visible range's posts have arrived since the last change of range.
    bool isLoaded() const { return m_loaded; }

Q_SIGNALS:
    /// The visible range's posts are shown (after every load).
    void calendarLoaded();
    /// A change was refused or failed; the page also shows it.
    void errorShown(const QString &message);

private:
    void setUpActions();
    void setUpZones();
    void applyRange();
    void onLoaded(quint64 ticket, const QDateTime &from, const QDateTime &to,
        const QList<Cuepoint::Gui::CalendarCard> &cards);
    void onDetailsLoaded(qint64 postId, const Cuepoint::Gui::PostDetails &details);
    void onCurrentCellChanged(const QModelIndex &current);
    /// Reads the profiles (and post @p postId, unless 0) on the writer, then opens the form.
    void openForm(
        qint64 postId, bool duplicate, const QDate &date, const QTime &time, const QString &video);
    void showForm(const Core::Post *post, bool duplicate, const QDate &date, const QTime &time,
        const QString &video, const QList<Core::Account> &accounts);
    void onComposerAccepted();
    /// The next full hour with nothing on it in the cards shown (else simply the next hour).
    QDateTime nextFreeSlot() const;
    void editPost(qint64 postId);
    void duplicatePost(qint64 postId);
    void retrySelected();
    void retry(qint64 postId, bool forced);
    void approveSelected();
    void deleteSelected();
    void showMessage(const QString &text, bool error = true);
    void updateActions();
    void onCommandFailed(PostCommand *command, const QString &message);
    void setUpReviewActions();

    std::unique_ptr<Ui::SchedulePage> m_ui;
    ScheduleServices m_services;
    std::unique_ptr<CalendarLoader> m_loader;
    std::unique_ptr<PostWriter> m_writer;
    std::unique_ptr<CoverCache> m_covers;
    CalendarMonthModel *m_monthModel = nullptr;
    CalendarWeekModel *m_weekModel = nullptr;
    CalendarAgendaModel *m_agendaModel = nullptr;
    CalendarDelegate *m_monthDelegate = nullptr;
    CalendarDelegate *m_weekDelegate = nullptr;
    CalendarDelegate *m_agendaDelegate = nullptr;
    QUndoStack *m_undo = nullptr;
    QPointer<ComposerDialog> m_composer;
    QPointer<AvatarCache> m_avatars;
    View m_view = View::Month;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    qint64 m_selectedPost = 0;
    std::optional<PostDetails> m_details;
    quint64 m_ticket = 0;
    quint64 m_formRequest = 0; ///< only the latest request opens the form
    bool m_loaded = false;
    QPointer<ReviewHost> m_reviewHost;
    QToolButton *m_shareButton = nullptr;
    QPointer<ShareDialog> m_shareDialog;
    QPointer<ReviewLinksDialog> m_linksDialog;
};

} // namespace Cuepoint::Gui
