// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The review server over real HTTP (libcurl, loopback) against a real SQLite profile and real
// video fixtures: links, scopes, escaping, decisions, ranges and headers.
#include "cuepoint/core/review/ReviewServer.h"

#include "FakeClock.h"
#include "ReviewHttpClient.h"
#include "TestProfile.h"

#include "cuepoint/core/media/FrameGrabber.h"
#include "cuepoint/core/media/PngCodec.h"
#include "cuepoint/core/review/ReviewLinks.h"
#include "cuepoint/core/review/ReviewToken.h"
#include "cuepoint/core/storage/AccountStore.h"
#include "cuepoint/core/storage/PostStore.h"
#include "cuepoint/core/storage/ReviewStore.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>

#include <gtest/gtest.h>

namespace Cuepoint::Test {
namespace {

using namespace Core;

const char kCsp[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                    "media-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
                    "frame-ancestors 'none'";
const QString kHostile = QStringLiteral(
    "<script>alert(1)</script> \"double\" 'single' </textarea><img src=x onerror=alert(2)>");

QString videoFixture()
{
    const QString path = QStringLiteral(CUEPOINT_FIXTURES_DIR "/ok_h264_aac_faststart.mp4");
    EXPECT_TRUE(QFile::exists(path)) << "missing fixture " << path.toStdString();
    return path;
}

class ReviewServerTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_db = m_profile.openDatabase();
        m_accounts = std::make_unique<AccountStore>(*m_db, m_clock);
        m_posts = std::make_unique<PostStore>(*m_db, m_clock);
        m_reviews = std::make_unique<ReviewStore>(*m_db, m_clock);
        Account alice = makeAccount(QStringLiteral("alice"));
        alice.displayName = kHostile;
        m_alice = m_accounts->save(alice);
        m_bob = m_accounts->save(makeAccount(QStringLiteral("bob")));
        const QDateTime now = m_clock.nowUtc();
        m_postA1 = addPost(now.addDays(1), { m_alice }, kHostile);
        m_postA2 = addPost(now.addDays(2), { m_alice }, QStringLiteral("second #fyp"));
        m_postAB =
            addPost(now.addDays(1).addSecs(60), { m_alice, m_bob }, QStringLiteral("for both"));
        m_postB = addPost(now.addDays(1), { m_bob }, QStringLiteral("only bob sees this"));
        m_token = share({ m_alice }).token;
        m_server = std::make_unique<ReviewServer>(m_db->path(), m_clock);
        QString error;
        ASSERT_TRUE(m_server->start({ QStringLiteral("127.0.0.1"), 0 }, &error))
            << error.toStdString();
        ASSERT_GT(m_server->port(), 0);
    }

    qint64 addPost(const QDateTime &at, const QList<qint64> &accounts, const QString &caption)
    {
        Post p = makePost(at, accounts, caption);
        p.videoPath = videoFixture();
        p.coverTimestampMs = 1234;
        return m_posts->add(p);
    }

    CreatedReviewLink share(const QList<qint64> &accounts, int days = 14)
    {
        ReviewShareRequest request;
        request.accountIds = accounts;
        request.expiresInDays = days;
        request.label = QStringLiteral("Client <b>ACME</b>");
        QString error;
        std::optional<CreatedReviewLink> created =
            createReviewLink(*m_reviews, m_clock, request, &error);
        EXPECT_TRUE(created) << error.toStdString();
        return created ? *created : CreatedReviewLink {};
    }

    std::string base() const { return "http://127.0.0.1:" + std::to_string(m_server->port()); }
    std::string linkUrl(const QString &token) const { return base() + "/r/" + token.toStdString(); }
    std::string url(const std::string &rest) const { return linkUrl(m_token) + rest; }

