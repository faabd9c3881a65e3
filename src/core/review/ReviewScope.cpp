// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "review/ReviewScope.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/storage/ReviewStore.h"

#include <QHash>
#include <QSet>

namespace Cuepoint::Core::Review {

namespace {

/// How far back a link without a start looks for posts still waiting to go out.
constexpr int kOpenStartLookbackDays = 30;

bool isWaiting(TargetState state)
{
    return state == TargetState::Scheduled || state == TargetState::AwaitingApproval
        || state == TargetState::Held;
}

} // namespace

std::optional<Post> restrictToLink(const ReviewLink &link, const Post &post)
{
    Post restricted = post;
    restricted.targets.clear();
    bool waiting = false;
    for (const PostTarget &target : post.targets) {
        if (target.state != TargetState::Draft && link.accountIds.contains(target.accountId)) {
            restricted.targets.append(target);
            waiting = waiting || isWaiting(target.state);
        }
    }
    if (restricted.targets.isEmpty() || !post.scheduledAt.isValid()) {
        return std::nullopt;
    }
    if (link.rangeTo.isValid() && post.scheduledAt >= link.rangeTo) {
        return std::nullopt;
    }
    if (link.rangeFrom.isValid()) {
        if (post.scheduledAt < link.rangeFrom) {
            return std::nullopt;
        }
    } else if (post.scheduledAt < link.createdAt
        && (!waiting || post.scheduledAt < link.createdAt.addDays(-kOpenStartLookbackDays))) {
        return std::nullopt;
    }
    return restricted;
}

bool isDecidable(const Post &post)
{
    for (const PostTarget &target : post.targets) {
        if (isWaiting(target.state) || target.state == TargetState::Failed) {
            return true;
        }
    }
    return false;
}

QList<ReviewItem> reviewItems(const ReviewLink &link, const PostStore &posts,
    const AccountStore &accounts, const ReviewStore &reviews)
{
    PostStore::Filter filter;
    filter.from =
        link.rangeFrom.isValid() ? link.rangeFrom : link.createdAt.addDays(-kOpenStartLookbackDays);
    filter.to = link.rangeTo;
    QHash<qint64, Account> accountById;
    QSet<qint64> seen;
    QList<ReviewItem> items;
    for (const qint64 accountId : link.accountIds) {
        if (const std::optional<Account> account = accounts.account(accountId)) {
            accountById.insert(accountId, *account);
        }
        filter.accountId = accountId;
        for (const Post &post : posts.posts(filter)) {
            if (seen.contains(post.id)) {
                continue;
            }
            seen.insert(post.id);
            std::optional<Post> restricted = restrictToLink(link, post);
            if (!restricted) {
                continue;
            }
            ReviewItem item;
            item.post = std::move(*restricted);
            for (const PostTarget &target : std::as_const(item.post.targets)) {
                const auto it = accountById.constFind(target.accountId);
                if (it != accountById.constEnd()) {
                    item.accounts.append(*it);
                } else if (const std::optional<Account> a = accounts.account(target.accountId)) {
                    accountById.insert(a->id, *a);
                    item.accounts.append(*a);
                }
            }
            // Only what was said through this link: another link may belong to another client.
            for (const ReviewFeedback &f : reviews.feedbackForPost(item.post.id)) {
                if (f.linkId == link.id) {
                    item.feedback.append(f);
                }
            }
            item.decidable = isDecidable(item.post);
            items.append(std::move(item));
        }
    }
    std::sort(items.begin(), items.end(), [](const ReviewItem &a, const ReviewItem &b) {
        return a.post.scheduledAt != b.post.scheduledAt ? a.post.scheduledAt < b.post.scheduledAt
                                                        : a.post.id < b.post.id;
    });
    return items;
}

std::optional<Post> postOfLink(const ReviewLink &link, const PostStore &posts, qint64 postId)
{
    const std::optional<Post> post = posts.post(postId);
    return post ? restrictToLink(link, *post) : std::nullopt;
}

} // namespace Cuepoint::Core::Review
