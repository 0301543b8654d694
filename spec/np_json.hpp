// Numbers from JSON data files for the design language's `json(FILE, POINTER)` initialisers
// (constant tables such as weights, and parameters taken from a configuration file).
//
// The value at POINTER (RFC 6901) is flattened in row-major order: a number (or true/false, read
// as 1/0) gives one element, an array gives the concatenation of its elements' flattenings, so
// nested [c_out][c_in][kx][ky] weights become one table. Anything else (objects, strings, null,
// non-integral numbers) is an error naming the pointer of the offending element.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace np::lang {

struct JsonError : std::runtime_error {
    enum class Where : std::uint8_t { File, Pointer } where;
    JsonError(Where w, const std::string& m) : std::runtime_error(m), where(w) {}
};

struct JsonNumber {
    std::string pointer;   // where the element is, e.g. /cores/0/weights/1/0/2/2
    bool negative = false; // value = negative ? -magnitude : magnitude
    std::uint64_t magnitude = 0;
    bool is_bool = false;
};

class JsonFiles {
public:
    // Parses `path` once and keeps it. Throws JsonError(File) when it cannot be read or parsed;
    // messages name the file as `shown` (as the user wrote it).
    const nlohmann::json& load(const std::string& path, const std::string& shown);

private:
    std::map<std::string, nlohmann::json> docs_;
};

// The flattened numbers at `pointer` of `doc`. Throws JsonError(Pointer) for a malformed or
// missing pointer, JsonError(File) for a value that is not made of integers.
std::vector<JsonNumber> json_numbers(const nlohmann::json& doc, const std::string& pointer, const std::string& file);

}  // namespace np::lang
