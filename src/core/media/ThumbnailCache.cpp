// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ThumbnailCache.h"

#include "AtomicWrite.h"

#include "cuepoint/core/media/ThumbnailStrip.h"
#include "cuepoint/core/support/Logging.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>

extern "C" {
#include <libavutil/crc.h>
}

namespace Cuepoint::Core {

namespace {

constexpr quint32 kMagic = 0x43505448; // "CPTH"
// Bump when the layout or what a picture looks like changes (scaler, colour handling).
constexpr quint32 kVersion = 1;
constexpr qint64 kSampleBytes = 1024 * 1024;
// magic, version, width, height, stride, kind, pts, ptsMs, coverTimestampMs; then the CRC.
constexpr int kHeaderBytes = 4 + 4 + 4 * 3 + 1 + 8 * 3;
constexpr int kMaxSide = 16384;

quint32 crc32(const char *data, qsizetype size, quint32 crc = 0)
{
    return av_crc(av_crc_get_table(AV_CRC_32_IEEE_LE), crc, reinterpret_cast<const uint8_t *>(data),
        static_cast<size_t>(size));
}

} // namespace

ThumbnailCache::ThumbnailCache(const QString &dir)
    : m_dir(dir)
{
    if (!m_dir.isEmpty() && !QDir().mkpath(m_dir)) {
        qCWarning(lcMedia) << "thumbnail cache disabled: cannot create" << m_dir;
        m_dir.clear();
    }
}

QByteArray ThumbnailCache::contentKey(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QFileInfo info(file);
    const qint64 size = file.size();
    QCryptographicHash hash(QCryptographicHash::Sha1);
    QByteArray meta;
    QDataStream out(&meta, QIODevice::WriteOnly);
    out << size << info.lastModified().toMSecsSinceEpoch();
    hash.addData(meta);
    hash.addData(file.read(kSampleBytes));
    if (size > kSampleBytes) {
        file.seek(std::max(kSampleBytes, size - kSampleBytes));
        hash.addData(file.read(kSampleBytes));
    }
    return hash.result();
}

QString ThumbnailCache::entryPath(
    const QByteArray &contentKey, qint64 timestampMs, FrameSize size, ThumbnailMode mode) const
{
    QByteArray key;
    QDataStream out(&key, QIODevice::WriteOnly);
    out << contentKey << kVersion << timestampMs << qint32(size.width) << qint32(size.height)
        << quint8(mode);
    const QByteArray name = QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex();
    return m_dir + QLatin1Char('/') + QString::fromLatin1(name) + QStringLiteral(".thumb");
}

std::optional<VideoFrame> ThumbnailCache::load(const QString &entryPath) const
{
    if (!isEnabled()) {
        return std::nullopt;
    }
    QFile file(entryPath);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    if (bytes.size() < kHeaderBytes + 4) {
        return std::nullopt;
    }
    QDataStream in(bytes);
    quint32 magic = 0;
    quint32 version = 0;
    qint32 width = 0;
    qint32 height = 0;
    qint32 stride = 0;
    quint8 kind = 0;
    VideoFrame frame;
    in >> magic >> version >> width >> height >> stride >> kind >> frame.pts >> frame.ptsMs
        >> frame.coverTimestampMs;
    quint32 payloadCrc = 0;
    in >> payloadCrc;
    const qint64 payload = qint64(stride) * height;
    if (in.status() != QDataStream::Ok || magic != kMagic || version != kVersion || width <= 0
        || height <= 0 || width > kMaxSide || height > kMaxSide || stride < width * 4 || kind > 1
        || bytes.size() != kHeaderBytes + 4 + payload) {
        qCDebug(lcMedia) << "ignoring damaged thumbnail cache entry" << entryPath;
        return std::nullopt;
    }
    const char *pixels = bytes.constData() + kHeaderBytes + 4;
    if (crc32(bytes.constData(), kHeaderBytes, crc32(pixels, payload)) != payloadCrc) {
        qCDebug(lcMedia) << "ignoring thumbnail cache entry with a wrong checksum" << entryPath;
        return std::nullopt;
    }
    frame.width = width;
    frame.height = height;
    frame.stride = stride;
    frame.kind = static_cast<VideoFrame::Kind>(kind);
    frame.rgba = bytes.mid(kHeaderBytes + 4);
    return frame;
}

bool ThumbnailCache::store(const QString &entryPath, const VideoFrame &frame) const
{
    if (!isEnabled() || frame.isNull()) {
        return false;
    }
    QByteArray header;
    {
        QDataStream out(&header, QIODevice::WriteOnly);
        out << kMagic << kVersion << qint32(frame.width) << qint32(frame.height)
            << qint32(frame.stride) << quint8(frame.kind) << frame.pts << frame.ptsMs
            << frame.coverTimestampMs;
    }
    Q_ASSERT(header.size() == kHeaderBytes);
    const qint64 payload = qint64(frame.stride) * frame.height;
    const quint32 crc =
        crc32(header.constData(), header.size(), crc32(frame.rgba.constData(), payload));
    QByteArray crcBytes;
    QDataStream crcOut(&crcBytes, QIODevice::WriteOnly);
    crcOut << crc;

    QString error;
    if (!writeFileAtomically(entryPath, header + crcBytes + frame.rgba.left(payload), &error)) {
        qCWarning(lcMedia).noquote() << "thumbnail cache:" << error;
        return false;
    }
    return true;
}

} // namespace Cuepoint::Core
