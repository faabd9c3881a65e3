// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Cuepoint::Core {

/// The identity of a video's content, to recognise the same video under another name or in
/// another folder (a duplicate import, a moved file).
///
/// "s1:" + SHA-256 over the file size (8 bytes, little endian) and three 1 MiB samples: the
/// first, the middle and the last MiB (the whole file when it is at most 3 MiB). Reading 3 MiB
/// instead of the whole file keeps 200 imports fast on a slow synced folder; for videos it is
/// enough because two different encodes differ in their first MiB (the container header holds
/// the sample sizes and offsets of the whole file) and a re-encode changes the size; two
/// files that agree on the size and on all three samples are, for the library's purposes, the
/// same upload. The prefix names the scheme, so a later one can live beside it.
class ContentHash final
{
public:
    static constexpr qint64 kSampleBytes = 1024 * 1024;

    /// The hash of the file at @p path, or an empty string with a sentence in @p error.
    static QString ofFile(const QString &path, QString *error = nullptr);
};

} // namespace Cuepoint::Core