    /// The per-page token the page embeds for its script.
    std::string pageToken(const QString &token)
    {
        const HttpAnswer page = httpGet(linkUrl(token));
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("name=\"review-page-token\" content=\"([0-9a-f]+)\""))
                .match(QString::fromUtf8(page.body));
        EXPECT_TRUE(m.hasMatch());
        return m.captured(1).toStdString();
    }

    HttpAnswer decide(qint64 postId, const QJsonObject &body, std::vector<std::string> headers,
        const QString &token = {})
    {
        headers.push_back("Content-Type: application/json");
        return httpRequest({ "POST",
            linkUrl(token.isEmpty() ? m_token : token) + "/posts/" + std::to_string(postId)
                + "/feedback",
            headers, QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(), {} });
    }

    static QJsonObject decision(const char *what, const QString &name, const QString &comment)
    {
        return { { QStringLiteral("decision"), QLatin1String(what) },
            { QStringLiteral("name"), name }, { QStringLiteral("comment"), comment } };
    }

    static void expectSecurityHeaders(const HttpAnswer &a, const std::string &what)
    {
        EXPECT_EQ(a.header("content-security-policy"), kCsp) << what;
        EXPECT_EQ(a.header("x-content-type-options"), "nosniff") << what;
        EXPECT_EQ(a.header("referrer-policy"), "no-referrer") << what;
        EXPECT_EQ(a.header("cache-control"), "no-store") << what;
    }

    QByteArray fileBytes() const
    {
        QFile f(videoFixture());
        EXPECT_TRUE(f.open(QIODevice::ReadOnly));
        return f.readAll();
    }

    TestProfile m_profile;
    FakeClock m_clock;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<AccountStore> m_accounts;
    std::unique_ptr<PostStore> m_posts;
    std::unique_ptr<ReviewStore> m_reviews;
    std::unique_ptr<ReviewServer> m_server;
    qint64 m_alice = 0;
    qint64 m_bob = 0;
    qint64 m_postA1 = 0;
    qint64 m_postA2 = 0;
    qint64 m_postAB = 0;
    qint64 m_postB = 0;
    QString m_token;
};

TEST_F(ReviewServerTest, PageShowsOnlyThePostsAndTargetsOfTheLinksProfiles)
{
    QSignalSpy used(m_server.get(), &ReviewServer::linkUsed);
    const HttpAnswer page = httpGet(linkUrl(m_token));
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
    const QString html = QString::fromUtf8(page.body);
    const auto has = [&](qint64 id) {
        return html.contains(QStringLiteral("id=\"post-%1\"").arg(id));
    };
    EXPECT_TRUE(has(m_postA1));
    EXPECT_TRUE(has(m_postA2));
    EXPECT_TRUE(has(m_postAB));
    EXPECT_FALSE(has(m_postB)) << "another profile's post";
    EXPECT_FALSE(html.contains(QStringLiteral("only bob sees this")));
    EXPECT_FALSE(html.contains(QStringLiteral("@bob"))) << "the other target of a cross-post";
    EXPECT_TRUE(html.contains(QStringLiteral("@alice")));
    // In time order, with the instant and the post's zone for the page's script.
    EXPECT_LT(html.indexOf(QStringLiteral("post-%1\"").arg(m_postA1)),
        html.indexOf(QStringLiteral("post-%1\"").arg(m_postA2)));
    EXPECT_TRUE(html.contains(QStringLiteral("datetime=\"2026-03-02T12:00:00.000Z\" "
                                             "data-zone=\"Europe/Paris\"")));
    EXPECT_TRUE(html.contains(QStringLiteral("Mon 2 Mar 2026, 13:00 (Europe/Paris)")));
    // Its last use is recorded (once, then throttled).
    ASSERT_TRUE(used.wait(5000));
    const std::optional<ReviewLink> link = m_reviews->linkByTokenHash(reviewTokenHash(m_token));
    ASSERT_TRUE(link);
    EXPECT_EQ(link->lastUsedAt, m_clock.nowUtc());
    EXPECT_EQ(used.takeFirst().at(0).toLongLong(), link->id);
}

