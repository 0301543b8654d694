// Source locations of the values of a JSON document, by JSON pointer.
//
// nlohmann-json 3.11 (Debian 12) parses and reports syntax errors with a byte position, but keeps
// no position for the values it returns; a configuration error ("/cores/0/kernel: 17 exceeds the
// chip's limit") must still point at the line. This is a second, minimal walk over text that
// nlohmann-json has already accepted, recording where each value starts.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <unordered_map>

#include "spec/source_text.hpp"

namespace np {

class JsonDocument {
public:
    // Parses `source`; a syntax error throws SourceError at its line and column.
    explicit JsonDocument(SourceText source);

    const nlohmann::json& root() const { return root_; }
    const SourceText& source() const { return source_; }
    // Location of the value at `pointer` (e.g. "/cores/1/kernel"); for a pointer that names no
    // value, the location of its nearest existing ancestor.
    Origin at(const std::string& pointer) const;
    [[noreturn]] void fail(const std::string& pointer, const std::string& message) const;

private:
    SourceText source_;
    nlohmann::json root_;
    std::unordered_map<std::string, std::size_t> offsets_;
};

}  // namespace np
