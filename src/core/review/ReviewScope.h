// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What one review link shows: the posts of its profiles in its range, each with only the
// targets of those profiles (never the other targets of a cross-posted post).

#include "cuepoint/core/domain/Account.h"
#include "cuepoint/core/domain/Post.h"
#include "cuepoint/core/domain/ReviewLink.h"

#include <QList>

#include <optional>

namespace Cuepoint::Core {
class AccountStore;
class PostStore;
class ReviewStore;
} // namespace Cuepoint::Core

namespace Cuepoint::Core::Review {

/// One post as a reviewer sees it.
struct ReviewItem
{
    Post post; ///< targets: only those on the link's profiles
    QList<Account> accounts; ///< the link's profiles the post goes to, in target order
    QList<ReviewFeedback> feedback; ///< given through this link, oldest first
    /// Whether approving or asking for changes still means something (a target not yet
    /// publishing, published or cancelled).
    bool decidable = false;
};

/// @p post restricted to @p link: std::nullopt when it has no target (other than a draft) on
/// the link's profiles or lies outside the link's range. A link without a start shows the
/// posts from its creation on, and older ones still waiting to go out.
std::optional<Post> restrictToLink(const ReviewLink &link, const Post &post);

/// Whether a reviewer's decision still means something for @p post (restricted).
bool isDecidable(const Post &post);

/// The posts of @p link in time order.
QList<ReviewItem> reviewItems(const ReviewLink &link, const PostStore &posts,
    const AccountStore &accounts, const ReviewStore &reviews);

/// One post of @p link (restricted), or std::nullopt when the link does not show it.
std::optional<Post> postOfLink(const ReviewLink &link, const PostStore &posts, qint64 postId);

} // namespace Cuepoint::Core::Review
