// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SingleInstance.h"

#include "AppLogging.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QThread>

namespace Cuepoint::App {

namespace {

const QString kActivate = QStringLiteral("activate");
constexpr char kOk[] = "ok\n";
/// A request is one short line; anything longer is not from Cuepoint.
constexpr qint64 kMaxRequestBytes = 1024 * 1024;
constexpr int kRetryDelayMs = 100;

} // namespace

SingleInstance::SingleInstance(const Core::Profile &profile, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_lock(profile.lockFilePath())
{
    // 0: never treat a live holder's lock as stale because of its age (a window runs for
    // days); a holder that has died is still recognised by its process id.
    m_lock.setStaleLockTime(0);
}

SingleInstance::~SingleInstance()
{
    if (m_server) {
        m_server->close();
    }
    if (m_lock.isLocked()) {
        m_lock.unlock();
    }
}

SingleInstance::Role SingleInstance::claim()
{
    if (m_lock.tryLock(0)) {
        m_role = Role::Primary;
        qCInfo(lcApp) << "holding the profile lock" << m_profile.lockFilePath();
        listen();
        return m_role;
    }
    switch (m_lock.error()) {
    case QLockFile::LockFailedError:
        m_role = Role::Secondary;
        qCInfo(lcApp).noquote() << "the profile is in use by" << lockHolder();
        break;
    case QLockFile::PermissionError:
        m_role = Role::Failed;
        m_error = tr("Cuepoint cannot create its lock file %1. Check that the profile folder "
                     "can be written.")
                      .arg(QDir::toNativeSeparators(m_profile.lockFilePath()));
        break;
    case QLockFile::NoError:
    case QLockFile::UnknownError:
        m_role = Role::Failed;
        m_error = tr("Cuepoint cannot lock its profile (%1).")
                      .arg(QDir::toNativeSeparators(m_profile.lockFilePath()));
        break;
    }
    return m_role;
}

bool SingleInstance::notifyPrimary(const QStringList &files, int timeoutMs, QString *error)
{
    const auto fail = [error](const QString &text) {
        if (error) {
            *error = text;
        }
        return false;
    };
    const QByteArray request =
        QJsonDocument(QJsonObject { { QStringLiteral("request"), kActivate },
                          { QStringLiteral("files"), QJsonArray::fromStringList(files) } })
            .toJson(QJsonDocument::Compact)
        + '\n';

    const QDeadlineTimer deadline(timeoutMs);
    const QString name = serverName(m_profile);
    QLocalSocket socket;
    // The primary takes its lock before it listens: during its start-up there is a moment
    // when the lock is held but nobody answers yet. Keep trying until the deadline.
    while (true) {
        socket.connectToServer(name);
        if (socket.waitForConnected(static_cast<int>(qMax<qint64>(1, deadline.remainingTime())))) {
            break;
        }
        if (deadline.hasExpired()) {
            return fail(tr("Cuepoint is already running with this profile (%1) but does not "
                           "answer.")
                            .arg(lockHolder()));
        }
        socket.abort();
        QThread::msleep(kRetryDelayMs);
    }
    socket.write(request);
    if (!socket.waitForBytesWritten(static_cast<int>(qMax<qint64>(1, deadline.remainingTime())))
        && socket.bytesToWrite() > 0) {
        return fail(tr("Cuepoint is already running with this profile, but the request to show "
                       "its window could not be sent: %1")
                        .arg(socket.errorString()));
    }
    QByteArray reply;
    while (!reply.contains('\n')) {
        if (!socket.waitForReadyRead(static_cast<int>(qMax<qint64>(1, deadline.remainingTime())))) {
            return fail(tr("Cuepoint is already running with this profile (%1) but did not "
                           "confirm the request to show its window.")
                            .arg(lockHolder()));
        }
        reply += socket.readAll();
    }
    socket.disconnectFromServer();
    if (reply != QByteArray(kOk)) {
        return fail(tr("Cuepoint is already running with this profile but refused the request "
                       "to show its window."));
    }
    return true;
}

bool SingleInstance::isListening() const
{
    return m_server && m_server->isListening();
}

QString SingleInstance::lockHolder() const
{
    qint64 pid = 0;
    QString host;
    QString app;
    if (!m_lock.getLockInfo(&pid, &host, &app)) {
        return {};
    }
    return tr("process %1 on %2").arg(pid).arg(host.isEmpty() ? tr("this computer") : host);
}

QString SingleInstance::serverName(const Core::Profile &profile)
{
    const QByteArray user =
        QCryptographicHash::hash(QDir::homePath().toUtf8(), QCryptographicHash::Sha256).toHex();
    return QStringLiteral("cuepoint-%1-%2").arg(profile.id(), QString::fromLatin1(user.left(8)));
}

void SingleInstance::listen()
{
    m_server = std::make_unique<QLocalServer>();
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server.get(), &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    const QString name = serverName(m_profile);
    if (!m_server->listen(name)) {
        // We hold the lock, so a socket of that name is a leftover of a process that died.
        QLocalServer::removeServer(name);
        if (!m_server->listen(name)) {
            qCWarning(lcApp).noquote()
                << "cannot listen for later launches on" << name << ":" << m_server->errorString();
            return;
        }
    }
    qCInfo(lcApp).noquote() << "listening for later launches on" << m_server->fullServerName();
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(
            socket, &QLocalSocket::readyRead, this, [this, socket] { onRequestReadable(socket); });
        onRequestReadable(socket);
    }
}

void SingleInstance::onRequestReadable(QLocalSocket *socket)
{
    if (!socket->canReadLine()) {
        if (socket->bytesAvailable() > kMaxRequestBytes) {
            qCWarning(lcApp) << "dropping an oversized request on the instance socket";
            socket->abort();
        }
        return;
    }
    const QByteArray line = socket->readLine(kMaxRequestBytes);
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    const QJsonObject object = document.object();
    if (parseError.error != QJsonParseError::NoError
        || object.value(QStringLiteral("request")).toString() != kActivate) {
        qCWarning(lcApp) << "ignoring an unknown request on the instance socket";
        socket->write("error\n");
        socket->disconnectFromServer();
        return;
    }
    QStringList files;
    for (const QJsonValue &value : object.value(QStringLiteral("files")).toArray()) {
        if (value.isString()) {
            files << value.toString();
        }
    }
    socket->write(kOk);
    socket->flush();
    socket->disconnectFromServer();
    qCInfo(lcApp) << "a later launch asked for the window" << files;
    Q_EMIT activationRequested(files);
}

} // namespace Cuepoint::App
