// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "controllers/AvatarCache.h"

#include "GuiLogging.h"

#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/tiktok/HttpTransport.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QPainter>
#include <QSaveFile>
#include <QUrl>

namespace Cuepoint::Gui {

namespace {

/// After a failure (offline, 404, not an image), the next attempt waits this long.
constexpr int kRetryMs = 15 * 60 * 1000;
constexpr int kConnectTimeoutMs = 10'000;

/// Only the everyday web formats: no SVG, TIFF or other plugins' formats from the network.
bool isAllowedFormat(const QByteArray &format)
{
    return format == "png" || format == "jpeg" || format == "jpg" || format == "webp";
}

QString fileKey(qint64 accountId, const QString &url)
{
    const QByteArray hash = QCryptographicHash::hash(url.toUtf8(), QCryptographicHash::Sha256);
    return QString::number(accountId) + QLatin1Char('-')
        + QString::fromLatin1(hash.toHex().left(32)) + QStringLiteral(".png");
}

/// What a worker gives back: the round image, or why there is none.
struct Outcome
{
    QImage image;
    QString reason;
};

/// A failure text of the transport, without the URL's query (curl sometimes quotes the URL).
QString scrubbed(QString text, const QUrl &url)
{
    const QString query = url.query(QUrl::FullyEncoded);
    if (!query.isEmpty()) {
        text.replace(query, QStringLiteral("…"));
    }
    const QString decoded = url.query(QUrl::FullyDecoded);
    if (!decoded.isEmpty()) {
        text.replace(decoded, QStringLiteral("…"));
    }
    return text;
}

Outcome fetchAndDecode(const QUrl &url, const QString &file, qint64 accountId,
    const QString &cacheDir, const AvatarCache::TransportFactory &factory,
    const std::shared_ptr<std::atomic_bool> &cancel)
{
    Outcome out;
    // The disk first: a picture fetched in an earlier run for the same URL.
    if (!file.isEmpty()) {
        QFile png(file);
        if (png.open(QIODevice::ReadOnly)) {
            if (png.size() <= AvatarCache::kMaxDownloadBytes) {
                out.image = AvatarCache::decode(png.read(AvatarCache::kMaxDownloadBytes));
            }
            png.close();
            if (!out.image.isNull() && out.image.width() == AvatarCache::kImageSize
                && out.image.height() == AvatarCache::kImageSize) {
                return out;
            }
            out.image = {};
            QFile::remove(file); // damaged or from an older layout: fetch again
        }
    }

    std::unique_ptr<Core::HttpTransport> transport;
    if (factory) {
        transport = factory();
    } else {
        Core::CurlTransportOptions options;
        options.connectTimeoutMs = kConnectTimeoutMs;
        transport = Core::createCurlTransport(options);
    }
    Core::HttpRequest request;
    request.method = "GET";
    request.url = url;
    request.headers = { { "Accept", "image/png, image/jpeg, image/webp" } };
    request.totalTimeoutMs = AvatarCache::kTimeoutMs;
    request.maxResponseBytes = AvatarCache::kMaxDownloadBytes;
    request.cancel = cancel.get();
    const Core::HttpResponse response = transport->send(request);
    if (!response.ok()) {
        out.reason = QStringLiteral("transfer failed: %1").arg(scrubbed(response.failureText, url));
        return out;
    }
    if (response.status != 200) {
        out.reason = QStringLiteral("HTTP status %1").arg(response.status);
        return out;
    }
    if (response.body.size() > AvatarCache::kMaxDownloadBytes) {
        out.reason = QStringLiteral("the response is larger than %1 bytes")
                         .arg(AvatarCache::kMaxDownloadBytes);
        return out;
    }
    const QImage decoded = AvatarCache::decode(response.body, &out.reason);
    if (decoded.isNull()) {
        return out;
    }
    out.image = AvatarCache::makeRound(decoded);
    if (out.image.isNull()) {
        out.reason = QStringLiteral("the image could not be converted");
        return out;
    }
    if (!file.isEmpty()) {
        QDir().mkpath(cacheDir);
        QSaveFile save(file);
        if (save.open(QIODevice::WriteOnly) && out.image.save(&save, "PNG") && save.commit()) {
            // The pictures of the account's earlier URLs are of no use any more.
            const QString mine = QFileInfo(file).fileName();
            const QDir dir(cacheDir);
            const QStringList old = dir.entryList(
                { QString::number(accountId) + QStringLiteral("-*.png") }, QDir::Files);
            for (const QString &name : old) {
                if (name != mine) {
                    QFile::remove(dir.filePath(name));
                }
            }
        } else {
            qCWarning(lcGui).noquote() << "cannot keep an avatar in" << cacheDir;
        }
    }
    return out;
}

} // namespace

AvatarCache::AvatarCache(const QString &cacheDir, Core::AccountStore *store, QObject *parent,
    TransportFactory transportFactory)
    : QObject(parent)
    , m_cacheDir(cacheDir)
    , m_store(store)
    , m_transportFactory(std::move(transportFactory))
    , m_cancel(std::make_shared<std::atomic_bool>(false))
{
    // A few small downloads: two at a time is plenty and keeps the publisher's share.
    m_pool.setMaxThreadCount(2);
    if (m_store) {
        try {
            for (const Core::Account &account : m_store->accounts()) {
                m_entries[account.id].url = account.avatarUrl;
            }
        } catch (const Core::StorageError &e) {
            qCWarning(lcGui).noquote() << "cannot read the accounts' avatars:" << e.message();
        }
        connect(m_store, &Core::AccountStore::accountAdded, this, &AvatarCache::reloadUrl);
        connect(m_store, &Core::AccountStore::accountChanged, this, &AvatarCache::reloadUrl);
        connect(m_store, &Core::AccountStore::accountRemoved, this,
            [this](qint64 id) { m_entries.remove(id); });
    }
}

AvatarCache::~AvatarCache()
{
    m_cancel->store(true);
    m_pool.clear();
    m_pool.waitForDone();
}

void AvatarCache::waitForDone()
{
    m_pool.waitForDone();
}

void AvatarCache::reloadUrl(qint64 accountId)
{
    if (!m_store) {
        return;
    }
    try {
        if (const auto account = m_store->account(accountId)) {
            setAvatarUrl(accountId, account->avatarUrl);
        }
    } catch (const Core::StorageError &e) {
        qCWarning(lcGui).noquote() << "cannot read an account's avatar:" << e.message();
    }
}

void AvatarCache::setAvatarUrl(qint64 accountId, const QString &url)
{
    Entry &entry = m_entries[accountId];
    if (entry.url == url) {
        return;
    }
    const bool hadImage = !entry.image.isNull();
    entry.url = url;
    entry.image = {};
    entry.pixmaps.clear();
    entry.pending = false;
    entry.failed = false;
    ++entry.generation;
    if (hadImage) {
        Q_EMIT avatarReady(accountId); // the old picture is gone: views ask again
    }
}

QImage AvatarCache::image(qint64 accountId) const
{
    const auto it = m_entries.constFind(accountId);
    return it == m_entries.cend() ? QImage() : it->image;
}

QPixmap AvatarCache::avatar(qint64 accountId, int logicalSize, qreal devicePixelRatio)
{
    const auto it = m_entries.find(accountId);
    if (it == m_entries.end() || it->url.isEmpty() || logicalSize <= 0) {
        return {};
    }
    Entry &entry = *it;
    if (entry.image.isNull()) {
        if (!entry.pending && (!entry.failed || entry.retryAfter.hasExpired())) {
            start(accountId, entry);
        }
        return {};
    }
    const qreal dpr = qBound(1.0, devicePixelRatio, 4.0);
    const int pixels = qBound(1, qRound(logicalSize * dpr), kImageSize * 2);
    auto cached = entry.pixmaps.constFind(pixels);
    if (cached == entry.pixmaps.cend()) {
        QPixmap pixmap = QPixmap::fromImage(
            entry.image.scaled(pixels, pixels, Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
        pixmap.setDevicePixelRatio(dpr);
        cached = entry.pixmaps.insert(pixels, pixmap);
    }
    return *cached;
}

QString AvatarCache::filePathFor(qint64 accountId, const QString &url) const
{
    if (m_cacheDir.isEmpty()) {
        return {};
    }
    return QDir(m_cacheDir).filePath(fileKey(accountId, url));
}

QString AvatarCache::safeForLog(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
        .toDisplayString();
}

void AvatarCache::start(qint64 accountId, Entry &entry)
{
    const QUrl url(entry.url, QUrl::StrictMode);
    const quint64 generation = entry.generation;
    // Checked here too, so that a refused address never reaches a worker or the network.
    if (!Core::isUrlAllowed(url)) {
        entry.failed = true;
        entry.retryAfter = QDeadlineTimer(QDeadlineTimer::Forever); // the URL will not change
        const QString reason =
            QStringLiteral("refused: only https, or plain http to this computer (loopback)");
        qCInfo(lcGui).noquote() << "no avatar for account" << accountId << "from" << safeForLog(url)
                                << "-" << reason;
        Q_EMIT avatarFailed(accountId, reason);
        return;
    }
    entry.pending = true;
    QPointer<AvatarCache> self(this);
    const QString file = filePathFor(accountId, entry.url);
    const QString dir = m_cacheDir;
    const TransportFactory factory = m_transportFactory;
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    m_pool.start([self, accountId, generation, url, file, dir, factory, cancel] {
        const Outcome outcome = fetchAndDecode(url, file, accountId, dir, factory, cancel);
        if (cancel->load()) {
            return;
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, accountId, generation, outcome] {
                if (self) {
                    self->finish(accountId, generation, outcome.image, outcome.reason);
                }
            },
            Qt::QueuedConnection);
    });
}

void AvatarCache::retryFailed()
{
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->failed && !it->pending && !it->retryAfter.isForever()) {
            it->failed = false;
            it->retryAfter = QDeadlineTimer();
            Q_EMIT avatarReady(it.key()); // views ask again, which fetches again
        }
    }
}

