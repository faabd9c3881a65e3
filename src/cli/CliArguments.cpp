// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliArguments.h"

#include "CliContext.h"

namespace Cuepoint::Cli {

bool parseOrShowHelp(
    CliContext &ctx, QCommandLineParser &parser, const QStringList &args, const QString &help)
{
    if (!parser.parse(args)) {
        throw CliExit { ExitUsage, parser.errorText() + QStringLiteral(" (see --help)") };
    }
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out() << help;
        return true;
    }
    return false;
}

QString singleFileArgument(const QCommandLineParser &parser)
{
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1) {
        throw CliExit { ExitUsage,
            files.isEmpty() ? QStringLiteral("which file? (see --help)")
                            : QStringLiteral("give one file at a time (see --help)") };
    }
    return files.first();
}

qint64 wholeNumberArgument(const QString &text, const char *option, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max) {
        throw CliExit { ExitUsage,
            QStringLiteral("%1 needs a whole number from %2 to %3, not '%4'")
                .arg(QLatin1String(option))
                .arg(min)
                .arg(max)
                .arg(text) };
    }
    return value;
}

} // namespace Cuepoint::Cli
