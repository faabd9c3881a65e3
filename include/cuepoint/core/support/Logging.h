// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>
#include <QString>

/// One category per module (enable with QT_LOGGING_RULES, e.g. "cuepoint.media.*.debug=true").
Q_DECLARE_LOGGING_CATEGORY(lcStorage) // cuepoint.storage.sqlite
Q_DECLARE_LOGGING_CATEGORY(lcSupport) // cuepoint.core.support
Q_DECLARE_LOGGING_CATEGORY(lcMedia) // cuepoint.media.ffmpeg
Q_DECLARE_LOGGING_CATEGORY(lcTikTok) // cuepoint.tiktok.http
Q_DECLARE_LOGGING_CATEGORY(lcPublish) // cuepoint.core.scheduler
Q_DECLARE_LOGGING_CATEGORY(lcCli) // cuepoint.cli

namespace Cuepoint::Core::Logging {

/// Prints warnings and errors on stderr (debug and info too when their rules enable them).
/// Used by the CLI until a profile is known.
void installStderrHandler();

/// Sends every message to a rotating log file `<logsDir>/<baseName>.log` (rotated at
/// @p maxBytes, keeping @p keepFiles old files), and warnings and errors also to stderr when
/// @p echoWarnings is set. Every line is passed through redactSecrets() first.
/// Returns false with a sentence in @p error when the folder cannot be written.
bool installFileLogger(const QString &logsDir, const QString &baseName, QString *error,
    bool echoWarnings = true, qint64 maxBytes = 5 * 1024 * 1024, int keepFiles = 4);

/// Removes the file logger again (tests; the programs keep it until they exit).
void uninstallFileLogger();

/// Hides anything that looks like a credential: bearer tokens, and the values of
/// access_token, refresh_token, client_secret, code_verifier and code parameters in URLs,
/// forms and JSON. Tokens must never reach a log even when a caller forgets.
QString redactSecrets(const QString &message);

} // namespace Cuepoint::Core::Logging
