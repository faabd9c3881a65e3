// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDeadlineTimer>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QPixmap>
#include <QPointer>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

namespace Cuepoint::Core {
class AccountStore;
class HttpTransport;
} // namespace Cuepoint::Core

namespace Cuepoint::Gui {

/// The profile pictures of the connected TikTok accounts, round, for the Accounts page and the
/// calendar's cards.
///
/// An account's avatarUrl is fetched on a worker thread through the core's libcurl transport
/// (https with verification; plain http only to loopback, i.e. the built-in sandbox), at most
/// kMaxDownloadBytes and kTimeoutMs, decoded with QImageReader only after its header shows an
/// allowed format (PNG, JPEG, WebP) and at most kMaxDimension pixels a side, then made round at
/// kImageSize pixels and kept in memory and on disk (PNG, keyed by account and a hash of the
/// URL: a new URL is fetched again). Any failure leaves the account without a picture (views
/// paint their initials) and logs one line with the URL's host and path only (TikTok's avatar
/// URLs carry signatures in their query).
class AvatarCache final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AvatarCache)

public:
    static constexpr qint64 kMaxDownloadBytes = 2 * 1024 * 1024;
    static constexpr int kTimeoutMs = 20'000;
    static constexpr int kMaxDimension = 2048;
    /// The side of the round picture kept (sharp at 40 px on a 3x screen).
    static constexpr int kImageSize = 128;

    using TransportFactory = std::function<std::unique_ptr<Core::HttpTransport>()>;

    /// @p cacheDir: the folder for the PNG files (empty: memory only). @p store (may be null;
    /// must outlive the cache) gives the accounts' avatar URLs and their changes.
    /// @p transportFactory makes one transport per fetch (default: createCurlTransport()).
    AvatarCache(const QString &cacheDir, Core::AccountStore *store, QObject *parent = nullptr,
        TransportFactory transportFactory = {});
    /// Cancels the fetches under way and waits for them.
    ~AvatarCache() override;

    /// Sets (or changes) the avatar URL of @p accountId (the store does this by itself).
    void setAvatarUrl(qint64 accountId, const QString &url);
    /// The round avatar of @p accountId, @p logicalSize pixels wide on a screen of
    /// @p devicePixelRatio, when it is ready; otherwise a null pixmap (paint the initials) and
    /// the picture is looked for in the background (avatarReady() says when). GUI thread only.
    QPixmap avatar(qint64 accountId, int logicalSize, qreal devicePixelRatio = 1.0);
    /// The full-size round image of @p accountId (null when there is none yet); does not fetch.
    QImage image(qint64 accountId) const;
    /// Blocks until no avatar is being fetched or decoded (tests).
    void waitForDone();

    /// Where the picture of @p accountId for @p url is kept on disk (empty without cacheDir).
    QString filePathFor(qint64 accountId, const QString &url) const;
    /// "https://host/path" of @p url: no query, fragment or user info (for logs).
    static QString safeForLog(const QUrl &url);
    /// Decodes @p bytes within the limits above; a null image with the reason in @p why when
    /// they are not an allowed image. Any thread.
    static QImage decode(const QByteArray &bytes, QString *why = nullptr);
    /// @p image cropped to a centred square, scaled to @p size and made round. Any thread.
    static QImage makeRound(const QImage &image, int size = kImageSize);

    /// Forgets the failures that may be passing (a server that was not up yet, such as the
    /// embedded sandbox while it starts): their views are told to ask again. Refusals that no
    /// retry can change (a plain-http URL off loopback) stay.
    void retryFailed();

Q_SIGNALS:
    /// The avatar of @p accountId became available (or was dropped after its URL changed):
    /// views repaint and ask again.
    void avatarReady(qint64 accountId);
    /// The avatar of @p accountId could not be had; views keep the initials. @p reason is for
    /// logs and tests (never a token or a query string).
    void avatarFailed(qint64 accountId, const QString &reason);

private:
    struct Entry
    {
        QString url;
        QImage image;
        QHash<int, QPixmap> pixmaps; ///< by device pixels
        bool pending = false;
        QDeadlineTimer retryAfter; ///< after a failure: no new attempt before it expires
        bool failed = false;
        quint64 generation = 0; ///< bumped when the URL changes (late results are dropped)
    };

    void start(qint64 accountId, Entry &entry);
    void finish(qint64 accountId, quint64 generation, const QImage &image, const QString &reason);
    void reloadUrl(qint64 accountId);

    QString m_cacheDir;
    QPointer<Core::AccountStore> m_store;
    TransportFactory m_transportFactory;
    QHash<qint64, Entry> m_entries;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QThreadPool m_pool;
};

} // namespace Cuepoint::Gui
