// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace Cuepoint::App {

/// The window program's command line:
///   cuepoint [--profile DIR] [FILE...]
///   cuepoint --version | --help
struct CommandLine
{
    enum class Action {
        Run, ///< open the window (or hand over to the one already open)
        ShowVersion,
        ShowHelp,
        UsageError, ///< error says what is wrong
    };

    Action action = Action::Run;
    /// From --profile; empty means CUEPOINT_PROFILE, else the user's data folder.
    QString profileDir;
    /// Video files named on the command line, as absolute paths (a second launch forwards
    /// them to the first, whose working folder may differ).
    QStringList files;
    QString error;

    /// Parses @p arguments (the first one is the program, as QCoreApplication::arguments()).
    /// Qt's own options (-platform, -style, ...) must have been removed already.
    static CommandLine parse(const QStringList &arguments);

    /// Whether the raw @p argv asks only for --version or --help, which main() answers
    /// without a display (before any QApplication exists).
    static bool isInformational(int argc, const char *const *argv);

    /// The text of --help (needs a QCoreApplication for the program's name).
    static QString helpText();
    /// The text of --version: Cuepoint's version and the libraries it runs on.
    static QString versionText();
};

} // namespace Cuepoint::App
