// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/review/ReviewServer.h"

#include "review/ReviewHttp.h"
#include "review/ReviewPage.h"
#include "review/ReviewScope.h"
#include "review/ReviewThrottle.h"
#include "review/ReviewWorkerPool.h"

#include "cuepoint/core/media/FrameGrabber.h"
#include "cuepoint/core/media/PngCodec.h"
#include "cuepoint/core/review/ReviewLinks.h"
#include "cuepoint/core/review/ReviewToken.h"
#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/Database.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/storage/ReviewStore.h"
#include "cuepoint/core/storage/StorageError.h"
#include "cuepoint/core/support/Clock.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

#include <httplib.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <fcntl.h>
#include <regex>
#include <thread>
#include <unistd.h>

namespace Cuepoint::Core {

namespace {

Q_LOGGING_CATEGORY(lcReview, "cuepoint.review.server")

using namespace Review;

constexpr int kWorkerThreads = 12;
/// The largest request body (a decision: a name and a comment as JSON).
constexpr std::size_t kMaxBodyBytes = 16 * 1024;
constexpr int kMaxNameChars = 80;
constexpr int kMaxCommentChars = 2000;
/// A link's last use is written at most this often.
constexpr std::chrono::seconds kMarkUsedInterval { 60 };
/// Covers kept in memory, in bytes of PNG.
constexpr qsizetype kCoverCacheBytes = 32 * 1024 * 1024;
constexpr std::size_t kVideoChunkBytes = 256 * 1024;

const char kPageTokenHeader[] = "X-Review-Page-Token";
const char kDelayHeader[] = "X-Review-Delay-Ms";
const char kHtml[] = "text/html; charset=utf-8";
const char kJson[] = "application/json";
const char kVideoRoute[] = R"(/r/([^/]+)/video/([0-9]{1,18}))";

/// The headers of every answer, errors of the HTTP library included.
httplib::Headers securityHeaders()
{
    return {
        { "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            "media-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
            "frame-ancestors 'none'" },
        { "X-Content-Type-Options", "nosniff" },
        { "Referrer-Policy", "no-referrer" },
        { "Cache-Control", "no-store" },
        { "X-Frame-Options", "DENY" },
        { "Cross-Origin-Resource-Policy", "same-origin" },
        { "Cross-Origin-Opener-Policy", "same-origin" },
    };
}

QString clientAddress(const httplib::Request &req)
{
    return QString::fromStdString(req.remote_addr);
}

QByteArray header(const httplib::Request &req, const char *name)
{
    return QByteArray::fromStdString(req.get_header_value(name));
}

void setJson(httplib::Response &res, int status, const QJsonObject &object)
{
    res.status = status;
    const QByteArray body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    res.set_content(body.constData(), static_cast<std::size_t>(body.size()), kJson);
}

void setJsonError(httplib::Response &res, int status, const QString &message)
{
    setJson(res, status, QJsonObject { { QStringLiteral("error"), message } });
}

/// A name or comment as stored: trimmed, control characters other than line breaks and tabs
/// removed.
QString cleanText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c.category() != QChar::Other_Control || c == QLatin1Char('\n')
            || c == QLatin1Char('\t')) {
            out += c;
        }
    }
    return out.trimmed();
}

QString videoMimeType(const QString &path)
{
    const QString lower = path.toLower();
    if (lower.endsWith(QLatin1String(".webm")) || lower.endsWith(QLatin1String(".mkv"))) {
        return QStringLiteral("video/webm");
    }
    // MOV files of phones hold H.264/HEVC as MP4 does; browsers play them as video/mp4.
    return QStringLiteral("video/mp4");
}

} // namespace

struct ReviewServer::Private
{
    Private(ReviewServer *owner, const QString &path, const Clock &c)
        : q(owner)
        , databasePath(path)
        , clock(c)
    {
        secret.resize(32);
        QRandomGenerator::system()->fillRange(
            reinterpret_cast<quint32 *>(secret.data()), secret.size() / 4);
        notFoundPage = reviewAsset(QStringLiteral("notfound.html"));
        css = reviewAsset(QStringLiteral("review.css"));
        js = reviewAsset(QStringLiteral("review.js"));
        icon = reviewAsset(QStringLiteral("icon.svg"));
    }

