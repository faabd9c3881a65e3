// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "controllers/CoverCache.h"

#include "cuepoint/core/media/FrameGrabber.h"
#include "cuepoint/core/media/PngCodec.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>

namespace Cuepoint::Gui {

namespace {

constexpr int kCoverHeight = 96; // pixels; cards show it at 32-48 px (sharp on 2x screens)
constexpr int kMemoryBudgetBytes = 24 * 1024 * 1024;

QImage toImage(const Core::VideoFrame &frame)
{
    // The frame's bytes are shared with the image until copy() detaches them.
    return QImage(reinterpret_cast<const uchar *>(frame.rgba.constData()), frame.width,
        frame.height, frame.stride, QImage::Format_RGBA8888)
        .copy();
}

} // namespace

CoverCache::CoverCache(const QString &cacheDir, QObject *parent)
    : QObject(parent)
    , m_cacheDir(cacheDir)
    , m_images(kMemoryBudgetBytes)
{
    // Decoding competes with the publisher for the CPU: one picture at a time is enough.
    m_pool.setMaxThreadCount(1);
    if (!m_cacheDir.isEmpty()) {
        QDir().mkpath(m_cacheDir);
    }
}

CoverCache::~CoverCache()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void CoverCache::waitForDone()
{
    m_pool.waitForDone();
}

QImage CoverCache::cover(const QString &videoPath, qint64 coverMs)
{
    const QString key = videoPath + QLatin1Char('#') + QString::number(coverMs);
    if (const QImage *image = m_images.object(key)) {
        return *image;
    }
    if (m_pending.contains(key) || m_failed.contains(key) || videoPath.isEmpty()) {
        return {};
    }
    m_pending.insert(key);
    QPointer<CoverCache> self(this);
    const QString dir = m_cacheDir;
    m_pool.start([self, key, videoPath, coverMs, dir] {
        QImage image;
        const QFileInfo info(videoPath);
        QString file;
        if (info.isFile() && !dir.isEmpty()) {
            const QByteArray id = QStringLiteral("%1|%2|%3|%4|%5")
                                      .arg(info.absoluteFilePath())
                                      .arg(info.size())
                                      .arg(info.lastModified().toMSecsSinceEpoch())
                                      .arg(coverMs)
                                      .arg(kCoverHeight)
                                      .toUtf8();
            file = dir + QLatin1Char('/')
                + QString::fromLatin1(
                    QCryptographicHash::hash(id, QCryptographicHash::Sha1).toHex())
                + QStringLiteral(".png");
            QFile png(file);
            if (png.open(QIODevice::ReadOnly)) {
                if (const auto frame = Core::Png::decode(png.readAll())) {
                    image = toImage(*frame);
                }
            }
        }
        if (image.isNull() && info.isFile()) {
            Core::FrameGrabber grabber;
            if (grabber.open(videoPath)) {
                if (const auto frame =
                        grabber.keyframeNear(coverMs, Core::FrameSize { 0, kCoverHeight })) {
                    image = toImage(*frame);
                    if (!file.isEmpty()) {
                        Core::Png::write(*frame, file);
                    }
                }
            }
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, key, videoPath, image] {
                if (!self) {
                    return;
                }
                self->m_pending.remove(key);
                if (image.isNull()) {
                    self->m_failed.insert(key);
                    return;
                }
                self->m_images.insert(key, new QImage(image),
                    static_cast<qsizetype>(qMax<qsizetype>(1, image.sizeInBytes())));
                Q_EMIT self->coverReady(videoPath);
            },
            Qt::QueuedConnection);
    });
    return {};
}

} // namespace Cuepoint::Gui
