// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tiktok/CurlDebug.h"

#include "cuepoint/core/support/Logging.h"
#include "cuepoint/core/tiktok/HttpTransport.h"

#include <QFile>
#include <QRegularExpression>

#include <curl/curl.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <unistd.h>

namespace Cuepoint::Core {

namespace {

constexpr qint64 kMaxResponseBody = 8 * 1024 * 1024; // TikTok's answers are small JSON

void globalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

/// The RAII owner of an easy handle and the header list of one request.
class Easy
{
public:
    Easy()
        : m_handle(curl_easy_init())
    {
    }
    ~Easy()
    {
        if (m_handle) {
            curl_easy_cleanup(m_handle);
        }
    }
    Easy(const Easy &) = delete;
    Easy &operator=(const Easy &) = delete;
    CURL *get() const { return m_handle; }

private:
    CURL *m_handle;
};

class HeaderList
{
public:
    HeaderList() = default;
    ~HeaderList() { curl_slist_free_all(m_list); }
    HeaderList(const HeaderList &) = delete;
    HeaderList &operator=(const HeaderList &) = delete;
    void append(const QByteArray &line) { m_list = curl_slist_append(m_list, line.constData()); }
    curl_slist *get() const { return m_list; }

private:
    curl_slist *m_list = nullptr;
};

/// The state one transfer shares with the libcurl callbacks.
struct Transfer
{
    const HttpRequest *request = nullptr;
    HttpResponse *response = nullptr;
    qint64 uploaded = 0;
    bool readFailed = false;
    bool bodyTooLarge = false;
};

size_t onWrite(char *data, size_t size, size_t count, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    const size_t n = size * count;
    const qint64 cap = t->request->maxResponseBytes > 0
        ? std::min(t->request->maxResponseBytes, kMaxResponseBody)
        : kMaxResponseBody;
    if (t->response->body.size() + static_cast<qint64>(n) > cap) {
        t->bodyTooLarge = true;
        return 0; // aborts the transfer
    }
    t->response->body.append(data, static_cast<qsizetype>(n));
    return n;
}

size_t onHeader(char *data, size_t size, size_t count, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    const size_t n = size * count;
    const QByteArray line = QByteArray(data, static_cast<qsizetype>(n)).trimmed();
    if (line.startsWith("HTTP/")) {
        t->response->headers.clear(); // a new response (after a 100 Continue, say)
        return n;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon > 0) {
        t->response->headers.append(
            { line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed() });
    }
    return n;
}

size_t onRead(char *buffer, size_t size, size_t count, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    if (t->request->cancel && t->request->cancel->load()) {
        return CURL_READFUNC_ABORT;
    }
    const qint64 got = t->request->source->read(buffer, static_cast<qint64>(size * count));
    if (got < 0) {
        t->readFailed = true;
        return CURL_READFUNC_ABORT;
    }
    return static_cast<size_t>(got);
}

int onProgress(void *user, curl_off_t, curl_off_t, curl_off_t ultotal, curl_off_t ulnow)
{
    auto *t = static_cast<Transfer *>(user);
    if (t->request->cancel && t->request->cancel->load()) {
        return 1; // aborts with CURLE_ABORTED_BY_CALLBACK
    }
    if (t->request->onProgress && ulnow != t->uploaded) {
        t->uploaded = ulnow;
        t->request->onProgress(ulnow, ultotal);
    }
    return 0;
}

int onDebug(CURL *, curl_infotype type, char *data, size_t size, void *)
{
    // Only info text and headers: bodies carry tokens, codes and the client secret.
    if (type != CURLINFO_TEXT && type != CURLINFO_HEADER_IN && type != CURLINFO_HEADER_OUT) {
        return 0;
    }
    const QByteArray text = CurlDebug::redact(QByteArray(data, static_cast<qsizetype>(size)));
    const char *prefix = type == CURLINFO_TEXT ? "*" : (type == CURLINFO_HEADER_IN ? "<" : ">");
    for (const QByteArray &line : text.split('\n')) {
        if (!line.trimmed().isEmpty()) {
            qCDebug(lcTikTok).noquote() << prefix << QString::fromUtf8(line.trimmed());
        }
    }
    return 0;
}

HttpResponse::Failure failureFor(CURLcode code)
{
    switch (code) {
    case CURLE_OK:
        return HttpResponse::Failure::None;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        return HttpResponse::Failure::Refused;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
        return HttpResponse::Failure::Connect;
    case CURLE_OPERATION_TIMEDOUT:
        return HttpResponse::Failure::Timeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_USE_SSL_FAILED:
        return HttpResponse::Failure::Tls;
    case CURLE_ABORTED_BY_CALLBACK:
        return HttpResponse::Failure::Cancelled;
    case CURLE_READ_ERROR:
        return HttpResponse::Failure::Local;
    default:
        // Send/receive errors, an empty reply, a partial body: the connection broke.
        return HttpResponse::Failure::Dropped;
    }
}

/// The trust store libcurl was built with (Debian: /etc/ssl/certs/ca-certificates.crt). It is
/// set explicitly so that no environment variable (SSL_CERT_FILE, SSL_CERT_DIR,
/// CURL_CA_BUNDLE) can change which certificates are trusted.
void applyTrustStore(CURL *curl)
{
    const curl_version_info_data *info = curl_version_info(CURLVERSION_NOW);
    if (info->cainfo) {
        curl_easy_setopt(curl, CURLOPT_CAINFO, info->cainfo);
    }
    if (info->capath) {
        curl_easy_setopt(curl, CURLOPT_CAPATH, info->capath);
    }
}

class CurlTransport final : public HttpTransport
{
public:
    explicit CurlTransport(const CurlTransportOptions &options)
        : m_options(options)
    {
        globalInit();
    }

