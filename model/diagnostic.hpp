// Source locations and user-facing diagnostics.
//
// Every error a user can cause (malformed file, impossible parameter) is thrown as a
// SourceError carrying the file, the 1-based line and column, and the text of the offending
// line. It renders in the one format of the project:
//
//   file:line:col: error: message
//     the offending line
//     ^
//
// `assert` is reserved for internal invariants; user-reachable failures are exceptions.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace np {

// Where something came from. line/col are 1-based; 0 means "unknown".
struct Origin {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t col = 0;
    std::string component;  // component instance path, empty at top level
};

// A user-facing error at a location. what() returns the fully rendered diagnostic.
class SourceError : public std::runtime_error {
public:
    SourceError(Origin where, std::string message, std::string line_text = {});
    const Origin& where() const { return where_; }
    const std::string& message() const { return message_; }
    const std::string& line_text() const { return line_text_; }

private:
    Origin where_;
    std::string message_;
    std::string line_text_;
};

// Renders `file:line:col: <severity>: message` followed, when the line is known, by the line
// and a caret under the column. Tabs in the line are kept so that the caret aligns.
std::string render_diagnostic(const Origin& where, std::string_view severity,
                              std::string_view message, std::string_view line_text);

// Non-fatal diagnostics (unknown directives skipped, inferred values) collected by readers.
struct Warning {
    Origin where;
    std::string message;
    std::string line_text;
    std::string render() const { return render_diagnostic(where, "warning", message, line_text); }
};

// Replaces every byte sequence that is not valid UTF-8 by its Latin-1 reading, so that names
// from legacy files (PEP nets are ISO-8859-1) survive into JSON and XML reports.
std::string to_valid_utf8(std::string_view bytes);

// The text of line `line` (1-based) of `file`, for a diagnostic found after parsing; empty when the
// file cannot be read or is shorter.
std::string source_line(const std::string& file, std::uint32_t line);

}  // namespace np
