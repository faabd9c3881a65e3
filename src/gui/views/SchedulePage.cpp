// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/SchedulePage.h"

#include "GuiLogging.h"
#include "commands/PostCommands.h"
#include "composer/ComposerDialog.h"
#include "controllers/AvatarCache.h"
#include "controllers/CoverCache.h"
#include "models/CalendarAgendaModel.h"
#include "models/CalendarModel.h"
#include "models/ItemRoles.h"
#include "ui_SchedulePage.h"
#include "views/PostDetailsHtml.h"
#include "widgets/CalendarDelegate.h"
#include "widgets/CalendarView.h"
#include "widgets/Typography.h"

#include "cuepoint/core/domain/ZonedTime.h"
#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/Settings.h"

#include <QAction>
#include <QHeaderView>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QUndoStack>

namespace Cuepoint::Gui {

using Core::TargetState;

namespace {

/// The time a day clicked in the month view is pre-filled with.
constexpr int kDefaultHour = 9;
/// The week view opens scrolled to the working day.
constexpr int kFirstVisibleHour = 8;

} // namespace

SchedulePage::SchedulePage(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::SchedulePage>())
    , m_monthModel(new CalendarMonthModel(this))
    , m_weekModel(new CalendarWeekModel(this))
    , m_agendaModel(new CalendarAgendaModel(this))
    , m_undo(new QUndoStack(this))
{
    setObjectName(QStringLiteral("schedulePage"));
    m_ui->setupUi(this);
    Typography::setPageTitle(m_ui->titleLabel);
    QFont rangeFont = m_ui->rangeLabel->font();
    rangeFont.setPointSizeF(rangeFont.pointSizeF() * 1.2);
    rangeFont.setBold(true);
    m_ui->rangeLabel->setFont(rangeFont);

    m_monthDelegate = new CalendarDelegate(CalendarDelegate::Kind::Month, nullptr, this);
    m_weekDelegate = new CalendarDelegate(CalendarDelegate::Kind::Week, nullptr, this);
    m_agendaDelegate = new CalendarDelegate(CalendarDelegate::Kind::Agenda, nullptr, this);
    agendaView()->setModel(m_agendaModel);
    agendaView()->setCalendarDelegate(m_agendaDelegate);
    agendaView()->verticalHeader()->hide();
    agendaView()->setShowGrid(false);
    agendaView()->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    agendaView()->verticalHeader()->setDefaultSectionSize(
        CalendarDelegate::cardHeight(agendaView()->fontMetrics()) + 6);
    monthView()->setModel(m_monthModel);
    monthView()->setCalendarDelegate(m_monthDelegate);
    monthView()->setFillRows(true);
    monthView()->verticalHeader()->hide();
    monthView()->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    weekView()->setModel(m_weekModel);
    weekView()->setCalendarDelegate(m_weekDelegate);
    weekView()->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    weekView()->verticalHeader()->setDefaultSectionSize(
        CalendarDelegate::cardHeight(weekView()->fontMetrics()) + 4);
    weekView()->verticalHeader()->setDefaultAlignment(Qt::AlignRight | Qt::AlignTop);

    for (CalendarView *view : { monthView(), weekView(), agendaView() }) {
        connect(view, &CalendarView::slotClicked, this, &SchedulePage::openFormForSlot);
        connect(view, &CalendarView::slotActivated, this, &SchedulePage::openFormForSlot);
        connect(view, &CalendarView::videoDropped, this,
            [this](const QString &video, const QModelIndex &index) {
                // The month's day keeps the usual default hour; the week's cell gives its hour.
                const int hour = index.data(HourRole).toInt();
                newPostWithVideoAt(video, index.data(DateRole).toDate(),
                    QTime(hour >= 0 ? hour : kDefaultHour, 0));
            });
        connect(view, &CalendarView::cardClicked, this,
            [this](qint64 postId, const QModelIndex &) { selectPost(postId); });
        connect(view, &CalendarView::cardActivated, this, &SchedulePage::editPost);
        connect(view, &CalendarView::moreClicked, this, [this](const QModelIndex &index) {
            // Every post of a full slot: the agenda from that day.
            showView(View::Agenda);
            m_agendaModel->setAnchor(index.data(DateRole).toDate());
            applyRange();
        });
        connect(view, &CalendarView::deleteRequested, this, [this](qint64 postId) {
            selectPost(postId);
            cancelSelected();
        });
        connect(view, &CalendarView::postDropped, this,
            [this](qint64 postId, const QModelIndex &index) { movePostToSlot(postId, index); });
        connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onCurrentCellChanged(current); });
    }

    connect(m_ui->previousButton, &QToolButton::clicked, this, &SchedulePage::goPrevious);
    connect(m_ui->nextButton, &QToolButton::clicked, this, &SchedulePage::goNext);
    connect(m_ui->todayButton, &QToolButton::clicked, this, &SchedulePage::goToday);
    connect(m_ui->monthButton, &QToolButton::clicked, this, [this] { showView(View::Month); });
    connect(m_ui->weekButton, &QToolButton::clicked, this, [this] { showView(View::Week); });
    connect(m_ui->agendaButton, &QToolButton::clicked, this, [this] { showView(View::Agenda); });
    connect(m_ui->newPostButton, &QPushButton::clicked, this, &SchedulePage::newPost);
    connect(m_ui->editButton, &QPushButton::clicked, this, [this] { editPost(m_selectedPost); });
    connect(m_ui->duplicateButton, &QPushButton::clicked, this,
        [this] { duplicatePost(m_selectedPost); });
    connect(m_ui->cancelPostButton, &QPushButton::clicked, this, &SchedulePage::cancelSelected);
    connect(m_ui->retryButton, &QPushButton::clicked, this, &SchedulePage::retrySelected);
    connect(m_ui->approveButton, &QPushButton::clicked, this, &SchedulePage::approveSelected);
    connect(m_ui->deleteButton, &QPushButton::clicked, this, &SchedulePage::deleteSelected);

    setUpActions();
    setUpReviewActions();
    setUpZones();
    m_ui->splitter->setSizes({ 800, 260 });
    m_ui->newPostButton->setEnabled(false);
    applyRange();
    selectPost(0); // the details panel says what it is for
}

