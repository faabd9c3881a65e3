// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Small pieces of HTTP and HTML the review server needs, kept apart so they can be tested
// without a server.

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace Cuepoint::Core::Review {

/// @p text escaped for HTML text and attribute values (& < > " ' are replaced).
QString htmlEscape(QStringView text);

/// What a Range header asks of a resource of some size.
struct ByteRange
{
    enum class Kind {
        Whole, ///< no Range header, one we do not serve (several ranges, other units): 200
        Partial, ///< one satisfiable range: 206 with bytes first..last
        Unsatisfiable, ///< a range outside the resource or malformed: 416
    };
    Kind kind = Kind::Whole;
    qint64 first = 0;
    qint64 last = -1; ///< inclusive
    qint64 length() const { return last - first + 1; }
};

/// Reads a Range header (RFC 9110 §14) for a resource of @p size bytes: "bytes=A-B",
/// "bytes=A-" (open-ended) and "bytes=-N" (the last N bytes). Several ranges are answered
/// with the whole resource; a range that starts at or past the end, a backward range and
/// garbage are unsatisfiable. An empty header means the whole resource.
ByteRange parseByteRange(const QByteArray &header, qint64 size);

/// Compares two byte strings in a time that does not depend on where they differ.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace Cuepoint::Core::Review