    // --- per request
    WorkerContext &context();
    void sleepFor(std::chrono::milliseconds delay);
    void notFound(httplib::Response &res) const;
    std::optional<ReviewLink> resolveLink(
        const httplib::Request &req, httplib::Response &res, const std::string &token);
    void touch(const ReviewLink &link);
    QString pageToken(qint64 linkId) const;
    bool sameOrigin(const httplib::Request &req) const;

    void servePage(const httplib::Request &req, httplib::Response &res);
    /// The post a video or cover request names, when its link is usable and the post, with a
    /// video, is in the link's scope; otherwise the answer is given (404) and nullopt returned.
    std::optional<Post> scopedPost(const httplib::Request &req, httplib::Response &res,
        std::optional<ReviewLink> *link = nullptr);
    void serveVideo(const httplib::Request &req, httplib::Response &res);
    void serveCover(const httplib::Request &req, httplib::Response &res);
    void receiveDecision(const httplib::Request &req, httplib::Response &res);
    void setupRoutes();

    ReviewServer *q;
    const QString databasePath;
    const Clock &clock;
    QByteArray secret;
    QByteArray notFoundPage;
    QByteArray css;
    QByteArray js;
    QByteArray icon;

    ReviewServerOptions options;
    std::unique_ptr<httplib::Server> server;
    std::thread listener;
    std::atomic<int> port { 0 };
    std::atomic<bool> stopping { false };
    std::mutex stopMutex;
    std::condition_variable stopCond;

    ReviewThrottle throttle;
    std::mutex usedMutex;
    QHash<qint64, std::chrono::steady_clock::time_point> lastMarked;
    std::mutex coverMutex;
    QHash<QString, QByteArray> covers;
    QList<QString> coverOrder; ///< oldest first
    qsizetype coverBytes = 0;
};

WorkerContext &ReviewServer::Private::context()
{
    WorkerContext *ctx = WorkerPool::currentContext();
    if (!ctx) {
        throw StorageError(StorageError::Kind::Sql,
            QStringLiteral("Internal error: a review request outside the server's threads."));
    }
    if (!ctx->db) {
        ctx->db = Database::open(databasePath);
        ctx->posts = std::make_unique<PostStore>(*ctx->db, clock);
        ctx->accounts = std::make_unique<AccountStore>(*ctx->db, clock);
        ctx->reviews = std::make_unique<ReviewStore>(*ctx->db, clock);
    }
    return *ctx;
}

void ReviewServer::Private::sleepFor(std::chrono::milliseconds delay)
{
    // Interrupted by stop(), so a slowed-down client never holds the server open.
    std::unique_lock lock(stopMutex);
    stopCond.wait_for(lock, delay, [this] { return stopping.load(); });
}

void ReviewServer::Private::notFound(httplib::Response &res) const
{
    // The same bytes and headers for every unknown, expired or revoked link: nothing tells
    // a guesser which one it met.
    res.status = 404;
    res.set_content(notFoundPage.constData(), static_cast<std::size_t>(notFoundPage.size()), kHtml);
}

std::optional<ReviewLink> ReviewServer::Private::resolveLink(
    const httplib::Request &req, httplib::Response &res, const std::string &tokenText)
{
    const QString address = clientAddress(req);
    const std::chrono::milliseconds delay = throttle.delayFor(address);
    if (delay.count() > 0) {
        res.set_header(kDelayHeader, std::to_string(delay.count()));
        if (!throttle.beginWait(address)) {
            res.status = 429;
            res.set_header("Retry-After", "5");
            res.set_content("Too many attempts. Wait a moment.\n", "text/plain; charset=utf-8");
            return std::nullopt;
        }
        sleepFor(delay);
        throttle.endWait(address);
    }
    const QString token = QString::fromStdString(tokenText);
    std::optional<ReviewLink> link;
    if (isWellFormedReviewToken(token)) {
        link = context().reviews->linkByTokenHash(reviewTokenHash(token));
    }
    if (!link || !link->isUsableAt(clock.nowUtc())) {
        throttle.recordMiss(address);
        notFound(res);
        return std::nullopt;
    }
    touch(*link);
    return link;
}

void ReviewServer::Private::touch(const ReviewLink &link)
{
    const auto now = std::chrono::steady_clock::now();
    {
        const std::lock_guard lock(usedMutex);
        const auto it = lastMarked.constFind(link.id);
        if (it != lastMarked.constEnd() && now - *it < kMarkUsedInterval) {
            return;
        }
        lastMarked.insert(link.id, now);
    }
    context().reviews->markUsed(link.id);
    const qint64 id = link.id;
    QMetaObject::invokeMethod(
        q, [owner = q, id] { Q_EMIT owner->linkUsed(id); }, Qt::QueuedConnection);
}

