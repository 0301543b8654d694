// Elaboration-time integer ranges of the design language: `LO..HI` (half-open) and `LO..=HI`
// (inclusive), as written in generate `for` items, rule-body `for` statements and `forall` /
// `exists` quantifiers. Counting and stepping never overflow std::int64_t: `X..=INT64_MAX` has
// hi - lo + 1 elements and is walked with a counter, never by computing HI + 1.
#pragma once

#include <cstdint>
#include <limits>

namespace np::lang {

// Number of integers in the range: hi - lo (+ 1 if inclusive), and 0 for an empty or reversed
// range (lo >= hi half-open, lo > hi inclusive). At most 2^64, so the result is 128 bits wide.
inline unsigned __int128 range_count(std::int64_t lo, std::int64_t hi, bool inclusive) {
    const __int128 n = static_cast<__int128>(hi) - static_cast<__int128>(lo) + (inclusive ? 1 : 0);
    return n > 0 ? static_cast<unsigned __int128>(n) : 0;
}

// The k-th element (0-based) of a range starting at lo; k must be below range_count(lo, ...),
// which keeps lo + k within [lo, hi] (no overflow, computed in 128 bits).
inline std::int64_t range_element(std::int64_t lo, std::uint64_t k) {
    return static_cast<std::int64_t>(static_cast<__int128>(lo) + static_cast<__int128>(k));
}

}  // namespace np::lang
