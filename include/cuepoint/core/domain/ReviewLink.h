// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Cuepoint::Core {

/// A link through which people without an account review the posts of some profiles in a
/// date range. Only the hash of its token is kept: the token itself is shown once.
struct ReviewLink
{
    qint64 id = 0;
    QString tokenHash; ///< hex SHA-256 of the 128-bit token
    QString label;
    QList<qint64> accountIds; ///< the profiles whose posts it shows
    QDateTime rangeFrom; ///< UTC; null = open
    QDateTime rangeTo; ///< UTC; null = open
    QDateTime createdAt;
    QDateTime expiresAt;
    QDateTime revokedAt; ///< null unless revoked
    QDateTime lastUsedAt; ///< null until first use

    bool isUsableAt(const QDateTime &now) const
    {
        return revokedAt.isNull() && (expiresAt.isNull() || now < expiresAt);
    }

    bool operator==(const ReviewLink &) const = default;
};

/// What a reviewer said about a post through a link.
enum class ReviewDecision { Approved, ChangesRequested, Comment };
QString toString(ReviewDecision decision);
std::optional<ReviewDecision> reviewDecisionFromString(const QString &name);

struct ReviewFeedback
{
    qint64 id = 0;
    qint64 postId = 0;
    std::optional<qint64> linkId; ///< nullopt when given in the app
    QString reviewerName;
    ReviewDecision decision = ReviewDecision::Comment;
    QString comment;
    QDateTime createdAt;

    bool operator==(const ReviewFeedback &) const = default;
};

} // namespace Cuepoint::Core