SchedulePage::~SchedulePage() = default;

CalendarView *SchedulePage::monthView() const
{
    return m_ui->monthView;
}

CalendarView *SchedulePage::weekView() const
{
    return m_ui->weekView;
}

CalendarView *SchedulePage::agendaView() const
{
    return m_ui->agendaView;
}

std::optional<CalendarCard> SchedulePage::shownCard(qint64 postId) const
{
    return m_view == View::Agenda ? m_agendaModel->card(postId) : currentModel()->card(postId);
}

CalendarView *SchedulePage::currentCalendarView() const
{
    switch (m_view) {
    case View::Month:
        return monthView();
    case View::Week:
        return weekView();
    case View::Agenda:
        return agendaView();
    }
    return monthView();
}

CalendarModel *SchedulePage::currentModel() const
{
    switch (m_view) {
    case View::Month:
        return m_monthModel;
    case View::Week:
        return m_weekModel;
    case View::Agenda:
        break;
    }
    return nullptr;
}

void SchedulePage::setServices(const ScheduleServices &services)
{
    m_services = services;
    m_undo->clear(); // its commands write through the writer replaced here
    m_loader = std::make_unique<CalendarLoader>(services.databasePath);
    m_writer = std::make_unique<PostWriter>(services.databasePath, services.clock);
    m_covers = std::make_unique<CoverCache>(
        services.cacheDir.isEmpty() ? QString() : services.cacheDir + QStringLiteral("/covers"));
    // The delegates were made before the cache: give them the new one.
    const auto replace = [this](CalendarDelegate *&delegate, CalendarView *view) {
        auto *fresh = new CalendarDelegate(delegate->kind(), m_covers.get(), this);
        fresh->setZone(m_zone);
        view->setCalendarDelegate(fresh);
        delegate->deleteLater();
        delegate = fresh;
    };
    replace(m_monthDelegate, monthView());
    replace(m_weekDelegate, weekView());
    replace(m_agendaDelegate, agendaView());
    connect(m_covers.get(), &CoverCache::coverReady, this, [this] {
        monthView()->viewport()->update();
        weekView()->viewport()->update();
        agendaView()->viewport()->update();
    });
    connect(m_loader.get(), &CalendarLoader::loaded, this, &SchedulePage::onLoaded);
    connect(m_loader.get(), &CalendarLoader::detailsLoaded, this, &SchedulePage::onDetailsLoaded);
    connect(m_loader.get(), &CalendarLoader::databaseChanged, this, &SchedulePage::refresh);
    connect(m_loader.get(), &CalendarLoader::failed, this,
        [this](const QString &message) { showMessage(message); });
    // The page's own writes show at once; those of other connections when the loader sees the
    // WAL file change.
    connect(m_writer.get(), &PostWriter::written, this, &SchedulePage::refresh);
    if (services.clock) {
        const Core::Clock *clock = services.clock;
        const auto now = [clock] { return clock->nowUtc(); };
        m_monthModel->setNowFunction(now);
        m_weekModel->setNowFunction(now);
    }
    if (services.settings) {
        m_loader->setApprovalRequired(services.settings->value(Core::Settings::ApprovalRequired));
        const QString zoneId = services.settings->value(Core::Settings::DisplayTimeZone);
        const QTimeZone zone(zoneId.toUtf8());
        setDisplayZone(zoneId.isEmpty() || !zone.isValid() ? QTimeZone() : zone);
        connect(services.settings, &Core::Settings::changed, this, [this](const QString &key) {
            if (key == QLatin1String(Core::Settings::ApprovalRequired.key)) {
                m_loader->setApprovalRequired(
                    m_services.settings->value(Core::Settings::ApprovalRequired));
                refresh();
            } else if (key == QLatin1String(Core::Settings::DisplayTimeZone.key)) {
                const QString id = m_services.settings->value(Core::Settings::DisplayTimeZone);
                const QTimeZone z(id.toUtf8());
                if ((id.isEmpty() ? QTimeZone::systemTimeZone() : z) != m_zone) {
                    setDisplayZone(id.isEmpty() || !z.isValid() ? QTimeZone() : z);
                }
            }
        });
    }
    if (services.clock) {
        goToday();
    }
    m_ui->newPostButton->setEnabled(true);
    refresh();
}