TEST_F(ReviewServerTest, UnknownExpiredRevokedAndMalformedTokensGetTheSame404)
{
    const QString expired = share({ m_alice }, 1).token;
    const CreatedReviewLink revoked = share({ m_alice });
    EXPECT_EQ(httpGet(linkUrl(expired)).status, 200);
    m_clock.advance(std::chrono::hours(25));
    m_reviews->revoke(revoked.link.id);

    const std::vector<std::string> urls = {
        linkUrl(expired),
        linkUrl(revoked.token),
        linkUrl(generateReviewToken()),
        base() + "/r/not-a-token",
        base() + "/r/" + m_token.toUpper().toStdString(),
        linkUrl(generateReviewToken()) + "/video/" + std::to_string(m_postA1),
        linkUrl(expired) + "/cover/" + std::to_string(m_postA1),
    };
    // Each from its own loopback address, so that the slow-down of repeated misses (tested
    // below) does not change the answers compared here.
    int host = 10;
    const auto get = [&host](const std::string &u) {
        return httpRequest({ "GET", u, {}, {}, "127.0.0." + std::to_string(host++) });
    };
    const HttpAnswer first = get(urls.front());
    EXPECT_EQ(first.status, 404);
    EXPECT_TRUE(first.body.contains("This link is not available"));
    for (const std::string &u : urls) {
        const HttpAnswer a = get(u);
        EXPECT_EQ(a.status, 404) << u;
        EXPECT_EQ(a.body, first.body) << u;
        EXPECT_EQ(a.headerList, first.headerList) << u;
    }
    // The valid link still works.
    EXPECT_EQ(httpGet(linkUrl(m_token)).status, 200);
}

TEST_F(ReviewServerTest, RepeatedMissesFromOneAddressAreSlowedDownButNotOthers)
{
    const auto miss = [&](const std::string &from) {
        return httpRequest({ "GET", linkUrl(generateReviewToken()), {}, {}, from });
    };
    for (int i = 0; i < 5; ++i) {
        const HttpAnswer a = miss("127.0.0.1");
        EXPECT_EQ(a.status, 404);
        EXPECT_FALSE(a.hasHeader("x-review-delay-ms")) << "miss " << i;
    }
    EXPECT_EQ(miss("127.0.0.1").header("x-review-delay-ms"), "250");
    EXPECT_EQ(miss("127.0.0.1").header("x-review-delay-ms"), "500");
    // Even a valid token waits from that address (nothing tells a guesser it hit)...
    EXPECT_EQ(
        httpRequest({ "GET", linkUrl(m_token), {}, {}, "127.0.0.1" }).header("x-review-delay-ms"),
        "1000");
    // ... while another address is not slowed down.
    const HttpAnswer other = httpRequest({ "GET", linkUrl(m_token), {}, {}, "127.0.0.2" });
    EXPECT_EQ(other.status, 200);
    EXPECT_FALSE(other.hasHeader("x-review-delay-ms"));
    EXPECT_FALSE(miss("127.0.0.2").hasHeader("x-review-delay-ms"));
}

TEST_F(ReviewServerTest, VideosAndCoversOnlyForPostsInTheLinksScope)
{
    EXPECT_EQ(httpGet(url("/video/" + std::to_string(m_postA1))).status, 200);
    EXPECT_EQ(httpGet(url("/video/" + std::to_string(m_postAB))).status, 200);
    const HttpAnswer bobVideo = httpGet(url("/video/" + std::to_string(m_postB)));
    EXPECT_EQ(bobVideo.status, 404);
    EXPECT_FALSE(bobVideo.body.startsWith(QByteArray("\0\0\0", 3)));
    EXPECT_EQ(httpGet(url("/cover/" + std::to_string(m_postB))).status, 404);
    EXPECT_EQ(httpGet(url("/video/999999")).status, 404);
    EXPECT_EQ(httpGet(url("/video/..%2F..%2Fetc%2Fpasswd")).status, 404);
    EXPECT_EQ(httpGet(base() + "/").status, 404) << "no listing";
    EXPECT_EQ(httpGet(base() + "/assets/").status, 404) << "no listing";
    EXPECT_EQ(httpGet(base() + "/etc/passwd").status, 404);

    // A link to bob's profile sees bob's post.
    const QString bobToken = share({ m_bob }).token;
    EXPECT_EQ(httpGet(linkUrl(bobToken) + "/video/" + std::to_string(m_postB)).status, 200);
    EXPECT_EQ(httpGet(linkUrl(bobToken) + "/video/" + std::to_string(m_postA1)).status, 404);
}

