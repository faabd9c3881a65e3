// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `cuepoint-cli doctor`: is this profile healthy, and what is Cuepoint running on?
#include "CliContext.h"
#include "CliJson.h"
#include "Commands.h"

#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/support/TokenStore.h"
#include "cuepoint/core/support/Versions.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>

namespace Cuepoint::Cli {

using nlohmann::json;

int runDoctor(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Checks the profile, its database and the "
                                                    "libraries Cuepoint runs on."));
    parser.addHelpOption();
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("print JSON"));
    parser.addOption(jsonOption);
    if (!parser.parse(args)) {
        return ctx.fail(ExitUsage, QStringLiteral("cuepoint-cli doctor: ") + parser.errorText());
    }
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out() << parser.helpText();
        return ExitSuccess;
    }

    QStringList problems;
    json report;
    const Core::Profile &profile = ctx.profile();
    report["profile"] = str(profile.rootDir());

    // The database: opening it migrates it; the full integrity check follows.
    json db { { "path", str(profile.databasePath()) } };
    QString sqliteVersion;
    try {
        Core::Database &database = ctx.database();
        const Core::Database::IntegrityReport integrity = database.checkIntegrity();
        db["schema_version"] = database.schemaVersion();
        db["latest_schema_version"] = Core::Database::latestSchemaVersion();
        db["integrity"] = integrity.ok ? "ok" : "damaged";
        for (const QString &p : integrity.problems) {
            problems << QStringLiteral("database: %1").arg(p);
        }
        sqliteVersion = database.sqliteVersion();
    } catch (const CliExit &e) {
        db["integrity"] = "unusable";
        db["error"] = str(e.message);
        problems << e.message;
    }
    report["database"] = db;

    // The token store: which one, and can it be used?
    QString note;
    const std::unique_ptr<Core::TokenStore> tokens = Core::createTokenStore(profile, &note);
    json tokenReport { { "store", str(tokens->description()) }, { "reason", str(note) } };
    const Core::TokenStore::ReadResult probe = tokens->read(QStringLiteral("cuepoint-doctor"));
    if (probe.status == Core::TokenStore::ReadResult::Status::Error) {
        problems << QStringLiteral("token store: %1").arg(probe.error);
        tokenReport["error"] = str(probe.error);
    }
    const QFileInfo tokenFile(profile.tokenFilePath());
    if (tokenFile.exists()) {
        const auto loose =
            QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther;
        if (QFile::permissions(tokenFile.filePath()) & loose) {
            problems << QStringLiteral("the token file %1 can be read by other users")
                            .arg(tokenFile.filePath());
        }
    }
    report["token_store"] = tokenReport;

    const QList<Core::LibraryVersion> versions = Core::libraryVersions();
    json libraries = json::object();
    for (const Core::LibraryVersion &lib : versions) {
        libraries[str(lib.name)] = str(lib.version);
    }
    libraries["SQLite"] = sqliteVersion.isEmpty() ? json(nullptr) : json(str(sqliteVersion));
    report["cuepoint"] = str(Core::cuepointVersion());
    report["libraries"] = libraries;
    json problemList = json::array();
    for (const QString &p : problems) {
        problemList.push_back(str(p));
    }
    report["problems"] = problemList;
    report["healthy"] = problems.isEmpty();

    if (parser.isSet(jsonOption)) {
        printJson(ctx.out(), report);
    } else {
        QTextStream &out = ctx.out();
        const auto row = [&out](const QString &label, const QString &value) {
            out << QStringLiteral("%1 %2\n").arg(label + QLatin1Char(':'), -13).arg(value);
        };
        row(QStringLiteral("Cuepoint"), Core::cuepointVersion());
        row(QStringLiteral("Profile"), profile.rootDir());
        if (db.contains("schema_version")) {
            row(QStringLiteral("Database"),
                QStringLiteral("%1 (schema %2 of %3, integrity %4)")
                    .arg(profile.databasePath())
                    .arg(db["schema_version"].get<int>())
                    .arg(Core::Database::latestSchemaVersion())
                    .arg(QString::fromStdString(db["integrity"].get<std::string>())));
        } else {
            row(QStringLiteral("Database"),
                QStringLiteral("%1 (unusable)").arg(profile.databasePath()));
        }
        row(QStringLiteral("Token store"),
            QStringLiteral("%1; %2").arg(tokens->description(), note));
        for (const Core::LibraryVersion &lib : versions) {
            row(lib.name, lib.version);
        }
        row(QStringLiteral("SQLite"),
            sqliteVersion.isEmpty() ? QStringLiteral("?") : sqliteVersion);
        if (problems.isEmpty()) {
            out << "\nThe profile is healthy.\n";
        } else {
            out << "\nProblems:\n";
            for (const QString &p : problems) {
                out << "  - " << p << '\n';
            }
        }
    }
    return problems.isEmpty() ? ExitSuccess : ExitProblems;
}

} // namespace Cuepoint::Cli
