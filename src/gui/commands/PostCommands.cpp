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

} // namespace

PostCommand::PostCommand(Core::PostStore &store, CommandErrorHandler onError, const QString &text)
    : QUndoCommand(text)
    , m_store(store)
    , m_onError(std::move(onError))
{
}

bool PostCommand::attempt(const std::function<void()> &change)
{
    try {
        change();
        return true;
    } catch (const Core::StorageError &e) {
        qCWarning(lcGui).noquote() << text() << "refused:" << e.message();
        setObsolete(true);
        if (m_onError) {
            m_onError(e.message());
        }
        return false;
    }
}

// --- RescheduleCommand

RescheduleCommand::RescheduleCommand(Core::PostStore &store, qint64 postId,
    const QDateTime &fromUtc, const QString &fromZone, const QDateTime &toUtc,
    const QString &toZone, CommandErrorHandler onError)
    : PostCommand(store, std::move(onError), tr("Reschedule post"))
    , m_postId(postId)
    , m_from(fromUtc)
    , m_fromZone(fromZone)
    , m_to(toUtc)
    , m_toZone(toZone)
{
}

void RescheduleCommand::redo()
{
    attempt([this] { m_store.reschedule(m_postId, m_to, m_toZone); });
}

void RescheduleCommand::undo()
{
    attempt([this] { m_store.reschedule(m_postId, m_from, m_fromZone); });
}

// --- EditPostCommand

EditPostCommand::EditPostCommand(Core::PostStore &store, const Core::Post &before,
    const Core::Post &after, CommandErrorHandler onError)
    : PostCommand(store, std::move(onError), tr("Edit post"))
    , m_before(before)
    , m_after(after)
{
    m_after.id = m_before.id;
}

void EditPostCommand::redo()
{
    attempt([this] { m_store.updateContent(m_after); });
}

void EditPostCommand::undo()
{
    attempt([this] { m_store.updateContent(m_before); });
}

// --- CancelPostCommand

CancelPostCommand::CancelPostCommand(
    Core::PostStore &store, const Core::Post &post, CommandErrorHandler onError)
    : PostCommand(store, std::move(onError), tr("Cancel post"))
    , m_postId(post.id)
{
    for (const Core::PostTarget &t : post.targets) {
        // As `cuepoint-cli cancel`: not what went out already, and not what is being published
        // right now (TikTok may already have it).
        if (!Core::isFinal(t.state) && t.state != TargetState::Publishing
            && t.state != TargetState::Processing) {
            m_targets.append({ t.id, t.state });
        }
    }
}

void CancelPostCommand::redo()
{
    m_cancelled.clear();
    attempt([this] {
        for (const auto &[targetId, state] : std::as_const(m_targets)) {
            if (m_store.transition(targetId, state, TargetState::Cancelled,
                    QStringLiteral("cancelled in the calendar"))) {
                m_cancelled.append({ targetId, state });
            }
        }
    });
    if (m_cancelled.isEmpty()) {
        setObsolete(true);
        if (m_onError) {
            m_onError(tr("Nothing of this post could be cancelled: it has gone out or is being "
                         "published right now."));
        }
    }
}

void CancelPostCommand::undo()
{
    attempt([this] {
        for (const auto &[targetId, state] : std::as_const(m_cancelled)) {
            m_store.restoreCancelled(
                targetId, state, QStringLiteral("cancel undone in the calendar"));
        }
    });
}

// --- DeletePostCommand

DeletePostCommand::DeletePostCommand(
    Core::PostStore &store, const Core::Post &post, CommandErrorHandler onError)
    : PostCommand(store, std::move(onError), tr("Delete post"))
    , m_post(post)
{
}

void DeletePostCommand::redo()
{
    attempt([this] { m_store.remove(m_post.id); });
}

void DeletePostCommand::undo()
{
    attempt([this] { m_post.id = m_store.add(m_post); });
}

} // namespace Cuepoint::Gui
