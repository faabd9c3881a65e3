// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Chunk plans at every boundary follow TikTok's rules under both readings of "MB".
#include "cuepoint/core/tiktok/ChunkPlan.h"

#include <gtest/gtest.h>

using namespace Cuepoint::Core;

namespace {

constexpr qint64 kMB = 1'000'000;
constexpr qint64 kMiB = 1024 * 1024;

void expectValidBothWays(const ChunkPlan &p)
{
    for (const auto reading : { ChunkPlan::MbReading::Decimal, ChunkPlan::MbReading::Binary }) {
        QString why;
        EXPECT_TRUE(ChunkPlan::satisfiesTikTokRules(
            p.videoSize, p.chunkSize, p.totalChunkCount, reading, &why))
            << "size " << p.videoSize << " chunk " << p.chunkSize << " count " << p.totalChunkCount
            << ": " << why.toStdString();
    }
    // The chunks cover the file exactly, in order, the last one absorbing the remainder.
    qint64 next = 0;
    for (qint64 i = 0; i < p.totalChunkCount; ++i) {
        const ChunkPlan::Range r = p.chunk(i);
        EXPECT_EQ(r.offset, next);
        if (i + 1 < p.totalChunkCount) {
            EXPECT_EQ(r.length, p.chunkSize);
        } else {
            EXPECT_GE(r.length, p.chunkSize);
            EXPECT_LE(r.length, ChunkPlan::kMaxLastChunk);
        }
        next += r.length;
    }
    EXPECT_EQ(next, p.videoSize);
    EXPECT_EQ(p.totalChunkCount, p.videoSize / p.chunkSize); // floor, never ceiling
}

} // namespace

