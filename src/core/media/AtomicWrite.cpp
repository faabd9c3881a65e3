// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AtomicWrite.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <cstdio>

namespace Cuepoint::Core {

bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString *error)
{
    const QFileInfo info(path);
    QTemporaryFile file(
        info.absolutePath() + QStringLiteral("/.") + info.fileName() + QStringLiteral(".XXXXXX"));
    const auto fail = [&](const QString &reason) {
        if (error) {
            *error = QStringLiteral("Cannot write %1 (%2).").arg(path, reason);
        }
        return false;
    };
    if (!file.open()) {
        return fail(file.errorString());
    }
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        return fail(file.errorString());
    }
    // Readable like any file the user creates (QTemporaryFile makes it owner-only).
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
        | QFileDevice::ReadOther);
    file.close();
    const QByteArray from = QFile::encodeName(file.fileName());
    const QByteArray to = QFile::encodeName(info.absoluteFilePath());
    // std::rename replaces the target atomically on POSIX; Windows refuses an existing target.
    if (std::rename(from.constData(), to.constData()) != 0) {
        QFile::remove(info.absoluteFilePath());
        if (std::rename(from.constData(), to.constData()) != 0) {
            return fail(QStringLiteral("the file cannot be replaced"));
        }
    }
    file.setAutoRemove(false);
    return true;
}

} // namespace Cuepoint::Core
