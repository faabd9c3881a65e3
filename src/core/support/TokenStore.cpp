// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/support/TokenStore.h"

#include "cuepoint/core/support/Logging.h"
#include "cuepoint/core/support/Profile.h"

#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QMutex>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Cuepoint::Core {

namespace {

const QString kService = QStringLiteral("Cuepoint");
constexpr int kKeychainTimeoutMs = 15000;

// One process may have several stores on the same file (window + engine threads).
QMutex g_fileMutex;

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

/// Reads the token file; a missing file is an empty map. Tightens loose permissions, since
/// a token file that others can read must not stay so.
bool loadFile(const QString &path, QJsonObject *out, QString *error)
{
    QFile file(path);
    if (!file.exists()) {
        *out = {};
        return true;
    }
    const QFileDevice::Permissions loose =
        QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther;
    if (file.permissions() & loose) {
        qCWarning(lcSupport).noquote()
            << "the token file" << path << "was readable by others; restricting it to its owner";
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Cannot read the token file %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parse {};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parse);
    if (parse.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("The token file %1 is damaged; reconnect your TikTok accounts "
                                "(move the file away first).")
                     .arg(path);
        return false;
    }
    *out = doc.object();
    return true;
}

/// Writes the whole map to a new 0600 file and renames it over the old one, so a crash
/// leaves either the old or the new file, and the secret is never in a readable file.
bool saveFile(const QString &path, const QJsonObject &map, QString *error)
{
    const QByteArray data = QJsonDocument(map).toJson(QJsonDocument::Compact);
    const QByteArray tmp = QFile::encodeName(path + QStringLiteral(".tmp"));
    ::unlink(tmp.constData());
    const int fd =
        ::open(tmp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0) {
        *error = QStringLiteral("Cannot write the token file %1: %2").arg(path, errnoText());
        return false;
    }
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n =
            ::write(fd, data.constData() + written, static_cast<size_t>(data.size() - written));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            *error = QStringLiteral("Cannot write the token file %1: %2").arg(path, errnoText());
            ::close(fd);
            ::unlink(tmp.constData());
            return false;
        }
        written += n;
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced || ::rename(tmp.constData(), QFile::encodeName(path).constData()) != 0) {
        *error = QStringLiteral("Cannot save the token file %1: %2").arg(path, errnoText());
        ::unlink(tmp.constData());
        return false;
    }
    return true;
}

/// Runs a QtKeychain job to completion in a local event loop (works in any thread).
bool runJob(QKeychain::Job &job, QString *error)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(kKeychainTimeoutMs, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() == QKeychain::NoError) {
        return true;
    }
    if (error) {
        *error = job.errorString();
    }
    return false;
}

} // namespace

FileTokenStore::FileTokenStore(QString path)
    : m_path(std::move(path))
{
}

QString FileTokenStore::description() const
{
    return QStringLiteral("file (%1, owner-only)").arg(m_path);
}

bool FileTokenStore::load(QJsonObject *out, QString *error)
{
    struct stat st
    {
    };
    const QByteArray native = QFile::encodeName(m_path);
    if (::stat(native.constData(), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)) == 0) {
        const qint64 modifiedNs =
            static_cast<qint64>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
        if (m_snapshot && m_snapshot->inode == static_cast<quint64>(st.st_ino)
            && m_snapshot->size == static_cast<qint64>(st.st_size)
            && m_snapshot->modifiedNs == modifiedNs) {
            *out = m_snapshot->map;
            return true;
        }
        if (!loadFile(m_path, out, error)) {
            m_snapshot.reset();
            return false;
        }
        m_snapshot = Snapshot { static_cast<quint64>(st.st_ino), static_cast<qint64>(st.st_size),
            modifiedNs, *out };
        return true;
    }
    // Missing, or readable by others (loadFile tightens it): read without keeping anything.
    m_snapshot.reset();
    return loadFile(m_path, out, error);
}

TokenStore::ReadResult FileTokenStore::read(const QString &key)
{
    QMutexLocker lock(&g_fileMutex);
    ReadResult result;
    QJsonObject map;
    if (!load(&map, &result.error)) {
        result.status = ReadResult::Status::Error;
        return result;
    }
    if (!map.contains(key)) {
        return result;
    }
    result.status = ReadResult::Status::Found;
    result.secret = QByteArray::fromBase64(map.value(key).toString().toLatin1());
    return result;
}

