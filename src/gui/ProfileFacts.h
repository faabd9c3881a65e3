// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/support/Profile.h"

#include <QString>

namespace Cuepoint::Gui {

/// What the window shows about the profile it runs on. The application opens the database
/// before the window exists and hands these facts over, so no widget ever queries SQLite.
struct ProfileFacts
{
    explicit ProfileFacts(Core::Profile profile_)
        : profile(std::move(profile_))
    {
    }

    /// The facts of @p profile with its open @p database.
    static ProfileFacts of(const Core::Profile &profile, const Core::Database &database)
    {
        ProfileFacts facts(profile);
        facts.databasePath = database.path();
        facts.schemaVersion = database.schemaVersion();
        facts.latestSchemaVersion = Core::Database::latestSchemaVersion();
        facts.sqliteVersion = database.sqliteVersion();
        return facts;
    }

    Core::Profile profile;
    QString databasePath;
    int schemaVersion = 0;
    int latestSchemaVersion = 0;
    QString sqliteVersion;
};

} // namespace Cuepoint::Gui
