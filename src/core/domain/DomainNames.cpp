// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The stable names of the domain enums, as stored in the database and printed as JSON.
#include "cuepoint/core/domain/Account.h"
#include "cuepoint/core/domain/Post.h"
#include "cuepoint/core/domain/ReviewLink.h"

#include <array>
#include <utility>

namespace Cuepoint::Core {

namespace {

template<typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char *>, N> &table, Enum value)
{
    for (const auto &[v, name] : table) {
        if (v == value) {
            return QLatin1String(name);
        }
    }
    return {};
}

template<typename Enum, std::size_t N>
std::optional<Enum> valueOf(
    const std::array<std::pair<Enum, const char *>, N> &table, const QString &name)
{
    for (const auto &[v, text] : table) {
        if (name == QLatin1String(text)) {
            return v;
        }
    }
    return std::nullopt;
}

constexpr std::array<std::pair<TargetState, const char *>, 11> kTargetStates { {
    { TargetState::Draft, "draft" },
    { TargetState::Scheduled, "scheduled" },
    { TargetState::AwaitingApproval, "awaiting_approval" },
    { TargetState::Publishing, "publishing" },
    { TargetState::Processing, "processing" },
    { TargetState::Published, "published" },
    { TargetState::SentToInbox, "sent_to_inbox" },
    { TargetState::Failed, "failed" },
    { TargetState::Unconfirmed, "unconfirmed" },
    { TargetState::Held, "held" },
    { TargetState::Cancelled, "cancelled" },
} };

constexpr std::array<std::pair<PublishMode, const char *>, 2> kModes { {
    { PublishMode::Automatic, "auto" },
    { PublishMode::Notify, "notify" },
} };

constexpr std::array<std::pair<ApprovalState, const char *>, 3> kApprovals { {
    { ApprovalState::None, "none" },
    { ApprovalState::Approved, "approved" },
    { ApprovalState::ChangesRequested, "changes_requested" },
} };

constexpr std::array<std::pair<AccountStatus, const char *>, 3> kAccountStatuses { {
    { AccountStatus::Connected, "connected" },
    { AccountStatus::ReconnectNeeded, "reconnect_needed" },
    { AccountStatus::Disconnected, "disconnected" },
} };

constexpr std::array<std::pair<ReviewDecision, const char *>, 3> kDecisions { {
    { ReviewDecision::Approved, "approved" },
    { ReviewDecision::ChangesRequested, "changes_requested" },
    { ReviewDecision::Comment, "comment" },
} };

} // namespace

QString toString(TargetState state)
{
    return nameOf(kTargetStates, state);
}

std::optional<TargetState> targetStateFromString(const QString &name)
{
    return valueOf(kTargetStates, name);
}

QString toString(PublishMode mode)
{
    return nameOf(kModes, mode);
}

std::optional<PublishMode> publishModeFromString(const QString &name)
{
    return valueOf(kModes, name);
}

QString toString(ApprovalState state)
{
    return nameOf(kApprovals, state);
}

std::optional<ApprovalState> approvalStateFromString(const QString &name)
{
    return valueOf(kApprovals, name);
}

QString toString(AccountStatus status)
{
    return nameOf(kAccountStatuses, status);
}

std::optional<AccountStatus> accountStatusFromString(const QString &name)
{
    return valueOf(kAccountStatuses, name);
}

QString toString(ReviewDecision decision)
{
    return nameOf(kDecisions, decision);
}

std::optional<ReviewDecision> reviewDecisionFromString(const QString &name)
{
    return valueOf(kDecisions, name);
}

} // namespace Cuepoint::Core
