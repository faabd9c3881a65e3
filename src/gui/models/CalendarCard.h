// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/Account.h"
#include "cuepoint/core/domain/Post.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QTimeZone>

namespace Cuepoint::Gui {

/// One target of a card: a post going to one profile, as the card and its tooltip show it.
struct CardTarget
{
    qint64 targetId = 0;
    qint64 accountId = 0;
    QString accountName; ///< "@username", else the display name
    bool accountConnected = false;
    Core::TargetState state = Core::TargetState::Scheduled;
    qint64 uploadedBytes = 0;
    qint64 totalBytes = 0;
    QString lastError;
    QString tiktokPostId;
};

/// What a card shows at a glance, strongest first: the mark and colour of the whole post.
enum class CardStatus {
    Failed, ///< red, with the reason
    NeedsAttention, ///< amber: awaiting approval, held, unconfirmed
    Uploading, ///< publishing or processing: progress
    Scheduled, ///< green sidebar
    Published, ///< published or sent to the inbox
    Cancelled, ///< nothing goes out
    Draft,
};

/// A post as the calendar paints it: plain values, made on the loader's thread.
struct CalendarCard
{
    qint64 postId = 0;
    QDateTime at; ///< UTC
    QString timeZoneId; ///< the zone the post was scheduled in
    QString caption;
    QString videoPath;
    qint64 coverTimestampMs = 0;
    Core::PublishMode mode = Core::PublishMode::Automatic;
    Core::ApprovalState approval = Core::ApprovalState::None;
    bool videoFound = false; ///< the video file exists (checked off the GUI thread)
    bool approvalRequired = false; ///< the profile's setting when the card was made
    /// Who gave the latest decision through a review link (approval is Approved or
    /// ChangesRequested), and what they wrote; empty when nobody did.
    QString reviewerName;
    QString reviewComment;
    QList<CardTarget> targets;

    CardStatus status() const;
    /// Ready to go out by itself: automatic, every live target's account connected, the video
    /// there, and approved when approvals are required (the yellow lightning bolt).
    bool readyToPublish() const;
    /// A reviewer asked for changes and the post has not gone out (amber, for attention).
    bool changesRequested() const;
    /// Upload progress of the targets being published, 0..1; -1 when none is uploading.
    double progress() const;
    /// The first error sentence of a failed or held target.
    QString problem() const;
    /// The first TikTok post id (a published target).
    QString tiktokPostId() const;
    /// The accounts, joined for one line.
    QString accountsText() const;
    /// The tooltip: time, zone, caption and each target's state.
    QString toolTip(const QTimeZone &displayZone) const;
};

/// Makes the card of @p post.
CalendarCard makeCard(const Core::Post &post, const QHash<qint64, Core::Account> &accounts,
    bool videoFound, bool approvalRequired);

/// How a target's state reads for people ("Scheduled", "Awaiting approval", ...).
QString stateText(Core::TargetState state);

/// The public link of a published TikTok post (empty without an id).
QString tiktokPostUrl(const QString &accountName, const QString &postId);

} // namespace Cuepoint::Gui

Q_DECLARE_METATYPE(Cuepoint::Gui::CalendarCard)