void SchedulePage::setUpActions()
{
    auto *newAction = new QAction(tr("Schedule a new post"), this);
    newAction->setShortcut(QKeySequence::New);
    newAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(newAction, &QAction::triggered, this, &SchedulePage::newPost);
    addAction(newAction);

    QAction *undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts({ QKeySequence::Undo });
    undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(undo);
    QAction *redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({ QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo });
    redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(redo);
}

void SchedulePage::setUpZones()
{
    QComboBox *box = m_ui->timeZoneComboBox;
    box->addItem(
        tr("System (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())), QByteArray());
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds()) {
        box->addItem(QString::fromUtf8(id), id);
    }
    box->setMaxVisibleItems(20);
    connect(box, &QComboBox::activated, this, [this, box](int index) {
        const QByteArray id = box->itemData(index).toByteArray();
        setDisplayZone(id.isEmpty() ? QTimeZone() : QTimeZone(id));
    });
}

void SchedulePage::setDisplayZone(const QTimeZone &zone)
{
    const bool system = !zone.isValid();
    const QTimeZone effective = system ? QTimeZone::systemTimeZone() : zone;
    const QByteArray id = system ? QByteArray() : effective.id();
    const int index = m_ui->timeZoneComboBox->findData(id);
    if (index >= 0 && index != m_ui->timeZoneComboBox->currentIndex()) {
        QSignalBlocker block(m_ui->timeZoneComboBox);
        m_ui->timeZoneComboBox->setCurrentIndex(index);
    }
    m_ui->timeZoneComboBox->setToolTip(
        tr("Posts are shown at their time in %1; each keeps the zone it was scheduled in.")
            .arg(QString::fromUtf8(effective.id())));
    if (m_services.settings
        && m_services.settings->value(Core::Settings::DisplayTimeZone) != QString::fromUtf8(id)) {
        m_services.settings->setValue(Core::Settings::DisplayTimeZone, QString::fromUtf8(id));
    }
    if (effective == m_zone) {
        return;
    }
    m_zone = effective;
    m_monthDelegate->setZone(m_zone);
    m_weekDelegate->setZone(m_zone);
    m_agendaDelegate->setZone(m_zone);
    m_monthModel->setZone(m_zone);
    m_weekModel->setZone(m_zone);
    m_agendaModel->setZone(m_zone);
    applyRange();
}

void SchedulePage::showView(View view)
{
    const View before = m_view;
    m_view = view;
    m_ui->monthButton->setChecked(view == View::Month);
    m_ui->weekButton->setChecked(view == View::Week);
    m_ui->agendaButton->setChecked(view == View::Agenda);
    m_ui->calendarStack->setCurrentWidget(currentCalendarView());
    if (view == View::Agenda) {
        // The agenda starts today (upcoming posts), or at the day the calendar showed.
        const QDate today =
            (m_services.clock ? m_services.clock->nowUtc() : QDateTime::currentDateTimeUtc())
                .toTimeZone(m_zone)
                .date();
        const QDate shown = before == View::Week ? m_weekModel->firstDay() : m_monthModel->anchor();
        m_agendaModel->setAnchor(
            shown.year() == today.year() && shown.month() == today.month() ? today : shown);
    } else if (view == View::Week) {
        m_weekModel->setAnchor(
            before == View::Agenda ? m_agendaModel->anchor() : m_monthModel->anchor());
        weekView()->verticalScrollBar()->setValue(weekView()->rowViewportPosition(kFirstVisibleHour)
            + weekView()->verticalScrollBar()->value());
    } else {
        m_monthModel->setAnchor(
            before == View::Agenda ? m_agendaModel->anchor() : m_weekModel->anchor());
    }
    applyRange();
}

void SchedulePage::goNext()
{
    if (m_view == View::Agenda) {
        m_agendaModel->setAnchor(m_agendaModel->anchor().addDays(CalendarAgendaModel::kDays));
        applyRange();
        return;
    }
    CalendarModel *model = currentModel();
    model->setAnchor(
        m_view == View::Month ? model->anchor().addMonths(1) : model->anchor().addDays(7));
    applyRange();
}

void SchedulePage::goPrevious()
{
    if (m_view == View::Agenda) {
        m_agendaModel->setAnchor(m_agendaModel->anchor().addDays(-CalendarAgendaModel::kDays));
        applyRange();
        return;
    }
    CalendarModel *model = currentModel();
    model->setAnchor(
        m_view == View::Month ? model->anchor().addMonths(-1) : model->anchor().addDays(-7));
    applyRange();
}

void SchedulePage::goToday()
{
    const QDateTime now =
        m_services.clock ? m_services.clock->nowUtc() : QDateTime::currentDateTimeUtc();
    const QDate today = now.toTimeZone(m_zone).date();
    m_monthModel->setAnchor(today);
    m_weekModel->setAnchor(today);
    m_agendaModel->setAnchor(today);
    applyRange();
}

void SchedulePage::applyRange()
{
    m_ui->rangeLabel->setText(
        m_view == View::Agenda ? m_agendaModel->title() : currentModel()->title());
    m_loaded = false;
    refresh();
}

void SchedulePage::refresh()
{
    if (!m_loader) {
        return;
    }
    const auto [from, to] =
        m_view == View::Agenda ? m_agendaModel->range() : currentModel()->range();
    m_ticket = m_loader->load(from, to);
}

void SchedulePage::onLoaded(
    quint64 ticket, const QDateTime &from, const QDateTime &to, const QList<CalendarCard> &cards)
{
    if (ticket != m_ticket) {
        return; // the view moved on meanwhile
    }
    const bool shown = m_view == View::Agenda ? m_agendaModel->setCards(from, to, cards)
                                              : currentModel()->setCards(from, to, cards);
    if (!shown) {
        return;
    }
    m_loaded = true;
    if (m_selectedPost != 0) {
        m_loader->loadDetails(m_selectedPost);
    }
    Q_EMIT calendarLoaded();
}

void SchedulePage::selectPost(qint64 postId)
{
    m_selectedPost = postId;
    for (CalendarDelegate *d : { m_monthDelegate, m_weekDelegate, m_agendaDelegate }) {
        d->setSelectedPost(postId);
    }
    monthView()->viewport()->update();
    weekView()->viewport()->update();
    agendaView()->viewport()->update();
    m_details.reset();
    if (postId != 0 && m_loader) {
        m_loader->loadDetails(postId);
    } else {
        m_ui->detailsTextBrowser->setHtml(
            QStringLiteral("<p style=\"color:gray\">%1</p>")
                .arg(tr("Click a post to see how it stands for each profile, and its history. "
                        "Click an empty slot to schedule a post there.")
                         .toHtmlEscaped()));
    }
    updateActions();
}

void SchedulePage::onCurrentCellChanged(const QModelIndex &current)
{
    // Moving with the arrow keys selects the first post of the slot.
    const auto ids = current.data(PostIdsRole).value<QList<qint64>>();
    if (ids.contains(m_selectedPost)) {
        return;
    }
    selectPost(ids.isEmpty() ? 0 : ids.first());
}

void SchedulePage::onDetailsLoaded(qint64 postId, const PostDetails &details)
{
    if (postId != m_selectedPost) {
        return;
    }
    if (!details.post) {
        selectPost(0);
        return;
    }
    m_details = details;
    m_ui->detailsTextBrowser->setHtml(postDetailsHtml(details, m_zone));
    updateActions();
}

void SchedulePage::updateActions()
{
    const bool have = m_details && m_details->post && m_writer;
    bool editable = have;
    bool cancellable = false;
    bool retryable = false;
    bool awaiting = false;
    bool busy = false;
    if (have) {
        for (const Core::PostTarget &t : m_details->post->targets) {
            if (t.state == TargetState::Publishing || t.state == TargetState::Processing
                || t.state == TargetState::Published || t.state == TargetState::SentToInbox) {
                editable = false;
            }
            busy = busy || t.state == TargetState::Publishing || t.state == TargetState::Processing;
            cancellable = cancellable
                || (!Core::isFinal(t.state) && t.state != TargetState::Publishing
                    && t.state != TargetState::Processing);
            retryable = retryable || Core::PostStore::isRetryable(t.state, true);
            awaiting = awaiting || t.state == TargetState::AwaitingApproval;
        }
        awaiting = awaiting
            || (m_details->post->approval != Core::ApprovalState::Approved
                && m_details->post->mode == Core::PublishMode::Automatic && cancellable);
    }
    m_ui->editButton->setEnabled(editable);
    m_ui->duplicateButton->setEnabled(have);
    m_ui->cancelPostButton->setEnabled(cancellable);
    m_ui->retryButton->setEnabled(retryable);
    m_ui->approveButton->setEnabled(awaiting);
    m_ui->deleteButton->setEnabled(have && !busy);
}

void SchedulePage::onCommandFailed(PostCommand *command, const QString &message)
{
    showMessage(message);
    // The store refused the step (the post started publishing, or is gone). A polished undo
    // stack only offers steps that happened: the command is obsolete now, and QUndoStack
    // deletes an obsolete command without running it when undo() or redo() reaches it. When it
    // is the step next to the stack's index (the usual case: the one just taken), reach it now,
    // so Undo / Redo name what the user can really do; otherwise (more steps were taken
    // meanwhile) it is dropped when reached. The calendar reloads to show what the database
    // holds.
    if (command) {
        const int index = m_undo->index();
        if (index > 0 && m_undo->command(index - 1) == command) {
            m_undo->undo(); // a refused redo: off the undo side
        } else if (index < m_undo->count() && m_undo->command(index) == command) {
            m_undo->redo(); // a refused undo: off the redo side (the change stays)
        }
    }
    refresh();
}

void SchedulePage::showMessage(const QString &text, bool error)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(error ? QStringLiteral("color: #d13b3b;") : QString());
    m_ui->messageLabel->setVisible(!text.isEmpty());
    if (error && !text.isEmpty()) {
        Q_EMIT errorShown(text);
    }
}

