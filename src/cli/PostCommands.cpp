// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The commands on one stored post: `show`, `reschedule`, `cancel`, `approve` and `retry`.
#include "CliAccounts.h"
#include "CliArguments.h"
#include "CliContext.h"
#include "CliJson.h"
#include "Commands.h"
#include "WhenParser.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/support/Clock.h"

#include <QCommandLineParser>
#include <QLocale>

#include <algorithm>
#include <limits>

namespace Cuepoint::Cli {

namespace {

using Core::TargetState;

const char kShowHelp[] =
    "Usage: cuepoint-cli show ID [--json]\n"
    "\n"
    "Shows a post: its content and settings, and for each account its state, TikTok's\n"
    "publish_id, the upload progress, the last error, TikTok's post id and the journal\n"
    "of every state change.\n";

const char kRescheduleHelp[] =
    "Usage: cuepoint-cli reschedule ID --at WHEN [--tz ZONE] [--json]\n"
    "\n"
    "Moves a post to another time. WHEN is now, a local date and time (2030-05-01T09:00,\n"
    "read in ZONE; default: the post's own zone) or an instant with an offset\n"
    "(2030-05-01T09:00+02:00). Refused once an account is publishing it or has it.\n";

const char kCancelHelp[] =
    "Usage: cuepoint-cli cancel ID [--json]\n"
    "\n"
    "Cancels a post for every account it has not gone out to yet. An account that is\n"
    "publishing it right now is left alone: TikTok may already have the video.\n"
    "Exit code 1 when nothing could be cancelled.\n";

const char kApproveHelp[] = "Usage: cuepoint-cli approve ID [--json]\n"
                            "\n"
                            "Approves a post. Accounts that were waiting for the approval are "
                            "scheduled\nagain and go out at once.\n";

const char kRetryHelp[] =
    "Usage: cuepoint-cli retry ID [--force] [--json]\n"
    "\n"
    "Schedules a post again for the accounts where it failed or was held; it goes out at\n"
    "once when its time has passed. An account whose outcome is unconfirmed may have\n"
    "published it already: look on TikTok first, then use --force to post it again.\n"
    "Exit code 1 when nothing could be retried.\n";

/// Options and the one ID every command here takes.
struct PostArgs
{
    QCommandLineParser parser;
    QCommandLineOption help { { QStringLiteral("h"), QStringLiteral("help") },
        QStringLiteral("print this help") };
    QCommandLineOption json { QStringLiteral("json"), QStringLiteral("print JSON") };
    qint64 id = 0;

    /// Parses @p args; returns false when help was printed.
    bool parse(CliContext &ctx, const QStringList &args, const char *helpText,
        const QList<QCommandLineOption> &extra = {})
    {
        parser.addOptions({ help, json });
        parser.addOptions(extra);
        if (parseOrShowHelp(ctx, parser, args, QLatin1String(helpText))) {
            return false;
        }
        const QStringList positional = parser.positionalArguments();
        if (positional.size() != 1) {
            throw CliExit { ExitUsage,
                positional.isEmpty() ? QStringLiteral("which post? Give its ID (cuepoint-cli "
                                                      "list shows them)")
                                     : QStringLiteral("give one post ID at a time") };
        }
        id = wholeNumberArgument(
            positional.first(), "the post ID", 1, std::numeric_limits<qint64>::max());
        return true;
    }
    bool wantsJson() const { return parser.isSet(json); }
};

/// The stores a command works with.
struct Stores
{
    explicit Stores(CliContext &ctx)
        : accountStore(ctx.database(), clock)
        , posts(ctx.database(), clock)
        , accounts(accountsById(accountStore.accounts()))
    {
    }

    Core::Post load(qint64 id) const
    {
        std::optional<Core::Post> post = posts.post(id);
        if (!post) {
            throw CliExit { ExitUsage,
                QStringLiteral("there is no post %1 (cuepoint-cli list shows the posts)").arg(id) };
        }
        return *post;
    }

