// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/CalendarCard.h"

#include <QCoreApplication>
#include <QLocale>

namespace Cuepoint::Gui {

using Core::TargetState;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cuepoint::Gui::CalendarCard", text);
}

} // namespace

QString stateText(TargetState state)
{
    switch (state) {
    case TargetState::Draft:
        return tr("Draft");
    case TargetState::Scheduled:
        return tr("Scheduled");
    case TargetState::AwaitingApproval:
        return tr("Awaiting approval");
    case TargetState::Publishing:
        return tr("Uploading");
    case TargetState::Processing:
        return tr("TikTok is processing it");
    case TargetState::Published:
        return tr("Published");
    case TargetState::SentToInbox:
        return tr("Sent to the TikTok inbox");
    case TargetState::Failed:
        return tr("Failed");
    case TargetState::Unconfirmed:
        return tr("Unconfirmed: look on TikTok");
    case TargetState::Held:
        return tr("Held for you");
    case TargetState::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

QString tiktokPostUrl(const QString &accountName, const QString &postId)
{
    if (postId.isEmpty()) {
        return {};
    }
    QString user = accountName;
    if (!user.startsWith(QLatin1Char('@'))) {
        user.prepend(QLatin1Char('@'));
    }
    return QStringLiteral("https://www.tiktok.com/%1/video/%2").arg(user, postId);
}

CalendarCard makeCard(const Core::Post &post, const QHash<qint64, Core::Account> &accounts,
    bool videoFound, bool approvalRequired)
{
    CalendarCard c;
    c.postId = post.id;
    c.at = post.scheduledAt;
    c.timeZoneId = post.timeZoneId;
    c.caption = post.caption;
    c.videoPath = post.videoPath;
    c.coverTimestampMs = post.coverTimestampMs;
    c.mode = post.mode;
    c.approval = post.approval;
    c.videoFound = videoFound;
    c.approvalRequired = approvalRequired;
    for (const Core::PostTarget &t : post.targets) {
        CardTarget ct;
        ct.targetId = t.id;
        ct.accountId = t.accountId;
        const auto it = accounts.constFind(t.accountId);
        if (it != accounts.constEnd()) {
            ct.accountName = it->handle();
            ct.accountConnected = it->status == Core::AccountStatus::Connected;
        } else {
            ct.accountName = QStringLiteral("#%1").arg(t.accountId);
        }
        ct.state = t.state;
        ct.uploadedBytes = t.uploadedBytes;
        ct.totalBytes = t.totalBytes;
        ct.lastError = t.lastError;
        ct.tiktokPostId = t.tiktokPostId;
        c.targets << ct;
    }
    return c;
}

CardStatus CalendarCard::status() const
{
    if (targets.isEmpty()) {
        return CardStatus::Draft;
    }
    const auto any = [this](
                         auto pred) { return std::any_of(targets.cbegin(), targets.cend(), pred); };
    const auto is = [](std::initializer_list<TargetState> states) {
        return [states](const CardTarget &t) {
            return std::find(states.begin(), states.end(), t.state) != states.end();
        };
    };
    if (any(is({ TargetState::Failed }))) {
        return CardStatus::Failed;
    }
    if (any(is({ TargetState::AwaitingApproval, TargetState::Held, TargetState::Unconfirmed }))
        || changesRequested()) {
        return CardStatus::NeedsAttention;
    }
    // A post still to be sent whose video was moved or deleted: amber before its time comes.
    if (!videoFound && any(is({ TargetState::Scheduled }))) {
        return CardStatus::NeedsAttention;
    }
    if (any(is({ TargetState::Publishing, TargetState::Processing }))) {
        return CardStatus::Uploading;
    }
    if (any(is({ TargetState::Scheduled }))) {
        return CardStatus::Scheduled;
    }
    if (any(is({ TargetState::Published, TargetState::SentToInbox }))) {
        return CardStatus::Published;
    }
    if (any(is({ TargetState::Draft }))) {
        return CardStatus::Draft;
    }
    return CardStatus::Cancelled;
}

bool CalendarCard::changesRequested() const
{
    if (approval != Core::ApprovalState::ChangesRequested) {
        return false;
    }
    return std::any_of(targets.cbegin(), targets.cend(), [](const CardTarget &t) {
        return t.state == TargetState::Draft || t.state == TargetState::Scheduled
            || t.state == TargetState::AwaitingApproval;
    });
}

bool CalendarCard::readyToPublish() const
{
    if (mode != Core::PublishMode::Automatic || !videoFound) {
        return false;
    }
    if (approvalRequired && approval != Core::ApprovalState::Approved) {
        return false;
    }
    bool anyScheduled = false;
    for (const CardTarget &t : targets) {
        if (t.state == TargetState::Scheduled) {
            anyScheduled = true;
            if (!t.accountConnected) {
                return false;
            }
        }
    }
    return anyScheduled;
}

double CalendarCard::progress() const
{
    qint64 done = 0;
    qint64 total = 0;
    bool uploading = false;
    for (const CardTarget &t : targets) {
        if (t.state == TargetState::Publishing || t.state == TargetState::Processing) {
            uploading = true;
            // Processing means every byte reached TikTok.
            const qint64 size = qMax<qint64>(t.totalBytes, 1);
            done += t.state == TargetState::Processing ? size : qMin(t.uploadedBytes, size);
            total += size;
        }
    }
    if (!uploading) {
        return -1.0;
    }
    return total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
}

QString CalendarCard::problem() const
{
    for (const CardTarget &t : targets) {
        if ((t.state == TargetState::Failed || t.state == TargetState::Held
                || t.state == TargetState::Unconfirmed)
            && !t.lastError.isEmpty()) {
            return t.lastError;
        }
    }
    if (changesRequested()) {
        const QString who = reviewerName.isEmpty() ? tr("A reviewer") : reviewerName;
        return reviewComment.isEmpty()
            ? tr("%1 asked for changes.").arg(who)
            : tr("%1 asked for changes: %2").arg(who, reviewComment.simplified());
    }
    for (const CardTarget &t : targets) {
        if (t.state == TargetState::AwaitingApproval) {
            return tr("Waiting for approval.");
        }
    }
    return {};
}

QString CalendarCard::tiktokPostId() const
{
    for (const CardTarget &t : targets) {
        if (!t.tiktokPostId.isEmpty()) {
            return t.tiktokPostId;
        }
    }
    return {};
}

QString CalendarCard::accountsText() const
{
    QStringList names;
    for (const CardTarget &t : targets) {
        names << t.accountName;
    }
    return names.join(QStringLiteral(", "));
}

QString CalendarCard::toolTip(const QTimeZone &displayZone) const
{
    const QLocale locale;
    const QDateTime local = at.toTimeZone(displayZone);
    QString html = QStringLiteral("<b>%1</b>")
                       .arg(locale.toString(local, QStringLiteral("dddd d MMMM yyyy, HH:mm t"))
                                .toHtmlEscaped());
    const QTimeZone own(timeZoneId.toUtf8());
    if (own.isValid() && own != displayZone) {
        html += QStringLiteral("<br>%1").arg(
            tr("Scheduled in %1: %2")
                .arg(timeZoneId, locale.toString(at.toTimeZone(own), QLocale::ShortFormat))
                .toHtmlEscaped());
    }
    html += QStringLiteral("<br>%1").arg(
        (mode == Core::PublishMode::Automatic ? tr("Published automatically")
                                              : tr("Notification: you finish it on the phone"))
            .toHtmlEscaped());
    if (!caption.isEmpty()) {
        html += QStringLiteral("<br><i>%1</i>").arg(caption.left(150).toHtmlEscaped());
    }
    if (!videoFound) {
        html += QStringLiteral("<br>%1").arg(tr("The video file is missing.").toHtmlEscaped());
    }
    // What the reviewers decided (their words are theirs: escaped like everything else).
    if (approval == Core::ApprovalState::Approved) {
        html += QStringLiteral("<br>%1").arg(
            (reviewerName.isEmpty() ? tr("Approved") : tr("Approved by %1").arg(reviewerName))
                .toHtmlEscaped());
    } else if (approval == Core::ApprovalState::ChangesRequested) {
        const QString who = reviewerName.isEmpty() ? tr("A reviewer") : reviewerName;
        html += QStringLiteral("<br><b>%1</b>")
                    .arg(tr("%1 asked for changes").arg(who).toHtmlEscaped());
        if (!reviewComment.isEmpty()) {
            html +=
                QStringLiteral("<br>\u201c%1\u201d").arg(reviewComment.left(300).toHtmlEscaped());
        }
    }
    for (const CardTarget &t : targets) {
        QString line = QStringLiteral("%1: %2").arg(t.accountName, stateText(t.state));
        if (t.state == TargetState::Publishing && t.totalBytes > 0) {
            line += QStringLiteral(" (%1%)").arg(t.uploadedBytes * 100 / t.totalBytes);
        }
        if (!t.lastError.isEmpty()) {
            line += QStringLiteral(" \u2014 ") + t.lastError;
        }
        html += QStringLiteral("<br>") + line.toHtmlEscaped();
    }
    return html;
}

} // namespace Cuepoint::Gui
