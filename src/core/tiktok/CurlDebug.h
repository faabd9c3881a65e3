// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace Cuepoint::Core::CurlDebug {

/// What libcurl's debug hook may log of a header block or info text: the Authorization header
/// (and any proxy authorization) replaced by "[redacted]", and token, secret and code values
/// in URLs and forms hidden. Bodies are never passed here: they are not logged at all.
QByteArray redact(const QByteArray &text);

} // namespace Cuepoint::Core::CurlDebug
