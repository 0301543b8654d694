#include "spec/np_json.hpp"

#include "model/json_text.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

namespace np::lang {

const nlohmann::json& JsonFiles::load(const std::string& path, const std::string& shown) {
    auto it = docs_.find(path);
    if (it != docs_.end()) return it->second;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw JsonError(JsonError::Where::File, "cannot open JSON file '" + shown + "'");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    if (std::optional<JsonTextError> e = json_error_offset(text)) {
        throw JsonError(JsonError::Where::File, "invalid JSON in '" + shown + "' at line " + std::to_string(e->line) +
                                                    ", column " + std::to_string(e->col) + ": " + e->message);
    }
    nlohmann::json doc = nlohmann::json::parse(text);
    return docs_.emplace(path, std::move(doc)).first->second;
}

namespace {

void flatten(const nlohmann::json& v, const std::string& at, const std::string& file, std::vector<JsonNumber>& out) {
    JsonNumber n;
    n.pointer = at.empty() ? "/" : at;
    if (v.is_array()) {
        for (std::size_t i = 0; i < v.size(); ++i) flatten(v[i], at + "/" + std::to_string(i), file, out);
        return;
    }
    if (v.is_boolean()) {
        n.is_bool = true;
        n.magnitude = v.get<bool>() ? 1 : 0;
    } else if (v.is_number_unsigned()) {
        n.magnitude = v.get<std::uint64_t>();
    } else if (v.is_number_integer()) {
        std::int64_t x = v.get<std::int64_t>();
        n.negative = x < 0;
        n.magnitude = x < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(x) : static_cast<std::uint64_t>(x);
    } else if (v.is_number_float()) {
        double d = v.get<double>();
        if (std::floor(d) != d || std::fabs(d) > 9.0e15)
            throw JsonError(JsonError::Where::File, "value " + v.dump() + " at '" + n.pointer + "' in '" + file +
                                                        "' is not an integer");
        n.negative = d < 0;
        n.magnitude = static_cast<std::uint64_t>(std::fabs(d));
    } else {
        throw JsonError(JsonError::Where::File, "value at '" + n.pointer + "' in '" + file + "' is " +
                                                    std::string(v.type_name()) + ", expected a number or an array of numbers");
    }
    out.push_back(std::move(n));
}

}  // namespace

std::vector<JsonNumber> json_numbers(const nlohmann::json& doc, const std::string& pointer, const std::string& file) {
    nlohmann::json::json_pointer ptr;
    try {
        ptr = nlohmann::json::json_pointer(pointer);
    } catch (const nlohmann::json::exception& e) {
        throw JsonError(JsonError::Where::Pointer, "invalid JSON pointer '" + pointer + "' (write it as /key/0/key)");
    }
    const nlohmann::json* v = nullptr;
    try {
        if (doc.contains(ptr)) v = &doc.at(ptr);
    } catch (const nlohmann::json::exception&) {
        v = nullptr;
    }
    if (!v) throw JsonError(JsonError::Where::Pointer, "JSON pointer '" + pointer + "' names nothing in '" + file + "'");
    std::vector<JsonNumber> out;
    flatten(*v, pointer == "/" ? "" : pointer, file, out);
    return out;
}

}  // namespace np::lang
