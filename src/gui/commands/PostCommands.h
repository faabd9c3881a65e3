// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/Post.h"

#include <QDateTime>
#include <QUndoCommand>

#include <functional>

namespace Cuepoint::Core {
class PostStore;
}

namespace Cuepoint::Gui {

/// Reports a change the store refused (a sentence for the user).
using CommandErrorHandler = std::function<void(const QString &message)>;

/// The base of the calendar's undoable edits: each runs one PostStore call; when the store
/// refuses (the post is being published meanwhile, or gone), the command reports the sentence
/// and becomes obsolete, so QUndoStack drops it instead of keeping a step that did nothing.
class PostCommand : public QUndoCommand
{
public:
    Q_DISABLE_COPY_MOVE(PostCommand)
    ~PostCommand() override = default;

protected:
    PostCommand(Core::PostStore &store, CommandErrorHandler onError, const QString &text);
    /// Runs @p change; false (reported, obsolete) when the store throws.
    bool attempt(const std::function<void()> &change);

    Core::PostStore &m_store;
    CommandErrorHandler m_onError;
};

/// Moves a post to another instant (drag and drop, the form).
class RescheduleCommand final : public PostCommand
{
public:
    RescheduleCommand(Core::PostStore &store, qint64 postId, const QDateTime &fromUtc,
        const QString &fromZone, const QDateTime &toUtc, const QString &toZone,
        CommandErrorHandler onError);
    void redo() override;
    void undo() override;

private:
    qint64 m_postId;
    QDateTime m_from;
    QString m_fromZone;
    QDateTime m_to;
    QString m_toZone;
};

/// Saves a post's content and settings (the form, in edit mode).
class EditPostCommand final : public PostCommand
{
public:
    EditPostCommand(Core::PostStore &store, const Core::Post &before, const Core::Post &after,
        CommandErrorHandler onError);
    void redo() override;
    void undo() override;

private:
    Core::Post m_before;
    Core::Post m_after;
};

/// Cancels a post for every profile it has not gone out to (as `cuepoint-cli cancel`); undo
/// puts each cancelled target back in the state it had.
class CancelPostCommand final : public PostCommand
{
public:
    CancelPostCommand(Core::PostStore &store, const Core::Post &post, CommandErrorHandler onError);
    void redo() override;
    void undo() override;
    /// How many targets the last redo() cancelled.
    int cancelledCount() const { return static_cast<int>(m_cancelled.size()); }

private:
    qint64 m_postId;
    QList<QPair<qint64, Core::TargetState>> m_targets; ///< target id, state before the cancel
    QList<QPair<qint64, Core::TargetState>> m_cancelled;
};

/// Deletes a post; undo stores it again (as a new post with the same content, times and target
/// states; its journal starts again).
class DeletePostCommand final : public PostCommand
{
public:
    DeletePostCommand(Core::PostStore &store, const Core::Post &post, CommandErrorHandler onError);
    void redo() override;
    void undo() override;
    /// The id the post has now (a new one after undo).
    qint64 postId() const { return m_post.id; }

private:
    Core::Post m_post;
};

} // namespace Cuepoint::Gui
