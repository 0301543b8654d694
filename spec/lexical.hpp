// Lexical pieces shared by the expression parser (parse_expr) and the design language (np_parse,
// elaborate): character classes, type names, number literals, and (name suggestions: model/did_you_mean.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "model/type.hpp"

namespace np::lex {

inline bool is_ident_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_word_char(char c) { return is_ident_start(c) || is_digit(c); }

// "u8" -> u8, "bool" -> bool; a [us]<digits> spelling with a bad width (u0, u65, u08) sets `bad`;
// anything else -> nullopt.
std::optional<Type> type_name(std::string_view s, bool& bad);

// A number token: decimal, 0x hexadecimal or 0b binary digits, then an optional type suffix uN/sN.
struct NumberLiteral {
    std::uint64_t magnitude = 0;
    std::optional<Type> suffix;
};
// Empty on success; otherwise the error message ("invalid number '12x'", "invalid type suffix
// 'u99' (...)", "number too large").
std::string scan_number(std::string_view token, NumberLiteral& out);

// Length of the first of `puncts` that `text` has at `pos` (list longer spellings first), or 0.
std::size_t match_punct(std::string_view text, std::size_t pos, std::span<const std::string_view> puncts);
// A character for an "unexpected character" message: 'x' when printable, else "byte 0xNN".
std::string describe_char(char c);

}  // namespace np::lex
