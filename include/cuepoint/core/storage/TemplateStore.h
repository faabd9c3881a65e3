// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/CaptionSnippets.h"

#include <QObject>

#include <optional>

namespace Cuepoint::Core {

class Clock;
class Database;

/// The user's saved caption templates and hashtag lists. Names are unique within each kind.
class TemplateStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TemplateStore)

public:
    TemplateStore(Database &db, const Clock &clock, QObject *parent = nullptr);

    /// Adds (id 0) or updates a template; returns its id. Throws StorageError(Constraint)
    /// for an empty or duplicate name.
    qint64 saveTemplate(const CaptionTemplate &tmpl);
    std::optional<CaptionTemplate> captionTemplate(qint64 id) const;
    QList<CaptionTemplate> templates() const;
    void removeTemplate(qint64 id);

    /// Adds (id 0) or updates a hashtag list; hashtags are normalised to start with '#'.
    qint64 saveHashtagList(const HashtagList &list);
    std::optional<HashtagList> hashtagList(qint64 id) const;
    QList<HashtagList> hashtagLists() const;
    void removeHashtagList(qint64 id);

Q_SIGNALS:
    void templatesChanged();
    void hashtagListsChanged();

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace Cuepoint::Core
