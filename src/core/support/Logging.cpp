// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/support/Logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QMutex>
#include <QRegularExpression>

#include <cstdio>
#include <memory>

Q_LOGGING_CATEGORY(lcStorage, "cuepoint.storage.sqlite", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSupport, "cuepoint.core.support", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMedia, "cuepoint.media.ffmpeg", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTikTok, "cuepoint.tiktok.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPublish, "cuepoint.core.scheduler", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "cuepoint.cli", QtInfoMsg)

namespace Cuepoint::Core::Logging {

namespace {

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "?";
}

QString formatLine(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    return QStringLiteral("%1 %2 %3: %4\n")
        .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs),
            QLatin1String(levelName(type)),
            QLatin1String(context.category ? context.category : "default"), redactSecrets(message));
}

void stderrHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtDebugMsg || type == QtInfoMsg) {
        // Reaching here means a logging rule enabled the category: print it.
    }
    const QByteArray line = formatLine(type, context, message).toLocal8Bit();
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
    std::fflush(stderr);
}

/// Appends to <dir>/<base>.log; when it passes maxBytes, base.log becomes base.1.log and the
/// older ones shift up, the oldest beyond keepFiles being deleted.
class RotatingFile
{
public:
    RotatingFile(QString dir, QString base, qint64 maxBytes, int keep, bool echo)
        : m_dir(std::move(dir))
        , m_base(std::move(base))
        , m_maxBytes(maxBytes)
        , m_keep(keep)
        , m_echo(echo)
    {
    }

    bool open(QString *error)
    {
        m_file.setFileName(pathFor(0));
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
            if (error) {
                *error = QStringLiteral("Cannot write the log file %1: %2")
                             .arg(m_file.fileName(), m_file.errorString());
            }
            return false;
        }
        m_file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        return true;
    }

    void write(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        const QByteArray line = formatLine(type, context, message).toUtf8();
        QMutexLocker lock(&m_mutex);
        if (m_file.size() + line.size() > m_maxBytes) {
            rotate();
        }
        m_file.write(line);
        m_file.flush();
        if (m_echo && type != QtDebugMsg && type != QtInfoMsg) {
            std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
        }
    }

private:
    QString pathFor(int index) const
    {
        return index == 0 ? QStringLiteral("%1/%2.log").arg(m_dir, m_base)
                          : QStringLiteral("%1/%2.%3.log").arg(m_dir, m_base).arg(index);
    }

    void rotate()
    {
        m_file.close();
        QFile::remove(pathFor(m_keep));
        for (int i = m_keep - 1; i >= 0; --i) {
            if (QFile::exists(pathFor(i))) {
                QFile::rename(pathFor(i), pathFor(i + 1));
            }
        }
        m_file.setFileName(pathFor(0));
        if (m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
            m_file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        }
    }

    QString m_dir;
    QString m_base;
    qint64 m_maxBytes;
    int m_keep;
    bool m_echo;
    QMutex m_mutex;
    QFile m_file;
};

std::unique_ptr<RotatingFile> g_file;

void fileHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (g_file) {
        g_file->write(type, context, message);
    } else {
        stderrHandler(type, context, message);
    }
}

} // namespace

void installStderrHandler()
{
    qInstallMessageHandler(&stderrHandler);
}

bool installFileLogger(const QString &logsDir, const QString &baseName, QString *error,
    bool echoWarnings, qint64 maxBytes, int keepFiles)
{
    if (!QDir().mkpath(logsDir)) {
        if (error) {
            *error = QStringLiteral("Cannot create the log folder %1.").arg(logsDir);
        }
        return false;
    }
    auto file =
        std::make_unique<RotatingFile>(logsDir, baseName, maxBytes, keepFiles, echoWarnings);
    if (!file->open(error)) {
        return false;
    }
    qInstallMessageHandler(nullptr);
    g_file = std::move(file);
    qInstallMessageHandler(&fileHandler);
    return true;
}

void uninstallFileLogger()
{
    qInstallMessageHandler(&stderrHandler);
    g_file.reset();
}

QString redactSecrets(const QString &message)
{
    static const QRegularExpression bearer(
        QStringLiteral(R"re((Bearer\s+)[^\s"',;]+)re"), QRegularExpression::CaseInsensitiveOption);
    // key=value (URLs, forms) and "key": "value" (JSON)
    static const QRegularExpression keyed(
        QStringLiteral(R"re(((?:access_token|refresh_token|client_secret|code_verifier|)re"
                       R"re(\btoken|\bsecret|password)"?\s*[=:]\s*"?)[^&\s"',}]+)re"),
        QRegularExpression::CaseInsensitiveOption);
    // The OAuth authorization code travels only as a query or form parameter.
    static const QRegularExpression authCode(QStringLiteral(R"re(([?&]code=)[^&\s"']+)re"));
    QString out = message;
    out.replace(bearer, QStringLiteral("\\1[redacted]"));
    out.replace(keyed, QStringLiteral("\\1[redacted]"));
    out.replace(authCode, QStringLiteral("\\1[redacted]"));
    return out;
}

} // namespace Cuepoint::Core::Logging
