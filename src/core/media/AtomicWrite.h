// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to the core's media code.

#include <QByteArray>
#include <QString>

namespace Cuepoint::Core {

/// Writes @p bytes to @p path through a temporary file in the same folder that is renamed into
/// place, so readers see the old file or the whole new one, never a part. Unlike QSaveFile it
/// does not fsync: pictures and cache entries can be made again, and a sync per thumbnail
/// costs tens of milliseconds (cache entries carry a CRC, so a file torn by a power cut is
/// detected and rewritten). Returns false with a sentence in @p error.
bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString *error = nullptr);

} // namespace Cuepoint::Core