// --- the form

void SchedulePage::setAvatarCache(AvatarCache *avatars)
{
    m_avatars = avatars;
}

void SchedulePage::newPostWithVideos(const QStringList &files)
{
    const QDateTime next =
        (m_services.clock ? m_services.clock->nowUtc() : QDateTime::currentDateTimeUtc())
            .toTimeZone(m_zone)
            .addSecs(3600);
    openForm(0, false, next.date(), QTime(next.time().hour(), 0),
        files.isEmpty() ? QString() : files.first());
}

void SchedulePage::newPostWithVideoAt(const QString &video, const QDate &date, const QTime &time)
{
    openForm(0, false, date, time, video);
}

QDateTime SchedulePage::nextFreeSlot() const
{
    QDateTime slot =
        (m_services.clock ? m_services.clock->nowUtc() : QDateTime::currentDateTimeUtc())
            .toTimeZone(m_zone)
            .addSecs(3600);
    slot = QDateTime(slot.date(), QTime(slot.time().hour(), 0), m_zone);
    const CalendarModel *model = currentModel();
    for (int i = 0; model && i < 24 * 7; ++i) {
        const QModelIndex cell = model->indexAt(slot);
        const auto cards = cell.data(CardsRole).value<QList<CalendarCard>>();
        const bool taken = std::any_of(cards.cbegin(), cards.cend(), [&](const CalendarCard &c) {
            const QDateTime local = c.at.toTimeZone(m_zone);
            return local.date() == slot.date() && local.time().hour() == slot.time().hour();
        });
        if (!taken) {
            break;
        }
        slot = slot.addSecs(3600);
    }
    return slot;
}

