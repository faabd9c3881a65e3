// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QTextStream>

#include <span>

namespace Cuepoint::Cli {

class CliContext;

/// A subcommand. @p args starts with the command's own name, like argv.
using CommandFunction = int (*)(CliContext &ctx, const QStringList &args);

struct Command
{
    const char *name;
    const char *synopsis; ///< one line for `cuepoint-cli --help`
    CommandFunction run;
};

/// Every subcommand, in the order `--help` lists them.
std::span<const Command> commands();

/// Runs the whole command line (argv without the program name), catching every error so
/// that the process always ends with a message and one of the documented exit codes.
int runCommandLine(const QStringList &arguments, QTextStream &out, QTextStream &err);

// One function per command, each in its own <Name>Command.cpp.
int runDoctor(CliContext &ctx, const QStringList &args);
int runList(CliContext &ctx, const QStringList &args);
int runValidate(CliContext &ctx, const QStringList &args);
int runFrame(CliContext &ctx, const QStringList &args);
int runThumbnails(CliContext &ctx, const QStringList &args);
int runAccount(CliContext &ctx, const QStringList &args);
// Scheduling (issue: Publishing): ScheduleCommand.cpp, PostCommands.cpp.
int runSchedule(CliContext &ctx, const QStringList &args);
int runShow(CliContext &ctx, const QStringList &args);
int runReschedule(CliContext &ctx, const QStringList &args);
int runCancel(CliContext &ctx, const QStringList &args);
int runApprove(CliContext &ctx, const QStringList &args);
int runRetry(CliContext &ctx, const QStringList &args);
/// Review links (issue: Review links 7/7): ShareCommand.cpp.
int runShare(CliContext &ctx, const QStringList &args);
/// The publishing engine without a window (RunCommand.cpp).
int runRun(CliContext &ctx, const QStringList &args);
/// The media library: import and list (LibraryCommand.cpp).
int runLibrary(CliContext &ctx, const QStringList &args);

} // namespace Cuepoint::Cli
