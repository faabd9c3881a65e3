// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace Cuepoint::Core {

/// Where one post target (a post going to one TikTok profile) stands. The names returned by
/// toString() are the ones the database, the CLI's JSON and the journal use.
enum class TargetState {
    Draft, ///< not scheduled yet
    Scheduled, ///< waiting for its time
    AwaitingApproval, ///< due, but approval is required and not given
    Publishing, ///< claimed by a publisher: token refresh, creator check, init, upload
    Processing, ///< uploaded; TikTok is processing it, we ask for its status
    Published, ///< TikTok reports it published (final)
    SentToInbox, ///< notification mode: in the creator's TikTok inbox (final)
    Failed, ///< TikTok or the upload failed for good (final until the user retries)
    Unconfirmed, ///< we could not learn the outcome; the user must look on TikTok
    Held, ///< needs the user (creator cannot post, missed beyond the grace period, ...)
    Cancelled, ///< cancelled by the user (final)
};

/// The stable name of @p state ("awaiting_approval", ...).
QString toString(TargetState state);
/// Parses a stable name; std::nullopt for anything else.
std::optional<TargetState> targetStateFromString(const QString &name);

/// A state the publisher may still act on (not final, not waiting for the user).
bool isLive(TargetState state);
/// A state nothing leaves without the user (published, sent to inbox, cancelled).
bool isFinal(TargetState state);
/// Whether the state machine of architecture.md allows @p from -> @p to.
bool isAllowedTransition(TargetState from, TargetState to);

} // namespace Cuepoint::Core
