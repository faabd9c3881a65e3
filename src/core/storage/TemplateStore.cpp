// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/storage/TemplateStore.h"

#include "storage/Sql.h"

#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/support/Clock.h"

namespace Cuepoint::Core {

using Storage::Sql;
using Storage::utcFromMs;

namespace {

/// Inserts or updates one named row of @p table; explains a duplicate name in plain words.
qint64 saveNamed(Database &db, const QString &table, const QString &valueColumn, qint64 id,
    const QString &name, const QString &value, qint64 now, const QString &kind)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        throw StorageError(
            StorageError::Kind::Constraint, QStringLiteral("A %1 needs a name.").arg(kind));
    }
    Sql dup(db, QStringLiteral("SELECT id FROM %1 WHERE name = :name AND id != :id").arg(table));
    dup.bind(QStringLiteral(":name"), trimmed).bind(QStringLiteral(":id"), id).exec();
    if (dup.next()) {
        throw StorageError(StorageError::Kind::Constraint,
            QStringLiteral("A %1 named \u201c%2\u201d already exists.").arg(kind, trimmed));
    }
    Sql q(db,
        id == 0 ? QStringLiteral("INSERT INTO %1 (name, %2, updated_at_ms) VALUES (:name, "
                                 ":value, :now)")
                      .arg(table, valueColumn)
                : QStringLiteral("UPDATE %1 SET name = :name, %2 = :value, updated_at_ms = "
                                 ":now WHERE id = :id")
                      .arg(table, valueColumn));
    q.bind(QStringLiteral(":name"), trimmed)
        .bind(QStringLiteral(":value"), value)
        .bind(QStringLiteral(":now"), now);
    if (id != 0) {
        q.bind(QStringLiteral(":id"), id);
    }
    q.exec();
    if (id != 0 && q.rowsAffected() != 1) {
        throw StorageError(
            StorageError::Kind::Constraint, QStringLiteral("That %1 no longer exists.").arg(kind));
    }
    return id == 0 ? q.lastInsertId() : id;
}

const QString kSelectTemplates =
    QStringLiteral("SELECT id, name, body, updated_at_ms FROM caption_templates ");
const QString kSelectHashtagLists =
    QStringLiteral("SELECT id, name, hashtags, updated_at_ms FROM hashtag_lists ");

CaptionTemplate readTemplate(const Sql &q)
{
    return { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
        utcFromMs(q.value(3)) };
}

HashtagList readHashtagList(const Sql &q)
{
    return { q.value(0).toLongLong(), q.value(1).toString(),
        q.value(2).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts), utcFromMs(q.value(3)) };
}

QStringList normaliseHashtags(const QStringList &tags)
{
    QStringList result;
    for (QString tag : tags) {
        tag = tag.trimmed();
        while (tag.startsWith(QLatin1Char('#'))) {
            tag.remove(0, 1);
        }
        tag.remove(QLatin1Char(' '));
        if (!tag.isEmpty() && !result.contains(QLatin1Char('#') + tag, Qt::CaseInsensitive)) {
            result.append(QLatin1Char('#') + tag);
        }
    }
    return result;
}

} // namespace

TemplateStore::TemplateStore(Database &db, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
{
}

qint64 TemplateStore::saveTemplate(const CaptionTemplate &tmpl)
{
    const qint64 id = saveNamed(m_db, QStringLiteral("caption_templates"), QStringLiteral("body"),
        tmpl.id, tmpl.name, tmpl.body, m_clock.nowMs(), QStringLiteral("caption template"));
    Q_EMIT templatesChanged();
    return id;
}

std::optional<CaptionTemplate> TemplateStore::captionTemplate(qint64 id) const
{
    Sql q(m_db, kSelectTemplates + QStringLiteral("WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    return q.next() ? std::optional(readTemplate(q)) : std::nullopt;
}

QList<CaptionTemplate> TemplateStore::templates() const
{
    Sql q(m_db, kSelectTemplates + QStringLiteral("ORDER BY lower(name)"));
    q.exec();
    QList<CaptionTemplate> result;
    while (q.next()) {
        result.append(readTemplate(q));
    }
    return result;
}

void TemplateStore::removeTemplate(qint64 id)
{
    Sql q(m_db, QStringLiteral("DELETE FROM caption_templates WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    Q_EMIT templatesChanged();
}

qint64 TemplateStore::saveHashtagList(const HashtagList &list)
{
    const QStringList tags = normaliseHashtags(list.hashtags);
    if (tags.isEmpty()) {
        throw StorageError(StorageError::Kind::Constraint,
            QStringLiteral("A hashtag list needs at least one hashtag."));
    }
    const qint64 id = saveNamed(m_db, QStringLiteral("hashtag_lists"), QStringLiteral("hashtags"),
        list.id, list.name, tags.join(QLatin1Char(' ')), m_clock.nowMs(),
        QStringLiteral("hashtag list"));
    Q_EMIT hashtagListsChanged();
    return id;
}

std::optional<HashtagList> TemplateStore::hashtagList(qint64 id) const
{
    Sql q(m_db, kSelectHashtagLists + QStringLiteral("WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    return q.next() ? std::optional(readHashtagList(q)) : std::nullopt;
}

QList<HashtagList> TemplateStore::hashtagLists() const
{
    Sql q(m_db, kSelectHashtagLists + QStringLiteral("ORDER BY lower(name)"));
    q.exec();
    QList<HashtagList> result;
    while (q.next()) {
        result.append(readHashtagList(q));
    }
    return result;
}

void TemplateStore::removeHashtagList(qint64 id)
{
    Sql q(m_db, QStringLiteral("DELETE FROM hashtag_lists WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id).exec();
    Q_EMIT hashtagListsChanged();
}

} // namespace Cuepoint::Core
