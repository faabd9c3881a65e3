// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/media/ContentHash.h"

#include <QCryptographicHash>
#include <QFile>
#include <QtEndian>

namespace Cuepoint::Core {

namespace {

bool addRange(QCryptographicHash &hash, QFile &file, qint64 from, qint64 length)
{
    if (!file.seek(from)) {
        return false;
    }
    const QByteArray bytes = file.read(length);
    if (bytes.size() != length) {
        return false;
    }
    hash.addData(bytes);
    return true;
}

QString readError(const QString &path, const QFile &file)
{
    return QStringLiteral("%1 cannot be read: %2").arg(path, file.errorString());
}

} // namespace

QString ContentHash::ofFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = readError(path, file);
        }
        return {};
    }
    const qint64 size = file.size();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const quint64 le = qToLittleEndian(static_cast<quint64>(size));
    hash.addData(QByteArrayView(reinterpret_cast<const char *>(&le), sizeof le));
    bool ok = true;
    if (size <= 3 * kSampleBytes) {
        ok = addRange(hash, file, 0, size);
    } else {
        const qint64 middle = (size - kSampleBytes) / 2;
        ok = addRange(hash, file, 0, kSampleBytes) && addRange(hash, file, middle, kSampleBytes)
            && addRange(hash, file, size - kSampleBytes, kSampleBytes);
    }
    if (!ok) {
        if (error) {
            *error = readError(path, file);
        }
        return {};
    }
    return QStringLiteral("s1:") + QString::fromLatin1(hash.result().toHex());
}

} // namespace Cuepoint::Core