    HttpResponse send(const HttpRequest &request) override
    {
        HttpResponse response;
        QString why;
        if (!isUrlAllowed(request.url, &why)) {
            response.failure = HttpResponse::Failure::Refused;
            response.failureText = why;
            return response;
        }
        CURL *curl = m_easy.get();
        if (!curl) {
            response.failure = HttpResponse::Failure::Local;
            response.failureText = QStringLiteral("libcurl could not start");
            return response;
        }
        // Reset keeps the connection cache (keep-alive) but forgets the previous options.
        curl_easy_reset(curl);
        Transfer transfer { &request, &response };
        char errorBuffer[CURL_ERROR_SIZE] = {};
        const QByteArray url = request.url.toEncoded();
        curl_easy_setopt(curl, CURLOPT_URL, url.constData());
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        // Security: only http(s), no redirects, TLS verification always on.
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "https");
        curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
        curl_easy_setopt(curl, CURLOPT_PROXY_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(curl, CURLOPT_PROXY_SSL_VERIFYHOST, 2L);
        curl_easy_setopt(curl, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2);
        applyTrustStore(curl);
        // The loopback sandbox must never go through a proxy.
        curl_easy_setopt(curl, CURLOPT_NOPROXY, "127.0.0.1,localhost,::1");
        // Timeouts: connect, and a transfer that stalls (below 1 byte/s for N seconds).
        curl_easy_setopt(
            curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_options.connectTimeoutMs));
        curl_easy_setopt(
            curl, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(m_options.lowSpeedBytesPerSec));
        curl_easy_setopt(
            curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(m_options.stallTimeoutSec));
        if (request.totalTimeoutMs > 0) {
            curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.totalTimeoutMs));
        }
        curl_easy_setopt(curl, CURLOPT_USERAGENT, "Cuepoint");

