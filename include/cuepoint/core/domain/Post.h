// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/TargetState.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Cuepoint::Core {

/// How a post goes out at its time.
enum class PublishMode {
    Automatic, ///< Direct Post: published by Cuepoint
    Notify, ///< upload to the creator's TikTok inbox; the creator finishes on the phone
};
QString toString(PublishMode mode);
std::optional<PublishMode> publishModeFromString(const QString &name);

/// Where a post stands with its reviewers.
enum class ApprovalState {
    None, ///< nobody approved or asked for changes
    Approved,
    ChangesRequested,
};
QString toString(ApprovalState state);
std::optional<ApprovalState> approvalStateFromString(const QString &name);

/// A post going to one TikTok profile. Each target has its own state, TikTok publish_id and
/// upload progress, so a post to three profiles can succeed on two and fail on one.
struct PostTarget
{
    qint64 id = 0;
    qint64 postId = 0;
    qint64 accountId = 0;
    TargetState state = TargetState::Scheduled;
    QString publishId; ///< TikTok's publish_id, committed right after init returns
    qint64 uploadedBytes = 0; ///< checkpoint: bytes TikTok acknowledged
    qint64 totalBytes = 0;
    int attempts = 0;
    QString lastErrorCode; ///< TikTok's error.code or our own reason id
    QString lastError; ///< a plain sentence for the user
    QString tiktokPostId; ///< 64-bit ids are kept as strings
    QDateTime nextAttemptAt; ///< UTC; null unless a retry is planned
    QDateTime stateChangedAt; ///< UTC
    QString uploadUrl; ///< TikTok's upload_url for publishId (to resume the same upload)
    /// Committed before the final chunk is sent: from then on TikTok may have the whole video,
    /// so the publisher never calls init again for this target, only the status.
    bool finalChunkSent = false;
    bool lateAllowed = false; ///< the user chose to publish it although it missed its grace period

    bool operator==(const PostTarget &) const = default;
};

/// What the user scheduled: one video with its caption, cover and settings, at one instant,
/// to one or more profiles (targets).
struct Post
{
    qint64 id = 0;
    QString caption;
    QString videoPath;
    std::optional<qint64> mediaAssetId;
    qint64 coverTimestampMs = 0; ///< TikTok's video_cover_timestamp_ms
    QDateTime scheduledAt; ///< the instant, in UTC
    QString timeZoneId; ///< the IANA zone the user chose ("Europe/Paris"); for display
    PublishMode mode = PublishMode::Automatic;
    QString privacyLevel; ///< one of the creator's privacy_level_options; empty = not chosen
    bool allowComments = false;
    bool allowDuet = false;
    bool allowStitch = false;
    bool brandOrganic = false; ///< "Your brand"
    bool brandedContent = false; ///< "Branded content"
    bool aiGenerated = false;
    ApprovalState approval = ApprovalState::None;
    QDateTime createdAt; ///< UTC
    QDateTime updatedAt; ///< UTC
    QList<PostTarget> targets;

    bool operator==(const Post &) const = default;
};

} // namespace Cuepoint::Core
