// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/review/ReviewToken.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>

namespace Cuepoint::Core {

QString generateReviewToken()
{
    std::array<quint32, 4> words {};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()),
        static_cast<qsizetype>(words.size() * sizeof(quint32)));
    return QString::fromLatin1(bytes.toHex());
}

bool isWellFormedReviewToken(QStringView token)
{
    if (token.size() != 32)
        return false;
    for (const QChar c : token) {
        const bool digit = c >= QLatin1Char('0') && c <= QLatin1Char('9');
        const bool hex = c >= QLatin1Char('a') && c <= QLatin1Char('f');
        if (!digit && !hex)
            return false;
    }
    return true;
}

QString reviewTokenHash(QStringView token)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256).toHex());
}

} // namespace Cuepoint::Core
