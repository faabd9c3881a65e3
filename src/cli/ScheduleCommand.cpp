// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `cuepoint-cli schedule`: validates a video, its caption and its settings against TikTok's
// rules and each creator's current creator_info, then stores the post with one scheduled
// target per account. Nothing is stored when anything is refused.
#include "CliAccounts.h"
#include "CliArguments.h"
#include "CliContext.h"
#include "CliJson.h"
#include "Commands.h"
#include "TikTokEnvironment.h"
#include "WhenParser.h"

#include "cuepoint/core/media/SpecRules.h"
#include "cuepoint/core/media/VideoProbe.h"
#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/support/Clock.h"
#include "cuepoint/core/support/Logging.h"
#include "cuepoint/core/support/Settings.h"
#include "cuepoint/core/support/TokenStore.h"
#include "cuepoint/core/tiktok/ApiError.h"
#include "cuepoint/core/tiktok/TokenKeeper.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <algorithm>
#include <limits>
#include <optional>

namespace Cuepoint::Cli {

namespace {

const char kHelp[] =
    "Usage: cuepoint-cli schedule --video FILE --at WHEN [--tz ZONE] --account NAME\n"
    "           [--account NAME ...] --privacy LEVEL [--caption TEXT] [--cover-ms N]\n"
    "           [--allow-comments] [--allow-duet] [--allow-stitch] [--brand-organic]\n"
    "           [--brand-content] [--ai-generated] [--mode auto|notify] [--json]\n"
    "\n"
    "Schedules a video for one or more connected TikTok accounts. The video and the\n"
    "caption are checked against TikTok's limits, and the privacy level and the\n"
    "interaction settings against what each creator allows right now (creator_info).\n"
    "\n"
    "Options:\n"
    "  --video FILE        the video (MP4, MOV or WebM)\n"
    "  --at WHEN           now, a local date and time (2030-05-01T09:00, read in ZONE)\n"
    "                      or an instant with an offset (2030-05-01T09:00+02:00, ...Z)\n"
    "  --tz ZONE           IANA time zone of WHEN (default: the system's)\n"
    "  --account NAME      username, display name or open_id; repeat to cross-post\n"
    "  --privacy LEVEL     PUBLIC_TO_EVERYONE, MUTUAL_FOLLOW_FRIENDS, FOLLOWER_OF_CREATOR\n"
    "                      or SELF_ONLY; must be offered by each creator (not needed\n"
    "                      with --mode notify)\n"
    "  --caption TEXT      the caption (at most 150 characters)\n"
    "  --cover-ms N        the cover frame, in milliseconds from the start (default 0)\n"
    "  --allow-comments    allow comments (off unless given)\n"
    "  --allow-duet        allow Duets (off unless given)\n"
    "  --allow-stitch      allow Stitches (off unless given)\n"
    "  --brand-organic     disclose: promotes your own brand (\"Your brand\")\n"
    "  --brand-content     disclose: paid partnership (\"Branded content\")\n"
    "  --ai-generated      label the video as AI-generated\n"
    "  --mode auto|notify  auto: Cuepoint publishes it (default); notify: it goes to the\n"
    "                      creator's TikTok inbox to finish in the TikTok app\n"
    "  --json              print the stored post as JSON\n"
    "  -h, --help          print this help and exit\n"
    "\n"
    "Exit codes: 0 scheduled, 1 refused (the video, the caption or a creator's settings\n"
    "do not allow it; nothing is stored), 2 usage or input error.\n";

const char *const kPrivacyLevels[] = {
    "PUBLIC_TO_EVERYONE",
    "MUTUAL_FOLLOW_FRIENDS",
    "FOLLOWER_OF_CREATOR",
    "SELF_ONLY",
};

QString privacyArgument(const QString &text)
{
    const QString level = text.trimmed().toUpper();
    QStringList names;
    for (const char *name : kPrivacyLevels) {
        if (level == QLatin1String(name)) {
            return level;
        }
        names << QLatin1String(name);
    }
    throw CliExit { ExitUsage,
        QStringLiteral("--privacy must be one of %1, not '%2'")
            .arg(names.join(QStringLiteral(", ")), text) };
}

/// The codes creator_info answers (with HTTP 200) when the creator cannot post now.
bool isCannotPost(const QString &code)
{
    return code == QLatin1String("spam_risk_too_many_posts")
        || code == QLatin1String("spam_risk_user_banned_from_posting")
        || code == QLatin1String("reached_active_user_cap");
}

/// TikTok could not be asked (network, time-out, server error, rate limit): the publisher
/// checks again at the time anyway, so scheduling goes on with a warning.
bool isUnreachable(const Core::ApiError &e)
{
    return e.category() == Core::ErrorCategory::RetryLater
        || e.code() == QLatin1String("tls_error");
}

QString secondsText(qint64 ms)
{
    return ms % 1000 == 0 ? QString::number(ms / 1000)
                          : QString::number(static_cast<double>(ms) / 1000.0, 'f', 1);
}

/// Asks TikTok (or the sandbox) what each creator allows, lazily: the environment is set up
/// on the first account that needs it.
class CreatorChecker
{
public:
    explicit CreatorChecker(CliContext &ctx)
        : m_ctx(ctx)
    {
    }

