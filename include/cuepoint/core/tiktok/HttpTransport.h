// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>

namespace Cuepoint::Core {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

/// A request body read piece by piece (the chunks of an upload), so that memory stays bounded
/// whatever the file size.
class BodySource
{
public:
    virtual ~BodySource() = default;
    /// The exact number of bytes the body has (sent as Content-Length).
    virtual qint64 size() const = 0;
    /// Copies up to @p max next bytes into @p buffer; returns the count, 0 at the end, -1 on
    /// a read error.
    virtual qint64 read(char *buffer, qint64 max) = 0;
    /// Starts again from the first byte (for a retry); false when it cannot.
    virtual bool rewind() = 0;
};

/// A byte range of a file on disk, read with pread() (no copy of the file in memory).
class FileRangeSource final : public BodySource
{
public:
    /// Opens @p path; check isOpen() (and errorString()) afterwards.
    FileRangeSource(const QString &path, qint64 offset, qint64 length);
    ~FileRangeSource() override;
    FileRangeSource(const FileRangeSource &) = delete;
    FileRangeSource &operator=(const FileRangeSource &) = delete;

    bool isOpen() const { return m_fd >= 0; }
    QString errorString() const { return m_error; }
    qint64 size() const override { return m_length; }
    qint64 read(char *buffer, qint64 max) override;
    bool rewind() override;

private:
    int m_fd = -1;
    qint64 m_offset = 0;
    qint64 m_length = 0;
    qint64 m_position = 0;
    QString m_error;
};

/// One HTTP exchange. Exactly one of body or source is used for the request body.
struct HttpRequest
{
    QByteArray method = "GET"; ///< GET, POST or PUT
    QUrl url;
    HttpHeaders headers; ///< besides Content-Length, which the transport sets
    QByteArray body;
    BodySource *source = nullptr; ///< streamed body (PUT), not owned
    /// Called with (bytes sent, bytes to send) as the body goes out; may be empty.
    std::function<void(qint64, qint64)> onProgress;
    /// Set from any thread to abort the transfer; may be null.
    const std::atomic_bool *cancel = nullptr;
    /// The whole exchange may take at most this long; 0 = no limit (uploads rely on the
    /// stalled-transfer timeout instead).
    int totalTimeoutMs = 0;
    /// The largest response body accepted; a longer one aborts the transfer (Dropped). 0 or
    /// more than the transport's own cap (8 MiB): that cap.
    qint64 maxResponseBytes = 0;
};

/// What came back, or why nothing did.
struct HttpResponse
{
    enum class Failure {
        None, ///< a response arrived (any status)
        Refused, ///< refused by our policy before any connection (plain http off loopback)
        Connect, ///< could not connect
        Tls, ///< TLS handshake or certificate verification failed
        Timeout, ///< connect timeout or stalled transfer
        Dropped, ///< the connection broke during the exchange
        Cancelled, ///< the caller's cancel flag was set
        Local, ///< reading the body source failed
    };
    int status = 0;
    HttpHeaders headers;
    QByteArray body;
    Failure failure = Failure::None;
    QString failureText; ///< what went wrong, for logs (never carries a token)

    bool ok() const { return failure == Failure::None; }
    /// The value of header @p name (case-insensitive), empty when absent.
    QByteArray header(const QByteArray &name) const;
};

/// How TikTokClient speaks HTTP. Calls block; a transport may be used by one thread at a time.
class HttpTransport
{
public:
    virtual ~HttpTransport() = default;
    virtual HttpResponse send(const HttpRequest &request) = 0;
};

/// Timeouts of the libcurl transport. There is deliberately no option to turn TLS verification
/// off or to change the trusted certificates: peer and host verification are always on.
struct CurlTransportOptions
{
    int connectTimeoutMs = 15'000;
    /// A transfer slower than lowSpeedBytesPerSec for stallTimeoutSec seconds is aborted.
    int stallTimeoutSec = 30;
    int lowSpeedBytesPerSec = 1;
    /// libcurl's upload buffer (CURLOPT_UPLOAD_BUFFERSIZE, 16 KiB to 2 MiB): how much of a
    /// chunk is in memory at once.
    int uploadBufferBytes = 64 * 1024;
};

/// Whether @p url may be used: https anywhere, plain http only to a loopback address
/// (127.0.0.0/8, ::1, localhost). @p why explains a refusal.
bool isUrlAllowed(const QUrl &url, QString *why = nullptr);

/// The libcurl transport: TLS peer and host verification always on (with the system's
/// certificate store, whatever the environment says), plain http refused except to loopback,
/// no redirects, connect and stalled-transfer timeouts, and a debug hook that never logs
/// Authorization headers or bodies.
std::unique_ptr<HttpTransport> createCurlTransport(const CurlTransportOptions &options = {});

} // namespace Cuepoint::Core
