// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/domain/TargetState.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace Cuepoint::Core {

/// One state change of a target. The journal is append-only: rows are written in the same
/// transaction as the change they record, and never updated.
struct JournalEntry
{
    qint64 id = 0;
    qint64 targetId = 0;
    QDateTime at; ///< UTC
    std::optional<TargetState> from; ///< nullopt for the first entry of a target
    TargetState to = TargetState::Scheduled;
    QString detail; ///< why, in plain words (and TikTok's log_id where there is one)

    bool operator==(const JournalEntry &) const = default;
};

} // namespace Cuepoint::Core
