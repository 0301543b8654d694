// Exact non-negative rationals for bounds that are compared with ratios of integers (quiescence's
// K* = energy / inputs of a cycle, DESIGN §3 Q4): `--max-k 0.333333333` is 333333333/10^9, not
// a double within some tolerance of 1/3, so K* = 1/3 exceeds it.
#pragma once

#include <cstdint>
#include <string>

namespace np {

struct Ratio {
    std::uint64_t num = 0;
    std::uint64_t den = 1;  // > 0; num/den in lowest terms

    // "3", "0.25", "1/3", "2.5e-1", "1e3": an exact decimal or a fraction. Throws
    // std::invalid_argument for anything else, a negative number, or one whose lowest terms do
    // not fit in 64 bits.
    static Ratio parse(const std::string& text);
    static Ratio of(std::uint64_t num, std::uint64_t den = 1);  // reduced; den > 0

    std::string str() const;  // "1/3", "3"
    double value() const { return double(num) / double(den); }
    std::uint64_t floor() const { return num / den; }
    friend bool operator==(const Ratio&, const Ratio&) = default;
};

// a/b <= r, exactly (b > 0).
bool ratio_at_most(std::uint64_t a, std::uint64_t b, const Ratio& r);

}  // namespace np
