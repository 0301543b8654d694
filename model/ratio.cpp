#include "model/ratio.hpp"

#include <cctype>
#include <stdexcept>

namespace np {

namespace {

using u128 = unsigned __int128;

Ratio lowest_terms(u128 num, u128 den, const std::string& text) {
    if (den == 0) throw std::invalid_argument("'" + text + "': division by zero");
    u128 a = num, b = den;
    while (b) {
        const u128 t = a % b;
        a = b;
        b = t;
    }
    if (a > 1) {
        num /= a;
        den /= a;
    }
    if (num > UINT64_MAX || den > UINT64_MAX) throw std::invalid_argument("'" + text + "' needs more than 64-bit integers as a fraction");
    return {static_cast<std::uint64_t>(num), static_cast<std::uint64_t>(den)};
}

// Digits into `acc` (accumulated times 10 each), false on overflow of 10^38.
bool accumulate(u128& acc, char c) {
    static const u128 limit = u128(1) * 10000000000000000000ull * 10000000000000000000ull;  // 10^38
    if (acc >= limit / 10) return false;
    acc = acc * 10 + u128(c - '0');
    return true;
}

}  // namespace

Ratio Ratio::of(std::uint64_t num, std::uint64_t den) { return lowest_terms(num, den, std::to_string(num) + "/" + std::to_string(den)); }

Ratio Ratio::parse(const std::string& text) {
    const auto bad = [&](const std::string& why) { return std::invalid_argument("'" + text + "' is not a non-negative number: " + why); };
    const std::size_t slash = text.find('/');
    if (slash != std::string::npos) {
        const Ratio a = parse(text.substr(0, slash)), b = parse(text.substr(slash + 1));
        if (b.num == 0) throw std::invalid_argument("'" + text + "': division by zero");
        return lowest_terms(u128(a.num) * b.den, u128(a.den) * b.num, text);
    }
    std::size_t i = 0;
    if (i < text.size() && text[i] == '+') ++i;
    if (i < text.size() && text[i] == '-') throw bad("it is negative");
    u128 num = 0, den = 1;
    bool digits = false, dot = false;
    for (; i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'); ++i) {
        if (text[i] == '.') {
            if (dot) throw bad("two decimal points");
            dot = true;
            continue;
        }
        digits = true;
        if (!accumulate(num, text[i])) throw bad("too many digits");
        if (dot) {
            if (den > u128(1) * 10000000000000000000ull * 1000000000000000000ull) throw bad("too many decimals");
            den *= 10;
        }
    }
    if (!digits) throw bad("no digits");
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool negative = false;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
        int e = 0;
        bool any = false;
        for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
            any = true;
            e = e * 10 + (text[i] - '0');
            if (e > 38) throw bad("exponent out of range");
        }
        if (!any) throw bad("no exponent digits");
        for (int k = 0; k < e; ++k) {
            u128& side = negative ? den : num;
            if (side > u128(UINT64_MAX) * 1000000000000000000ull) throw bad("exponent out of range");
            side *= 10;
        }
    }
    if (i != text.size()) throw bad("unexpected '" + text.substr(i) + "'");
    return lowest_terms(num, den, text);
}

std::string Ratio::str() const { return den == 1 ? std::to_string(num) : std::to_string(num) + "/" + std::to_string(den); }

bool ratio_at_most(std::uint64_t a, std::uint64_t b, const Ratio& r) { return u128(a) * r.den <= u128(r.num) * b; }

}  // namespace np
