// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Commands.h"

#include "CliContext.h"

#include "cuepoint/core/support/Versions.h"

#include <exception>

namespace Cuepoint::Cli {

namespace {

constexpr Command kCommands[] = {
    { "doctor", "check the profile, its database and the libraries in use", &runDoctor },
    { "schedule", "schedule a video: --video FILE --at WHEN --account NAME --privacy LEVEL [...]",
        &runSchedule },
    { "list", "list the posts in time order [--from DATE] [--to DATE] [--json]", &runList },
    { "show", "a post, its accounts' states and journal: ID [--json]", &runShow },
    { "reschedule", "move a post to another time: ID --at WHEN [--tz ZONE]", &runReschedule },
    { "cancel", "cancel a post where it has not gone out yet: ID", &runCancel },
    { "approve", "approve a post that waits for approval: ID", &runApprove },
    { "retry", "schedule a failed or held post again: ID [--force]", &runRetry },
    { "run", "publish what is due, without a window, until stopped [--until-idle] [--json]",
        &runRun },
    { "validate", "check a video against TikTok's limits: FILE [--json] [--max-duration-sec N]",
        &runValidate },
    { "frame", "write the exact frame at a time as PNG: FILE --at-ms N --out OUT.png", &runFrame },
    { "thumbnails", "write N evenly spaced thumbnails: FILE --count N --out DIR [--exact]",
        &runThumbnails },
    { "account", "TikTok accounts: connect [--no-browser] | list [--json] | disconnect NAME",
        &runAccount },
    { "library", "the media library: import PATH... [--copy] | list [--json]", &runLibrary },
    { "share",
        "review links: --account NAME [--from DATE] [--to DATE] [--days N] | list | revoke ID",
        &runShare },
};

void printHelp(QTextStream &out)
{
    out << "Usage: cuepoint-cli [--profile DIR] COMMAND [OPTIONS]\n\n"
        << "Plan, validate and publish TikTok videos from a terminal.\n\n"
        << "Commands:\n";
    for (const Command &command : kCommands) {
        out << QStringLiteral("  %1 %2\n")
                   .arg(QLatin1String(command.name), -12)
                   .arg(QLatin1String(command.synopsis));
    }
    out << "\nOptions:\n"
        << "  --profile DIR  use the profile in DIR (default: $CUEPOINT_PROFILE or the user's "
           "data folder)\n"
        << "  --version      print the version and exit\n"
        << "  --help         print this help and exit\n\n"
        << "Run 'cuepoint-cli COMMAND --help' for a command's options.\n"
        << "Exit codes: 0 success, 1 the command found problems, 2 usage or input error.\n";
}

} // namespace

std::span<const Command> commands()
{
    return kCommands;
}

int runCommandLine(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QString profileDir;
    QStringList rest;
    // Global options come before the command; everything from the command on is its own.
    int i = 0;
    for (; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--version")) {
            out << "cuepoint-cli " << Core::cuepointVersion() << '\n';
            return ExitSuccess;
        }
        if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            printHelp(out);
            return ExitSuccess;
        }
        if (arg == QLatin1String("--profile") || arg.startsWith(QLatin1String("--profile="))) {
            if (arg.contains(QLatin1Char('='))) {
                profileDir = arg.section(QLatin1Char('='), 1);
            } else if (i + 1 < arguments.size()) {
                profileDir = arguments.at(++i);
            }
            if (profileDir.isEmpty()) {
                err << "cuepoint-cli: --profile needs a folder\n";
                return ExitUsage;
            }
            continue;
        }
        if (arg.startsWith(QLatin1Char('-'))) {
            err << "cuepoint-cli: unknown option " << arg << " (see cuepoint-cli --help)\n";
            return ExitUsage;
        }
        break;
    }
    rest = arguments.mid(i);
    if (rest.isEmpty()) {
        printHelp(err);
        return ExitUsage;
    }
    const QString name = rest.first();
    for (const Command &command : kCommands) {
        if (name != QLatin1String(command.name)) {
            continue;
        }
        try {
            CliContext ctx(out, err, profileDir);
            const int code = command.run(ctx, rest);
            out.flush();
            return code;
        } catch (const CliExit &exit) {
            out.flush();
            err << "cuepoint-cli " << name << ": " << exit.message << '\n';
            return exit.code;
        } catch (const std::exception &e) {
            out.flush();
            err << "cuepoint-cli " << name << ": " << QString::fromUtf8(e.what()) << '\n';
            return ExitProblems;
        }
    }
    err << "cuepoint-cli: unknown command '" << name << "' (see cuepoint-cli --help)\n";
    return ExitUsage;
}

} // namespace Cuepoint::Cli
