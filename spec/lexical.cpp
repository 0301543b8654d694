#include "spec/lexical.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace np::lex {

std::optional<Type> type_name(std::string_view s, bool& bad) {
    bad = false;
    if (s == "bool") return Type::boolean();
    if (s.size() < 2 || (s[0] != 'u' && s[0] != 's')) return std::nullopt;
    for (std::size_t i = 1; i < s.size(); ++i)
        if (!is_digit(s[i])) return std::nullopt;
    std::string_view digits = s.substr(1);
    if (digits.size() > 2 || digits[0] == '0') {
        bad = true;
        return std::nullopt;
    }
    unsigned w = static_cast<unsigned>(std::stoul(std::string(digits)));
    if (w < 1 || w > 64) {
        bad = true;
        return std::nullopt;
    }
    return s[0] == 'u' ? Type::uint(w) : Type::sint(w);
}

std::string scan_number(std::string_view s, NumberLiteral& out) {
    unsigned base = 10;
    std::size_t i = 0;
    if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) base = 16, i = 2;
    else if (s.size() >= 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) base = 2, i = 2;
    const std::size_t first = i;
    std::uint64_t v = 0;
    bool overflow = false;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        unsigned d = 99;
        if (is_digit(c)) d = static_cast<unsigned>(c - '0');
        else if (base == 16 && c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
        else if (base == 16 && c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
        if (d >= base) break;
        if (v > (~std::uint64_t{0} - d) / base) overflow = true;
        else v = v * base + d;
    }
    const std::string invalid = "invalid number '" + std::string(s) + "'";
    if (i == first) return invalid;
    out.suffix.reset();
    if (i < s.size()) {
        if (s[i] != 'u' && s[i] != 's') return invalid;
        bool bad = false;
        out.suffix = type_name(s.substr(i), bad);
        if (bad) return "invalid type suffix '" + std::string(s.substr(i)) + "' (bit-vector types are u1..u64 and s1..s64)";
        if (!out.suffix) return invalid;
    }
    if (overflow) return "number too large";
    out.magnitude = v;
    return {};
}

std::size_t match_punct(std::string_view text, std::size_t pos, std::span<const std::string_view> puncts) {
    for (std::string_view p : puncts)
        if (text.substr(pos, p.size()) == p) return p.size();
    return 0;
}

std::string describe_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F) return std::string("'") + c + "'";
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", u);
    return std::string("byte ") + buf;
}

}  // namespace np::lex
