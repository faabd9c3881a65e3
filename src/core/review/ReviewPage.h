// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The HTML of a review page, rendered on the server with every piece of user data escaped.
// The page's style and script are static files (resources/review), so the Content-Security-
// Policy can forbid inline code.

#include "review/ReviewScope.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace Cuepoint::Core::Review {

QString stateLabel(TargetState state);
QString approvalLabel(ApprovalState approval);
QString decisionLabel(ReviewDecision decision);

/// The review page of @p link (reached through @p token) listing @p items; @p pageToken is the
/// per-page token the script sends with every decision.
QByteArray renderReviewPage(const ReviewLink &link, const QString &token, const QString &pageToken,
    const QList<ReviewItem> &items);

/// One feedback entry as the page's script shows it (plain strings, put in with textContent).
QJsonObject feedbackJson(const ReviewFeedback &feedback);

/// A static file of the review pages (resources/review/NAME), empty when there is none.
QByteArray reviewAsset(const QString &name);

} // namespace Cuepoint::Core::Review
