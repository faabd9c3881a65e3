// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <stdexcept>

namespace Cuepoint::Core {

/// Thrown by the storage layer. message() is a sentence for the user; what() the same in UTF-8.
class StorageError : public std::runtime_error
{
public:
    enum class Kind {
        NotAFile, ///< the database path is a folder or a special file
        Unreadable, ///< no permission, or an I/O error
        NotADatabase, ///< the file is not an SQLite database
        Corrupt, ///< an SQLite database that fails its integrity check
        TooNew, ///< created by a newer Cuepoint (schema version unknown here)
        Busy, ///< locked by another process for too long
        Sql, ///< any other SQL failure
        Constraint, ///< a rule of the data was broken (duplicate name, missing row, ...)
    };

    StorageError(Kind kind, const QString &message)
        : std::runtime_error(message.toStdString())
        , m_kind(kind)
        , m_message(message)
    {
    }

    Kind kind() const { return m_kind; }
    QString message() const { return m_message; }

private:
    Kind m_kind;
    QString m_message;
};

} // namespace Cuepoint::Core
