// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "review/ReviewPage.h"

#include "review/ReviewHttp.h"

#include <QFile>
#include <QLocale>
#include <QTimeZone>

namespace Cuepoint::Core::Review {

namespace {

QString esc(const QString &text)
{
    return htmlEscape(text);
}

/// The instant in the post's own zone, for the page without its script ("Thu 26 Nov 2026,
/// 17:00 (Europe/Paris)"); the script replaces it with the reviewer's own time.
QString zonedText(const QDateTime &instant, const QString &zoneId)
{
    const QTimeZone zone(zoneId.toUtf8());
    const QDateTime local = zone.isValid() ? instant.toTimeZone(zone) : instant.toUTC();
    return QLocale::c().toString(local, QStringLiteral("ddd d MMM yyyy, HH:mm"))
        + QStringLiteral(" (") + (zone.isValid() ? zoneId : QStringLiteral("UTC"))
        + QLatin1Char(')');
}

QString initials(const Account &account)
{
    const QString name = account.displayName.trimmed().isEmpty() ? account.username.trimmed()
                                                                 : account.displayName.trimmed();
    QString out;
    for (const QString &word : name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        out += word.at(0).toUpper();
        if (out.size() == 2) {
            break;
        }
    }
    return out.isEmpty() ? QStringLiteral("?") : out;
}

QString stateClass(TargetState state)
{
    switch (state) {
    case TargetState::Published:
    case TargetState::SentToInbox:
        return QStringLiteral("ok");
    case TargetState::Failed:
    case TargetState::Held:
    case TargetState::Unconfirmed:
        return QStringLiteral("warn");
    case TargetState::Cancelled:
        return QStringLiteral("muted");
    default:
        return QStringLiteral("neutral");
    }
}

QString approvalClass(ApprovalState approval)
{
    switch (approval) {
    case ApprovalState::Approved:
        return QStringLiteral("ok");
    case ApprovalState::ChangesRequested:
        return QStringLiteral("warn");
    case ApprovalState::None:
        break;
    }
    return QStringLiteral("neutral");
}

QString renderFeedback(const ReviewFeedback &f)
{
    return QStringLiteral("<li class=\"fb fb-%1\"><div class=\"fb-head\"><span class=\"fb-name\">%2"
                          "</span> <span class=\"fb-decision\">%3</span> <time class=\"fb-time\" "
                          "datetime=\"%4\">%5</time></div>%6</li>\n")
        .arg(esc(toString(f.decision)), esc(f.reviewerName), esc(decisionLabel(f.decision)),
            esc(f.createdAt.toUTC().toString(Qt::ISODate)),
            esc(QLocale::c().toString(f.createdAt.toUTC(), QStringLiteral("d MMM, HH:mm 'UTC'"))),
            f.comment.isEmpty() ? QString()
                                : QStringLiteral("<p class=\"fb-comment\">") + esc(f.comment)
                    + QStringLiteral("</p>"));
}

QString renderItem(const ReviewItem &item, const QString &token)
{
    const Post &post = item.post;
    const QString base = QStringLiteral("/r/") + token;
    const QString id = QString::number(post.id);
    QString profiles;
    for (qsizetype i = 0; i < post.targets.size(); ++i) {
        const PostTarget &target = post.targets.at(i);
        const Account account = i < item.accounts.size() ? item.accounts.at(i) : Account {};
        profiles += QStringLiteral(
            "<li class=\"profile\"><span class=\"avatar\" aria-hidden=\"true\">%1</span>"
            "<span class=\"who\"><span class=\"display-name\">%2</span> <span class=\"handle\">%3"
            "</span></span><span class=\"badge badge-%4\">%5</span></li>\n")
                        .arg(esc(initials(account)),
                            esc(account.displayName.isEmpty() ? account.handle()
                                                              : account.displayName),
                            esc(account.username.isEmpty() ? QString()
                                                           : QLatin1Char('@') + account.username),
                            stateClass(target.state), esc(stateLabel(target.state)));
    }
    QString feedback;
    for (const ReviewFeedback &f : item.feedback) {
        feedback += renderFeedback(f);
    }
    const QString instant = post.scheduledAt.toUTC().toString(Qt::ISODateWithMs);
    QString html = QStringLiteral(
        "<article class=\"post\" id=\"post-%1\" data-post-id=\"%1\">\n"
        "<div class=\"media\"><video controls playsinline preload=\"none\" "
        "poster=\"%2/cover/%1\""
        " src=\"%2/video/%1\"></video></div>\n"
        "<div class=\"details\">\n"
        "<ul class=\"profiles\">\n%3</ul>\n"
        "<p class=\"when\"><time class=\"scheduled\" datetime=\"%4\" data-zone=\"%5\">%6</time>"
        "</p>\n"
        "<p class=\"caption\">%7</p>\n"
        "<p class=\"approval\"><span class=\"badge badge-%8\" "
        "data-role=\"approval\">%9</span></p>\n")
                       .arg(id, esc(base), profiles, esc(instant), esc(post.timeZoneId),
                           esc(zonedText(post.scheduledAt, post.timeZoneId)), esc(post.caption),
                           approvalClass(post.approval), esc(approvalLabel(post.approval)));
    html +=
        QStringLiteral("<section class=\"history\"%1><h3>Feedback</h3><ol class=\"fb-list\">\n%2"
                       "</ol></section>\n")
            .arg(item.feedback.isEmpty() ? QStringLiteral(" hidden") : QString(), feedback);
    if (item.decidable) {
        html += QStringLiteral(
            "<form class=\"decide\" data-post-id=\"%1\" novalidate>\n"
            "<label for=\"comment-%1\">Comment</label>\n"
            "<textarea id=\"comment-%1\" name=\"comment\" rows=\"3\" maxlength=\"2000\" "
            "placeholder=\"Optional for an approval, needed to request changes\"></textarea>\n"
            "<div class=\"buttons\"><button type=\"button\" class=\"btn btn-primary\" "
            "data-decision=\"approve\">Approve</button><button type=\"button\" class=\"btn\" "
            "data-decision=\"changes\">Request changes</button></div>\n"
            "<p class=\"status\" role=\"status\" aria-live=\"polite\"></p>\n"
            "</form>\n")
                    .arg(id);
    } else {
        html += QStringLiteral("<p class=\"closed\">No decision needed: this post is %1.</p>\n")
                    .arg(esc(stateLabel(post.targets.constFirst().state).toLower()));
    }
    html += QStringLiteral("</div>\n</article>\n");
    return html;
}

} // namespace

QString stateLabel(TargetState state)
{
    switch (state) {
    case TargetState::Draft:
        return QStringLiteral("Draft");
    case TargetState::Scheduled:
        return QStringLiteral("Scheduled");
    case TargetState::AwaitingApproval:
        return QStringLiteral("Waiting for approval");
    case TargetState::Publishing:
        return QStringLiteral("Publishing");
    case TargetState::Processing:
        return QStringLiteral("Processing");
    case TargetState::Published:
        return QStringLiteral("Published");
    case TargetState::SentToInbox:
        return QStringLiteral("Sent to the TikTok app");
    case TargetState::Failed:
        return QStringLiteral("Failed");
    case TargetState::Unconfirmed:
        return QStringLiteral("Unconfirmed");
    case TargetState::Held:
        return QStringLiteral("On hold");
    case TargetState::Cancelled:
        return QStringLiteral("Cancelled");
    }
    return {};
}

QString approvalLabel(ApprovalState approval)
{
    switch (approval) {
    case ApprovalState::Approved:
        return QStringLiteral("Approved");
    case ApprovalState::ChangesRequested:
        return QStringLiteral("Changes requested");
    case ApprovalState::None:
        break;
    }
    return QStringLiteral("Not reviewed yet");
}

QString decisionLabel(ReviewDecision decision)
{
    switch (decision) {
    case ReviewDecision::Approved:
        return QStringLiteral("approved");
    case ReviewDecision::ChangesRequested:
        return QStringLiteral("asked for changes");
    case ReviewDecision::Comment:
        break;
    }
    return QStringLiteral("commented");
}

QByteArray renderReviewPage(const ReviewLink &link, const QString &token, const QString &pageToken,
    const QList<ReviewItem> &items)
{
    QString body;
    for (const ReviewItem &item : items) {
        body += renderItem(item, token);
    }
    if (items.isEmpty()) {
        body =
            QStringLiteral("<p class=\"empty\">Nothing to review in this link's period yet.</p>\n");
    }
    const QString title = link.label.isEmpty() ? QStringLiteral("Posts to review") : link.label;
    const QString expires = link.expiresAt.isValid()
        ? QStringLiteral("<p class=\"sub\">This link works until <time class=\"expires\" "
                         "datetime=\"%1\">%2</time>.</p>\n")
              .arg(esc(link.expiresAt.toUTC().toString(Qt::ISODate)),
                  esc(QLocale::c().toString(
                      link.expiresAt.toUTC(), QStringLiteral("d MMM yyyy, HH:mm 'UTC'"))))
        : QString();
    const QString html =
        QStringLiteral(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"referrer\" content=\"no-referrer\">\n"
            "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
            "<meta name=\"review-base\" content=\"%1\">\n"
            "<meta name=\"review-page-token\" content=\"%2\">\n"
            "<title>%3 · Cuepoint review</title>\n"
            "<link rel=\"icon\" href=\"/assets/icon.svg\" type=\"image/svg+xml\">\n"
            "<link rel=\"stylesheet\" href=\"/assets/review.css\">\n"
            "<script src=\"/assets/review.js\" defer></script>\n"
            "</head>\n<body>\n"
            "<header class=\"top\"><div class=\"top-inner\">\n"
            "<p class=\"brand\">Cuepoint review</p>\n"
            "<h1>%3</h1>\n%4"
            "<div class=\"reviewer\"><label for=\"reviewer-name\">Your name</label>"
            "<input id=\"reviewer-name\" type=\"text\" maxlength=\"80\" autocomplete=\"name\" "
            "placeholder=\"Shown with your decisions\"></div>\n"
            "</div></header>\n"
            "<main class=\"posts\">\n%5</main>\n"
            "<footer class=\"foot\">Times are shown in your time zone.</footer>\n"
            "</body>\n</html>\n")
            .arg(esc(QStringLiteral("/r/") + token), esc(pageToken), esc(title), expires, body);
    return html.toUtf8();
}

QJsonObject feedbackJson(const ReviewFeedback &feedback)
{
    return QJsonObject {
        { QStringLiteral("id"), feedback.id },
        { QStringLiteral("name"), feedback.reviewerName },
        { QStringLiteral("decision"), toString(feedback.decision) },
        { QStringLiteral("decisionLabel"), decisionLabel(feedback.decision) },
        { QStringLiteral("comment"), feedback.comment },
        { QStringLiteral("at"), feedback.createdAt.toUTC().toString(Qt::ISODate) },
    };
}

QByteArray reviewAsset(const QString &name)
{
    QFile file(QStringLiteral(":/cuepoint/review/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace Cuepoint::Core::Review
