// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/review/ReviewLinks.h"

#include "cuepoint/core/review/ReviewToken.h"
#include "cuepoint/core/storage/ReviewStore.h"
#include "cuepoint/core/support/Clock.h"

#include <QCoreApplication>
#include <QNetworkInterface>

namespace Cuepoint::Core {

namespace {

/// The host other computers reach this one at: the first IPv4 address of a running,
/// non-loopback interface.
QString lanAddress()
{
    const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &nic : interfaces) {
        const auto flags = nic.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp)
            || !flags.testFlag(QNetworkInterface::IsRunning)
            || flags.testFlag(QNetworkInterface::IsLoopBack)) {
            continue;
        }
        const QList<QNetworkAddressEntry> entries = nic.addressEntries();
        for (const QNetworkAddressEntry &entry : entries) {
            if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol) {
                return entry.ip().toString();
            }
        }
    }
    return QStringLiteral("127.0.0.1");
}

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

QUrl reviewLinkUrl(const QString &bindAddress, quint16 port, const QString &token)
{
    const bool everywhere = bindAddress.isEmpty() || bindAddress == QLatin1String("0.0.0.0")
        || bindAddress == QLatin1String("::");
    const QString host = everywhere ? lanAddress() : bindAddress;
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(host);
    url.setPort(port);
    url.setPath(reviewLinkPath(token));
    return url;
}

} // namespace Cuepoint::Core
