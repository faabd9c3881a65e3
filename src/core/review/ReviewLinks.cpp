// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/review/ReviewLinks.h"

#include "cuepoint/core/review/ReviewToken.h"
#include "cuepoint/core/storage/ReviewStore.h"
#include "cuepoint/core/support/Clock.h"

#include <QCoreApplication>

namespace Cuepoint::Core {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cuepoint::Core::ReviewLinks", text);
}

} // namespace

std::optional<CreatedReviewLink> createReviewLink(
    ReviewStore &store, const Clock &clock, const ReviewShareRequest &request, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<CreatedReviewLink> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (request.accountIds.isEmpty())
        return fail(tr("Choose at least one profile to share."));
    if (request.from.isValid() && request.to.isValid() && request.from >= request.to)
        return fail(tr("The end of the range must come after its start."));
    if (request.expiresInDays < 1 || request.expiresInDays > kMaxReviewLinkDays)
        return fail(tr("A review link lives between 1 and %1 days.").arg(kMaxReviewLinkDays));

    CreatedReviewLink created;
    created.token = generateReviewToken();
    const QDateTime now = clock.nowUtc();
    ReviewLink &link = created.link;
    link.tokenHash = reviewTokenHash(created.token);
    link.label = request.label.trimmed();
    link.accountIds = request.accountIds;
    std::sort(link.accountIds.begin(), link.accountIds.end());
    link.accountIds.erase(
        std::unique(link.accountIds.begin(), link.accountIds.end()), link.accountIds.end());
    link.rangeFrom = request.from.toUTC();
    link.rangeTo = request.to.toUTC();
    link.createdAt = now;
    link.expiresAt = now.addDays(request.expiresInDays);
    link.id = store.addLink(link);
    return created;
}

QString reviewLinkPath(const QString &token)
{
    return QStringLiteral("/r/") + token;
}

} // namespace Cuepoint::Core