TEST_F(ReviewServerTest, CoverIsTheExactFrameAtTheCoverTime)
{
    const HttpAnswer cover = httpGet(url("/cover/" + std::to_string(m_postA1)));
    ASSERT_EQ(cover.status, 200);
    EXPECT_EQ(cover.header("content-type"), "image/png");
    FrameGrabber grabber;
    ASSERT_TRUE(grabber.open(videoFixture()));
    grabber.setFormat(VideoFrame::Format::Rgb888);
    const std::optional<VideoFrame> frame = grabber.exactFrame(1234, FrameSize { 540, 960 });
    ASSERT_TRUE(frame);
    EXPECT_EQ(cover.body, Png::encode(*frame));
    // A second request is answered from the cache with the same picture.
    EXPECT_EQ(httpGet(url("/cover/" + std::to_string(m_postA1))).body, cover.body);
}

TEST_F(ReviewServerTest, HostileCaptionsNamesAndCommentsComeBackEscaped)
{
    const std::string token = "X-Review-Page-Token: " + pageToken(m_token);
    const QString hostileName = QStringLiteral("<script>alert(3)</script>\"q\"</textarea>");
    ASSERT_EQ(decide(m_postA1, decision("changes", hostileName, kHostile), { token }).status, 200);
    const QString html = QString::fromUtf8(httpGet(linkUrl(m_token)).body);
    EXPECT_FALSE(html.contains(QStringLiteral("<script>alert"))) << "caption, name or comment";
    EXPECT_FALSE(html.contains(QStringLiteral("<img src=x")));
    EXPECT_FALSE(html.contains(QStringLiteral("\"double\"")));
    EXPECT_FALSE(html.contains(QStringLiteral("<b>ACME")));
    EXPECT_EQ(html.count(QStringLiteral("</textarea>")), html.count(QStringLiteral("<textarea")));
    const QString escaped =
        QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt; &quot;double&quot; &#39;single&#39; "
                       "&lt;/textarea&gt;&lt;img src=x onerror=alert(2)&gt;");
    // The caption, alice's display name and the comment; the reviewer's name.
    EXPECT_GE(html.count(escaped), 3);
    EXPECT_TRUE(html.contains(
        QStringLiteral("&lt;script&gt;alert(3)&lt;/script&gt;&quot;q&quot;&lt;/textarea&gt;")));
    EXPECT_TRUE(html.contains(QStringLiteral("Client &lt;b&gt;ACME&lt;/b&gt;")));
}