    Core::SystemClock clock;
    Core::AccountStore accountStore;
    Core::PostStore posts;
    QHash<qint64, Core::Account> accounts;
};

/// What a command did to one target, printed one line each (and in JSON).
struct Outcome
{
    qint64 targetId = 0;
    QString account;
    TargetState before = TargetState::Scheduled;
    TargetState after = TargetState::Scheduled;
    QString result; ///< stable word: "cancelled", "retried", "approved", "refused", "unchanged"
    QString message;
};

nlohmann::json outcomeJson(const Outcome &o)
{
    return {
        { "target_id", o.targetId },
        { "account", str(o.account) },
        { "from", str(Core::toString(o.before)) },
        { "to", str(Core::toString(o.after)) },
        { "result", str(o.result) },
        { "message", str(o.message) },
    };
}

/// Prints the outcomes (text: one line per account; JSON: the post and the outcomes).
void report(CliContext &ctx, const Stores &stores, qint64 postId, const QList<Outcome> &outcomes,
    bool json, const QString &headline)
{
    if (json) {
        nlohmann::json results = nlohmann::json::array();
        for (const Outcome &o : outcomes) {
            results.push_back(outcomeJson(o));
        }
        nlohmann::json doc = nlohmann::json::object();
        doc["post"] = toJson(stores.load(postId), stores.accounts);
        doc["results"] = results;
        printJson(ctx.out(), doc);
        return;
    }
    if (!headline.isEmpty()) {
        ctx.out() << headline << '\n';
    }
    for (const Outcome &o : outcomes) {
        ctx.out() << "  " << o.account << ": " << o.message << '\n';
    }
}

QString bytesText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString utcText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                       : QStringLiteral("-");
}

QString onOff(bool on)
{
    return on ? QStringLiteral("on") : QStringLiteral("off");
}

/// Moves @p t to @p to with its journal row; the outcome says what happened.
Outcome moveTarget(Core::PostStore &posts, const Core::PostTarget &t, const QString &account,
    TargetState to, const QString &detail, const Core::PostStore::TargetUpdate &update,
    const QString &result, const QString &message)
{
    Outcome o { t.id, account, t.state, t.state, result, message };
    try {
        if (posts.transition(t.id, t.state, to, detail, update)) {
            o.after = to;
            return o;
        }
        const std::optional<Core::PostTarget> now = posts.target(t.id);
        o.after = now ? now->state : t.state;
        o.result = QStringLiteral("unchanged");
        o.message = QStringLiteral("changed meanwhile (it is now %1); nothing was done")
                        .arg(Core::toString(o.after));
    } catch (const Core::StorageError &e) {
        o.result = QStringLiteral("refused");
        o.message = e.message();
    }
    return o;
}

} // namespace