void SchedulePage::newPost()
{
    const QDateTime slot = nextFreeSlot();
    openForm(0, false, slot.date(), slot.time(), QString());
}

void SchedulePage::openFormForSlot(const QModelIndex &index)
{
    if (!index.isValid() || !index.flags().testFlag(Qt::ItemIsEnabled) || !m_writer
        || m_view == View::Agenda) {
        return; // (an agenda row is a post, not a slot)
    }
    const QDate date = index.data(DateRole).toDate();
    const int hour = index.data(HourRole).toInt();
    openForm(0, false, date, QTime(hour >= 0 ? hour : kDefaultHour, 0), QString());
}

void SchedulePage::openForm(
    qint64 postId, bool duplicate, const QDate &date, const QTime &time, const QString &video)
{
    if (!m_writer) {
        return;
    }
    // Read on the writer, behind the page's pending writes: the composer shows the post as the
    // user's last change left it.
    const quint64 request = ++m_formRequest;
    auto accounts = std::make_shared<QList<Core::Account>>();
    auto post = std::make_shared<std::optional<Core::Post>>();
    m_writer->read(
        [accounts, post, postId](PostWriter::Stores &stores) {
            *accounts = stores.accounts.accounts();
            if (postId != 0) {
                *post = stores.posts.post(postId);
            }
        },
        [this, request, accounts, post, postId, duplicate, date, time, video](
            const std::optional<QString> &error) {
            if (request != m_formRequest) {
                return; // another composer was asked for meanwhile
            }
            if (error) {
                showMessage(*error);
                return;
            }
            if (postId != 0 && !*post) {
                showMessage(tr("The post is gone; it was deleted meanwhile."));
                return;
            }
            showForm(
                post->has_value() ? &**post : nullptr, duplicate, date, time, video, *accounts);
        });
}

