// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "review/ReviewHttp.h"

#include <limits>

namespace Cuepoint::Core::Review {

QString htmlEscape(QStringView text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            out += QLatin1String("&amp;");
            break;
        case u'<':
            out += QLatin1String("&lt;");
            break;
        case u'>':
            out += QLatin1String("&gt;");
            break;
        case u'"':
            out += QLatin1String("&quot;");
            break;
        case u'\'':
            out += QLatin1String("&#39;");
            break;
        default:
            out += c;
        }
    }
    return out;
}

namespace {

/// A non-negative decimal number without sign or spaces; -1 when @p text is not one (or
/// overflows).
qint64 parseDecimal(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 18) {
        return -1;
    }
    qint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return -1;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

} // namespace

ByteRange parseByteRange(const QByteArray &header, qint64 size)
{
    ByteRange whole;
    whole.first = 0;
    whole.last = size - 1;
    const QByteArray trimmed = header.trimmed();
    if (trimmed.isEmpty()) {
        return whole;
    }
    ByteRange bad;
    bad.kind = ByteRange::Kind::Unsatisfiable;
    if (!trimmed.startsWith("bytes=")) {
        return whole; // another unit: ignored, as RFC 9110 allows
    }
    const QByteArray spec = trimmed.mid(6).trimmed();
    if (spec.contains(',')) {
        return whole; // several ranges: browsers never ask for them; answer with the whole
    }
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0) {
        return bad;
    }
    const QByteArrayView firstText = QByteArrayView(spec).first(dash).trimmed();
    const QByteArrayView lastText = QByteArrayView(spec).sliced(dash + 1).trimmed();
    ByteRange r;
    r.kind = ByteRange::Kind::Partial;
    if (firstText.isEmpty()) {
        const qint64 suffix = parseDecimal(lastText);
        if (suffix <= 0 || size <= 0) {
            return bad;
        }
        r.first = suffix >= size ? 0 : size - suffix;
        r.last = size - 1;
        return r;
    }
    r.first = parseDecimal(firstText);
    if (r.first < 0 || r.first >= size) {
        return bad;
    }
    if (lastText.isEmpty()) {
        r.last = size - 1;
        return r;
    }
    const qint64 last = parseDecimal(lastText);
    if (last < 0 || last < r.first) {
        return bad;
    }
    r.last = std::min(last, size - 1);
    return r;
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size()) {
        return false;
    }
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    }
    return diff == 0;
}

} // namespace Cuepoint::Core::Review
