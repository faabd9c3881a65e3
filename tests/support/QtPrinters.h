// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

#include <ostream>

// Readable failure messages for Qt types in GoogleTest assertions.
inline void PrintTo(const QString &s, std::ostream *os)
{
    *os << '"' << s.toStdString() << '"';
}

inline void PrintTo(const QDateTime &t, std::ostream *os)
{
    *os << (t.isValid() ? t.toString(Qt::ISODateWithMs).toStdString() : std::string("(null)"));
}
