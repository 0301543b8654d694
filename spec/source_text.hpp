// The text of one input file, for readers: loading with limits, line lookup, and located errors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.hpp"

namespace np {

class SourceText {
public:
    // Reads the whole file. Throws SourceError (file:1:1) when it cannot be opened or exceeds
    // `max_bytes` (a guard against feeding a multi-gigabyte file to a text parser).
    static SourceText load(const std::string& path, std::uint64_t max_bytes = std::uint64_t{1} << 30);
    SourceText(std::string file, std::string text);

    const std::string& file() const { return file_; }
    const std::string& text() const { return text_; }
    std::size_t line_count() const { return line_starts_.size(); }
    // Text of a 1-based line, without its end-of-line characters.
    std::string_view line(std::uint32_t line) const;
    Origin at(std::uint32_t line, std::uint32_t col) const { return Origin{file_, line, col, {}}; }
    // Line and column (1-based) of a byte offset.
    Origin at_offset(std::size_t offset) const;

    [[noreturn]] void fail(std::uint32_t line, std::uint32_t col, const std::string& message) const;
    Warning warning(std::uint32_t line, std::uint32_t col, const std::string& message) const;

private:
    std::string file_;
    std::string text_;
    std::vector<std::size_t> line_starts_;
};

// Parses a decimal unsigned integer that must fit in `max`; nullopt-like failure is signalled by
// returning false (the caller reports "number too large" or "expected a number" with its location).
bool parse_decimal(std::string_view digits, std::uint64_t max, std::uint64_t& out);

}  // namespace np