QString ReviewServer::Private::pageToken(qint64 linkId) const
{
    return QString::fromLatin1(QMessageAuthenticationCode::hash(
        QByteArrayLiteral("review-page:") + QByteArray::number(linkId), secret,
        QCryptographicHash::Sha256)
                                   .toHex());
}

bool ReviewServer::Private::sameOrigin(const httplib::Request &req) const
{
    // Browsers send Sec-Fetch-Site and Origin with every fetch POST; a page of another site
    // cannot hide them. Tools without them still need the page token.
    const QByteArray fetchSite = header(req, "Sec-Fetch-Site");
    if (!fetchSite.isEmpty() && fetchSite != "same-origin") {
        return false;
    }
    const QByteArray origin = header(req, "Origin");
    if (origin.isEmpty()) {
        return true;
    }
    return origin == QByteArrayLiteral("http://") + header(req, "Host");
}

void ReviewServer::Private::servePage(const httplib::Request &req, httplib::Response &res)
{
    const std::optional<ReviewLink> link = resolveLink(req, res, req.matches[1]);
    if (!link) {
        return;
    }
    WorkerContext &ctx = context();
    const QList<ReviewItem> items = reviewItems(*link, *ctx.posts, *ctx.accounts, *ctx.reviews);
    const QByteArray html =
        renderReviewPage(*link, QString::fromStdString(req.matches[1]), pageToken(link->id), items);
    res.status = 200;
    res.set_content(html.constData(), static_cast<std::size_t>(html.size()), kHtml);
}

std::optional<Post> ReviewServer::Private::scopedPost(
    const httplib::Request &req, httplib::Response &res, std::optional<ReviewLink> *link)
{
    std::optional<ReviewLink> found = resolveLink(req, res, req.matches[1]);
    if (!found) {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 postId = QString::fromStdString(req.matches[2]).toLongLong(&ok);
    std::optional<Post> post = ok ? postOfLink(*found, *context().posts, postId) : std::nullopt;
    if (!post || post->videoPath.isEmpty()) {
        notFound(res);
        return std::nullopt;
    }
    if (link) {
        *link = std::move(found);
    }
    return post;
}

void ReviewServer::Private::serveVideo(const httplib::Request &req, httplib::Response &res)
{
    const std::optional<Post> post = scopedPost(req, res);
    if (!post) {
        return;
    }
    const int fd = ::open(post->videoPath.toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC);
    struct stat st
    {
    };
    if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0) {
            ::close(fd);
        }
        notFound(res);
        return;
    }
    const qint64 size = st.st_size;
    const ByteRange range = parseByteRange(header(req, "Range"), size);
    res.set_header("Accept-Ranges", "bytes");
    if (range.kind == ByteRange::Kind::Unsatisfiable) {
        ::close(fd);
        res.status = 416;
        res.set_header("Content-Range", "bytes */" + std::to_string(size));
        res.set_content("Range not satisfiable.\n", "text/plain; charset=utf-8");
        return;
    }
    const qint64 first = range.kind == ByteRange::Kind::Partial ? range.first : 0;
    const qint64 length = range.kind == ByteRange::Kind::Partial ? range.length() : size;
    if (range.kind == ByteRange::Kind::Partial) {
        res.status = 206;
        res.set_header("Content-Range",
            "bytes " + std::to_string(range.first) + '-' + std::to_string(range.last) + '/'
                + std::to_string(size));
    } else {
        res.status = 200;
    }
    // Streamed from the file in chunks: a video is never held in memory.
    res.set_content_provider(
        static_cast<std::size_t>(length), videoMimeType(post->videoPath).toStdString(),
        [this, fd, first, length](std::size_t offset, std::size_t want, httplib::DataSink &sink) {
            if (stopping.load()) {
                return false;
            }
            const std::size_t count = std::min(want, kVideoChunkBytes);
            std::string buffer(count, '\0');
            const qint64 at = first + static_cast<qint64>(offset);
            if (at >= first + length) {
                return false;
            }
            const ssize_t got = ::pread(fd, buffer.data(), count, at);
            if (got <= 0) {
                return false; // the file shrank or vanished: end the response short
            }
            return sink.write(buffer.data(), static_cast<std::size_t>(got));
        },
        [fd](bool) { ::close(fd); });
}

