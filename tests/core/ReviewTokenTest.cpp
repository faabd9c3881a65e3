// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cuepoint/core/review/ReviewToken.h"

#include "cuepoint/core/review/ReviewLinks.h"

#include <QRegularExpression>
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

TEST(ReviewTokenTest, ALinkNamesTheHostReviewersReach)
{
    const QString token = QStringLiteral("0123456789abcdef0123456789abcdef");
    EXPECT_EQ(reviewLinkUrl(QStringLiteral("127.0.0.1"), 8790, token).toString(),
        QStringLiteral("http://127.0.0.1:8790/r/0123456789abcdef0123456789abcdef"));
    EXPECT_EQ(reviewLinkUrl(QStringLiteral("192.168.1.20"), 9000, token).toString(),
        QStringLiteral("http://192.168.1.20:9000/r/0123456789abcdef0123456789abcdef"));
    // Listening everywhere: never "0.0.0.0" in a link, but an address of this machine.
    for (const QString &everywhere : { QStringLiteral("0.0.0.0"), QString() }) {
        const QUrl url = reviewLinkUrl(everywhere, 8790, token);
        EXPECT_NE(url.host(), QStringLiteral("0.0.0.0"));
        EXPECT_TRUE(QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+\\.\\d+$"))
                        .match(url.host())
                        .hasMatch())
            << url.host().toStdString();
        EXPECT_EQ(url.path(), QStringLiteral("/r/") + token);
    }
}