TEST_F(ReviewServerTest, DecisionsWithoutTheRightPageTokenOrFromAnotherSiteAreRefused)
{
    const std::string good = "X-Review-Page-Token: " + pageToken(m_token);
    const QString otherToken = share({ m_alice }).token;
    const std::string otherLinks = "X-Review-Page-Token: " + pageToken(otherToken);
    const QJsonObject approve = decision("approve", QStringLiteral("Eve"), {});
    EXPECT_EQ(decide(m_postA1, approve, {}).status, 403);
    EXPECT_EQ(decide(m_postA1, approve, { "X-Review-Page-Token: 00" }).status, 403);
    EXPECT_EQ(decide(m_postA1, approve, { otherLinks }).status, 403) << "another link's page";
    EXPECT_EQ(decide(m_postA1, approve, { good, "Origin: http://evil.example" }).status, 403);
    EXPECT_EQ(decide(m_postA1, approve, { good, "Sec-Fetch-Site: cross-site" }).status, 403);
    EXPECT_TRUE(m_reviews->feedbackForPost(m_postA1).isEmpty());
    EXPECT_EQ(m_posts->post(m_postA1)->approval, ApprovalState::None);
    // Out of the link's scope: as if it did not exist.
    EXPECT_EQ(decide(m_postB, approve, { good }).status, 404);
    EXPECT_EQ(m_posts->post(m_postB)->approval, ApprovalState::None);
    // The same request with the page's token and origin goes through.
    const std::string origin = "Origin: " + base();
    EXPECT_EQ(
        decide(m_postA1, approve, { good, origin, "Sec-Fetch-Site: same-origin" }).status, 200);
}

TEST_F(ReviewServerTest, ApproveAndRequestChangesChangeTheStore)
{
    // Due without approval while approval is required: the engine moved it aside.
    const qint64 target = m_posts->post(m_postA1)->targets.constFirst().id;
    ASSERT_TRUE(m_posts->transition(
        target, TargetState::Scheduled, TargetState::AwaitingApproval, QStringLiteral("test")));
    QSignalSpy received(m_server.get(), &ReviewServer::feedbackReceived);
    const std::string token = "X-Review-Page-Token: " + pageToken(m_token);

    const HttpAnswer approved =
        decide(m_postA1, decision("approve", QStringLiteral("Ann Client"), {}), { token });
    ASSERT_EQ(approved.status, 200) << approved.body.toStdString();
    const QJsonObject answer = QJsonDocument::fromJson(approved.body).object();
    EXPECT_EQ(answer.value(QStringLiteral("approval")).toString(), QStringLiteral("approved"));
    EXPECT_EQ(m_posts->post(m_postA1)->approval, ApprovalState::Approved);
    EXPECT_EQ(m_posts->target(target)->state, TargetState::Scheduled) << "released to publish";
    QList<ReviewFeedback> feedback = m_reviews->feedbackForPost(m_postA1);
    ASSERT_EQ(feedback.size(), 1);
    EXPECT_EQ(feedback.at(0).decision, ReviewDecision::Approved);
    EXPECT_EQ(feedback.at(0).reviewerName, QStringLiteral("Ann Client"));
    EXPECT_TRUE(feedback.at(0).linkId.has_value());

    // Changes need a comment and a name.
    EXPECT_EQ(
        decide(m_postA2, decision("changes", QStringLiteral("Ann"), {}), { token }).status, 400);
    EXPECT_EQ(
        decide(m_postA2, decision("changes", {}, QStringLiteral("x")), { token }).status, 400);
    EXPECT_EQ(
        decide(m_postA2, decision("publish", QStringLiteral("Ann"), QStringLiteral("x")), { token })
            .status,
        400);
    const HttpAnswer changes = decide(m_postA2,
        decision("changes", QStringLiteral("Ann"), QStringLiteral("Shorter caption, please")),
        { token });
    ASSERT_EQ(changes.status, 200);
    EXPECT_EQ(m_posts->post(m_postA2)->approval, ApprovalState::ChangesRequested);
    feedback = m_reviews->feedbackForPost(m_postA2);
    ASSERT_EQ(feedback.size(), 1);
    EXPECT_EQ(feedback.at(0).decision, ReviewDecision::ChangesRequested);
    EXPECT_EQ(feedback.at(0).comment, QStringLiteral("Shorter caption, please"));

    // The app hears of both, in its own thread.
    while (received.size() < 2 && received.wait(5000)) { }
    ASSERT_EQ(received.size(), 2);
    EXPECT_EQ(received.at(0).at(0).toLongLong(), m_postA1);
    EXPECT_EQ(received.at(1).at(0).toLongLong(), m_postA2);
    EXPECT_EQ(received.at(1).at(1).toLongLong(), feedback.at(0).id);
    // And the page shows the decisions.
    const QString html = QString::fromUtf8(httpGet(linkUrl(m_token)).body);
    EXPECT_TRUE(html.contains(QStringLiteral("Shorter caption, please")));
    EXPECT_TRUE(html.contains(QStringLiteral("Changes requested")));
}