void ReviewServer::Private::serveCover(const httplib::Request &req, httplib::Response &res)
{
    std::optional<ReviewLink> link;
    const std::optional<Post> post = scopedPost(req, res, &link);
    if (!post) {
        return;
    }
    struct stat st
    {
    };
    if (::stat(post->videoPath.toLocal8Bit().constData(), &st) != 0) {
        notFound(res);
        return;
    }
    // Keyed by the file's identity and the cover time, so a new cover or file is a new entry.
    const QString key = QStringLiteral("%1|%2|%3|%4|%5")
                            .arg(post->videoPath)
                            .arg(post->coverTimestampMs)
                            .arg(static_cast<qint64>(st.st_size))
                            .arg(static_cast<qint64>(st.st_mtim.tv_sec))
                            .arg(static_cast<qint64>(st.st_mtim.tv_nsec));
    QByteArray png;
    {
        const std::lock_guard lock(coverMutex);
        png = covers.value(key);
    }
    if (png.isEmpty()) {
        FrameGrabber grabber;
        QString error;
        std::optional<VideoFrame> frame;
        if (grabber.open(post->videoPath, &error)) {
            grabber.setFormat(VideoFrame::Format::Rgb888);
            frame = grabber.exactFrame(post->coverTimestampMs, FrameSize { 540, 960 }, &error);
        }
        if (frame) {
            png = Png::encode(*frame, &error);
        }
        if (png.isEmpty()) {
            qCWarning(lcReview).noquote()
                << "no cover for post" << post->id << "(link" << link->id << "):" << error;
            notFound(res);
            return;
        }
        const std::lock_guard lock(coverMutex);
        if (!covers.contains(key)) {
            covers.insert(key, png);
            coverOrder.append(key);
            coverBytes += png.size();
            while (coverBytes > kCoverCacheBytes && coverOrder.size() > 1) {
                coverBytes -= covers.take(coverOrder.takeFirst()).size();
            }
        }
    }
    res.status = 200;
    res.set_content(png.constData(), static_cast<std::size_t>(png.size()), "image/png");
}

void ReviewServer::Private::receiveDecision(const httplib::Request &req, httplib::Response &res)
{
    const std::optional<ReviewLink> link = resolveLink(req, res, req.matches[1]);
    if (!link) {
        return;
    }
    if (!sameOrigin(req)) {
        setJsonError(res, 403, QStringLiteral("This request did not come from the review page."));
        return;
    }
    if (!constantTimeEquals(header(req, kPageTokenHeader), pageToken(link->id).toLatin1())) {
        setJsonError(res, 403, QStringLiteral("Reload the page and try again."));
        return;
    }
    if (!header(req, "Content-Type").startsWith("application/json")) {
        setJsonError(res, 415, QStringLiteral("Expected JSON."));
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromStdString(req.body), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        setJsonError(res, 400, QStringLiteral("Expected a JSON object."));
        return;
    }
    const QJsonObject body = doc.object();
    const QString decisionText = body.value(QStringLiteral("decision")).toString();
    const QString name = cleanText(body.value(QStringLiteral("name")).toString());
    const QString comment = cleanText(body.value(QStringLiteral("comment")).toString());
    ReviewDecision decision = ReviewDecision::Comment;
    if (decisionText == QLatin1String("approve")) {
        decision = ReviewDecision::Approved;
    } else if (decisionText == QLatin1String("changes")) {
        decision = ReviewDecision::ChangesRequested;
    } else if (decisionText != QLatin1String("comment")) {
        setJsonError(res, 400, QStringLiteral("Unknown decision."));
        return;
    }
    if (name.isEmpty() || name.size() > kMaxNameChars) {
        setJsonError(
            res, 400, QStringLiteral("Give your name (at most %1 characters).").arg(kMaxNameChars));
        return;
    }
    if (comment.size() > kMaxCommentChars) {
        setJsonError(
            res, 400, QStringLiteral("A comment has at most %1 characters.").arg(kMaxCommentChars));
        return;
    }
    if (decision != ReviewDecision::Approved && comment.isEmpty()) {
        setJsonError(res, 400, QStringLiteral("Say what should change in a comment."));
        return;
    }
    bool ok = false;
    const qint64 postId = QString::fromStdString(req.matches[2]).toLongLong(&ok);
    WorkerContext &ctx = context();
    const std::optional<Post> post = ok ? postOfLink(*link, *ctx.posts, postId) : std::nullopt;
    if (!post) {
        notFound(res);
        return;
    }
    if (decision != ReviewDecision::Comment && !isDecidable(*post)) {
        setJsonError(res, 409,
            QStringLiteral("This post is %1: there is nothing to decide any more.")
                .arg(stateLabel(post->targets.constFirst().state).toLower()));
        return;
    }
    ReviewFeedback feedback;
    feedback.postId = post->id;
    feedback.linkId = link->id;
    feedback.reviewerName = name;
    feedback.decision = decision;
    feedback.comment = comment;
    // The feedback first: what a reviewer said is kept even if the approval cannot be stored.
    feedback.id = ctx.reviews->addFeedback(feedback);
    ApprovalState approval = post->approval;
    if (decision == ReviewDecision::Approved) {
        ctx.posts->approve(
            post->id, QStringLiteral("approved through review link %1").arg(link->id));
        approval = ApprovalState::Approved;
    } else if (decision == ReviewDecision::ChangesRequested) {
        ctx.posts->setApproval(post->id, ApprovalState::ChangesRequested);
        approval = ApprovalState::ChangesRequested;
    }
    qCInfo(lcReview) << "link" << link->id << "post" << post->id << toString(decision);
    for (const ReviewFeedback &stored : ctx.reviews->feedbackForPost(post->id)) {
        if (stored.id == feedback.id) {
            feedback = stored;
        }
    }
    const qint64 feedbackId = feedback.id;
    const qint64 id = post->id;
    QMetaObject::invokeMethod(
        q, [owner = q, id, feedbackId] { Q_EMIT owner->feedbackReceived(id, feedbackId); },
        Qt::QueuedConnection);
    setJson(res, 200,
        QJsonObject {
            { QStringLiteral("postId"), id },
            { QStringLiteral("approval"), toString(approval) },
            { QStringLiteral("approvalLabel"), approvalLabel(approval) },
            { QStringLiteral("feedback"), feedbackJson(feedback) },
        });
}

