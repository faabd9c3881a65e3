// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <span>

namespace Cuepoint::Core::Storage {

/// One step of the schema. Steps are applied in order, each in its own transaction, and
/// never edited once released: a change is a new step.
struct Migration
{
    int version;
    const char *description;
    const char *sql; ///< statements separated by ";\n"
};

std::span<const Migration> migrations();

} // namespace Cuepoint::Core::Storage
