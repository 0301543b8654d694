// Value types of the transition-system IR (DESIGN §2).
//
// A scalar is `bool` or a bit-vector `uN` / `sN` with 1 <= N <= 64. Values are carried as the
// raw two's-complement bit pattern in the low N bits of a std::uint64_t (upper bits zero);
// signedness only changes how comparisons, shifts, casts and saturation read those bits.
#pragma once

#include <cstdint>
#include <string>

namespace np {

struct Type {
    enum class Kind : std::uint8_t { Bool, Unsigned, Signed };
    Kind kind = Kind::Bool;
    unsigned width = 1;  // 1 for bool

    static Type boolean() { return {Kind::Bool, 1}; }
    static Type uint(unsigned w) { return {Kind::Unsigned, w}; }
    static Type sint(unsigned w) { return {Kind::Signed, w}; }

    bool is_bool() const { return kind == Kind::Bool; }
    bool is_signed() const { return kind == Kind::Signed; }
    bool is_bitvec() const { return kind != Kind::Bool; }
    std::uint64_t mask() const { return width >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << width) - 1; }
    // Smallest and largest value as raw bit patterns.
    std::uint64_t min_raw() const { return is_signed() ? std::uint64_t{1} << (width - 1) : 0; }
    std::uint64_t max_raw() const { return is_signed() ? mask() >> 1 : mask(); }

    std::string str() const;  // "bool", "u8", "s16"
    friend bool operator==(const Type&, const Type&) = default;
};

// Sign-extends the low `width` bits of `raw` to a signed 64-bit integer.
inline std::int64_t to_signed(std::uint64_t raw, unsigned width) {
    if (width >= 64) return static_cast<std::int64_t>(raw);
    std::uint64_t sign = std::uint64_t{1} << (width - 1);
    return static_cast<std::int64_t>((raw ^ sign) - sign);
}

// Number of bits needed to hold the unsigned value v (at least 1).
inline unsigned bits_for(std::uint64_t v) {
    unsigned n = 1;
    while (n < 64 && (v >> n) != 0) ++n;
    return n;
}

}  // namespace np
