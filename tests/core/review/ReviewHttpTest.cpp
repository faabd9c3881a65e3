// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The review server's small parts without a server: Range headers, HTML escaping, the
// slow-down of wrong tokens (on a fake steady clock).
#include "review/ReviewHttp.h"

#include "review/ReviewThrottle.h"

#include <gtest/gtest.h>

namespace Cuepoint::Core::Review {
namespace {

using Kind = ByteRange::Kind;

TEST(ReviewHttpTest, ByteRangesFollowRfc9110)
{
    const qint64 size = 1000;
    ByteRange r = parseByteRange("bytes=0-99", size);
    EXPECT_EQ(r.kind, Kind::Partial);
    EXPECT_EQ(r.first, 0);
    EXPECT_EQ(r.last, 99);
    r = parseByteRange("bytes=500-", size); // open-ended
    EXPECT_EQ(r.kind, Kind::Partial);
    EXPECT_EQ(r.first, 500);
    EXPECT_EQ(r.last, 999);
    r = parseByteRange("bytes=-100", size); // the last 100 bytes
    EXPECT_EQ(r.kind, Kind::Partial);
    EXPECT_EQ(r.first, 900);
    EXPECT_EQ(r.last, 999);
    r = parseByteRange("bytes=-5000", size); // more than there is: the whole
    EXPECT_EQ(r.kind, Kind::Partial);
    EXPECT_EQ(r.first, 0);
    r = parseByteRange("bytes=990-5000", size); // the end clamped
    EXPECT_EQ(r.last, 999);
    EXPECT_EQ(parseByteRange("", size).kind, Kind::Whole);
    EXPECT_EQ(parseByteRange("bytes=0-1,5-6", size).kind, Kind::Whole);
    EXPECT_EQ(parseByteRange("items=0-1", size).kind, Kind::Whole);
    for (const char *bad : { "bytes=1000-", "bytes=5000-6000", "bytes=500-100", "bytes=-0",
             "bytes=abc", "bytes=1-x", "bytes=-", "bytes=+1-2", "bytes=99999999999999999999-" }) {
        EXPECT_EQ(parseByteRange(bad, size).kind, Kind::Unsatisfiable) << bad;
    }
    EXPECT_EQ(parseByteRange("bytes=0-", 0).kind, Kind::Unsatisfiable);
}

TEST(ReviewHttpTest, HtmlEscapingCoversTextAndAttributes)
{
    EXPECT_EQ(htmlEscape(u"<script>\"a\" & 'b'</textarea>"),
        QStringLiteral("&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/textarea&gt;"));
    EXPECT_EQ(htmlEscape(u"plain é 🎬"), QStringLiteral("plain é 🎬"));
}

TEST(ReviewHttpTest, ConstantTimeEquals)
{
    EXPECT_TRUE(constantTimeEquals("abc", "abc"));
    EXPECT_FALSE(constantTimeEquals("abc", "abd"));
    EXPECT_FALSE(constantTimeEquals("abc", "abcd"));
    EXPECT_FALSE(constantTimeEquals("", "a"));
}

TEST(ReviewThrottleTest, SlowsDownOneAddressAfterFiveMissesGrowingToACap)
{
    auto now = std::chrono::steady_clock::time_point(std::chrono::hours(1));
    ReviewThrottle throttle([&now] { return now; });
    const QString a = QStringLiteral("192.0.2.1");
    const QString b = QStringLiteral("192.0.2.2");
    for (int i = 0; i < ReviewThrottle::kFreeMisses; ++i) {
        EXPECT_EQ(throttle.delayFor(a).count(), 0) << i;
        throttle.recordMiss(a);
        now += std::chrono::seconds(1);
    }
    std::vector<long long> delays;
    for (int i = 0; i < 7; ++i) {
        delays.push_back(throttle.delayFor(a).count());
        throttle.recordMiss(a);
        now += std::chrono::seconds(5);
    }
    EXPECT_EQ(delays, (std::vector<long long> { 250, 500, 1000, 2000, 4000, 4000, 4000 }));
    EXPECT_EQ(throttle.delayFor(b).count(), 0) << "another address is not slowed down";
    // Still guessing every 50 s: still slowed down; a quiet minute forgets.
    now += std::chrono::seconds(50);
    EXPECT_EQ(throttle.delayFor(a).count(), 4000);
    now += std::chrono::seconds(11);
    EXPECT_EQ(throttle.delayFor(a).count(), 0);
    throttle.recordMiss(a);
    EXPECT_EQ(throttle.delayFor(a).count(), 0) << "a new start after a quiet minute";
}

TEST(ReviewThrottleTest, OneAddressMayHaveOnlyTwoAnswersWaiting)
{
    ReviewThrottle throttle;
    const QString a = QStringLiteral("192.0.2.1");
    EXPECT_TRUE(throttle.beginWait(a));
    EXPECT_TRUE(throttle.beginWait(a));
    EXPECT_FALSE(throttle.beginWait(a));
    EXPECT_TRUE(throttle.beginWait(QStringLiteral("192.0.2.2")));
    throttle.endWait(a);
    EXPECT_TRUE(throttle.beginWait(a));
}

} // namespace
} // namespace Cuepoint::Core::Review
