#include "model/file_name.hpp"

#include "model/fingerprint.hpp"

namespace np {

std::string shorten_file_name(std::string_view name, std::size_t max_bytes) {
    if (name.size() <= max_bytes) return std::string(name);
    const std::string hash = sha256_hex(name).substr(0, 16);
    std::size_t keep = max_bytes > hash.size() + 1 ? max_bytes - hash.size() - 1 : 0;
    while (keep > 0 && (static_cast<unsigned char>(name[keep]) & 0xC0) == 0x80) --keep;  // not inside a UTF-8 sequence
    return std::string(name.substr(0, keep)) + "-" + hash;
}

std::string portable_file_name(std::string_view name, std::size_t max_bytes) {
    std::string s;
    s.reserve(name.size());
    for (char c : name) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        s += keep ? c : '-';
    }
    if (s.empty()) s = "-";
    return shorten_file_name(s, max_bytes);
}

std::string portable_input_name(std::string_view file_name, std::size_t max_bytes) {
    std::string s;
    for (char c : file_name) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
        s += keep ? c : '-';
    }
    if (s.empty() || s.front() == '.') s.insert(0, "-");
    return shorten_file_name(s, max_bytes);
}

}  // namespace np
