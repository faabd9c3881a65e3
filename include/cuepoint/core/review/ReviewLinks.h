// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/ReviewLink.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace Cuepoint::Core {

class Clock;
class ReviewStore;

/// Days a review link lives unless the user says otherwise.
inline constexpr int kDefaultReviewLinkDays = 14;
/// The longest life a link may be given.
inline constexpr int kMaxReviewLinkDays = 365;

/// What the user shares: the posts of some profiles in a date range, for some days.
struct ReviewShareRequest
{
    QList<qint64> accountIds; ///< at least one
    QDateTime from; ///< UTC, inclusive; null = from now on
    QDateTime to; ///< UTC, exclusive; null = open
    int expiresInDays = kDefaultReviewLinkDays; ///< 1 .. kMaxReviewLinkDays
    QString label; ///< shown in the list of links (e.g. "Client ACME, December")
};

/// A link just made: the token is known only now (the store keeps its hash).
struct CreatedReviewLink
{
    ReviewLink link;
    QString token;
};

/// Makes a review link for @p request: a fresh token (generateReviewToken()), its hash, the
/// scope and the expiry stored through @p store. Returns std::nullopt with a sentence in
/// @p error for a request without profiles, with @p from after @p to, or with a life outside
/// 1 .. kMaxReviewLinkDays days.
std::optional<CreatedReviewLink> createReviewLink(ReviewStore &store, const Clock &clock,
    const ReviewShareRequest &request, QString *error = nullptr);

/// The path of a link on the review server: "/r/<token>".
QString reviewLinkPath(const QString &token);

/// The URL a reviewer opens for @p token on a review server listening on @p bindAddress and
/// @p port: http://HOST:PORT/r/<token>. HOST is the bind address, or, when the server listens
/// on every interface ("0.0.0.0", "::" or empty), the first IPv4 address of a running
/// non-loopback interface (127.0.0.1 when there is none). The server, the CLI and the window
/// all make links through this, whether or not a server runs in their process.
QUrl reviewLinkUrl(const QString &bindAddress, quint16 port, const QString &token);

} // namespace Cuepoint::Core