int runShow(CliContext &ctx, const QStringList &args)
{
    PostArgs a;
    if (!a.parse(ctx, args, kShowHelp)) {
        return ExitSuccess;
    }
    Stores stores(ctx);
    const Core::Post post = stores.load(a.id);
    QHash<qint64, QList<Core::JournalEntry>> journals;
    for (const Core::PostTarget &t : post.targets) {
        journals.insert(t.id, stores.posts.journal(t.id));
    }
    if (a.wantsJson()) {
        printJson(ctx.out(), toJson(post, stores.accounts, journals));
        return ExitSuccess;
    }
    QTextStream &out = ctx.out();
    const QTimeZone zone(post.timeZoneId.toUtf8());
    out << "Post " << post.id << ": " << describeLocal(post.scheduledAt, zone) << ", "
        << utcText(post.scheduledAt) << '\n';
    out << "  mode:      "
        << (post.mode == Core::PublishMode::Notify
                   ? QStringLiteral("notify (sent to the creator's TikTok inbox)")
                   : QStringLiteral("auto (published by Cuepoint)"))
        << '\n';
    out << "  video:     " << post.videoPath << " (cover at " << post.coverTimestampMs << " ms)\n";
    out << "  caption:   " << (post.caption.isEmpty() ? QStringLiteral("(none)") : post.caption)
        << '\n';
    out << "  privacy:   "
        << (post.privacyLevel.isEmpty() ? QStringLiteral("(not chosen)") : post.privacyLevel)
        << "; comments " << onOff(post.allowComments) << ", duet " << onOff(post.allowDuet)
        << ", stitch " << onOff(post.allowStitch) << '\n';
    QStringList disclosure;
    if (post.brandOrganic) {
        disclosure << QStringLiteral("your brand");
    }
    if (post.brandedContent) {
        disclosure << QStringLiteral("branded content");
    }
    if (post.aiGenerated) {
        disclosure << QStringLiteral("AI-generated");
    }
    out << "  disclose:  "
        << (disclosure.isEmpty() ? QStringLiteral("nothing")
                                 : disclosure.join(QStringLiteral(", ")))
        << '\n';
    out << "  approval:  " << Core::toString(post.approval) << '\n';
    out << "  created:   " << utcText(post.createdAt) << ", updated " << utcText(post.updatedAt)
        << '\n';
    for (const Core::PostTarget &t : post.targets) {
        out << '\n'
            << accountLabel(stores.accounts, t.accountId) << " (target " << t.id
            << "): " << Core::toString(t.state) << " since " << utcText(t.stateChangedAt) << '\n';
        if (!t.publishId.isEmpty()) {
            out << "  publish_id:  " << t.publishId << '\n';
        }
        if (t.totalBytes > 0 || t.uploadedBytes > 0) {
            out << "  uploaded:    " << bytesText(t.uploadedBytes) << " of "
                << bytesText(t.totalBytes);
            if (t.totalBytes > 0) {
                out << " (" << (t.uploadedBytes * 100 / t.totalBytes) << "%)";
            }
            out << '\n';
        }
        if (t.attempts > 0) {
            out << "  attempts:    " << t.attempts << '\n';
        }
        if (t.nextAttemptAt.isValid()) {
            out << "  next try:    " << utcText(t.nextAttemptAt) << '\n';
        }
        if (!t.lastError.isEmpty() || !t.lastErrorCode.isEmpty()) {
            out << "  error:       " << t.lastError;
            if (!t.lastErrorCode.isEmpty()) {
                out << " (" << t.lastErrorCode << ')';
            }
            out << '\n';
        }
        if (!t.tiktokPostId.isEmpty()) {
            out << "  TikTok post: " << t.tiktokPostId << '\n';
        }
        if (t.lateAllowed) {
            out << "  may go out late (retried by the user)\n";
        }
        out << "  journal:\n";
        for (const Core::JournalEntry &e : journals.value(t.id)) {
            out << "    " << utcText(e.at) << "  "
                << (e.from ? Core::toString(*e.from) + QStringLiteral(" -> ") : QString())
                << Core::toString(e.to);
            if (!e.detail.isEmpty()) {
                out << "  " << e.detail;
            }
            out << '\n';
        }
    }
    return ExitSuccess;
}