bool FileTokenStore::write(const QString &key, const QByteArray &secret, QString *error)
{
    QMutexLocker lock(&g_fileMutex);
    // Another process (the CLI while the window runs) may write too: serialise with a lock file.
    QLockFile fileLock(m_path + QStringLiteral(".lock"));
    if (!fileLock.tryLock(5000)) {
        *error =
            QStringLiteral("The token file %1 is locked by another Cuepoint process.").arg(m_path);
        return false;
    }
    QJsonObject map;
    if (!loadFile(m_path, &map, error)) {
        return false;
    }
    map.insert(key, QString::fromLatin1(secret.toBase64()));
    return saveFile(m_path, map, error);
}

bool FileTokenStore::remove(const QString &key, QString *error)
{
    QMutexLocker lock(&g_fileMutex);
    QLockFile fileLock(m_path + QStringLiteral(".lock"));
    if (!fileLock.tryLock(5000)) {
        *error =
            QStringLiteral("The token file %1 is locked by another Cuepoint process.").arg(m_path);
        return false;
    }
    QJsonObject map;
    if (!loadFile(m_path, &map, error)) {
        return false;
    }
    if (!map.contains(key)) {
        return true;
    }
    map.remove(key);
    return saveFile(m_path, map, error);
}

KeychainTokenStore::KeychainTokenStore(QString profileId)
    : m_profileId(std::move(profileId))
{
}

QString KeychainTokenStore::description() const
{
    return QStringLiteral("keychain (service \"%1\")").arg(kService);
}

QString KeychainTokenStore::entryName(const QString &key) const
{
    return m_profileId + QLatin1Char('/') + key;
}

TokenStore::ReadResult KeychainTokenStore::read(const QString &key)
{
    QKeychain::ReadPasswordJob job(kService);
    job.setKey(entryName(key));
    ReadResult result;
    QString error;
    if (runJob(job, &error)) {
        result.status = ReadResult::Status::Found;
        result.secret = job.binaryData();
    } else if (job.error() == QKeychain::EntryNotFound) {
        result.status = ReadResult::Status::NotFound;
    } else {
        result.status = ReadResult::Status::Error;
        result.error = QStringLiteral("The keychain did not answer: %1").arg(error);
    }
    return result;
}

bool KeychainTokenStore::write(const QString &key, const QByteArray &secret, QString *error)
{
    QKeychain::WritePasswordJob job(kService);
    job.setKey(entryName(key));
    job.setBinaryData(secret);
    QString why;
    if (runJob(job, &why)) {
        return true;
    }
    *error = QStringLiteral("Cannot store the token in the keychain: %1").arg(why);
    return false;
}

bool KeychainTokenStore::remove(const QString &key, QString *error)
{
    QKeychain::DeletePasswordJob job(kService);
    job.setKey(entryName(key));
    QString why;
    if (runJob(job, &why) || job.error() == QKeychain::EntryNotFound) {
        return true;
    }
    *error = QStringLiteral("Cannot remove the token from the keychain: %1").arg(why);
    return false;
}

bool KeychainTokenStore::isAvailable(QString *why)
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        if (why) {
            *why = QStringLiteral("no D-Bus session bus, so no Secret Service or KWallet");
        }
        return false;
    }
#endif
    // Reading an entry that does not exist tells whether a backend answers at all.
    QKeychain::ReadPasswordJob job(kService);
    job.setKey(QStringLiteral("cuepoint-probe"));
    QString error;
    if (runJob(job, &error) || job.error() == QKeychain::EntryNotFound) {
        return true;
    }
    if (why) {
        *why = error.isEmpty() ? QStringLiteral("the keychain did not answer") : error;
    }
    return false;
}

std::unique_ptr<TokenStore> createTokenStore(const Profile &profile, QString *note)
{
    const QString forced = qEnvironmentVariable("CUEPOINT_TOKEN_STORE").trimmed().toLower();
    const auto say = [note](const QString &text) {
        if (note) {
            *note = text;
        }
    };
    if (forced == QLatin1String("file")) {
        say(QStringLiteral("chosen by CUEPOINT_TOKEN_STORE=file"));
        return std::make_unique<FileTokenStore>(profile.tokenFilePath());
    }
    if (forced == QLatin1String("keychain")) {
        say(QStringLiteral("chosen by CUEPOINT_TOKEN_STORE=keychain"));
        return std::make_unique<KeychainTokenStore>(profile.id());
    }
    if (!forced.isEmpty()) {
        qCWarning(lcSupport).noquote() << "CUEPOINT_TOKEN_STORE must be keychain or file, not"
                                       << forced << "- choosing automatically";
    }
    QString why;
    if (KeychainTokenStore::isAvailable(&why)) {
        say(QStringLiteral("the system keychain answers"));
        return std::make_unique<KeychainTokenStore>(profile.id());
    }
    say(QStringLiteral("no keychain: %1").arg(why));
    return std::make_unique<FileTokenStore>(profile.tokenFilePath());
}

} // namespace Cuepoint::Core