void SchedulePage::showForm(const Core::Post *post, bool duplicate, const QDate &date,
    const QTime &time, const QString &video, const QList<Core::Account> &accounts)
{
    if (m_composer) {
        m_composer->close();
        m_composer->deleteLater();
    }
    m_composer = new ComposerDialog(this);
    m_composer->setAttribute(Qt::WA_DeleteOnClose);
    m_composer->setDatabasePath(m_services.databasePath);
    m_composer->setCacheDir(m_services.cacheDir);
    if (m_services.clock) {
        m_composer->setNow(m_services.clock->nowUtc());
    }
    m_composer->setAvatarCache(m_avatars);
    m_composer->setCreatorInfoSource(m_services.creatorInfo);
    m_composer->setAccounts(accounts);
    if (post) {
        Core::Post prefill = *post;
        if (duplicate) {
            // A new post with the same content and settings, to the same profiles, at a new
            // time: none of the old targets' history comes along.
            prefill.id = 0;
            prefill.approval = Core::ApprovalState::None;
            for (Core::PostTarget &t : prefill.targets) {
                Core::PostTarget fresh;
                fresh.accountId = t.accountId;
                t = fresh;
            }
        }
        m_composer->setPost(prefill);
        if (duplicate) {
            const QDateTime slot = nextFreeSlot();
            m_composer->setSlot(slot.date(), slot.time(), m_zone);
        }
    } else {
        m_composer->setSlot(date, time, m_zone);
        if (!video.isEmpty()) {
            m_composer->setVideo(video);
        }
    }
    connect(m_composer, &QDialog::accepted, this, &SchedulePage::onComposerAccepted);
    m_composer->open();
}

