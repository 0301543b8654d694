// JSON in and out without losing a result to a byte.
//
// Writing: every report is JSON text that is valid UTF-8 whatever the strings in it hold (a name
// read from a Latin-1 file, a file name with odd bytes). json_text() writes the document as it
// is when it can, and otherwise replaces each invalid byte sequence by U+FFFD and says so.
//
// Reading: nlohmann-json reports a syntax error with a byte offset, but a number that overflows a
// double (`-1e999`) is an out_of_range exception without one; json_error_offset() finds the byte
// offset of the first error of any kind, so that every reader can give file:line:col.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <stdexcept>
#include <string_view>

#include "model/diagnostic.hpp"

namespace np {

// The JSON text of `j` (`indent` as nlohmann's dump). When a string in it is not valid UTF-8 the
// bad bytes become U+FFFD and `*replaced` (if given) is set to true.
// Works for nlohmann::json and nlohmann::ordered_json (whose key order is kept).
template <class Json>
std::string json_text(const Json& j, int indent = -1, bool* replaced = nullptr) {
    try {
        return j.dump(indent);
    } catch (const nlohmann::json::type_error&) {
        if (replaced) *replaced = true;
        return j.dump(indent, ' ', false, Json::error_handler_t::replace);
    }
}

namespace detail {

// A SAX consumer that accepts everything and remembers where the parser gave up.
struct ErrorPosition : nlohmann::json_sax<nlohmann::json> {
    std::size_t offset = 0;
    std::string message;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception& ex) override {
        // position counts the characters read: a syntax error is at the last one, a number too
        // large for a double (error 406) is the token just read.
        offset = ex.id == 406 && position >= token.size() ? position - token.size() : position == 0 ? 0 : position - 1;
        message = ex.what();
        if (message.rfind("[json.exception", 0) == 0) message = message.substr(message.find("] ") + 2);
        if (message.rfind("parse error", 0) == 0) message = message.substr(message.find(": ") + 2);
        return false;
    }
};

}  // namespace detail

struct JsonTextError {
    std::size_t offset;   // 0-based byte offset of the offending character
    std::size_t line, col;  // the same, 1-based
    std::string message;  // nlohmann's message without its "[json.exception...]" prefix
};

// nullopt when `text` is one valid JSON document; otherwise where and why it is not.
inline std::optional<JsonTextError> json_error_offset(std::string_view text) {
    detail::ErrorPosition sax;
    if (nlohmann::json::sax_parse(text, &sax)) return std::nullopt;
    const std::size_t offset = std::min(sax.offset, text.size());
    const std::string_view before = text.substr(0, offset);
    const std::size_t last_newline = before.rfind('\n');
    return JsonTextError{offset, 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')),
                         offset - (last_newline == std::string_view::npos ? 0 : last_newline + 1) + 1, sax.message};
}

// Byte-exact strings (file names, command-line text) through JSON: valid UTF-8 as a JSON string,
// anything else as {"hex": "<two hex digits per byte>"}.
inline nlohmann::json bytes_to_json(std::string_view s) {
    if (to_valid_utf8(s) == s) return std::string(s);
    static const char* digits = "0123456789abcdef";
    std::string hex;
    for (unsigned char c : s) hex += digits[c >> 4], hex += digits[c & 15];
    return {{"hex", hex}};
}

// Inverse of bytes_to_json; throws nlohmann::json::exception or std::invalid_argument on anything else.
inline std::string bytes_from_json(const nlohmann::json& j) {
    if (j.is_string()) return j.get<std::string>();
    const std::string hex = j.at("hex").get<std::string>();
    auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        throw std::invalid_argument(std::string("not a lower-case hex digit: '") + c + "'");
    };
    if (hex.size() % 2) throw std::invalid_argument("odd number of hex digits");
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 2) out += static_cast<char>(digit(hex[i]) * 16 + digit(hex[i + 1]));
    return out;
}

}  // namespace np
