// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/MediaAsset.h"

#include <QObject>

#include <optional>

namespace Cuepoint::Core {

class Clock;
class Database;

/// The media library: videos the user imported, with what probing found.
class MediaStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MediaStore)

public:
    MediaStore(Database &db, const Clock &clock, QObject *parent = nullptr);

    /// Adds @p asset. Throws StorageError(Constraint) when the same content is already in
    /// the library (use assetByContentHash() to find it).
    qint64 add(const MediaAsset &asset);
    void update(const MediaAsset &asset);
    std::optional<MediaAsset> asset(qint64 id) const;
    std::optional<MediaAsset> assetByContentHash(const QString &hash) const;

    struct Filter
    {
        QString search; ///< part of the file name or a tag, case-insensitive
        QString tag; ///< exactly this tag
    };
    QList<MediaAsset> assets(const Filter &filter) const;
    QList<MediaAsset> assets() const { return assets(Filter {}); }
    void setMissing(qint64 id, bool missing);
    void remove(qint64 id);

Q_SIGNALS:
    void assetAdded(qint64 id);
    void assetChanged(qint64 id);
    void assetRemoved(qint64 id);

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace Cuepoint::Core