int runReschedule(CliContext &ctx, const QStringList &args)
{
    PostArgs a;
    const QCommandLineOption at(
        QStringLiteral("at"), QStringLiteral("when"), QStringLiteral("WHEN"));
    const QCommandLineOption tz(
        QStringLiteral("tz"), QStringLiteral("zone"), QStringLiteral("ZONE"));
    if (!a.parse(ctx, args, kRescheduleHelp, { at, tz })) {
        return ExitSuccess;
    }
    if (!a.parser.isSet(at) || a.parser.value(at).trimmed().isEmpty()) {
        throw CliExit { ExitUsage, QStringLiteral("--at is required (see --help)") };
    }
    Stores stores(ctx);
    const Core::Post post = stores.load(a.id);
    QTimeZone zone;
    if (a.parser.isSet(tz)) {
        zone = zoneArgument(a.parser.value(tz));
    } else {
        zone = QTimeZone(post.timeZoneId.toUtf8());
        if (!zone.isValid()) {
            zone = zoneArgument(QString());
        }
    }
    const QDateTime now = stores.clock.nowUtc();
    const When when = parseWhen(a.parser.value(at), zone, now, "--at");
    if (!when.isNow && when.instant < now.addSecs(-60)) {
        throw CliExit { ExitUsage,
            QStringLiteral("%1 is in the past; give a later time, or --at now to publish at once")
                .arg(describeLocal(when.instant, zone)) };
    }
    try {
        stores.posts.reschedule(a.id, when.instant, zoneIdOf(zone));
    } catch (const Core::StorageError &e) {
        if (e.kind() != Core::StorageError::Kind::Constraint) {
            throw;
        }
        throw CliExit { ExitProblems, QStringLiteral("not rescheduled: ") + e.message() };
    }
    const Core::Post moved = stores.load(a.id);
    if (a.wantsJson()) {
        printJson(ctx.out(), toJson(moved, stores.accounts));
        return ExitSuccess;
    }
    ctx.out() << "Post " << a.id << " moved to " << describeLocal(moved.scheduledAt, zone) << ".\n";
    for (const Core::PostTarget &t : moved.targets) {
        if (t.state == TargetState::Failed || t.state == TargetState::Held
            || t.state == TargetState::Unconfirmed) {
            ctx.out() << "  " << accountLabel(stores.accounts, t.accountId) << " stays "
                      << Core::toString(t.state) << "; cuepoint-cli retry " << a.id
                      << " schedules it again.\n";
        }
    }
    return ExitSuccess;
}

int runCancel(CliContext &ctx, const QStringList &args)
{
    PostArgs a;
    if (!a.parse(ctx, args, kCancelHelp)) {
        return ExitSuccess;
    }
    Stores stores(ctx);
    const Core::Post post = stores.load(a.id);
    QList<Outcome> outcomes;
    int cancelled = 0;
    int alreadyCancelled = 0;
    for (const Core::PostTarget &t : post.targets) {
        const QString account = accountLabel(stores.accounts, t.accountId);
        if (t.state == TargetState::Cancelled) {
            ++alreadyCancelled;
            outcomes << Outcome { t.id, account, t.state, t.state, QStringLiteral("unchanged"),
                QStringLiteral("already cancelled") };
            continue;
        }
        if (Core::isFinal(t.state)) {
            outcomes << Outcome { t.id, account, t.state, t.state, QStringLiteral("refused"),
                QStringLiteral("not cancelled: it is already %1").arg(Core::toString(t.state)) };
            continue;
        }
        if (t.state == TargetState::Publishing || t.state == TargetState::Processing) {
            outcomes << Outcome { t.id, account, t.state, t.state, QStringLiteral("refused"),
                QStringLiteral("not cancelled: it is %1 right now and TikTok may already have "
                               "it; see how it ends with cuepoint-cli show %2")
                    .arg(Core::toString(t.state))
                    .arg(a.id) };
            continue;
        }
        QString message = QStringLiteral("cancelled");
        if (t.state == TargetState::Unconfirmed) {
            message += QStringLiteral(" (its earlier attempt may still have been published: "
                                      "look on TikTok)");
        }
        Outcome o = moveTarget(stores.posts, t, account, TargetState::Cancelled,
            QStringLiteral("cancelled from the command line"), {}, QStringLiteral("cancelled"),
            message);
        if (o.after == TargetState::Cancelled) {
            ++cancelled;
        }
        outcomes << o;
    }
    const bool nothing = cancelled == 0 && alreadyCancelled < post.targets.size();
    report(ctx, stores, a.id, outcomes, a.wantsJson(), QStringLiteral("Post %1:").arg(a.id));
    if (nothing) {
        return ctx.fail(ExitProblems,
            QStringLiteral("cuepoint-cli cancel: nothing of post %1 could be cancelled").arg(a.id));
    }
    return ExitSuccess;
}

