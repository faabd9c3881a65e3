// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/PostDetailsHtml.h"

#include "controllers/ReviewHost.h"

#include <QCoreApplication>
#include <QLocale>

namespace Cuepoint::Gui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cuepoint::Gui::SchedulePage", text);
}

QString journalHtml(const QList<Core::JournalEntry> &entries, const QTimeZone &zone)
{
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">");
    for (const Core::JournalEntry &e : entries) {
        html += QStringLiteral("<tr><td style=\"color:gray\">%1&nbsp;</td><td>%2%3</td></tr>")
                    .arg(e.at.toTimeZone(zone).toString(QStringLiteral("d MMM HH:mm")),
                        stateText(e.to).toHtmlEscaped(),
                        e.detail.isEmpty() ? QString()
                                           : QStringLiteral(" <span style=\"color:gray\">%1</span>")
                                                 .arg(e.detail.toHtmlEscaped()));
    }
    return html + QStringLiteral("</table>");
}

/// What reviewers said through review links, oldest first. Names and comments come from
/// people outside the app: everything is escaped.
QString feedbackHtml(const QList<Core::ReviewFeedback> &feedback, const QTimeZone &zone)
{
    if (feedback.isEmpty()) {
        return {};
    }
    QString html = QStringLiteral("<h4>%1</h4>").arg(tr("Review").toHtmlEscaped());
    for (const Core::ReviewFeedback &f : feedback) {
        QString colour = QStringLiteral("gray");
        if (f.decision == Core::ReviewDecision::Approved) {
            colour = QStringLiteral("#2e9d5b");
        } else if (f.decision == Core::ReviewDecision::ChangesRequested) {
            colour = QStringLiteral("#b07800");
        }
        const QString who = f.reviewerName.isEmpty() ? tr("A reviewer") : f.reviewerName;
        html +=
            QStringLiteral("<p><b>%1</b> <span style=\"color:%2\">%3</span> "
                           "<span style=\"color:gray\">%4</span>")
                .arg(who.toHtmlEscaped(), colour, reviewDecisionText(f.decision).toHtmlEscaped(),
                    f.createdAt.toTimeZone(zone).toString(QStringLiteral("d MMM HH:mm")));
        if (!f.comment.isEmpty()) {
            QString comment = f.comment.toHtmlEscaped();
            comment.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
            html += QStringLiteral("<br>%1").arg(comment);
        }
        html += QStringLiteral("</p>");
    }
    return html;
}

} // namespace

QString postDetailsHtml(const PostDetails &details, const QTimeZone &zone)
{
    if (!details.post) {
        return {};
    }
    const Core::Post &p = *details.post;
    const QLocale locale;
    QString html = QStringLiteral("<h3>%1</h3>")
                       .arg(locale
                                .toString(p.scheduledAt.toTimeZone(zone),
                                    QStringLiteral("dddd d MMMM yyyy, HH:mm t"))
                                .toHtmlEscaped());
    const QTimeZone own(p.timeZoneId.toUtf8());
    if (own.isValid() && own != zone) {
        html +=
            QStringLiteral("<p style=\"color:gray\">%1</p>")
                .arg(tr("Scheduled in %1: %2")
                         .arg(p.timeZoneId,
                             locale.toString(p.scheduledAt.toTimeZone(own), QLocale::ShortFormat))
                         .toHtmlEscaped());
    }
    html += QStringLiteral("<p>%1</p>")
                .arg((p.caption.isEmpty() ? tr("(no caption)") : p.caption).toHtmlEscaped());
    html += QStringLiteral("<p style=\"color:gray\">%1<br>%2</p>")
                .arg(p.videoPath.toHtmlEscaped(),
                    (p.mode == Core::PublishMode::Automatic
                            ? tr("Published automatically")
                            : tr("Notification: you finish it in the TikTok app"))
                        .toHtmlEscaped());
    html += feedbackHtml(details.feedback, zone);
    for (const Core::PostTarget &t : p.targets) {
        const QString name =
            details.accountNames.value(t.accountId, QStringLiteral("#%1").arg(t.accountId));
        html += QStringLiteral("<h4>%1: %2</h4>")
                    .arg(name.toHtmlEscaped(), stateText(t.state).toHtmlEscaped());
        if (t.state == Core::TargetState::Publishing && t.totalBytes > 0) {
            html += QStringLiteral("<p>%1</p>")
                        .arg(tr("Uploaded %1 of %2 (%3%)")
                                 .arg(locale.formattedDataSize(t.uploadedBytes),
                                     locale.formattedDataSize(t.totalBytes))
                                 .arg(t.uploadedBytes * 100 / t.totalBytes));
        }
        if (!t.lastError.isEmpty()) {
            html += QStringLiteral("<p style=\"color:#d13b3b\">%1</p>")
                        .arg(t.lastError.toHtmlEscaped());
        }
        if (!t.tiktokPostId.isEmpty()) {
            const QString url = tiktokPostUrl(name, t.tiktokPostId);
            html += QStringLiteral("<p><a href=\"%1\">%2</a></p>")
                        .arg(url.toHtmlEscaped(), tr("Open the post on TikTok").toHtmlEscaped());
        }
        html += journalHtml(details.journals.value(t.id), zone);
    }
    return html;
}

} // namespace Cuepoint::Gui
