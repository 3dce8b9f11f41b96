#include "pathway/core/text.hpp"

#include <gtest/gtest.h>

using namespace pathway::core;

TEST(TextTest, ParsesDecimalsWithoutLocale) {
    EXPECT_EQ(parseDecimal("12"), 12.0);
    EXPECT_EQ(parseDecimal(" 1.5 "), 1.5);
    EXPECT_EQ(parseDecimal("-0.25"), -0.25);
    EXPECT_EQ(parseDecimal("0.6"), 0.6); // nearest double, not 6 * 0.1
    EXPECT_EQ(parseDecimal("37.5"), 37.5);
    EXPECT_FALSE(parseDecimal("1,5"));
    EXPECT_FALSE(parseDecimal("1e3"));
    EXPECT_FALSE(parseDecimal("."));
    EXPECT_FALSE(parseDecimal(""));
    EXPECT_FALSE(parseDecimal("two"));
}

TEST(TextTest, FormatsDecimalsShortly) {
    EXPECT_EQ(formatDecimal(2), "2");
    EXPECT_EQ(formatDecimal(1.5), "1.5");
    EXPECT_EQ(formatDecimal(1.0 / 3.0), "0.33");
    EXPECT_EQ(formatDecimal(0.1 + 0.2), "0.3");
}

TEST(TextTest, FindsInvalidUtf8) {
    EXPECT_FALSE(findInvalidUtf8("plain"));
    EXPECT_FALSE(findInvalidUtf8("Sch\xc3\xb6n \xe2\x80\x94 ok \xf0\x9f\x99\x82"));
    EXPECT_EQ(findInvalidUtf8("ab\xff"), 2u);
    EXPECT_EQ(findInvalidUtf8("\xc3"), 0u);          // truncated sequence
    EXPECT_EQ(findInvalidUtf8("x\xc0\xaf"), 1u);     // overlong
    EXPECT_EQ(findInvalidUtf8("\xed\xa0\x80"), 0u);  // surrogate
}

TEST(TextTest, FoldedSearch) {
    EXPECT_TRUE(containsFolded("Child Development Refresher", "development"));
    EXPECT_FALSE(containsFolded("Court skills", "develop"));
    EXPECT_TRUE(containsFolded("anything", ""));
}