int runApprove(CliContext &ctx, const QStringList &args)
{
    PostArgs a;
    if (!a.parse(ctx, args, kApproveHelp)) {
        return ExitSuccess;
    }
    Stores stores(ctx);
    const Core::Post before = stores.load(a.id);
    stores.posts.approve(a.id, QStringLiteral("approved from the command line"));
    const Core::Post after = stores.load(a.id);
    const QDateTime now = stores.clock.nowUtc();
    QList<Outcome> outcomes;
    for (const Core::PostTarget &t : after.targets) {
        const auto old = std::find_if(before.targets.cbegin(), before.targets.cend(),
            [&t](const Core::PostTarget &b) { return b.id == t.id; });
        const TargetState was = old == before.targets.cend() ? t.state : old->state;
        const QString account = accountLabel(stores.accounts, t.accountId);
        if (was == TargetState::AwaitingApproval && t.state == TargetState::Scheduled) {
            outcomes << Outcome { t.id, account, was, t.state, QStringLiteral("approved"),
                after.scheduledAt <= now ? QStringLiteral("scheduled; it goes out now")
                                         : QStringLiteral("scheduled") };
        } else {
            outcomes << Outcome {
                t.id, account, was, t.state, QStringLiteral("unchanged"),
                QStringLiteral("%1 (it was not waiting for approval)").arg(Core::toString(t.state))
            };
        }
    }
    report(
        ctx, stores, a.id, outcomes, a.wantsJson(), QStringLiteral("Post %1 approved.").arg(a.id));
    return ExitSuccess;
}

int runRetry(CliContext &ctx, const QStringList &args)
{
    PostArgs a;
    const QCommandLineOption force(QStringLiteral("force"),
        QStringLiteral("also retry accounts whose outcome is unconfirmed"));
    if (!a.parse(ctx, args, kRetryHelp, { force })) {
        return ExitSuccess;
    }
    Stores stores(ctx);
    const Core::Post post = stores.load(a.id);
    const QDateTime now = stores.clock.nowUtc();
    const bool forced = a.parser.isSet(force);
    QList<Outcome> outcomes;
    int retried = 0;
    for (const Core::PostTarget &t : post.targets) {
        const QString account = accountLabel(stores.accounts, t.accountId);
        const bool retryable = Core::PostStore::isRetryable(t.state, forced);
        if (t.state == TargetState::Unconfirmed && !forced) {
            outcomes << Outcome { t.id, account, t.state, t.state, QStringLiteral("refused"),
                QStringLiteral("not retried: its outcome was never confirmed, so TikTok may "
                               "have published it already. Look at the account on TikTok "
                               "first; if the video is not there, run cuepoint-cli retry %1 "
                               "--force")
                    .arg(a.id) };
            continue;
        }
        if (!retryable) {
            outcomes << Outcome { t.id, account, t.state, t.state, QStringLiteral("unchanged"),
                QStringLiteral("nothing to retry (it is %1)").arg(Core::toString(t.state)) };
            continue;
        }
        // Start over: a new init, the whole file, no pending retry, and no grace period (the
        // user asked for it now).
        const Core::PostStore::TargetUpdate update = Core::PostStore::retryUpdate();
        QString detail = QStringLiteral("retried from the command line");
        if (t.state == TargetState::Unconfirmed) {
            detail += QStringLiteral(" with --force (the user checked TikTok");
            detail += t.publishId.isEmpty()
                ? QStringLiteral(")")
                : QStringLiteral("; the unconfirmed publish_id was %1)").arg(t.publishId);
        }
        const QString when = post.scheduledAt <= now
            ? QStringLiteral("scheduled again; it goes out now")
            : QStringLiteral("scheduled again for %1")
                  .arg(describeLocal(post.scheduledAt, QTimeZone(post.timeZoneId.toUtf8())));
        Outcome o = moveTarget(stores.posts, t, account, TargetState::Scheduled, detail, update,
            QStringLiteral("retried"), when);
        if (o.after == TargetState::Scheduled) {
            ++retried;
        }
        outcomes << o;
    }
    report(ctx, stores, a.id, outcomes, a.wantsJson(), QStringLiteral("Post %1:").arg(a.id));
    if (retried == 0) {
        return ctx.fail(ExitProblems,
            QStringLiteral("cuepoint-cli retry: nothing of post %1 was retried").arg(a.id));
    }
    return ExitSuccess;
}

} // namespace Cuepoint::Cli
