// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandLine.h"

#include "cuepoint/core/support/Versions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

#include <cstring>

namespace Cuepoint::App {

namespace {

struct Parser
{
    Parser()
        : profile(QStringLiteral("profile"),
            QCoreApplication::translate("CommandLine",
                "Keep the whole profile (database, settings, logs, "
                "caches) in <dir> instead of the user's data "
                "folder. Default: $CUEPOINT_PROFILE if set."),
            QCoreApplication::translate("CommandLine", "dir"))
    {
        parser.setApplicationDescription(QCoreApplication::translate(
            "CommandLine", "Plan, validate and publish TikTok videos."));
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOption(profile);
        parser.addPositionalArgument(QStringLiteral("files"),
            QCoreApplication::translate("CommandLine",
                "Video files to open (a running Cuepoint on the same "
                "profile is brought to the front instead)."),
            QStringLiteral("[file...]"));
    }

    QCommandLineParser parser;
    QCommandLineOption profile;
};

} // namespace

CommandLine CommandLine::parse(const QStringList &arguments)
{
    Parser p;
    CommandLine result;
    if (!p.parser.parse(arguments)) {
        result.action = Action::UsageError;
        result.error = p.parser.errorText();
        return result;
    }
    if (p.parser.isSet(QStringLiteral("help"))) {
        result.action = Action::ShowHelp;
        return result;
    }
    if (p.parser.isSet(QStringLiteral("version"))) {
        result.action = Action::ShowVersion;
        return result;
    }
    if (p.parser.isSet(p.profile)) {
        result.profileDir = p.parser.value(p.profile);
        if (result.profileDir.trimmed().isEmpty()) {
            result.action = Action::UsageError;
            result.error = QCoreApplication::translate("CommandLine", "--profile needs a folder.");
            return result;
        }
    }
    for (const QString &file : p.parser.positionalArguments()) {
        result.files << QFileInfo(file).absoluteFilePath();
    }
    return result;
}

bool CommandLine::isInformational(int argc, const char *const *argv)
{
    for (int i = 1; i < argc; ++i) {
        const char *arg = argv[i];
        if (std::strcmp(arg, "--") == 0) {
            return false;
        }
        for (const char *flag :
            { "-h", "--help", "-help", "-?", "--help-all", "-v", "--version", "-version" }) {
            if (std::strcmp(arg, flag) == 0) {
                return true;
            }
        }
    }
    return false;
}

QString CommandLine::helpText()
{
    Parser p;
    return p.parser.helpText();
}

QString CommandLine::versionText()
{
    QString text = QStringLiteral("Cuepoint %1\n").arg(Core::cuepointVersion());
    for (const Core::LibraryVersion &library : Core::libraryVersions()) {
        text += QStringLiteral("  %1 %2\n").arg(library.name, library.version);
    }
    return text;
}

} // namespace Cuepoint::App
