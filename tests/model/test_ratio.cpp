// Exact bounds (model/ratio.hpp): decimals and fractions parse to lowest terms, comparisons with
// integer ratios are exact, and malformed or out-of-range text is rejected.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <stdexcept>

#include "model/ratio.hpp"

namespace np {
namespace {

TEST(Ratio, ParsesDecimalsAndFractionsExactly) {
    EXPECT_EQ(Ratio::parse("3"), Ratio::of(3));
    EXPECT_EQ(Ratio::parse("0.25"), Ratio::of(1, 4));
    EXPECT_EQ(Ratio::parse("1/3"), Ratio::of(1, 3));
    EXPECT_EQ(Ratio::parse("2/6"), Ratio::of(1, 3));
    EXPECT_EQ(Ratio::parse("2.5e-1"), Ratio::of(1, 4));
    EXPECT_EQ(Ratio::parse("1e3"), Ratio::of(1000));
    EXPECT_EQ(Ratio::parse("+.5"), Ratio::of(1, 2));
    EXPECT_EQ(Ratio::parse("0.333333333"), Ratio::of(333333333, 1000000000));
    EXPECT_EQ(Ratio::parse("0.5/0.25"), Ratio::of(2));
    EXPECT_EQ(Ratio::parse("18446744073709551615"), Ratio::of(UINT64_MAX));
    EXPECT_EQ(Ratio::of(1, 3).str(), "1/3");
    EXPECT_EQ(Ratio::of(4, 2).str(), "2");
}

TEST(Ratio, RejectsWhatIsNotANonNegativeNumber) {
    for (const char* bad : {"", "-1", "abc", "1..2", "1e", "1e999", "-1e999", "1/0", "0.33333333333333333333", "1 ", "nan", "inf",
                            "18446744073709551616", "1/3/0"})
        EXPECT_THROW(Ratio::parse(bad), std::invalid_argument) << bad;
}

TEST(Ratio, OneThirdExceedsItsNineDigitDecimal) {
    EXPECT_FALSE(ratio_at_most(1, 3, Ratio::parse("0.333333333")));
    EXPECT_TRUE(ratio_at_most(1, 3, Ratio::parse("0.3333333334")));
    EXPECT_TRUE(ratio_at_most(1, 3, Ratio::parse("1/3")));
    EXPECT_TRUE(ratio_at_most(UINT64_MAX, UINT64_MAX, Ratio::of(1)));
    EXPECT_FALSE(ratio_at_most(UINT64_MAX, UINT64_MAX - 1, Ratio::of(1)));
}

RC_GTEST_PROP(Ratio, ComparisonAgreesWithCrossMultiplication, (std::uint32_t a, std::uint32_t b, std::uint32_t n, std::uint32_t d)) {
    RC_PRE(b > 0u && d > 0u);
    const Ratio r = Ratio::of(n, d);
    RC_ASSERT(ratio_at_most(a, b, r) == (std::uint64_t(a) * d <= std::uint64_t(n) * b));
    RC_ASSERT(Ratio::parse(r.str()) == r);
}

}  // namespace
}  // namespace np
