// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/domain/TargetState.h"

namespace Cuepoint::Core {

bool isLive(TargetState state)
{
    switch (state) {
    case TargetState::Scheduled:
    case TargetState::AwaitingApproval:
    case TargetState::Publishing:
    case TargetState::Processing:
        return true;
    default:
        return false;
    }
}

bool isFinal(TargetState state)
{
    return state == TargetState::Published || state == TargetState::SentToInbox
        || state == TargetState::Cancelled;
}

bool isAllowedTransition(TargetState from, TargetState to)
{
    using S = TargetState;
    if (from == to) {
        return false;
    }
    if (isFinal(from)) {
        return false;
    }
    // Any state that is not final may be cancelled by the user, and any live one held.
    // Once TikTok may hold the whole video (processing), cancelling or holding would be a lie:
    // the post may already be live. (PostStore also refuses it for a publishing target whose
    // final chunk may have been sent.)
    if (to == S::Cancelled) {
        return from != S::Processing;
    }
    if (to == S::Held) {
        return isLive(from) && from != S::Processing;
    }
    switch (from) {
    case S::Draft:
        return to == S::Scheduled;
    case S::Scheduled:
        return to == S::Draft || to == S::AwaitingApproval || to == S::Publishing;
    case S::AwaitingApproval:
        return to == S::Scheduled || to == S::Publishing;
    case S::Publishing:
        // Scheduled again: a retry before anything reached TikTok.
        return to == S::Processing || to == S::SentToInbox || to == S::Failed
            || to == S::Unconfirmed || to == S::Scheduled;
    case S::Processing:
        // sent_to_inbox: notification mode waits for TikTok to deliver the upload too.
        // scheduled: TikTok reported FAILED for a reason worth another try (nothing was
        // published, so a new upload is safe).
        return to == S::Published || to == S::SentToInbox || to == S::Failed || to == S::Unconfirmed
            || to == S::Scheduled;
    case S::Failed:
    case S::Held:
    case S::Unconfirmed:
        // The user decides: try again (scheduled) or, for unconfirmed, record what TikTok shows.
        return to == S::Scheduled || (from == S::Unconfirmed && (to == S::Published))
            || (from == S::Held && to == S::Publishing);
    default:
        return false;
    }
}

} // namespace Cuepoint::Core