TEST_F(ReviewServerTest, PublishedAndCancelledPostsHaveNoButtons)
{
    const qint64 target = m_posts->post(m_postA2)->targets.constFirst().id;
    ASSERT_TRUE(m_posts->transition(
        target, TargetState::Scheduled, TargetState::Cancelled, QStringLiteral("test")));
    const QString html = QString::fromUtf8(httpGet(linkUrl(m_token)).body);
    const qsizetype start = html.indexOf(QStringLiteral("id=\"post-%1\"").arg(m_postA2));
    ASSERT_GE(start, 0);
    const QString card = html.mid(start, html.indexOf(QStringLiteral("</article>"), start) - start);
    EXPECT_FALSE(card.contains(QStringLiteral("data-decision")));
    EXPECT_TRUE(card.contains(QStringLiteral("Cancelled")));
    const std::string token = "X-Review-Page-Token: " + pageToken(m_token);
    EXPECT_EQ(
        decide(m_postA2, decision("approve", QStringLiteral("Ann"), {}), { token }).status, 409);
    EXPECT_EQ(m_posts->post(m_postA2)->approval, ApprovalState::None);
}

TEST_F(ReviewServerTest, VideoAnswersRangeRequestsWithTheFilesBytes)
{
    const QByteArray file = fileBytes();
    const qint64 size = file.size();
    ASSERT_GT(size, 5000);
    const std::string video = url("/video/" + std::to_string(m_postA1));
    const std::string total = "/" + std::to_string(size);

    HttpAnswer a = httpGet(video);
    EXPECT_EQ(a.status, 200);
    EXPECT_EQ(a.header("accept-ranges"), "bytes");
    EXPECT_EQ(a.header("content-type"), "video/mp4");
    EXPECT_EQ(a.body, file);

    a = httpGet(video, { "Range: bytes=0-99" });
    EXPECT_EQ(a.status, 206);
    EXPECT_EQ(a.header("content-range"), "bytes 0-99" + total);
    EXPECT_EQ(a.header("content-length"), "100");
    EXPECT_EQ(a.body, file.left(100));

    a = httpGet(video, { "Range: bytes=1000-2999" });
    EXPECT_EQ(a.status, 206);
    EXPECT_EQ(a.header("content-range"), "bytes 1000-2999" + total);
    EXPECT_EQ(a.body, file.mid(1000, 2000));

    a = httpGet(video, { "Range: bytes=-500" });
    EXPECT_EQ(a.status, 206);
    EXPECT_EQ(a.header("content-range"),
        "bytes " + std::to_string(size - 500) + "-" + std::to_string(size - 1) + total);
    EXPECT_EQ(a.body, file.right(500));

    a = httpGet(video, { "Range: bytes=" + std::to_string(size - 300) + "-" });
    EXPECT_EQ(a.status, 206);
    EXPECT_EQ(a.body, file.right(300));

    for (const std::string &bad : { "bytes=" + std::to_string(size) + "-",
             std::string("bytes=500-100"), std::string("bytes=abc") }) {
        a = httpGet(video, { "Range: " + bad });
        EXPECT_EQ(a.status, 416) << bad;
        EXPECT_EQ(a.header("content-range"), "bytes */" + std::to_string(size)) << bad;
        expectSecurityHeaders(a, bad);
    }

    a = httpRequest({ "HEAD", video, { "Range: bytes=0-9" }, {}, {} });
    EXPECT_EQ(a.status, 206);
    EXPECT_EQ(a.header("content-length"), "10");
    EXPECT_TRUE(a.body.isEmpty());
}

