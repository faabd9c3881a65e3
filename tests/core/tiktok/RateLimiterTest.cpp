// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// TikTok's per-minute limits are held on our side as sliding windows per token and endpoint.
#include "cuepoint/core/tiktok/RateLimiter.h"

#include "FakeClock.h"
#include "FakeTransport.h"

#include "cuepoint/core/tiktok/ApiError.h"
#include "cuepoint/core/tiktok/TikTokClient.h"

#include <gtest/gtest.h>

using namespace Cuepoint::Core;
using namespace Cuepoint::Test;
using namespace std::chrono_literals;

TEST(RateLimiterTest, DocumentedLimits)
{
    EXPECT_EQ(RateLimiter::limitFor(RateLimitedEndpoint::CreatorInfo), 20);
    EXPECT_EQ(RateLimiter::limitFor(RateLimitedEndpoint::VideoInit), 6);
    EXPECT_EQ(RateLimiter::limitFor(RateLimitedEndpoint::InboxInit), 6);
    EXPECT_EQ(RateLimiter::limitFor(RateLimitedEndpoint::StatusFetch), 30);
    EXPECT_EQ(RateLimiter::limitFor(RateLimitedEndpoint::UserInfo), 600);
}

TEST(RateLimiterTest, SlidingWindowAdmitsAgainAsOldCallsLeave)
{
    FakeClock clock;
    RateLimiter limiter(clock);
    const QByteArray token("act.one");
    // Six calls spread over 50 s are admitted; the seventh waits for the first to age out.
    for (int i = 0; i < 6; ++i) {
        EXPECT_EQ(limiter.tryAcquire(token, RateLimitedEndpoint::VideoInit), 0) << i;
        clock.advance(10s);
    }
    // now = start + 60 s: the first call (at start) just left the window.
    EXPECT_EQ(limiter.tryAcquire(token, RateLimitedEndpoint::VideoInit), 0);
    // Window now holds calls at 10,20,30,40,50,60 s: the next is admitted at 70 s.
    EXPECT_EQ(limiter.tryAcquire(token, RateLimitedEndpoint::VideoInit), 10'000);
    clock.advance(9'999ms);
    EXPECT_EQ(limiter.tryAcquire(token, RateLimitedEndpoint::VideoInit), 1);
    clock.advance(1ms);
    EXPECT_EQ(limiter.tryAcquire(token, RateLimitedEndpoint::VideoInit), 0);
    EXPECT_EQ(limiter.inWindow(token, RateLimitedEndpoint::VideoInit), 6);
}

TEST(RateLimiterTest, WindowsArePerTokenAndEndpoint)
{
    FakeClock clock;
    RateLimiter limiter(clock);
    for (int i = 0; i < 30; ++i) {
        ASSERT_EQ(limiter.tryAcquire("a", RateLimitedEndpoint::StatusFetch), 0);
    }
    EXPECT_EQ(limiter.tryAcquire("a", RateLimitedEndpoint::StatusFetch), 60'000);
    EXPECT_EQ(limiter.tryAcquire("b", RateLimitedEndpoint::StatusFetch), 0);
    for (int i = 0; i < 20; ++i) {
        ASSERT_EQ(limiter.tryAcquire("a", RateLimitedEndpoint::CreatorInfo), 0);
    }
    EXPECT_GT(limiter.tryAcquire("a", RateLimitedEndpoint::CreatorInfo), 0);
    EXPECT_EQ(limiter.tryAcquire("a", RateLimitedEndpoint::InboxInit), 0);
}

TEST(RateLimiterTest, ClientHoldsTheSeventhInitUntilTheWindowAllowsIt)
{
    FakeClock clock;
    RateLimiter limiter(clock);
    FakeTransport transport;
    TikTokClientOptions options;
    qint64 slept = 0;
    options.sleeper = [&clock, &slept](qint64 ms) {
        slept += ms;
        clock.advance(std::chrono::milliseconds(ms));
    };
    TikTokConfig config;
    TikTokClient client(config, transport, limiter, clock, options);
    const auto plan = ChunkPlan::make(1000);
    DirectPostInfo post;
    post.privacyLevel = QStringLiteral("SELF_ONLY");
    for (int i = 0; i < 7; ++i) {
        transport.enqueue(200, apiJson("video_init_ok.json"));
        client.initDirectPost("act.x", post, *plan);
        clock.advance(1s);
    }
    // Six went at once; the seventh waited until 60 s after the first.
    EXPECT_EQ(slept, 60'000 - 6'000);
    EXPECT_EQ(transport.requests.size(), 7u);
}

TEST(RateLimiterTest, ClientGivesUpWhenTheWaitIsTooLong)
{
    FakeClock clock;
    RateLimiter limiter(clock);
    FakeTransport transport;
    TikTokClientOptions options;
    options.maxRateLimitWaitMs = 5'000;
    options.sleeper = [&clock](qint64 ms) { clock.advance(std::chrono::milliseconds(ms)); };
    TikTokClient client(TikTokConfig {}, transport, limiter, clock, options);
    for (int i = 0; i < 6; ++i) {
        transport.enqueue(200, apiJson("video_init_ok.json"));
        client.initInboxUpload("act.y", *ChunkPlan::make(10));
    }
    try {
        client.initInboxUpload("act.y", *ChunkPlan::make(10));
        FAIL() << "the seventh inbox init within a minute must be held";
    } catch (const ApiError &e) {
        EXPECT_EQ(e.code(), QLatin1String(ApiError::kLocalRateLimit));
        EXPECT_EQ(e.category(), ErrorCategory::RetryLater);
        EXPECT_EQ(e.retryAfterMs(), 60'000);
    }
    EXPECT_EQ(transport.requests.size(), 6u);
}
