// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliJson.h"

#include <QTextStream>
#include <QTimeZone>

namespace Cuepoint::Cli {

using nlohmann::json;

json isoUtc(const QDateTime &t)
{
    if (!t.isValid()) {
        return nullptr;
    }
    return str(t.toUTC().toString(Qt::ISODate));
}

json toJson(const Core::Account &account)
{
    json scopes = json::array();
    for (const QString &s : account.scopes) {
        scopes.push_back(str(s));
    }
    return {
        { "id", account.id },
        { "open_id", str(account.openId) },
        { "username", str(account.username) },
        { "display_name", str(account.displayName) },
        { "scopes", scopes },
        { "status", str(Core::toString(account.status)) },
        { "sandbox", account.isSandbox },
        { "access_token_expires_at", isoUtc(account.accessTokenExpiresAt) },
        { "refresh_token_expires_at", isoUtc(account.refreshTokenExpiresAt) },
    };
}

json toJson(const Core::Post &post, const QHash<qint64, Core::Account> &accounts)
{
    json targets = json::array();
    for (const Core::PostTarget &t : post.targets) {
        const auto account = accounts.constFind(t.accountId);
        targets.push_back({
            { "id", t.id },
            { "account_id", t.accountId },
            { "account",
                account == accounts.constEnd()
                    ? json(nullptr)
                    : json(str(
                        account->username.isEmpty() ? account->displayName : account->username)) },
            { "state", str(Core::toString(t.state)) },
            { "publish_id", t.publishId.isEmpty() ? json(nullptr) : json(str(t.publishId)) },
            { "uploaded_bytes", t.uploadedBytes },
            { "total_bytes", t.totalBytes },
            { "attempts", t.attempts },
            { "error_code",
                t.lastErrorCode.isEmpty() ? json(nullptr) : json(str(t.lastErrorCode)) },
            { "error", t.lastError.isEmpty() ? json(nullptr) : json(str(t.lastError)) },
            { "tiktok_post_id",
                t.tiktokPostId.isEmpty() ? json(nullptr) : json(str(t.tiktokPostId)) },
            { "state_changed_at", isoUtc(t.stateChangedAt) },
            { "next_attempt_at", isoUtc(t.nextAttemptAt) },
            { "late_allowed", t.lateAllowed },
        });
    }
    const QTimeZone zone(post.timeZoneId.toUtf8());
    return {
        { "id", post.id },
        { "scheduled_at", isoUtc(post.scheduledAt) },
        { "time_zone", str(post.timeZoneId) },
        { "local_time",
            zone.isValid() ? json(str(post.scheduledAt.toTimeZone(zone).toString(Qt::ISODate)))
                           : json(nullptr) },
        { "mode", str(Core::toString(post.mode)) },
        { "caption", str(post.caption) },
        { "video", str(post.videoPath) },
        { "cover_timestamp_ms", post.coverTimestampMs },
        { "privacy_level",
            post.privacyLevel.isEmpty() ? json(nullptr) : json(str(post.privacyLevel)) },
        { "allow_comments", post.allowComments },
        { "allow_duet", post.allowDuet },
        { "allow_stitch", post.allowStitch },
        { "brand_organic", post.brandOrganic },
        { "branded_content", post.brandedContent },
        { "ai_generated", post.aiGenerated },
        { "approval", str(Core::toString(post.approval)) },
        { "created_at", isoUtc(post.createdAt) },
        { "updated_at", isoUtc(post.updatedAt) },
        { "targets", targets },
    };
}

json toJson(const Core::JournalEntry &entry)
{
    return {
        { "id", entry.id },
        { "at", isoUtc(entry.at) },
        { "from", entry.from ? json(str(Core::toString(*entry.from))) : json(nullptr) },
        { "to", str(Core::toString(entry.to)) },
        { "detail", str(entry.detail) },
    };
}

json toJson(const Core::Post &post, const QHash<qint64, Core::Account> &accounts,
    const QHash<qint64, QList<Core::JournalEntry>> &journals)
{
    json result = toJson(post, accounts);
    for (json &target : result["targets"]) {
        json entries = json::array();
        for (const Core::JournalEntry &e : journals.value(target["id"].get<qint64>())) {
            entries.push_back(toJson(e));
        }
        target["journal"] = entries;
    }
    return result;
}

void printJson(QTextStream &out, const json &value)
{
    out << QString::fromStdString(value.dump(2)) << '\n';
}

} // namespace Cuepoint::Cli