void SchedulePage::onComposerAccepted()
{
    if (!m_composer || !m_writer) {
        return;
    }
    const Core::Post post = m_composer->post();
    const QString when =
        QLocale().toString(post.scheduledAt.toTimeZone(m_zone), QStringLiteral("ddd d MMM, HH:mm"));
    const QString where = m_composer->chosenHandles().join(QStringLiteral(", "));
    if (post.id != 0) {
        m_undo->push(new EditPostCommand(
            *m_writer, post, [this](PostCommand *command, const QString &message) {
                onCommandFailed(command, message);
            }));
        showMessage(tr("Saved: %1 on %2").arg(when, where), false);
        return;
    }
    auto id = std::make_shared<qint64>(0);
    m_writer->submit([post, id](PostWriter::Stores &stores) { *id = stores.posts.add(post); },
        [this, id, when, where](const std::optional<QString> &error) {
            if (error) {
                showMessage(*error);
                return;
            }
            showMessage(tr("Scheduled for %1 on %2").arg(when, where), false);
            selectPost(*id);
        });
}

void SchedulePage::editPost(qint64 postId)
{
    if (postId == 0) {
        return;
    }
    selectPost(postId);
    openForm(postId, false, {}, {}, {});
}

void SchedulePage::duplicatePost(qint64 postId)
{
    if (postId != 0) {
        openForm(postId, true, {}, {}, {});
    }
}

// --- direct manipulation and actions

bool SchedulePage::movePostToSlot(qint64 postId, const QModelIndex &index)
{
    if (!m_writer || !index.isValid() || !index.flags().testFlag(Qt::ItemIsEnabled)) {
        return false;
    }
    // The card the user dragged (as the loader last read it); the command reads the post's
    // time again on the writer before it moves it, and undo puts back what it read.
    const std::optional<CalendarCard> card = shownCard(postId);
    if (!card) {
        return false;
    }
    const QDateTime local = card->at.toTimeZone(m_zone);
    const QDate date = index.data(DateRole).toDate();
    const int hour = index.data(HourRole).toInt();
    // The month keeps the time of day; the week keeps the minutes within the hour.
    const QTime time = hour >= 0 ? QTime(hour, local.time().minute()) : local.time();
    const Core::LocalTimeResolution r = Core::resolveLocalTime(date, time, m_zone);
    if (r.kind == Core::LocalTimeResolution::Kind::Invalid) {
        return false;
    }
    const QDateTime to = r.earlier; // a skipped time moves to just after the gap
    if (to == card->at) {
        return false;
    }
    const QDateTime now =
        m_services.clock ? m_services.clock->nowUtc() : QDateTime::currentDateTimeUtc();
    if (to < now) {
        showMessage(tr("That time has passed; drop the post on a later slot."));
        return false;
    }
    const int before = m_undo->count();
    // The post keeps its own zone (an empty zone: the one it has when the move runs).
    m_undo->push(new RescheduleCommand(
        *m_writer, postId, to, QString(), [this](PostCommand *command, const QString &message) {
            onCommandFailed(command, message);
        }));
    selectPost(postId);
    return m_undo->count() > before;
}

