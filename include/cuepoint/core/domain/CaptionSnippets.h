// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace Cuepoint::Core {

/// A saved caption the user inserts with one click.
struct CaptionTemplate
{
    qint64 id = 0;
    QString name;
    QString body;
    QDateTime updatedAt;

    bool operator==(const CaptionTemplate &) const = default;
};

/// A saved list of hashtags ("#fitness #gym"), inserted into a caption with one click.
struct HashtagList
{
    qint64 id = 0;
    QString name;
    QStringList hashtags; ///< each with its leading '#'
    QDateTime updatedAt;

    /// The hashtags as they go into a caption: separated by single spaces.
    QString captionText() const { return hashtags.join(QLatin1Char(' ')); }

    bool operator==(const HashtagList &) const = default;
};

} // namespace Cuepoint::Core
