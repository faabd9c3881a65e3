// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace Cuepoint::Core {

/// One library Cuepoint runs on, with the version found at run time.
struct LibraryVersion
{
    QString name;
    QString version;
};

/// Cuepoint's own version.
QString cuepointVersion();
/// FFmpeg, libcurl and Qt as loaded at run time (SQLite comes from the database).
QList<LibraryVersion> libraryVersions();

} // namespace Cuepoint::Core