void ReviewServer::Private::setupRoutes()
{
    httplib::Server &s = *server;
    s.set_default_headers(securityHeaders());
    s.set_payload_max_length(kMaxBodyBytes);
    s.set_keep_alive_timeout(3);
    s.set_read_timeout(10, 0);
    s.set_write_timeout(10, 0);
    // SO_REUSEADDR only: the library's default adds SO_REUSEPORT, which would let a second
    // server share the port instead of reporting it taken.
    s.set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    });
    s.new_task_queue = [] { return new WorkerPool(kWorkerThreads); };

    s.set_pre_routing_handler([](const httplib::Request &req, httplib::Response &res) {
        // The library would cut every answer to a Range header by itself (errors included);
        // only the video answers ranges, and does so itself (serveVideo).
        const_cast<httplib::Request &>(req).ranges.clear();
        if (req.method != "GET" && req.method != "HEAD" && req.method != "POST") {
            res.status = 405;
            res.set_header("Allow", "GET, HEAD, POST");
            res.set_content("Method not allowed.\n", "text/plain; charset=utf-8");
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // Errors the library makes itself (unknown path, bad request, body too large, a Range it
    // cannot read) get a page of ours; answers that already have a body keep it.
    s.set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request &req, httplib::Response &res) {
            const_cast<httplib::Request &>(req).ranges.clear();
            if (!res.body.empty() || res.content_length_ > 0) {
                return httplib::Server::HandlerResponse::Unhandled;
            }
            std::smatch match;
            if (res.status == 416 && std::regex_match(req.path, match, std::regex(kVideoRoute))) {
                // A Range header the library could not read: the video answers it as it does
                // any unsatisfiable range (416 with the size).
                const_cast<httplib::Request &>(req).matches = match;
                serveVideo(req, res);
            } else if (res.status == 404) {
                notFound(res);
            } else {
                res.set_content("Request refused.\n", "text/plain; charset=utf-8");
            }
            return httplib::Server::HandlerResponse::Handled;
        }));
    s.set_exception_handler(
        [](const httplib::Request &, httplib::Response &res, std::exception_ptr ep) {
            // The path holds the token: it is never logged.
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception &e) {
                qCWarning(lcReview).noquote() << "request failed:" << QString::fromUtf8(e.what());
            } catch (...) {
                qCWarning(lcReview) << "request failed";
            }
            res.status = 500;
            res.set_content(
                "Something went wrong. Try again in a moment.\n", "text/plain; charset=utf-8");
        });

    s.Get("/assets/review.css", [this](const httplib::Request &, httplib::Response &res) {
        res.set_content(
            css.constData(), static_cast<std::size_t>(css.size()), "text/css; charset=utf-8");
    });
    s.Get("/assets/icon.svg", [this](const httplib::Request &, httplib::Response &res) {
        res.set_content(icon.constData(), static_cast<std::size_t>(icon.size()), "image/svg+xml");
    });
    s.Get("/assets/review.js", [this](const httplib::Request &, httplib::Response &res) {
        res.set_content(
            js.constData(), static_cast<std::size_t>(js.size()), "text/javascript; charset=utf-8");
    });
    s.Get(R"(/r/([^/]+))",
        [this](const httplib::Request &req, httplib::Response &res) { servePage(req, res); });
    s.Get(kVideoRoute,
        [this](const httplib::Request &req, httplib::Response &res) { serveVideo(req, res); });
    s.Get(R"(/r/([^/]+)/cover/([0-9]{1,18}))",
        [this](const httplib::Request &req, httplib::Response &res) { serveCover(req, res); });
    s.Post(R"(/r/([^/]+)/posts/([0-9]{1,18})/feedback)",
        [this](const httplib::Request &req, httplib::Response &res) { receiveDecision(req, res); });
    // Any other path under a link: checked like a link (and counted when wrong), then 404.
    const auto other = [this](const httplib::Request &req, httplib::Response &res) {
        if (resolveLink(req, res, req.matches[1])) {
            notFound(res);
        }
    };
    s.Get(R"(/r/([^/]*)/.*)", other);
    s.Post(R"(/r/([^/]*)(/.*)?)", other);
}

