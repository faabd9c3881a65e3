// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The window program. Everything but the QApplication lives in Application (src/app), which
// the GUI tests drive in-process.
#include "Application.h"
#include "CommandLine.h"

#include "cuepoint/core/support/Versions.h"

#include <QApplication>
#include <QTextStream>

#include <optional>

namespace {

void setIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("Cuepoint"));
    QCoreApplication::setOrganizationName(QStringLiteral("Cuepoint"));
    QCoreApplication::setApplicationVersion(Cuepoint::Core::cuepointVersion());
}

} // namespace

int main(int argc, char *argv[])
{
    // Before anything else: from here on the process may hold OAuth tokens.
    Cuepoint::App::Application::disableCoreDumps();

    if (Cuepoint::App::CommandLine::isInformational(argc, argv)) {
        // --help and --version work without a display (on a server, in CI).
        QCoreApplication app(argc, argv);
        setIdentity();
        QTextStream out(stdout);
        QTextStream err(stderr);
        return Cuepoint::App::Application::printInformation(
            QCoreApplication::arguments(), out, err);
    }

    QApplication app(argc, argv);
    setIdentity();
    QGuiApplication::setDesktopFileName(QStringLiteral("io.cuepoint.Cuepoint"));

    Cuepoint::App::Application cuepoint;
    if (const std::optional<int> code = cuepoint.start(QCoreApplication::arguments())) {
        return *code;
    }
    return QApplication::exec();
}
