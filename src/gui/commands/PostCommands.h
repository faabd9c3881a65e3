// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "controllers/PostWriter.h"

#include "cuepoint/core/domain/Post.h"

#include <QDateTime>
#include <QUndoCommand>

#include <functional>
#include <memory>

namespace Cuepoint::Gui {

class PostCommand;

/// Reports a change the store refused: @p command is the command that asked for it, now obsolete
/// (null when the undo stack has deleted it meanwhile, or when a later undo / redo of it is
/// queued), @p message a sentence for the user.
using CommandErrorHandler = std::function<void(PostCommand *command, const QString &message)>;

/// The base of the calendar's undoable edits. redo() and undo() queue one job on the PostWriter
/// and return at once: the GUI thread never waits for SQLite's write lock. The calendar shows the
/// change when the writer reports it (the page reloads).
///
/// A job reads what it needs on the writer's thread, just before it writes (the time a post is
/// moved from, the post a delete must be able to bring back), so undo restores what really was
/// there. State shared by a command's redo and undo jobs lives in an object only the writer's
/// thread touches; since the writer runs jobs in order, an undo always follows its redo, and an
/// undo whose redo was refused does nothing.
///
/// When the store refuses a job (the post is being published meanwhile, or gone), the command
/// becomes obsolete and reports the sentence to the handler, which takes the step off the stack
/// (see SchedulePage::onCommandFailed).
class PostCommand : public QUndoCommand
{
public:
    Q_DISABLE_COPY_MOVE(PostCommand)
    ~PostCommand() override;

protected:
    PostCommand(PostWriter &writer, CommandErrorHandler onError, const QString &text);
    /// Queues @p change (run on the writer's thread; it throws Core::StorageError to refuse).
    void submit(PostWriter::Job change);

    PostWriter &m_writer;

private:
    CommandErrorHandler m_onError;
    /// Points back at this command until it is deleted (the writer reports after a delay).
    std::shared_ptr<PostCommand *> m_self;
    /// Jobs queued so far; a refusal makes the command obsolete only if it answers the last.
    quint64 m_submitted = 0;
};

/// Moves a post to another instant (drag and drop), in @p toZone (empty: the zone the post has
/// when the move runs); undo puts it back at the time and in the zone it had then.
class RescheduleCommand final : public PostCommand
{
public:
    RescheduleCommand(PostWriter &writer, qint64 postId, const QDateTime &toUtc,
        const QString &toZone, CommandErrorHandler onError);
    void redo() override;
    void undo() override;

private:
    struct State;
    qint64 m_postId;
    QDateTime m_to;
    QString m_toZone;
    std::shared_ptr<State> m_state; ///< the writer thread's
};

/// Saves a post's content and settings (the form, in edit mode); undo restores the content the
/// post had when the save ran.
class EditPostCommand final : public PostCommand
{
public:
    EditPostCommand(PostWriter &writer, const Core::Post &after, CommandErrorHandler onError);
    void redo() override;
    void undo() override;

private:
    struct State;
    Core::Post m_after;
    std::shared_ptr<State> m_state; ///< the writer thread's
};

/// Cancels a post for every profile it has not gone out to (as `cuepoint-cli cancel`); undo
/// puts each cancelled target back in the state it had.
class CancelPostCommand final : public PostCommand
{
public:
    CancelPostCommand(PostWriter &writer, qint64 postId, CommandErrorHandler onError);
    void redo() override;
    void undo() override;

private:
    struct State;
    qint64 m_postId;
    std::shared_ptr<State> m_state; ///< the writer thread's
};

/// Deletes a post; undo stores it again (as a new post with the same content, times and target
/// states; its journal starts again).
class DeletePostCommand final : public PostCommand
{
public:
    DeletePostCommand(PostWriter &writer, qint64 postId, CommandErrorHandler onError);
    void redo() override;
    void undo() override;

private:
    struct State;
    std::shared_ptr<State> m_state; ///< the writer thread's
};

} // namespace Cuepoint::Gui
