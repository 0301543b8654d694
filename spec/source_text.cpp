#include "spec/source_text.hpp"

#include <fstream>
#include <sstream>

namespace np {

SourceText SourceText::load(const std::string& path, std::uint64_t max_bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SourceError(Origin{path, 0, 0, {}}, "cannot open file");
    in.seekg(0, std::ios::end);
    auto size = in.tellg();
    if (size < 0) throw SourceError(Origin{path, 0, 0, {}}, "cannot read file (is it a directory?)");
    if (static_cast<std::uint64_t>(size) > max_bytes)
        throw SourceError(Origin{path, 0, 0, {}}, "file is larger than the limit of " + std::to_string(max_bytes) + " bytes");
    in.seekg(0);
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), size);
    if (!in) throw SourceError(Origin{path, 0, 0, {}}, "cannot read file (is it a directory?)");
    return SourceText(path, std::move(text));
}

SourceText::SourceText(std::string file, std::string text) : file_(std::move(file)), text_(std::move(text)) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i)
        if (text_[i] == '\n' && i + 1 < text_.size()) line_starts_.push_back(i + 1);
}

std::string_view SourceText::line(std::uint32_t line) const {
    if (line == 0 || line > line_starts_.size()) return {};
    std::size_t b = line_starts_[line - 1];
    std::size_t e = text_.find('\n', b);
    if (e == std::string::npos) e = text_.size();
    if (e > b && text_[e - 1] == '\r') --e;
    std::string_view v(text_);
    return v.substr(b, std::min<std::size_t>(e - b, 400));  // a binary "line" can be huge
}

Origin SourceText::at_offset(std::size_t offset) const {
    std::size_t lo = 0, hi = line_starts_.size();
    while (hi - lo > 1) {
        std::size_t mid = (lo + hi) / 2;
        if (line_starts_[mid] <= offset) lo = mid; else hi = mid;
    }
    return at(static_cast<std::uint32_t>(lo + 1), static_cast<std::uint32_t>(offset - line_starts_[lo] + 1));
}

void SourceText::fail(std::uint32_t ln, std::uint32_t col, const std::string& message) const {
    throw SourceError(at(ln, col), message, std::string(line(ln)));
}

Warning SourceText::warning(std::uint32_t ln, std::uint32_t col, const std::string& message) const {
    return Warning{at(ln, col), message, std::string(line(ln))};
}

bool parse_decimal(std::string_view digits, std::uint64_t max, std::uint64_t& out) {
    if (digits.empty()) return false;
    std::uint64_t v = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return false;
        unsigned d = static_cast<unsigned>(c - '0');
        if (v > (max - d) / 10) return false;
        v = v * 10 + d;
    }
    out = v;
    return true;
}

}  // namespace np
