#include "spec/events_text.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "spec/mapped_bytes.hpp"

namespace np {
namespace {

struct Field {
    std::string_view text;
    std::uint32_t col = 0;  // 1-based
};

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Shows a field in a message: at most 30 bytes, non-printable bytes as \xNN.
std::string shown(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size() && i < 30; ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c < 0x7F) {
            out += static_cast<char>(c);
        } else {
            static const char* digits = "0123456789abcdef";
            out += "\\x";
            out += digits[c >> 4];
            out += digits[c & 0xF];
        }
    }
    if (s.size() > 30) out += "...";
    return out;
}

class TextParser {
public:
    TextParser(const std::string& file, const MappedBytes& in, const EventSink& sink) : file_(file), in_(in), sink_(sink) {}

    RecordingInfo parse() {
        RecordingInfo r;
        r.format = "text";
        const std::string_view text = in_.view();
        if (text.empty()) throw SourceError(Origin{file_, 1, 1, {}}, "empty file");
        std::size_t pos = 0;
        std::uint32_t line = 1;
        while (pos < text.size()) {
            in_.release_before(pos);
            std::size_t nl = text.find('\n', pos);
            std::size_t end = nl == std::string::npos ? text.size() : nl;
            std::string_view l(text.data() + pos, end - pos);
            if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
            current_ = l;
            line_(l, line, r);
            pos = nl == std::string::npos ? text.size() : nl + 1;
            if (line == UINT32_MAX) throw SourceError(Origin{file_, line, 1, {}}, "more than 4294967295 lines");
            ++line;
        }
        return r;
    }

private:
    [[noreturn]] void fail(std::uint32_t line, std::size_t index, const std::string& message) const {
        throw SourceError(Origin{file_, line, static_cast<std::uint32_t>(std::min<std::size_t>(index + 1, UINT32_MAX)), {}}, message,
                          std::string(current_.substr(0, 4096)));
    }

    void line_(std::string_view l, std::uint32_t line, RecordingInfo& r) {
        for (std::size_t i = 0; i < l.size(); ++i) {
            unsigned char c = static_cast<unsigned char>(l[i]);
            if ((c < 0x20 && c != '\t') || c == 0x7F)
                fail(line, i, "unexpected control byte " + shown(l.substr(i, 1)) + " (is this a text event file?)");
        }
        std::size_t i = 0;
        while (i < l.size() && is_space(l[i])) ++i;
        if (i == l.size()) return;
        if (l[i] == '#') {
            comment(l, line, i + 1, r);
            return;
        }
        std::vector<Field> fields = split(l, line, i);
        if (!have_events_ && !have_header_ && !fields.empty() && is_alpha(fields[0].text)) {
            static const char* names[] = {"t", "x", "y", "p"};
            for (std::size_t k = 0; k < 4; ++k) {
                if (k >= fields.size())
                    fail(line, l.size(), "column header ends after " + std::to_string(k) + " of the 4 columns t,x,y,p");
                if (fields[k].text != names[k])
                    fail(line, fields[k].col - 1,
                         std::string("expected the column header t,x,y,p: column ") + std::to_string(k + 1) +
                             " must be '" + names[k] + "', found '" + shown(fields[k].text) + "'");
            }
            if (fields.size() > 4) fail(line, fields[4].col - 1, "unexpected fifth column in the header t,x,y,p");
            have_header_ = true;
            return;
        }
        if (fields.size() < 4)
            fail(line, comment_at_ == std::string_view::npos ? l.size() : comment_at_,
                 "expected 4 fields t,x,y,p; found " + std::to_string(fields.size()));
        if (fields.size() > 4)
            fail(line, fields[4].col - 1, "unexpected fifth field '" + shown(fields[4].text) + "'; an event is t,x,y,p");
        DvsEvent e;
        e.t = timestamp(fields[0], line);
        e.x = coordinate(fields[1], line, "x", r.width);
        e.y = coordinate(fields[2], line, "y", r.height);
        const Field& p = fields[3];
        if (p.text == "1") e.on = true;
        else if (p.text != "0")
            fail(line, p.col - 1, "polarity p must be 0 or 1, found '" + shown(p.text) + "'");
        sink_(e);
        have_events_ = true;
    }

    static bool is_alpha(std::string_view s) {
        return !s.empty() && ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'));
    }

    // Fields of an event or header line from `i`; stops at a '#' comment.
    std::vector<Field> split(std::string_view l, std::uint32_t line, std::size_t i) {
        std::vector<Field> fields;
        comment_at_ = std::string_view::npos;
        while (true) {
            while (i < l.size() && is_space(l[i])) ++i;
            if (i == l.size()) break;
            if (l[i] == '#') {
                comment_at_ = i;
                break;
            }
            if (l[i] == ',') fail(line, i, "empty field before ','");
            std::size_t b = i;
            while (i < l.size() && l[i] != ',' && !is_space(l[i]) && l[i] != '#') ++i;
            fields.push_back(Field{l.substr(b, i - b), static_cast<std::uint32_t>(b + 1)});
            while (i < l.size() && is_space(l[i])) ++i;
            if (i < l.size() && l[i] == ',') {
                std::size_t comma = i++;
                while (i < l.size() && is_space(l[i])) ++i;
                if (i == l.size() || l[i] == '#') fail(line, comma, "expected a field after ','");
                if (l[i] == ',') fail(line, i, "empty field before ','");
            }
        }
        return fields;
    }

