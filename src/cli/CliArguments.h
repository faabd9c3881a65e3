// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineParser>
#include <QString>

namespace Cuepoint::Cli {

class CliContext;

/// Parses a command's @p args (args[0] is the command's name) with @p parser, which must have
/// a -h/--help option. Prints @p help and returns true when help was asked for; throws
/// CliExit(2) with the parser's message on a usage error.
bool parseOrShowHelp(
    CliContext &ctx, QCommandLineParser &parser, const QStringList &args, const QString &help);

/// The one file a media command works on; throws CliExit(2) for none or several.
QString singleFileArgument(const QCommandLineParser &parser);

/// A whole number from @p min to @p max given for @p option; throws CliExit(2) otherwise.
qint64 wholeNumberArgument(const QString &text, const char *option, qint64 min, qint64 max);

} // namespace Cuepoint::Cli
