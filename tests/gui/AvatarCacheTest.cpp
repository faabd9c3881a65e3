// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The accounts' profile pictures: fetched from the in-process sandbox over loopback, kept on
// disk and served from there by a later cache without a request; hostile answers (not an
// image, too big, a PNG header claiming 100000x100000, a 404) and a plain-http address off
// loopback leave the initials, and the logs never carry the URL's query. The calendar's cards
// show the picture through CalendarDelegate::setAvatarCache().
#include "controllers/AvatarCache.h"

#include "SandboxServer.h"
#include "TestProfile.h"
#include "models/ItemRoles.h"
#include "widgets/CalendarDelegate.h"

#include "cuepoint/core/tiktok/HttpTransport.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QHeaderView>
#include <QMutex>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QtEndian>

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <thread>

namespace Cuepoint::Gui {
namespace {

constexpr int kWaitMs = 20'000;

/// The core's curl transport, counting what is sent through it.
class CountingTransport final : public Core::HttpTransport
{
public:
    explicit CountingTransport(std::shared_ptr<std::atomic_int> count)
        : m_count(std::move(count))
        , m_inner(Core::createCurlTransport())
    {
    }
    Core::HttpResponse send(const Core::HttpRequest &request) override
    {
        ++*m_count;
        return m_inner->send(request);
    }

private:
    std::shared_ptr<std::atomic_int> m_count;
    std::unique_ptr<Core::HttpTransport> m_inner;
};

AvatarCache::TransportFactory counting(const std::shared_ptr<std::atomic_int> &count)
{
    return [count] { return std::make_unique<CountingTransport>(count); };
}

QByteArray pngOf(const QColor &colour, int size = 64)
{
    QImage image(size, size, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xffffffffu;
    for (const char c : data) {
        crc ^= static_cast<quint8>(c);
        for (int k = 0; k < 8; ++k) {
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

QByteArray chunk(const QByteArray &type, const QByteArray &data)
{
    QByteArray out(4, '\0');
    qToBigEndian<quint32>(static_cast<quint32>(data.size()), out.data());
    const QByteArray body = type + data;
    QByteArray crc(4, '\0');
    qToBigEndian<quint32>(crc32(body), crc.data());
    return out + body + crc;
}

/// A valid PNG signature and header claiming @p side x @p side RGBA pixels, with a tiny body.
QByteArray lyingPng(quint32 side)
{
    QByteArray ihdr(13, '\0');
    qToBigEndian<quint32>(side, ihdr.data());
    qToBigEndian<quint32>(side, ihdr.data() + 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 6; // RGBA
    // zlib: a stored block of a few zero bytes.
    const QByteArray idat = QByteArray::fromHex("7801010500faff000000000000050001");
    return QByteArray::fromHex("89504e470d0a1a0a") + chunk("IHDR", ihdr) + chunk("IDAT", idat)
        + chunk("IEND", {});
}

/// A tiny HTTP server on loopback with hostile and friendly answers, counting requests.
class TestServer
{
public:
    TestServer()
    {
        m_server.set_logger(
            [this](const httplib::Request &, const httplib::Response &) { ++requests; });
        const std::string red = pngOf(QColor(0xd0, 0x20, 0x30)).toStdString();
        m_server.Get("/red.png", [red](const httplib::Request &, httplib::Response &res) {
            res.set_content(red, "image/png");
        });
        m_server.Get("/text.png", [](const httplib::Request &, httplib::Response &res) {
            res.set_content("<html>not an image</html>", "image/png");
        });
        m_server.Get("/big.png", [red](const httplib::Request &, httplib::Response &res) {
            // A real PNG at the start, then 3 MB more.
            res.set_content(red + std::string(3 * 1024 * 1024, 'x'), "image/png");
        });
        const std::string huge = lyingPng(100000).toStdString();
        m_server.Get("/huge.png", [huge](const httplib::Request &, httplib::Response &res) {
            res.set_content(huge, "image/png");
        });
        const std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" "
                                "height=\"64\"><rect width=\"64\" height=\"64\"/></svg>";
        m_server.Get("/vector.svg", [svg](const httplib::Request &, httplib::Response &res) {
            res.set_content(svg, "image/svg+xml");
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
    }
    ~TestServer()
    {
        m_server.stop();
        m_thread.join();
    }
    QString url(const char *path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(QLatin1String(path));
    }

    std::atomic_int requests { 0 };

private:
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
};

/// Everything logged while it lives.
class LogCapture
{
public:
    LogCapture()
    {
        s_lines.clear();
        m_previous = qInstallMessageHandler(&LogCapture::handler);
    }
    ~LogCapture() { qInstallMessageHandler(m_previous); }
    static QStringList lines()
    {
        QMutexLocker lock(&s_mutex);
        return s_lines;
    }

private:
    static void handler(QtMsgType, const QMessageLogContext &, const QString &text)
    {
        QMutexLocker lock(&s_mutex);
        s_lines << text;
    }
    static inline QMutex s_mutex;
    static inline QStringList s_lines;
    QtMessageHandler m_previous = nullptr;
};

class AvatarCacheTest : public ::testing::Test
{
protected:
    QString cacheDir() const { return m_profile.profile().cacheDir() + QStringLiteral("/avatars"); }

    /// Asks for the avatar of @p id and waits for the cache's answer: true when ready.
    static bool fetch(AvatarCache &cache, qint64 id, QString *reason = nullptr)
    {
        QSignalSpy ready(&cache, &AvatarCache::avatarReady);
        QSignalSpy failed(&cache, &AvatarCache::avatarFailed);
        EXPECT_TRUE(cache.avatar(id, 40).isNull()); // never blocks: not there yet
        if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, kWaitMs)) {
            ADD_FAILURE() << "no answer from the avatar cache";
            return false;
        }
        if (!failed.isEmpty() && reason) {
            *reason = failed.first().at(1).toString();
        }
        return !ready.isEmpty();
    }

    /// Expects @p url to be refused with a reason containing @p expected, no picture kept.
    void expectFailure(TestServer &server, const char *path, const QString &expected)
    {
        auto count = std::make_shared<std::atomic_int>(0);
        AvatarCache cache(cacheDir(), nullptr, nullptr, counting(count));
        const QString url = server.url(path);
        cache.setAvatarUrl(7, url);
        QString reason;
        EXPECT_FALSE(fetch(cache, 7, &reason)) << path;
        EXPECT_TRUE(reason.contains(expected)) << path << ": " << reason.toStdString();
        EXPECT_EQ(count->load(), 1) << path;
        EXPECT_TRUE(cache.image(7).isNull());
        EXPECT_TRUE(cache.avatar(7, 40).isNull());
        EXPECT_FALSE(QFile::exists(cache.filePathFor(7, url))) << path;
        // No new attempt right away (the next one waits): the initials stay, quietly.
        cache.waitForDone();
        EXPECT_EQ(count->load(), 1) << path;
    }

    Cuepoint::Test::TestProfile m_profile;
};

TEST_F(AvatarCacheTest, FetchesFromTheSandboxAndServesFromDiskLater)
{
    Sandbox::SandboxServer sandbox;
    sandbox.start();
    const QString url =
        QString::fromStdString(sandbox.baseUrl()) + QLatin1String("/_sandbox/avatar/alice.png");
    // The sandbox paints each creator's avatar in a colour from the SHA-256 of the name.
    const QByteArray hash = QCryptographicHash::hash("alice", QCryptographicHash::Sha256);
    const QRgb expected = qRgb(static_cast<quint8>(hash.at(0)), static_cast<quint8>(hash.at(1)),
        static_cast<quint8>(hash.at(2)));

    auto firstCount = std::make_shared<std::atomic_int>(0);
    QString file;
    {
        AvatarCache cache(cacheDir(), nullptr, nullptr, counting(firstCount));
        cache.setAvatarUrl(42, url);
        ASSERT_TRUE(fetch(cache, 42));
        EXPECT_EQ(firstCount->load(), 1);
        const QImage image = cache.image(42);
        ASSERT_EQ(image.size(), QSize(AvatarCache::kImageSize, AvatarCache::kImageSize));
        EXPECT_EQ(image.pixel(64, 64), expected);
        EXPECT_EQ(qAlpha(image.pixel(0, 0)), 0) << "the corners are transparent: it is round";
        const QPixmap pixmap = cache.avatar(42, 40, 2.0);
        EXPECT_EQ(pixmap.size(), QSize(80, 80));
        EXPECT_EQ(pixmap.devicePixelRatio(), 2.0);
        file = cache.filePathFor(42, url);
        EXPECT_TRUE(file.startsWith(cacheDir()));
        EXPECT_TRUE(QFile::exists(file));
    }
    sandbox.stop();

    // A later run on the same profile: from the disk, without a request (nobody would answer).
    auto secondCount = std::make_shared<std::atomic_int>(0);
    AvatarCache again(cacheDir(), nullptr, nullptr, counting(secondCount));
    again.setAvatarUrl(42, url);
    ASSERT_TRUE(fetch(again, 42));
    EXPECT_EQ(secondCount->load(), 0);
    EXPECT_EQ(again.image(42).pixel(64, 64), expected);

    // A new URL for the account is fetched again (and fails here: the sandbox is gone).
    again.setAvatarUrl(42, url + QLatin1String("?v=2"));
    EXPECT_TRUE(again.avatar(42, 40).isNull());
    EXPECT_FALSE(fetch(again, 42));
    EXPECT_EQ(secondCount->load(), 1);
}

TEST_F(AvatarCacheTest, ServesFromDiskWithoutARequestAtTheServer)
{
    TestServer server;
    const QString url = server.url("/red.png");
    {
        AvatarCache cache(cacheDir(), nullptr);
        cache.setAvatarUrl(3, url);
        ASSERT_TRUE(fetch(cache, 3));
        EXPECT_EQ(cache.image(3).pixel(64, 64), qRgb(0xd0, 0x20, 0x30));
    }
    EXPECT_EQ(server.requests.load(), 1);
    AvatarCache again(cacheDir(), nullptr);
    again.setAvatarUrl(3, url);
    ASSERT_TRUE(fetch(again, 3));
    EXPECT_EQ(server.requests.load(), 1);
    // Another account with the same picture has its own file.
    again.setAvatarUrl(4, url);
    ASSERT_TRUE(fetch(again, 4));
    EXPECT_EQ(server.requests.load(), 2);
}

TEST_F(AvatarCacheTest, RetryFailedFetchesAgain)
{
    // The window asks for pictures before its embedded sandbox listens; once TikTok (or the
    // sandbox) is ready it calls retryFailed() instead of leaving them for a quarter hour.
    TestServer server;
    AvatarCache cache(cacheDir(), nullptr);
    cache.setAvatarUrl(6, server.url("/missing.png")); // 404
    EXPECT_FALSE(fetch(cache, 6));
    EXPECT_EQ(server.requests.load(), 1);
    QSignalSpy ready(&cache, &AvatarCache::avatarReady);
    cache.retryFailed();
    ASSERT_EQ(ready.count(), 1) << "views are told to ask again";
    EXPECT_FALSE(fetch(cache, 6));
    EXPECT_EQ(server.requests.load(), 2) << "asking again fetched again";
}

TEST_F(AvatarCacheTest, HostileAnswersLeaveTheInitials)
{
    TestServer server;
    expectFailure(server, "/text.png", QStringLiteral("not an image"));
    expectFailure(server, "/big.png",
        QStringLiteral("transfer failed: the response is larger than 2097152 bytes"));
    expectFailure(server, "/huge.png", QStringLiteral("100000x100000 are out of bounds"));
    expectFailure(server, "/vector.svg", QStringLiteral("not an"));
    expectFailure(server, "/missing.png", QStringLiteral("HTTP status 404"));
}

TEST_F(AvatarCacheTest, DecodeRefusesLyingHeadersBeforeAllocating)
{
    QString why;
    EXPECT_TRUE(AvatarCache::decode(lyingPng(100000), &why).isNull());
    EXPECT_TRUE(why.contains(QStringLiteral("out of bounds"))) << why.toStdString();
    // Just over the limit is refused too; a normal picture is fine.
    EXPECT_TRUE(AvatarCache::decode(lyingPng(AvatarCache::kMaxDimension + 1), &why).isNull());
    EXPECT_FALSE(AvatarCache::decode(pngOf(Qt::blue, 200)).isNull());
}

TEST_F(AvatarCacheTest, RefusesPlainHttpOffLoopbackWithoutARequest)
{
    LogCapture log;
    auto count = std::make_shared<std::atomic_int>(0);
    AvatarCache cache(cacheDir(), nullptr, nullptr, counting(count));
    QSignalSpy failed(&cache, &AvatarCache::avatarFailed);
    cache.setAvatarUrl(9, QStringLiteral("http://example.com/avatar/p.jpeg?x-signature=SECRET"));
    EXPECT_TRUE(cache.avatar(9, 40).isNull());
    ASSERT_EQ(failed.size(), 1);
    EXPECT_TRUE(failed.first().at(1).toString().startsWith(QStringLiteral("refused")));
    cache.waitForDone();
    EXPECT_EQ(count->load(), 0);
    // Asked again (every paint does): still nothing sent, no new log line.
    EXPECT_TRUE(cache.avatar(9, 40).isNull());
    EXPECT_EQ(failed.size(), 1);
    const QStringList lines = log.lines();
    EXPECT_EQ(lines.filter(QStringLiteral("example.com/avatar/p.jpeg")).size(), 1)
        << lines.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(lines.filter(QStringLiteral("SECRET")).isEmpty());
}

TEST_F(AvatarCacheTest, LogsHostAndPathOnlyOnFailure)
{
    TestServer server;
    LogCapture log;
    AvatarCache cache(cacheDir(), nullptr);
    cache.setAvatarUrl(5, server.url("/missing.png?x-expires=1&x-signature=SECRET"));
    EXPECT_FALSE(fetch(cache, 5));
    const QStringList lines = log.lines();
    EXPECT_EQ(lines.filter(QStringLiteral("/missing.png")).size(), 1)
        << lines.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(lines.filter(QStringLiteral("SECRET")).isEmpty());
    EXPECT_TRUE(lines.filter(QStringLiteral("x-expires")).isEmpty());
}

/// Counts the paint events of a widget.
class PaintCounter : public QObject
{
public:
    int paints = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            ++paints;
        }
        return false;
    }
};

TEST_F(AvatarCacheTest, CalendarCardsShowTheProfilePicture)
{
    TestServer server;
    AvatarCache cache(cacheDir(), nullptr);
    cache.setAvatarUrl(11, server.url("/red.png"));

    CalendarCard card;
    card.postId = 1;
    card.at = QDateTime(QDate(2026, 11, 26), QTime(10, 0), Qt::UTC);
    card.caption = QStringLiteral("Hello");
    CardTarget target;
    target.accountId = 11;
    target.accountName = QStringLiteral("@alice");
    target.accountConnected = true;
    card.targets << target;
    QStandardItemModel model(1, 1);
    auto *item = new QStandardItem;
    item->setData(QVariant::fromValue(QList<CalendarCard> { card }), CardsRole);
    item->setData(true, SlotExistsRole);
    item->setData(true, InCurrentMonthRole);
    model.setItem(0, 0, item);

    QTableView view;
    CalendarDelegate delegate(CalendarDelegate::Kind::Week, nullptr);
    delegate.setAvatarCache(&cache);
    view.setItemDelegate(&delegate);
    view.setModel(&model);
    view.horizontalHeader()->hide();
    view.verticalHeader()->hide();
    view.setColumnWidth(0, 560);
    view.setRowHeight(0, CalendarDelegate::cardHeight(view.fontMetrics()) + 8);
    view.resize(600, 200);
    PaintCounter counter;
    view.viewport()->installEventFilter(&counter);
    const QRgb red = qRgb(0xd0, 0x20, 0x30);
    const auto redPixels = [&view, red] {
        const QImage image =
            view.viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
        int n = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                n += image.pixel(x, y) == red ? 1 : 0;
            }
        }
        return n;
    };

    QSignalSpy ready(&cache, &AvatarCache::avatarReady);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    EXPECT_EQ(redPixels(), 0); // the coloured initial while the picture is fetched
    ASSERT_TRUE(QTest::qWaitFor([&ready] { return !ready.isEmpty(); }, kWaitMs));
    // The delegate repaints the view it painted by itself.
    const int before = counter.paints;
    ASSERT_TRUE(QTest::qWaitFor([&] { return counter.paints > before; }, kWaitMs));
    EXPECT_GT(redPixels(), 8);

    delegate.setAvatarCache(nullptr);
    EXPECT_EQ(redPixels(), 0);
}

} // namespace
} // namespace Cuepoint::Gui