ReviewServer::ReviewServer(const QString &databasePath, const Clock &clock, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, databasePath, clock))
{
}

ReviewServer::~ReviewServer()
{
    stop();
}

bool ReviewServer::start(const ReviewServerOptions &options, QString *error)
{
    stop();
    d->stopping = false;
    d->options = options;
    d->server = std::make_unique<httplib::Server>();
    d->setupRoutes();
    const std::string host = options.bindAddress.toStdString();
    int port = options.port;
    errno = 0;
    if (options.port == 0) {
        port = d->server->bind_to_any_port(host);
    } else if (!d->server->bind_to_port(host, options.port)) {
        port = -1;
    }
    if (port <= 0) {
        const int why = errno;
        d->server.reset();
        if (error) {
            const QString where =
                QStringLiteral("%1:%2").arg(options.bindAddress).arg(options.port);
            if (why == EADDRINUSE) {
                *error = tr("Cannot serve review links on %1: the port is taken by another "
                            "program. Choose another port in the settings.")
                             .arg(where);
            } else if (why == EADDRNOTAVAIL) {
                *error = tr("Cannot serve review links on %1: this computer has no such address.")
                             .arg(where);
            } else if (why == EACCES) {
                *error =
                    tr("Cannot serve review links on %1: not allowed to use this port.").arg(where);
            } else {
                *error = tr("Cannot serve review links on %1 (%2).")
                             .arg(where, QString::fromLocal8Bit(std::strerror(why)));
            }
        }
        return false;
    }
    d->port = port;
    d->listener = std::thread([server = d->server.get()] { server->listen_after_bind(); });
    // stop() only works once the library's loop runs, so wait for it (it starts at once; the
    // deadline is for a loop that fails to start).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!d->server->is_running() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (!d->server->is_running()) {
        stop();
        if (error) {
            *error = tr("Cannot serve review links: the server did not start.");
        }
        return false;
    }
    qCInfo(lcReview).noquote() << "serving review links on" << options.bindAddress << "port"
                               << port;
    return true;
}

void ReviewServer::stop()
{
    if (!d->server) {
        return;
    }
    {
        const std::lock_guard lock(d->stopMutex);
        d->stopping = true;
    }
    d->stopCond.notify_all();
    d->server->stop();
    if (d->listener.joinable()) {
        d->listener.join();
    }
    d->server.reset();
    d->port = 0;
}

bool ReviewServer::isRunning() const
{
    return d->server && d->server->is_running();
}

QString ReviewServer::bindAddress() const
{
    return d->options.bindAddress;
}

quint16 ReviewServer::port() const
{
    const int p = d->port.load();
    return static_cast<quint16>(p > 0 ? p : d->options.port);
}

QUrl ReviewServer::linkUrl(const QString &token) const
{
    return reviewLinkUrl(d->options.bindAddress, port(), token);
}

} // namespace Cuepoint::Core