        HeaderList headers;
        for (const auto &[name, value] : request.headers) {
            headers.append(name + ": " + value);
        }
        // 100-continue is not documented for TikTok's upload host: never wait for it.
        headers.append("Expect:");
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());

        if (request.method == "PUT") {
            curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
            curl_easy_setopt(
                curl, CURLOPT_UPLOAD_BUFFERSIZE, static_cast<long>(m_options.uploadBufferBytes));
            if (request.source) {
                curl_easy_setopt(curl, CURLOPT_READFUNCTION, &onRead);
                curl_easy_setopt(curl, CURLOPT_READDATA, &transfer);
                curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE,
                    static_cast<curl_off_t>(request.source->size()));
            } else {
                curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, curl_off_t(0));
            }
        } else if (request.method == "POST") {
            curl_easy_setopt(curl, CURLOPT_POST, 1L);
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.constData());
            curl_easy_setopt(
                curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        } else {
            curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        }
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &onWrite);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &onHeader);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &onProgress);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &transfer);
        if (lcTikTok().isDebugEnabled()) {
            curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, &onDebug);
            curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
        }

        const CURLcode code = curl_easy_perform(curl);
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        response.status = static_cast<int>(status);
        if (code != CURLE_OK) {
            response.failure = failureFor(code);
            if (transfer.readFailed) {
                response.failure = HttpResponse::Failure::Local;
            } else if (code == CURLE_ABORTED_BY_CALLBACK
                && !(request.cancel && request.cancel->load())) {
                response.failure = HttpResponse::Failure::Dropped;
            } else if (transfer.bodyTooLarge) {
                response.failure = HttpResponse::Failure::Dropped;
            }
            response.failureText = transfer.bodyTooLarge
                ? QStringLiteral("the response is larger than %1 bytes")
                      .arg(request.maxResponseBytes > 0
                              ? std::min(request.maxResponseBytes, kMaxResponseBody)
                              : kMaxResponseBody)
                : QString::fromUtf8(errorBuffer[0] ? errorBuffer : curl_easy_strerror(code));
        }
        return response;
    }

private:
    CurlTransportOptions m_options;
    Easy m_easy;
};

} // namespace

namespace CurlDebug {

QByteArray redact(const QByteArray &text)
{
    static const QRegularExpression authHeader(
        QStringLiteral(R"re(^((?:proxy-)?authorization\s*:\s*)(.*)$)re"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
    static const QRegularExpression queryValue(
        QStringLiteral(
            R"re(([?&;\s](?:[A-Za-z_]*token|[A-Za-z_]*secret|code|code_verifier)=)[^&\s]+)re"),
        QRegularExpression::CaseInsensitiveOption);
    QString s = QString::fromUtf8(text);
    s.replace(authHeader, QStringLiteral("\\1[redacted]"));
    s.replace(queryValue, QStringLiteral("\\1[redacted]"));
    return Logging::redactSecrets(s).toUtf8();
}

} // namespace CurlDebug

FileRangeSource::FileRangeSource(const QString &path, qint64 offset, qint64 length)
    : m_offset(offset)
    , m_length(length)
{
    m_fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0) {
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        return;
    }
    ::posix_fadvise(m_fd, offset, length, POSIX_FADV_SEQUENTIAL);
}

FileRangeSource::~FileRangeSource()
{
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

qint64 FileRangeSource::read(char *buffer, qint64 max)
{
    const qint64 want = std::min(max, m_length - m_position);
    if (want <= 0) {
        return 0;
    }
    for (;;) {
        const ssize_t n = ::pread(m_fd, buffer, static_cast<size_t>(want), m_offset + m_position);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            // A file that shrank under us is as much an error as an I/O failure.
            m_error = n < 0 ? QString::fromLocal8Bit(std::strerror(errno))
                            : QStringLiteral("the file is shorter than expected");
            return -1;
        }
        m_position += n;
        return n;
    }
}

bool FileRangeSource::rewind()
{
    m_position = 0;
    return m_fd >= 0;
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    const QByteArray lower = name.toLower();
    for (const auto &[key, value] : headers) {
        if (key.toLower() == lower) {
            return value;
        }
    }
    return {};
}

bool isUrlAllowed(const QUrl &url, QString *why)
{
    const auto refuse = [why](const QString &text) {
        if (why) {
            *why = text;
        }
        return false;
    };
    if (!url.isValid() || url.host().isEmpty()) {
        return refuse(QStringLiteral("not a valid address: %1").arg(url.toDisplayString()));
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https")) {
        return true;
    }
    if (scheme != QLatin1String("http")) {
        return refuse(QStringLiteral("only https addresses are allowed, not %1").arg(scheme));
    }
    static const QRegularExpression ipv4Loopback(
        QStringLiteral(R"re(^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$)re"));
    const QString host = url.host().toLower();
    if (host == QLatin1String("localhost") || host == QLatin1String("::1")
        || ipv4Loopback.match(host).hasMatch()) {
        return true;
    }
    return refuse(QStringLiteral("plain http is allowed only to this computer (loopback), not to "
                                 "%1; use https")
                      .arg(host));
}

std::unique_ptr<HttpTransport> createCurlTransport(const CurlTransportOptions &options)
{
    return std::make_unique<CurlTransport>(options);
}

} // namespace Cuepoint::Core
