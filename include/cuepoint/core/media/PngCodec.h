// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cuepoint/core/media/VideoFrame.h"

#include <QByteArray>
#include <QString>

#include <optional>

/// PNG files from and to VideoFrame (written with zlib, read with FFmpeg's PNG decoder), so
/// that neither the core nor the CLI needs QtGui's QImage.
namespace Cuepoint::Core::Png {

/// Encodes @p frame (either layout) as an 8-bit RGB PNG (the alpha channel of a VideoFrame is
/// always opaque, so it is dropped), "up" row filter, zlib level 2; a large picture is deflated
/// in bands on several threads. Returns an empty array with a sentence in @p error on failure.
QByteArray encode(const VideoFrame &frame, QString *error = nullptr);

/// Encodes @p frame and writes it to @p path atomically (a temporary file renamed into place),
/// so a reader never sees half a PNG. Returns false with a sentence in @p error.
bool write(const VideoFrame &frame, const QString &path, QString *error = nullptr);

/// Decodes a PNG (any bit depth and colour type FFmpeg reads) into an RGBA VideoFrame with
/// Kind::Exact and zero times. Returns std::nullopt with a sentence in @p error.
std::optional<VideoFrame> decode(const QByteArray &png, QString *error = nullptr);

} // namespace Cuepoint::Core::Png
