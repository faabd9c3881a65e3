// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/review/ReviewToken.h"

#include <QSet>

#include <gtest/gtest.h>

using namespace Cuepoint::Core;

TEST(ReviewTokenTest, TokensAre128RandomBitsInLowercaseHex)
{
    QSet<QString> seen;
    for (int i = 0; i < 1000; ++i) {
        const QString token = generateReviewToken();
        ASSERT_TRUE(isWellFormedReviewToken(token)) << token.toStdString();
        seen.insert(token);
    }
    EXPECT_EQ(seen.size(), 1000);
}

TEST(ReviewTokenTest, OnlyTheExactShapeIsWellFormed)
{
    EXPECT_TRUE(isWellFormedReviewToken(u"0123456789abcdef0123456789abcdef"));
    EXPECT_FALSE(isWellFormedReviewToken(u"0123456789ABCDEF0123456789abcdef"));
    EXPECT_FALSE(isWellFormedReviewToken(u"0123456789abcdef0123456789abcde"));
    EXPECT_FALSE(isWellFormedReviewToken(u"0123456789abcdef0123456789abcdef0"));
    EXPECT_FALSE(isWellFormedReviewToken(u"../../etc/passwd0123456789abcdef"));
    EXPECT_FALSE(isWellFormedReviewToken(u""));
}

TEST(ReviewTokenTest, TheStoredHashIsTheSha256OfTheToken)
{
    // printf %s 0123456789abcdef0123456789abcdef | sha256sum
    EXPECT_EQ(reviewTokenHash(u"0123456789abcdef0123456789abcdef"),
        QStringLiteral("3eb1bd439947eb762998e566ccc2e099c791118b2f40579cc4f7da2b5061b7f9"));
}