void AvatarCache::finish(
    qint64 accountId, quint64 generation, const QImage &image, const QString &reason)
{
    const auto it = m_entries.find(accountId);
    if (it == m_entries.end() || it->generation != generation) {
        return; // removed, or its URL changed meanwhile
    }
    it->pending = false;
    if (image.isNull()) {
        it->failed = true;
        it->retryAfter = QDeadlineTimer(kRetryMs);
        qCInfo(lcGui).noquote() << "no avatar for account" << accountId << "from"
                                << safeForLog(QUrl(it->url)) << "-" << reason;
        Q_EMIT avatarFailed(accountId, reason);
        return;
    }
    it->failed = false;
    it->image = image;
    it->pixmaps.clear();
    Q_EMIT avatarReady(accountId);
}

QImage AvatarCache::decode(const QByteArray &bytes, QString *why)
{
    const auto refuse = [why](const QString &text) {
        if (why) {
            *why = text;
        }
        return QImage();
    };
    if (bytes.isEmpty()) {
        return refuse(QStringLiteral("not an image: the response is empty"));
    }
    if (bytes.size() > kMaxDownloadBytes) {
        return refuse(
            QStringLiteral("the response is larger than %1 bytes").arg(kMaxDownloadBytes));
    }
    QBuffer buffer;
    buffer.setData(bytes);
    if (!buffer.open(QIODevice::ReadOnly)) {
        return refuse(QStringLiteral("not an image"));
    }
    QImageReader reader(&buffer);
    reader.setDecideFormatFromContent(true);
    const QByteArray format = reader.format().toLower();
    if (!isAllowedFormat(format)) {
        return refuse(format.isEmpty() ? QStringLiteral("not an image")
                                       : QStringLiteral("not an allowed image format: %1")
                                             .arg(QString::fromLatin1(format.left(16))));
    }
    // The header's size, before anything is allocated for the pixels: a lying header must not
    // make the decoder allocate gigabytes.
    const QSize size = reader.size();
    if (!size.isValid() || size.width() > kMaxDimension || size.height() > kMaxDimension) {
        return refuse(QStringLiteral("the image dimensions %1x%2 are out of bounds")
                          .arg(size.width())
                          .arg(size.height()));
    }
    QImage image;
    if (!reader.read(&image) || image.isNull()) {
        return refuse(QStringLiteral("not an image: %1").arg(reader.errorString()));
    }
    if (image.width() > kMaxDimension || image.height() > kMaxDimension) {
        return refuse(QStringLiteral("the image dimensions %1x%2 are out of bounds")
                          .arg(image.width())
                          .arg(image.height()));
    }
    return image;
}

QImage AvatarCache::makeRound(const QImage &image, int size)
{
    if (image.isNull() || size <= 0) {
        return {};
    }
    const int side = qMin(image.width(), image.height());
    const QImage square =
        image.copy((image.width() - side) / 2, (image.height() - side) / 2, side, side)
            .scaled(size, size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
            .convertToFormat(QImage::Format_ARGB32_Premultiplied);
    QImage round(size, size, QImage::Format_ARGB32_Premultiplied);
    round.fill(Qt::transparent);
    QPainter painter(&round);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QBrush(square));
    painter.drawEllipse(QRectF(0, 0, size, size));
    painter.end();
    return round;
}

} // namespace Cuepoint::Gui
