#include "spec/json_locations.hpp"

#include "model/json_text.hpp"

namespace np {

namespace {

// Walks one JSON value of already-validated text starting at `i`, recording the offset of every
// value under its pointer; returns the offset just past it.
class Walker {
public:
    Walker(const std::string& text, std::unordered_map<std::string, std::size_t>& out) : s_(text), out_(out) {}

    std::size_t value(std::size_t i, const std::string& pointer) {
        i = skip(i);
        out_[pointer] = i;
        if (i >= s_.size()) return i;
        char c = s_[i];
        if (c == '{') {
            i = skip(i + 1);
            if (s_[i] == '}') return i + 1;
            while (true) {
                std::size_t key_end = string_end(i);
                std::string key = nlohmann::json::parse(s_.substr(i, key_end - i)).get<std::string>();
                i = skip(key_end);  // at ':'
                i = value(i + 1, pointer + "/" + escape(key));
                i = skip(i);
                if (s_[i] == ',') {
                    i = skip(i + 1);
                    continue;
                }
                return i + 1;  // '}'
            }
        }
        if (c == '[') {
            i = skip(i + 1);
            if (s_[i] == ']') return i + 1;
            for (std::size_t k = 0;; ++k) {
                i = skip(value(i, pointer + "/" + std::to_string(k)));
                if (s_[i] == ',') {
                    ++i;
                    continue;
                }
                return i + 1;  // ']'
            }
        }
        if (c == '"') return string_end(i);
        while (i < s_.size() && !is_delimiter(s_[i])) ++i;  // number, true, false, null
        return i;
    }

private:
    static bool is_delimiter(char c) { return c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
    static std::string escape(const std::string& key) {
        std::string out;
        for (char c : key) {
            if (c == '~') out += "~0";
            else if (c == '/') out += "~1";
            else out += c;
        }
        return out;
    }
    std::size_t skip(std::size_t i) const {
        while (i < s_.size() && (s_[i] == ' ' || s_[i] == '\t' || s_[i] == '\n' || s_[i] == '\r')) ++i;
        return i;
    }
    std::size_t string_end(std::size_t i) const {  // i at the opening quote
        for (++i; i < s_.size(); ++i) {
            if (s_[i] == '\\') ++i;
            else if (s_[i] == '"') return i + 1;
        }
        return i;
    }

    const std::string& s_;
    std::unordered_map<std::string, std::size_t>& out_;
};

}  // namespace

JsonDocument::JsonDocument(SourceText source) : source_(std::move(source)) {
    if (std::optional<JsonTextError> e = json_error_offset(source_.text())) {
        Origin o = source_.at_offset(e->offset);
        source_.fail(o.line, o.col, "invalid JSON: " + e->message);
    }
    root_ = nlohmann::json::parse(source_.text());
    Walker(source_.text(), offsets_).value(0, "");
}

Origin JsonDocument::at(const std::string& pointer) const {
    std::string p = pointer;
    while (true) {
        auto it = offsets_.find(p);
        if (it != offsets_.end()) return source_.at_offset(it->second);
        if (p.empty()) return source_.at(1, 1);
        p.erase(p.rfind('/'));
    }
}

void JsonDocument::fail(const std::string& pointer, const std::string& message) const {
    Origin o = at(pointer);
    source_.fail(o.line, o.col, message);
}

}  // namespace np