TEST_F(ReviewServerTest, SecurityHeadersOnEveryAnswerAndOnlyGetHeadPost)
{
    const std::string token = "X-Review-Page-Token: " + pageToken(m_token);
    std::vector<std::pair<std::string, HttpAnswer>> answers;
    answers.emplace_back("page", httpGet(linkUrl(m_token)));
    answers.emplace_back("404", httpGet(linkUrl(generateReviewToken())));
    answers.emplace_back("css", httpGet(base() + "/assets/review.css"));
    answers.emplace_back("js", httpGet(base() + "/assets/review.js"));
    answers.emplace_back("video", httpGet(url("/video/" + std::to_string(m_postA1))));
    answers.emplace_back(
        "range", httpGet(url("/video/" + std::to_string(m_postA1)), { "Range: bytes=0-1" }));
    answers.emplace_back("cover", httpGet(url("/cover/" + std::to_string(m_postA1))));
    answers.emplace_back("403", decide(m_postA1, decision("approve", QStringLiteral("A"), {}), {}));
    answers.emplace_back("400 json",
        httpRequest({ "POST", url("/posts/" + std::to_string(m_postA1) + "/feedback"),
            { token, "Content-Type: application/json" }, "{not json", {} }));
    answers.emplace_back("413",
        httpRequest({ "POST", url("/posts/" + std::to_string(m_postA1) + "/feedback"),
            { token, "Content-Type: application/json" }, std::string(20000, 'x'), {} }));
    for (const char *method : { "PUT", "DELETE", "OPTIONS", "PATCH" }) {
        answers.emplace_back(method, httpRequest({ method, linkUrl(m_token), {}, {}, {} }));
    }
    for (const auto &[what, a] : answers) {
        expectSecurityHeaders(a, what);
    }
    EXPECT_EQ(answers.at(0).second.status, 200);
    EXPECT_EQ(answers.at(2).second.header("content-type"), "text/css; charset=utf-8");
    EXPECT_EQ(answers.at(7).second.status, 403);
    EXPECT_EQ(answers.at(8).second.status, 400);
    EXPECT_EQ(answers.at(9).second.status, 413);
    for (std::size_t i = 10; i < answers.size(); ++i) {
        EXPECT_EQ(answers.at(i).second.status, 405) << answers.at(i).first;
        EXPECT_EQ(answers.at(i).second.header("allow"), "GET, HEAD, POST");
    }
    // The page loads nothing from another host.
    const QString html = QString::fromUtf8(answers.at(0).second.body);
    EXPECT_FALSE(html.contains(QStringLiteral("http://"))) << "no absolute URL";
    EXPECT_FALSE(html.contains(QStringLiteral("https://")));
    EXPECT_FALSE(html.contains(QStringLiteral("//"))) << "no protocol-relative URL";
}

TEST_F(ReviewServerTest, ReportsATakenPortAndGivesLinkUrls)
{
    ReviewServer second(m_db->path(), m_clock);
    QString error;
    EXPECT_FALSE(second.start({ QStringLiteral("127.0.0.1"), m_server->port() }, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("taken"))) << error.toStdString();
    EXPECT_FALSE(second.isRunning());

    EXPECT_TRUE(m_server->isRunning());
    EXPECT_EQ(m_server->bindAddress(), QStringLiteral("127.0.0.1"));
    EXPECT_EQ(m_server->linkUrl(m_token).toString().toStdString(), linkUrl(m_token));
    m_server->stop();
    EXPECT_FALSE(m_server->isRunning());
    // Started again on the same port.
    const quint16 port = second.port();
    ASSERT_TRUE(second.start({ QStringLiteral("127.0.0.1"), port }, &error)) << error.toStdString();
    EXPECT_EQ(second.port(), port);
}

} // namespace
} // namespace Cuepoint::Test
