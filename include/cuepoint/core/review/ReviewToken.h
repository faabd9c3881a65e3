// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

namespace Cuepoint::Core {

/// The secret of a review link: 128 bits from the system's cryptographic random generator,
/// written as 32 lowercase hex characters. It appears once, in the link shown to the user
/// (`http://HOST:PORT/r/<token>`); the database keeps only reviewTokenHash() of it.
QString generateReviewToken();

/// Whether @p token has the shape generateReviewToken() produces (32 lowercase hex characters).
/// Anything else is refused before it is hashed or looked up.
bool isWellFormedReviewToken(QStringView token);

/// The hex SHA-256 of the token's ASCII characters: what ReviewLink::tokenHash stores.
QString reviewTokenHash(QStringView token);

} // namespace Cuepoint::Core