    /// The creator's current creator_info; std::nullopt with @p warning set when TikTok
    /// cannot be reached; throws nothing. @p problem is set when the answer forbids posting.
    std::optional<Core::CreatorInfo> check(
        const Core::Account &account, QString *problem, QString *warning)
    {
        const QString label = accountLabel(account);
        if (!setUp(warning)) {
            return std::nullopt;
        }
        if (account.isSandbox != m_env->isSandbox()) {
            *problem = account.isSandbox
                ? QStringLiteral("%1 is a Sandbox account, but Cuepoint is set up to talk to "
                                 "TikTok; it cannot post there.")
                      .arg(label)
                : QStringLiteral("%1 is a TikTok account, but no TikTok app is configured (the "
                                 "built-in Sandbox is in use; see docs/TIKTOK-SETUP.md).")
                      .arg(label);
            return std::nullopt;
        }
        const QString key = account.tokenKey();
        try {
            Core::TokenSet tokens = m_keeper->fresh(key);
            try {
                return m_env->client().creatorInfo(tokens.accessToken);
            } catch (const Core::ApiError &e) {
                if (e.category() != Core::ErrorCategory::RefreshThenRetry) {
                    throw;
                }
                tokens = m_keeper->refresh(key);
                return m_env->client().creatorInfo(tokens.accessToken);
            }
        } catch (const Core::ApiError &e) {
            qCWarning(lcCli).noquote() << "creator_info for" << label << "failed:" << e.describe();
            if (isCannotPost(e.code())) {
                *problem = QStringLiteral("%1 cannot post now: %2").arg(label, e.userMessage());
            } else if (isUnreachable(e)) {
                const QString why = e.message().isEmpty()
                    ? e.code()
                    : QStringLiteral("%1: %2").arg(e.code(), e.message());
                *warning = QStringLiteral("%1 could not be reached to check %2 (%3); the check "
                                          "will happen at publish time.")
                               .arg(m_env->label(), label, why);
            } else {
                *problem = QStringLiteral("%1: %2").arg(label, e.userMessage());
            }
        }
        return std::nullopt;
    }

private:
    bool setUp(QString *warning)
    {
        if (m_env) {
            return true;
        }
        if (!m_setUpError.isEmpty()) {
            *warning = m_setUpError;
            return false;
        }
        m_settings = std::make_unique<Core::Settings>(m_ctx.profile().settingsPath());
        m_tokens = Core::createTokenStore(m_ctx.profile());
        QString error;
        m_env =
            TikTokEnvironment::create(&m_ctx.profile(), m_settings.get(), m_tokens.get(), &error);
        if (!m_env) {
            m_setUpError = QStringLiteral("TikTok could not be reached to check the accounts "
                                          "(%1); the check will happen at publish time.")
                               .arg(error);
            *warning = m_setUpError;
            return false;
        }
        if (!m_env->problem().isEmpty()) {
            throw CliExit { ExitUsage, m_env->problem() };
        }
        m_keeper = std::make_unique<Core::TokenKeeper>(*m_tokens, m_env->client(), m_clock);
        return true;
    }

