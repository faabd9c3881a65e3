// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/JournalEntry.h"
#include "cuepoint/core/domain/Post.h"

#include <QHash>
#include <QObject>

#include <chrono>
#include <optional>

namespace Cuepoint::Core {

class Clock;
class Database;

/// Posts, their targets and the journal of every target state change.
///
/// Every state change and its journal row commit in one transaction: either both are there
/// or neither. Claiming a due target is one conditional UPDATE, so two publishers (threads or
/// processes) can never take the same target. Change signals are emitted after the commit.
class PostStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PostStore)

public:
    PostStore(Database &db, const Clock &clock, QObject *parent = nullptr);

    /// Stores @p post and its targets (their ids are ignored and assigned); each target's
    /// first state is journaled. Returns the new post's id. Throws StorageError.
    qint64 add(const Post &post);

    std::optional<Post> post(qint64 id) const;

    struct Filter
    {
        QDateTime from; ///< inclusive, UTC; null = open
        QDateTime to; ///< exclusive, UTC; null = open
        std::optional<qint64> accountId; ///< only posts with a target to this account
    };
    /// Posts ordered by their time, then id.
    QList<Post> posts(const Filter &filter) const;
    QList<Post> posts() const { return posts(Filter {}); }

    /// Saves the content and settings of @p post (caption, video, cover, time, mode,
    /// privacy, toggles). Targets are not touched here. Throws StorageError(Constraint) when
    /// a target of the post is already publishing or done, since TikTok has the old content.
    void updateContent(const Post &post);
    /// Moves a post to another instant (UTC) in @p timeZoneId; same rule as updateContent().
    void reschedule(qint64 postId, const QDateTime &at, const QString &timeZoneId);
    void setApproval(qint64 postId, ApprovalState approval);
    /// Deletes a post with its targets and their journal. Throws StorageError(Constraint)
    /// while a target is publishing or processing.
    void remove(qint64 postId);

    std::optional<PostTarget> target(qint64 targetId) const;

    /// Optional field updates that travel with a state change.
    struct TargetUpdate
    {
        std::optional<QString> publishId;
        std::optional<qint64> uploadedBytes;
        std::optional<qint64> totalBytes;
        std::optional<QString> lastErrorCode;
        std::optional<QString> lastError;
        std::optional<QString> tiktokPostId;
        std::optional<QDateTime> nextAttemptAt; ///< a null QDateTime clears it
        std::optional<QString> uploadUrl; ///< an empty string clears it
        std::optional<bool> finalChunkSent;
        std::optional<bool> lateAllowed;
        std::optional<int> attempts;
    };
    /// Moves target @p targetId from @p from to @p to with its journal row, atomically.
    /// Returns false (changing nothing) when the target is no longer in @p from.
    /// Throws StorageError for a transition the state machine does not allow.
    bool transition(qint64 targetId, TargetState from, TargetState to, const QString &detail,
        const TargetUpdate &update = {});

    /// Claims the earliest due target (scheduled, time reached, no retry pending) for
    /// @p worker: it becomes `publishing` with a lease, journaled. One statement decides, so
    /// exactly one of several concurrent claimers gets each target.
    /// Targets of @p busyAccounts are left for later (one upload per profile at a time).
    std::optional<PostTarget> claimDueTarget(const QString &worker, std::chrono::milliseconds lease,
        const QList<qint64> &busyAccounts = {});

    /// How many targets claimDueTargets() may take.
    struct ClaimLimits
    {
        int maxTargets = 1;
        /// Targets one account may still get (accounts not listed: perAccount).
        QHash<qint64, int> roomPerAccount;
        int perAccount = 1;
        /// Leave automatic posts that are not approved alone (the approval setting is on).
        bool approvalRequired = false;
    };
    /// Claims due targets, earliest first, within @p limits, in one transaction (one commit
    /// for a whole burst). Same guarantee as claimDueTarget() for each target.
    QList<PostTarget> claimDueTargets(
        const QString &worker, std::chrono::milliseconds lease, ClaimLimits limits);

    /// Due targets (scheduled, time reached) of automatic posts that are not approved: with
    /// "approval required" on they move to `awaiting_approval` instead of being claimed.
    QList<PostTarget> dueTargetsWithoutApproval() const;

    /// Whether a target is due now or has a retry planned (scheduled with next_attempt_at), or
    /// is being published: what `cuepoint-cli run --until-idle` waits for.
    bool hasWorkPending() const;

    /// The earliest instant at which a scheduled target is due (its post's time, or its
    /// planned retry if later); null when no target is scheduled.
    QDateTime nextDueAt() const;

    /// Records upload progress (a checkpoint, not a state change: no journal row).
    void checkpointUpload(qint64 targetId, qint64 uploadedBytes);
    /// Records fields of a target without a state change (no journal row), provided it is
    /// still in @p state; false (nothing written) otherwise. The publisher commits publish_id
    /// and upload_url this way right after init, and finalChunkSent before the final chunk.
    bool updateTarget(qint64 targetId, TargetState state, const TargetUpdate &update);

    /// Approves post @p postId: targets waiting for approval become scheduled again (they are
    /// due, so they go out at once, within the grace period). Journaled with @p detail.
    void approve(qint64 postId, const QString &detail);

    /// Targets in @p state, oldest state change first (the publisher resumes `publishing` and
    /// `processing` ones after a restart).
    QList<PostTarget> targetsInState(TargetState state) const;

    /// The journal of one target, oldest first.
    QList<JournalEntry> journal(qint64 targetId) const;

    /// What quitting the publisher now would delay (the window asks before it quits).
    struct PendingWork
    {
        int inFlight = 0; ///< targets publishing or processing right now
        int scheduled = 0; ///< scheduled targets due between the two instants
        QDateTime next; ///< the earliest due time among them (UTC); null when none
    };
    /// Targets being published now, and scheduled targets whose due time (the post's time, or
    /// its planned retry if later) lies in [@p from, @p until] (UTC instants).
    PendingWork pendingWork(const QDateTime &from, const QDateTime &until) const;

    /// Undoes the user's cancel of target @p targetId: from `cancelled` back to @p to, the state
    /// it was cancelled from (draft, scheduled, awaiting_approval, failed, held or unconfirmed),
    /// journaled with @p detail. A cancelled target never reached TikTok (cancelling is refused
    /// once the final chunk may have been sent), so nothing can go out twice. Returns false when
    /// the target is not cancelled. The state machine has no other way out of `cancelled`.
    bool restoreCancelled(qint64 targetId, TargetState to, const QString &detail);

    /// The field reset a user's retry applies to a target: a new init, the whole file, no
    /// pending retry, no error, and no grace period (the user asked for it now).
    static TargetUpdate retryUpdate();
    /// Whether the user may retry a target in @p state: failed and held ones; unconfirmed ones
    /// only when @p forced (TikTok may have published it already: the user looked first).
    static bool isRetryable(TargetState state, bool forced);

    /// Posts scheduled in [@p from, @p to) (UTC) with their targets, ordered by time then id,
    /// from one query: what a calendar shows, for many posts at once. Only these fields are
    /// filled: post id, caption, videoPath, coverTimestampMs, scheduledAt, timeZoneId, mode,
    /// approval; target id, postId, accountId, state, uploadedBytes, totalBytes, lastError,
    /// tiktokPostId. Use post() for the whole post.
    QList<Post> calendarPosts(const QDateTime &from, const QDateTime &to) const;

Q_SIGNALS:
    void postAdded(qint64 postId);
    void postChanged(qint64 postId);
    void postRemoved(qint64 postId);
    void targetChanged(qint64 postId, qint64 targetId);

private:
    void requireEditable(qint64 postId) const;

    Database &m_db;
    const Clock &m_clock;
};

} // namespace Cuepoint::Core