void SchedulePage::cancelSelected()
{
    if (!m_writer || m_selectedPost == 0) {
        return;
    }
    m_undo->push(new CancelPostCommand(
        *m_writer, m_selectedPost, [this](PostCommand *command, const QString &message) {
            onCommandFailed(command, message);
        }));
}

void SchedulePage::deleteSelected()
{
    if (!m_writer || m_selectedPost == 0) {
        return;
    }
    m_undo->push(new DeletePostCommand(
        *m_writer, m_selectedPost, [this](PostCommand *command, const QString &message) {
            onCommandFailed(command, message);
        }));
    selectPost(0);
}

void SchedulePage::retrySelected()
{
    // The states shown in the details panel (the loader's) decide whether to ask first; the
    // retry itself reads the targets again on the writer.
    if (!m_writer || !m_details || !m_details->post || m_details->post->id != m_selectedPost) {
        return;
    }
    const Core::Post &post = *m_details->post;
    const bool unconfirmed = std::any_of(post.targets.cbegin(), post.targets.cend(),
        [](const Core::PostTarget &t) { return t.state == TargetState::Unconfirmed; });
    if (!unconfirmed) {
        retry(post.id, false);
        return;
    }
    // As `cuepoint-cli retry --force`: only once the user has looked on TikTok.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Post it again?"),
        tr("TikTok never confirmed whether this post went out, so it may be published already. "
           "Look at the profile on TikTok first. If the video is not there, post it again."),
        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmRetryBox"));
    QPushButton *again = box->addButton(tr("Post it again"), QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 postId = post.id;
    connect(box, &QMessageBox::buttonClicked, this,
        [this, again, postId](QAbstractButton *button) { retry(postId, button == again); });
    box->open();
}

void SchedulePage::retry(qint64 postId, bool forced)
{
    if (!m_writer) {
        return;
    }
    auto retried = std::make_shared<int>(0);
    m_writer->submit(
        [postId, forced, retried](PostWriter::Stores &stores) {
            const std::optional<Core::Post> post = stores.posts.post(postId);
            if (!post) {
                return;
            }
            std::optional<QString> failure;
            for (const Core::PostTarget &t : post->targets) {
                if (!Core::PostStore::isRetryable(t.state, forced)) {
                    continue;
                }
                QString detail = QStringLiteral("retried in the calendar");
                if (t.state == TargetState::Unconfirmed) {
                    detail += t.publishId.isEmpty()
                        ? QStringLiteral(" after the user checked TikTok")
                        : QStringLiteral(" after the user checked TikTok; the unconfirmed "
                                         "publish_id was %1")
                              .arg(t.publishId);
                }
                try {
                    *retried += stores.posts.transition(t.id, t.state, TargetState::Scheduled,
                                    detail, Core::PostStore::retryUpdate())
                        ? 1
                        : 0;
                } catch (const Core::StorageError &e) {
                    failure = e.message(); // the other targets are still retried
                }
            }
            if (failure) {
                throw Core::StorageError(Core::StorageError::Kind::Constraint, *failure);
            }
        },
        [this, retried](const std::optional<QString> &error) {
            if (error) {
                showMessage(*error);
            } else if (*retried > 0) {
                showMessage(tr("Scheduled again."), false);
            }
        });
}

void SchedulePage::approveSelected()
{
    if (!m_writer || m_selectedPost == 0) {
        return;
    }
    m_writer->submit(
        [postId = m_selectedPost](PostWriter::Stores &stores) {
            stores.posts.approve(postId, QStringLiteral("approved in the calendar"));
        },
        [this](const std::optional<QString> &error) {
            if (error) {
                showMessage(*error);
            } else {
                showMessage(tr("Approved."), false);
            }
        });
}

} // namespace Cuepoint::Gui