TEST(ChunkPlanTest, BoundarySizesAreValidUnderBothReadings)
{
    const qint64 sizes[] = { 1, 2, 4'194'304, 5 * kMB - 1, 5 * kMB, 5 * kMB + 1, 5 * kMiB - 1,
        5 * kMiB, 5 * kMiB + 1, 10 * kMB, 50'000'123, 64 * kMB - 1, 64 * kMB, 64 * kMB + 1,
        64 * kMiB - 1, 64 * kMiB, 64 * kMiB + 1, 100 * kMB, 128 * kMB - 1, 128 * kMB, 128 * kMB + 1,
        128 * kMiB, 300 * kMB, 1024 * kMiB, 4'000'000'000LL, 4 * 1024 * kMiB, 16'777'216LL * 1000,
        16'777'216LL * 1000 + 1, 20'000'000'000LL };
    for (const qint64 size : sizes) {
        QString why;
        const auto plan = ChunkPlan::make(size, ChunkPlan::kDefaultChunk, &why);
        ASSERT_TRUE(plan.has_value()) << size << ": " << why.toStdString();
        expectValidBothWays(*plan);
    }
}

TEST(ChunkPlanTest, SmallFilesGoWholeLargeFilesAreChunked)
{
    for (const qint64 size : { qint64(1), 5 * kMB - 1, 5 * kMiB - 1, 64 * kMB }) {
        const auto plan = ChunkPlan::make(size);
        ASSERT_TRUE(plan);
        EXPECT_EQ(plan->totalChunkCount, 1) << size;
        EXPECT_EQ(plan->chunkSize, size) << size;
    }
    for (const qint64 size : { 64 * kMB + 1, 64 * kMiB + 1, 128 * kMB }) {
        const auto plan = ChunkPlan::make(size);
        ASSERT_TRUE(plan);
        EXPECT_GE(plan->totalChunkCount, 2) << size;
        EXPECT_GE(plan->chunkSize, 5 * kMiB);
        EXPECT_LE(plan->chunkSize, 64 * kMB);
    }
}

TEST(ChunkPlanTest, TikToksWorkedExample)
{
    // tiktok-api.md §3.5: 50,000,123 bytes in chunks of 10,000,000 -> 5 chunks, the last
    // absorbing 123 bytes. (make() sends a file this size whole; the rule check accepts both.)
    EXPECT_TRUE(
        ChunkPlan::satisfiesTikTokRules(50'000'123, 10'000'000, 5, ChunkPlan::MbReading::Decimal));
    EXPECT_TRUE(
        ChunkPlan::satisfiesTikTokRules(50'000'123, 10'000'000, 5, ChunkPlan::MbReading::Binary));
    const ChunkPlan p { 50'000'123, 10'000'000, 5 };
    EXPECT_EQ(p.chunk(4).offset, 40'000'000);
    EXPECT_EQ(p.chunk(4).last(), 50'000'122);
    EXPECT_EQ(p.chunk(4).length, 10'000'123);
    EXPECT_EQ(p.chunkStartingAt(20'000'000), 2);
    EXPECT_EQ(p.chunkStartingAt(20'000'001), -1);
    EXPECT_EQ(p.chunkStartingAt(50'000'000), -1);
    // Ceiling division is refused.
    QString why;
    EXPECT_FALSE(ChunkPlan::satisfiesTikTokRules(
        50'000'123, 10'000'000, 6, ChunkPlan::MbReading::Decimal, &why));
    EXPECT_TRUE(why.contains(QStringLiteral("total chunk count is invalid")));
}

TEST(ChunkPlanTest, PreferredChunkIsClampedIntoTheSafeRange)
{
    const auto tiny = ChunkPlan::make(300 * kMB, 1000);
    ASSERT_TRUE(tiny);
    EXPECT_EQ(tiny->chunkSize, 5 * kMiB);
    const auto huge = ChunkPlan::make(300 * kMB, 200 * kMB);
    ASSERT_TRUE(huge);
    EXPECT_EQ(huge->chunkSize, 64 * kMB);
    expectValidBothWays(*tiny);
    expectValidBothWays(*huge);
}

TEST(ChunkPlanTest, TheThousandChunkLimit)
{
    // Exactly 1000 chunks of 64,000,000 bytes, plus the largest remainder.
    const qint64 largest = 1000 * 64 * kMB + 64 * kMB - 1;
    for (const qint64 size : { 1000 * 64 * kMB, largest, 5 * kMiB * 1000, 5 * kMiB * 1001 + 7 }) {
        const auto plan = ChunkPlan::make(size, 5 * kMiB);
        ASSERT_TRUE(plan) << size;
        EXPECT_LE(plan->totalChunkCount, 1000) << size;
        expectValidBothWays(*plan);
    }
    EXPECT_EQ(ChunkPlan::make(largest)->totalChunkCount, 1000);
    QString why;
    EXPECT_FALSE(ChunkPlan::make(largest + 1, ChunkPlan::kDefaultChunk, &why));
    EXPECT_TRUE(why.contains(QStringLiteral("1000")));
    EXPECT_FALSE(ChunkPlan::make(0));
    EXPECT_FALSE(ChunkPlan::make(-5));
}

TEST(ChunkPlanTest, RuleCheckerCatchesEachRule)
{
    using R = ChunkPlan::MbReading;
    // Below 5 MB must go whole.
    EXPECT_FALSE(ChunkPlan::satisfiesTikTokRules(4 * kMB, 2 * kMB, 2, R::Decimal));
    // Above 64 MB must be chunked.
    EXPECT_FALSE(ChunkPlan::satisfiesTikTokRules(100 * kMB, 100 * kMB, 1, R::Decimal));
    // Chunk too small / too big.
    EXPECT_FALSE(ChunkPlan::satisfiesTikTokRules(100 * kMB, 4 * kMB, 25, R::Decimal));
    EXPECT_FALSE(ChunkPlan::satisfiesTikTokRules(200 * kMB, 65 * kMB, 3, R::Decimal));
    // 64 MiB is within the binary reading only: the planner never uses it.
    EXPECT_TRUE(ChunkPlan::satisfiesTikTokRules(200 * kMiB, 64 * kMiB, 3, R::Binary));
    EXPECT_FALSE(ChunkPlan::satisfiesTikTokRules(200 * kMiB, 64 * kMiB, 3, R::Decimal));
    // 5,000,000-byte chunks are within the decimal reading only.
    EXPECT_FALSE(ChunkPlan::satisfiesTikTokRules(100 * kMB, 5 * kMB, 20, R::Binary));
    // The last chunk may reach (but with floor division never exceed) 128 MB.
    EXPECT_TRUE(ChunkPlan::satisfiesTikTokRules(191 * kMB, 64 * kMB, 2, R::Decimal));
    EXPECT_FALSE(ChunkPlan::satisfiesTikTokRules(64 * kMB * 1001, 64 * kMB, 1001, R::Decimal));
}