    std::int64_t timestamp(const Field& f, std::uint32_t line) const {
        std::string_view s = f.text;
        bool negative = !s.empty() && s[0] == '-';
        std::string_view digits = negative ? s.substr(1) : s;
        std::uint64_t v = 0;
        const std::uint64_t max = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos)
            fail(line, f.col - 1, "expected an integer timestamp t (microseconds), found '" + shown(s) + "'");
        if (!parse_decimal(digits, max, v))
            fail(line, f.col - 1, "timestamp t '" + shown(s) + "' does not fit in 64 bits");
        if (negative) return v == (std::uint64_t{1} << 63) ? INT64_MIN : -static_cast<std::int64_t>(v);
        return static_cast<std::int64_t>(v);
    }

    std::uint16_t coordinate(const Field& f, std::uint32_t line, const char* name,
                             const std::optional<std::uint32_t>& limit) const {
        std::string_view s = f.text;
        if (!s.empty() && s[0] == '-')
            fail(line, f.col - 1, std::string(name) + " must not be negative, found '" + shown(s) + "'");
        if (s.find_first_not_of("0123456789") != std::string_view::npos)
            fail(line, f.col - 1, std::string("expected an integer ") + name + ", found '" + shown(s) + "'");
        std::uint64_t v = 0;
        if (!parse_decimal(s, 65535, v))
            fail(line, f.col - 1, std::string(name) + " '" + shown(s) + "' is out of range (0..65535)");
        if (limit && v >= *limit)
            fail(line, f.col - 1,
                 std::string(name) + "=" + std::to_string(v) + " is outside the stated " +
                     (name[0] == 'x' ? "width " : "height ") + std::to_string(*limit));
        return static_cast<std::uint16_t>(v);
    }

    // A comment starting at `i` (after '#'): metadata when its first word is key=value.
    void comment(std::string_view l, std::uint32_t line, std::size_t i, RecordingInfo& r) {
        auto word_end = [&](std::size_t b) {
            while (b < l.size() && !is_space(l[b]) && l[b] != ',') ++b;
            return b;
        };
        while (i < l.size() && is_space(l[i])) ++i;
        std::size_t first_end = word_end(i);
        std::string_view first = l.substr(i, first_end - i);
        std::size_t eq = first.find('=');
        if (eq == std::string_view::npos || eq == 0) return;  // a plain comment
        for (std::size_t k = 0; k < eq; ++k) {
            char c = first[k];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
                return;  // not an identifier: a plain comment
        }
        if (have_events_) fail(line, i, "metadata '" + shown(first) + "' after the first event");
        while (i < l.size()) {
            while (i < l.size() && (is_space(l[i]) || l[i] == ',')) ++i;
            if (i == l.size()) break;
            std::size_t e = word_end(i);
            std::string_view word = l.substr(i, e - i);
            std::size_t weq = word.find('=');
            if (weq == std::string_view::npos || weq == 0)
                fail(line, i, "expected key=value in a metadata comment, found '" + shown(word) + "'");
            std::string_view key = word.substr(0, weq);
            std::string_view value = word.substr(weq + 1);
            if (key == "width" || key == "height") {
                std::uint64_t v = 0;
                if (!parse_decimal(value, UINT32_MAX, v) || v == 0)
                    fail(line, i + weq + 1,
                         std::string(key) + " must be a positive 32-bit integer, found '" + shown(value) + "'");
                auto& slot = key == "width" ? r.width : r.height;
                if (slot && *slot != v)
                    fail(line, i + weq + 1,
                         std::string(key) + "=" + std::to_string(v) + " contradicts the earlier " + std::string(key) +
                             "=" + std::to_string(*slot));
                slot = static_cast<std::uint32_t>(v);
            }
            i = e;
        }
    }

    const std::string& file_;
    const MappedBytes& in_;
    const EventSink& sink_;
    std::string_view current_;  // the line being read, for diagnostics
    bool have_events_ = false;
    bool have_header_ = false;
    std::size_t comment_at_ = std::string_view::npos;
};

}  // namespace

RecordingInfo stream_events_text(const std::string& file, const MappedBytes& bytes, const EventSink& sink) {
    return TextParser(file, bytes, sink).parse();
}

EventRecording parse_events_text(const SourceText& src) {
    return collect_events([&](const EventSink& sink) { return stream_events_text(src.file(), MappedBytes(src.text()), sink); });
}

EventRecording read_events_text(const std::string& path) {
    return collect_events([&](const EventSink& sink) { return stream_events_text(path, MappedBytes::open(path), sink); });
}

std::string write_events_text(const EventRecording& recording) {
    std::string out = "# neuroproof DVS events: t (microseconds), x, y, p (1 = ON, 0 = OFF)\n";
    std::string meta;
    if (!recording.format.empty()) {
        bool plain = true;
        for (char c : recording.format)
            if (is_space(c) || c == ',' || c == '=' || static_cast<unsigned char>(c) < 0x21 ||
                static_cast<unsigned char>(c) > 0x7E)
                plain = false;
        if (plain) meta += "format=" + recording.format;
    }
    if (recording.width) meta += (meta.empty() ? "" : " ") + std::string("width=") + std::to_string(*recording.width);
    if (recording.height) meta += (meta.empty() ? "" : " ") + std::string("height=") + std::to_string(*recording.height);
    if (!meta.empty()) out += "# " + meta + "\n";
    out += "t,x,y,p\n";
    out.reserve(out.size() + recording.events.size() * 24);
    for (const DvsEvent& e : recording.events) {
        out += std::to_string(e.t);
        out += ',';
        out += std::to_string(e.x);
        out += ',';
        out += std::to_string(e.y);
        out += ',';
        out += e.on ? '1' : '0';
        out += '\n';
    }
    return out;
}

}  // namespace np
