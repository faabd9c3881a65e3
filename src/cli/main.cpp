// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Commands.h"

#include "cuepoint/core/support/Logging.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Cuepoint"));
    QCoreApplication::setOrganizationName(QStringLiteral("Cuepoint"));
    Cuepoint::Core::Logging::installStderrHandler();

    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    const int code = Cuepoint::Cli::runCommandLine(arguments, out, err);
    out.flush();
    err.flush();
    return code;
}
