#include "model/diagnostic.hpp"

#include <fstream>

namespace np {

std::string render_diagnostic(const Origin& where, std::string_view severity,
                              std::string_view message, std::string_view line_text) {
    std::string out = where.file.empty() ? std::string("<input>") : where.file;
    if (where.line > 0) {
        out += ':' + std::to_string(where.line);
        out += ':' + std::to_string(where.col > 0 ? where.col : 1);
    }
    out += ": ";
    out += severity;
    out += ": ";
    out += message;
    if (where.line > 0 && !line_text.empty()) {
        std::string shown = to_valid_utf8(line_text);
        // Control characters (binary garbage) are shown as '?', keeping the caret aligned.
        for (char& c : shown)
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t') c = '?';
        out += "\n  " + shown + "\n  ";
        std::uint32_t col = where.col > 0 ? where.col : 1;
        for (std::uint32_t i = 1; i < col && i - 1 < line_text.size(); ++i)
            out += line_text[i - 1] == '\t' ? '\t' : ' ';
        out += '^';
    }
    return out;
}

SourceError::SourceError(Origin where, std::string message, std::string line_text)
    : std::runtime_error(render_diagnostic(where, "error", message, line_text)),
      where_(std::move(where)),
      message_(std::move(message)),
      line_text_(std::move(line_text)) {}

std::string source_line(const std::string& file, std::uint32_t line) {
    std::ifstream in(file, std::ios::binary);
    std::string text;
    for (std::uint32_t i = 0; i < line && std::getline(in, text); ++i) {
    }
    if (!in) return {};
    if (!text.empty() && text.back() == '\r') text.pop_back();
    return text;
}

std::string to_valid_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    auto byte = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0; };
    auto cont = [&](std::size_t k) { return (byte(k) & 0xC0) == 0x80; };
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = byte(i), c1 = byte(i + 1);
        // RFC 3629's well-formed sequences: no overlong forms, no surrogates, nothing past U+10FFFF.
        std::size_t len = 0;
        if (c < 0x80) len = 1;
        else if (c >= 0xC2 && c <= 0xDF && cont(i + 1)) len = 2;
        else if (c >= 0xE0 && c <= 0xEF && cont(i + 1) && cont(i + 2) &&
                 !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 > 0x9F)) len = 3;
        else if (c >= 0xF0 && c <= 0xF4 && cont(i + 1) && cont(i + 2) && cont(i + 3) &&
                 !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 > 0x8F)) len = 4;
        if (len > 0) {
            out.append(s.substr(i, len));
            i += len;
        } else {  // Latin-1 byte -> two-byte UTF-8
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
            ++i;
        }
    }
    return out;
}

}  // namespace np