    CliContext &m_ctx;
    Core::SystemClock m_clock;
    std::unique_ptr<Core::Settings> m_settings;
    std::unique_ptr<Core::TokenStore> m_tokens;
    std::unique_ptr<TikTokEnvironment> m_env;
    std::unique_ptr<Core::TokenKeeper> m_keeper;
    QString m_setUpError;
};

[[noreturn]] void refuseWithProblems(const QStringList &problems)
{
    QString message = problems.size() == 1
        ? QStringLiteral("not scheduled (1 problem):")
        : QStringLiteral("not scheduled (%1 problems):").arg(problems.size());
    for (const QString &p : problems) {
        message += QStringLiteral("\n  problem: ") + p;
    }
    throw CliExit { ExitProblems, message };
}

} // namespace

int runSchedule(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption help(
        { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("print this help"));
    const QCommandLineOption video(
        QStringLiteral("video"), QStringLiteral("video"), QStringLiteral("FILE"));
    const QCommandLineOption at(
        QStringLiteral("at"), QStringLiteral("when"), QStringLiteral("WHEN"));
    const QCommandLineOption tz(
        QStringLiteral("tz"), QStringLiteral("zone"), QStringLiteral("ZONE"));
    const QCommandLineOption account(
        QStringLiteral("account"), QStringLiteral("account"), QStringLiteral("NAME"));
    const QCommandLineOption privacy(
        QStringLiteral("privacy"), QStringLiteral("privacy"), QStringLiteral("LEVEL"));
    const QCommandLineOption caption(
        QStringLiteral("caption"), QStringLiteral("caption"), QStringLiteral("TEXT"));
    const QCommandLineOption coverMs(
        QStringLiteral("cover-ms"), QStringLiteral("cover"), QStringLiteral("N"));
    const QCommandLineOption comments(QStringLiteral("allow-comments"), QStringLiteral("comments"));
    const QCommandLineOption duet(QStringLiteral("allow-duet"), QStringLiteral("duet"));
    const QCommandLineOption stitch(QStringLiteral("allow-stitch"), QStringLiteral("stitch"));
    const QCommandLineOption organic(QStringLiteral("brand-organic"), QStringLiteral("own brand"));
    const QCommandLineOption branded(QStringLiteral("brand-content"), QStringLiteral("branded"));
    const QCommandLineOption ai(QStringLiteral("ai-generated"), QStringLiteral("AI"));
    const QCommandLineOption mode(QStringLiteral("mode"), QStringLiteral("mode"),
        QStringLiteral("MODE"), QStringLiteral("auto"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("print JSON"));
    parser.addOptions({ help, video, at, tz, account, privacy, caption, coverMs, comments, duet,
        stitch, organic, branded, ai, mode, json });
    if (parseOrShowHelp(ctx, parser, args, QLatin1String(kHelp))) {
        return ExitSuccess;
    }
    if (!parser.positionalArguments().isEmpty()) {
        throw CliExit { ExitUsage,
            QStringLiteral("unexpected argument '%1' (see --help)")
                .arg(parser.positionalArguments().first()) };
    }

    // --- usage: everything that needs neither the database nor the video
    const std::optional<Core::PublishMode> publishMode =
        Core::publishModeFromString(parser.value(mode).trimmed().toLower());
    if (!publishMode) {
        throw CliExit { ExitUsage,
            QStringLiteral("--mode must be auto or notify, not '%1'").arg(parser.value(mode)) };
    }
    const bool notify = *publishMode == Core::PublishMode::Notify;
    for (const QCommandLineOption *required : { &video, &at, &account }) {
        if (!parser.isSet(*required) || parser.value(*required).trimmed().isEmpty()) {
            throw CliExit { ExitUsage,
                QStringLiteral("--%1 is required (see --help)").arg(required->names().first()) };
        }
    }
    QString privacyLevel;
    if (parser.isSet(privacy)) {
        privacyLevel = privacyArgument(parser.value(privacy));
    } else if (!notify) {
        throw CliExit { ExitUsage,
            QStringLiteral("--privacy is required: choose PUBLIC_TO_EVERYONE, "
                           "MUTUAL_FOLLOW_FRIENDS, FOLLOWER_OF_CREATOR or SELF_ONLY (TikTok "
                           "allows no default)") };
    }
    qint64 cover = 0;
    if (parser.isSet(coverMs)) {
        cover = wholeNumberArgument(
            parser.value(coverMs), "--cover-ms", 0, std::numeric_limits<qint32>::max());
    }
    const QTimeZone zone = zoneArgument(parser.value(tz));
    const Core::SystemClock clock;
    const QDateTime now = clock.nowUtc();
    const When when = parseWhen(parser.value(at), zone, now, "--at");
    if (!when.isNow && when.instant < now.addSecs(-60)) {
        throw CliExit { ExitUsage,
            QStringLiteral("%1 is in the past; give a later time, or --at now to publish at once")
                .arg(describeLocal(when.instant, zone)) };
    }

    QStringList warnings;
    if (notify
        && (parser.isSet(privacy) || parser.isSet(comments) || parser.isSet(duet)
            || parser.isSet(stitch))) {
        warnings << QStringLiteral("In notify mode TikTok's inbox upload takes no privacy or "
                                   "interaction settings: the creator chooses them in the "
                                   "TikTok app.");
    }

    // --- the accounts
    Core::Database &db = ctx.database();
    Core::AccountStore accountStore(db, clock);
    const QList<Core::Account> allAccounts = accountStore.accounts();
    QList<Core::Account> targets;
    for (const QString &name : parser.values(account)) {
        const Core::Account a = resolveAccount(allAccounts, name);
        const bool seen = std::any_of(targets.cbegin(), targets.cend(),
            [&a](const Core::Account &t) { return t.id == a.id; });
        if (!seen) {
            targets << a;
        }
    }

    // --- the video, the caption and the post's own settings
    const QString file = parser.value(video);
    const Core::VideoInfo info = Core::VideoProbe::probe(file);
    if (!info.isReadable()) {
        throw CliExit { ExitUsage, QStringLiteral("%1: %2").arg(file, info.errorMessage) };
    }
    const Core::SpecRules rules = Core::SpecRules::defaults();
    QStringList problems;
    const Core::SpecResult videoResult = rules.check(info);
    for (const Core::SpecViolation &v : videoResult.violations) {
        problems << v.message;
    }
    const QString captionText = parser.value(caption);
    for (const Core::SpecViolation &v : rules.checkCaption(captionText).violations) {
        problems << v.message;
    }
    if (info.durationMs >= 0 && cover >= info.durationMs && cover > 0) {
        problems << QStringLiteral("The cover time %1 ms is not within the video, which is %2 ms "
                                   "long.")
                        .arg(cover)
                        .arg(info.durationMs);
    }
    if (!notify && parser.isSet(branded) && privacyLevel == QLatin1String("SELF_ONLY")) {
        problems << QStringLiteral("Branded content cannot be private: choose a privacy level "
                                   "other than SELF_ONLY.");
    }
    const QString neededScope =
        notify ? QStringLiteral("video.upload") : QStringLiteral("video.publish");
    for (const Core::Account &a : std::as_const(targets)) {
        if (a.status != Core::AccountStatus::Connected) {
            problems << QStringLiteral("%1 is %2; connect it again with: cuepoint-cli account "
                                       "connect")
                            .arg(accountLabel(a),
                                a.status == Core::AccountStatus::Disconnected
                                    ? QStringLiteral("disconnected")
                                    : QStringLiteral("signed out of TikTok"));
        } else if (!a.scopes.isEmpty() && !a.scopes.contains(neededScope)) {
            problems << QStringLiteral("%1 did not allow Cuepoint to post (%2); connect it again "
                                       "and allow posting.")
                            .arg(accountLabel(a), neededScope);
        }
    }
    if (!problems.isEmpty()) {
        refuseWithProblems(problems);
    }

    // --- what each creator allows right now
    CreatorChecker checker(ctx);
    for (const Core::Account &a : std::as_const(targets)) {
        // creator_info needs video.publish; an inbox-only account cannot be asked.
        if (notify && !a.scopes.contains(QStringLiteral("video.publish"))) {
            continue;
        }
        QString problem;
        QString warning;
        const std::optional<Core::CreatorInfo> creator = checker.check(a, &problem, &warning);
        if (!problem.isEmpty()) {
            problems << problem;
        }
        if (!warning.isEmpty() && !warnings.contains(warning)) {
            warnings << warning;
        }
        if (!creator) {
            continue;
        }
        const QString label = accountLabel(a);
        const QString name = creator->nickname.isEmpty()
            ? label
            : QStringLiteral("%1 (%2)").arg(label, creator->nickname);
        if (!notify) {
            if (!creator->privacyLevelOptions.contains(privacyLevel)) {
                problems << QStringLiteral("%1 cannot post with privacy %2; TikTok offers %3.")
                                .arg(name, privacyLevel,
                                    creator->privacyLevelOptions.join(QStringLiteral(", ")));
            }
            if (parser.isSet(comments) && creator->commentDisabled) {
                problems << QStringLiteral("%1 has turned comments off in TikTok; schedule "
                                           "without --allow-comments.")
                                .arg(name);
            }
            if (parser.isSet(duet) && creator->duetDisabled) {
                problems << QStringLiteral("%1 does not allow Duets (a private account, or Duet "
                                           "set to No one); schedule without --allow-duet.")
                                .arg(name);
            }
            if (parser.isSet(stitch) && creator->stitchDisabled) {
                problems << QStringLiteral("%1 does not allow Stitches (a private account, or "
                                           "Stitch set to No one); schedule without "
                                           "--allow-stitch.")
                                .arg(name);
            }
        }
        if (creator->maxVideoPostDurationSec > 0 && info.durationMs >= 0
            && info.durationMs > qint64(creator->maxVideoPostDurationSec) * 1000
                    + rules.limits().durationToleranceMs) {
            problems << QStringLiteral("The video is %1 s long; %2 may post videos of at most %3 "
                                       "s.")
                            .arg(secondsText(info.durationMs), name)
                            .arg(creator->maxVideoPostDurationSec);
        }
    }
    if (!problems.isEmpty()) {
        refuseWithProblems(problems);
    }

    // --- store it
    Core::Post post;
    post.caption = captionText;
    post.videoPath = QFileInfo(file).absoluteFilePath();
    post.coverTimestampMs = cover;
    post.scheduledAt = when.instant.toUTC();
    post.timeZoneId = zoneIdOf(zone);
    post.mode = *publishMode;
    post.privacyLevel = privacyLevel;
    post.allowComments = parser.isSet(comments);
    post.allowDuet = parser.isSet(duet);
    post.allowStitch = parser.isSet(stitch);
    post.brandOrganic = parser.isSet(organic);
    post.brandedContent = parser.isSet(branded);
    post.aiGenerated = parser.isSet(ai);
    for (const Core::Account &a : std::as_const(targets)) {
        Core::PostTarget t;
        t.accountId = a.id;
        t.state = Core::TargetState::Scheduled;
        post.targets << t;
    }
    Core::PostStore posts(db, clock);
    const qint64 id = posts.add(post);
    const std::optional<Core::Post> stored = posts.post(id);

    for (const QString &w : std::as_const(warnings)) {
        ctx.err() << "warning: " << w << '\n';
    }
    ctx.err().flush();
    if (parser.isSet(json)) {
        printJson(ctx.out(), toJson(*stored, accountsById(allAccounts)));
        return ExitSuccess;
    }
    QStringList labels;
    for (const Core::Account &a : std::as_const(targets)) {
        labels << accountLabel(a);
    }
    ctx.out() << QStringLiteral("Scheduled post %1 for %2 to %3 (%4).\n")
                     .arg(QString::number(id), describeLocal(post.scheduledAt, zone),
                         labels.join(QStringLiteral(", ")),
                         notify ? QStringLiteral("notify: it goes to the TikTok inbox")
                                : QStringLiteral("published automatically"));
    Core::Settings settings(ctx.profile().settingsPath());
    if (!notify && settings.value(Core::Settings::ApprovalRequired)) {
        ctx.out() << QStringLiteral("It needs approval before it goes out: cuepoint-cli approve "
                                    "%1\n")
                         .arg(id);
    }
    return ExitSuccess;
}

} // namespace Cuepoint::Cli
