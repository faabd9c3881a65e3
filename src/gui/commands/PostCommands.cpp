// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/PostCommands.h"

#include "GuiLogging.h"

#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/storage/StorageError.h"

#include <QCoreApplication>

namespace Cuepoint::Gui {

using Core::TargetState;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cuepoint::Gui::PostCommands", text);
}

/// The post as it is now (on the writer's thread), or the sentence that it is gone.
Core::Post currentPost(Core::PostStore &posts, qint64 postId)
{
    std::optional<Core::Post> post = posts.post(postId);
    if (!post) {
        throw Core::StorageError(Core::StorageError::Kind::Constraint,
            tr("The post is gone; it was deleted meanwhile."));
    }
    return *std::move(post);
}

} // namespace

PostCommand::PostCommand(PostWriter &writer, CommandErrorHandler onError, const QString &text)
    : QUndoCommand(text)
    , m_writer(writer)
    , m_onError(std::move(onError))
    , m_self(std::make_shared<PostCommand *>(this))
{
}

PostCommand::~PostCommand()
{
    *m_self = nullptr;
}

void PostCommand::submit(PostWriter::Job change)
{
    const std::shared_ptr<PostCommand *> self = m_self;
    const CommandErrorHandler onError = m_onError;
    const QString what = text();
    const quint64 job = ++m_submitted;
    m_writer.submit(
        std::move(change), [self, onError, what, job](const std::optional<QString> &error) {
            if (!error) {
                return;
            }
            qCWarning(lcGui).noquote() << what << "refused:" << *error;
            PostCommand *command = *self;
            if (command && command->m_submitted != job) {
                // An undo or redo was queued after this one: it reports its own outcome, and
                // the step stays.
                command = nullptr;
            }
            if (command) {
                command->setObsolete(true);
            }
            if (onError) {
                onError(command, *error);
            }
        });
}

// --- RescheduleCommand

struct RescheduleCommand::State
{
    bool applied = false;
    QDateTime from;
    QString fromZone;
};

RescheduleCommand::RescheduleCommand(PostWriter &writer, qint64 postId, const QDateTime &toUtc,
    const QString &toZone, CommandErrorHandler onError)
    : PostCommand(writer, std::move(onError), tr("Reschedule post"))
    , m_postId(postId)
    , m_to(toUtc)
    , m_toZone(toZone)
    , m_state(std::make_shared<State>())
{
}

void RescheduleCommand::redo()
{
    submit([state = m_state, postId = m_postId, to = m_to, toZone = m_toZone](
               PostWriter::Stores &stores) {
        const Core::Post post = currentPost(stores.posts, postId);
        stores.posts.reschedule(postId, to, toZone.isEmpty() ? post.timeZoneId : toZone);
        state->from = post.scheduledAt;
        state->fromZone = post.timeZoneId;
        state->applied = true;
    });
}

void RescheduleCommand::undo()
{
    submit([state = m_state, postId = m_postId](PostWriter::Stores &stores) {
        if (!state->applied) {
            return; // the move was refused: nothing to put back
        }
        stores.posts.reschedule(postId, state->from, state->fromZone);
        state->applied = false;
    });
}

// --- EditPostCommand

struct EditPostCommand::State
{
    bool applied = false;
    Core::Post before;
};

EditPostCommand::EditPostCommand(
    PostWriter &writer, const Core::Post &after, CommandErrorHandler onError)
    : PostCommand(writer, std::move(onError), tr("Edit post"))
    , m_after(after)
    , m_state(std::make_shared<State>())
{
}

void EditPostCommand::redo()
{
    submit([state = m_state, after = m_after](PostWriter::Stores &stores) {
        Core::Post before = currentPost(stores.posts, after.id);
        stores.posts.updateContent(after);
        state->before = std::move(before);
        state->applied = true;
    });
}

void EditPostCommand::undo()
{
    submit([state = m_state](PostWriter::Stores &stores) {
        if (!state->applied) {
            return;
        }
        stores.posts.updateContent(state->before);
        state->applied = false;
    });
}

// --- CancelPostCommand

struct CancelPostCommand::State
{
    QList<QPair<qint64, Core::TargetState>> cancelled; ///< target id, state before the cancel
};

CancelPostCommand::CancelPostCommand(PostWriter &writer, qint64 postId, CommandErrorHandler onError)
    : PostCommand(writer, std::move(onError), tr("Cancel post"))
    , m_postId(postId)
    , m_state(std::make_shared<State>())
{
}

void CancelPostCommand::redo()
{
    submit([state = m_state, postId = m_postId](PostWriter::Stores &stores) {
        state->cancelled.clear();
        const Core::Post post = currentPost(stores.posts, postId);
        for (const Core::PostTarget &t : post.targets) {
            // As `cuepoint-cli cancel`: not what went out already, and not what is being
            // published right now (TikTok may already have it).
            if (Core::isFinal(t.state) || t.state == TargetState::Publishing
                || t.state == TargetState::Processing) {
                continue;
            }
            if (stores.posts.transition(t.id, t.state, TargetState::Cancelled,
                    QStringLiteral("cancelled in the calendar"))) {
                state->cancelled.append({ t.id, t.state });
            }
        }
        if (state->cancelled.isEmpty()) {
            throw Core::StorageError(Core::StorageError::Kind::Constraint,
                tr("Nothing of this post could be cancelled: it has gone out or is being "
                   "published right now."));
        }
    });
}

void CancelPostCommand::undo()
{
    submit([state = m_state](PostWriter::Stores &stores) {
        for (const auto &[targetId, before] : std::as_const(state->cancelled)) {
            stores.posts.restoreCancelled(
                targetId, before, QStringLiteral("cancel undone in the calendar"));
        }
        state->cancelled.clear();
    });
}

// --- DeletePostCommand

struct DeletePostCommand::State
{
    qint64 postId = 0; ///< the id the post has now (a new one after undo)
    bool applied = false;
    Core::Post post; ///< as it was when deleted
};

DeletePostCommand::DeletePostCommand(PostWriter &writer, qint64 postId, CommandErrorHandler onError)
    : PostCommand(writer, std::move(onError), tr("Delete post"))
    , m_state(std::make_shared<State>())
{
    m_state->postId = postId;
}

void DeletePostCommand::redo()
{
    submit([state = m_state](PostWriter::Stores &stores) {
        Core::Post post = currentPost(stores.posts, state->postId);
        stores.posts.remove(state->postId);
        state->post = std::move(post);
        state->applied = true;
    });
}

void DeletePostCommand::undo()
{
    submit([state = m_state](PostWriter::Stores &stores) {
        if (!state->applied) {
            return;
        }
        state->postId = stores.posts.add(state->post);
        state->applied = false;
    });
}

} // namespace Cuepoint::Gui
