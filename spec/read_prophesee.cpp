#include "spec/read_prophesee.hpp"

#include <cstdint>
#include <optional>

#include "spec/mapped_bytes.hpp"
#include "spec/source_text.hpp"

namespace np {
namespace {

enum class Kind { evt2, evt3, dat };

std::uint32_t col_of(std::size_t offset) {
    return offset >= UINT32_MAX ? UINT32_MAX : static_cast<std::uint32_t>(offset + 1);
}

[[noreturn]] void fail_byte(const std::string& file, std::size_t offset, const std::string& message) {
    throw SourceError(Origin{file, 1, col_of(offset), {}}, message);
}

std::string hex(unsigned v) {
    static const char* digits = "0123456789ABCDEF";
    std::string s;
    do {
        s.insert(s.begin(), digits[v & 0xF]);
        v >>= 4;
    } while (v != 0);
    return "0x" + s;
}

std::string at_byte(std::size_t offset) { return " at byte " + std::to_string(offset); }

std::uint32_t u16le(std::string_view b, std::size_t o) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[o])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[o + 1])) << 8;
}

std::uint32_t u32le(std::string_view b, std::size_t o) {
    return u16le(b, o) | u16le(b, o + 2) << 16;
}

[[noreturn]] void fail_truncated(const std::string& file, std::size_t offset, std::size_t remain,
                                 std::size_t needed, const char* what) {
    fail_byte(file, offset,
              std::string("truncated ") + what + at_byte(offset) + ": " + std::to_string(remain) +
                  (remain == 1 ? " byte remains, " : " bytes remain, ") + std::to_string(needed) + " needed");
}

struct Header {
    std::size_t data_start = 0;
    std::optional<std::uint32_t> width;
    std::optional<std::uint32_t> height;
};

// One '%' header line: its text (without end of line) and 1-based line number.
class HeaderParser {
public:
    HeaderParser(const std::string& file, Kind kind) : file_(file), kind_(kind) {}

    Header parse(std::string_view bytes) {
        Header h;
        std::size_t pos = 0;
        std::uint32_t line = 1;
        while (pos < bytes.size() && bytes[pos] == '%') {
            std::size_t nl = bytes.find('\n', pos);
            std::size_t end = nl == std::string_view::npos ? bytes.size() : nl;
            std::string_view text = bytes.substr(pos, end - pos);
            if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
            bool is_end = line_(text, line, h);
            pos = nl == std::string_view::npos ? bytes.size() : nl + 1;
            ++line;
            if (is_end && kind_ != Kind::dat) break;
        }
        h.data_start = pos;
        return h;
    }

private:
    [[noreturn]] void fail(std::string_view text, std::uint32_t line, std::size_t index, const std::string& message) {
        throw SourceError(Origin{file_, line, col_of(index), {}}, message, to_valid_utf8(text.substr(0, 400)));
    }

    static bool is_space(char c) { return c == ' ' || c == '\t'; }

    static std::string lower(std::string_view s) {
        std::string out(s);
        for (char& c : out)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return out;
    }

    std::uint32_t number(std::string_view text, std::uint32_t line, std::size_t index, std::string_view digits,
                         const char* what) {
        std::uint64_t v = 0;
        if (!parse_decimal(digits, UINT32_MAX, v) || v == 0)
            fail(text, line, index,
                 std::string("expected a positive number for the sensor ") + what + " in the header, found '" +
                     to_valid_utf8(digits.substr(0, 40)) + "'");
        return static_cast<std::uint32_t>(v);
    }

    void check_format_name(std::string_view text, std::uint32_t line, std::size_t index, std::string_view name) {
        std::string n = lower(name);
        if (kind_ == Kind::dat || n.rfind("evt", 0) != 0) return;
        const char* expected = kind_ == Kind::evt2 ? "evt2" : "evt3";
        if (n != expected)
            fail(text, line, index,
                 "header declares format '" + to_valid_utf8(name.substr(0, 40)) + "' but the file is read as " +
                     (kind_ == Kind::evt2 ? "EVT 2.0" : "EVT 3.0"));
    }

    // Returns true for `% end`.
    bool line_(std::string_view text, std::uint32_t line, Header& h) {
        std::size_t i = 1;
        while (i < text.size() && is_space(text[i])) ++i;
        std::size_t key_begin = i;
        while (i < text.size() && !is_space(text[i])) ++i;
        std::string key = lower(text.substr(key_begin, i - key_begin));
        while (i < text.size() && is_space(text[i])) ++i;
        std::size_t value_begin = i;
        std::size_t value_end = text.size();
        while (value_end > value_begin && is_space(text[value_end - 1])) --value_end;
        std::string_view value = text.substr(value_begin, value_end - value_begin);

        if (key == "end") return value.empty();
        if (key == "evt" && kind_ != Kind::dat) {
            const char* expected = kind_ == Kind::evt2 ? "2.0" : "3.0";
            if (value != expected)
                fail(text, line, value_begin,
                     "header declares EVT '" + to_valid_utf8(value.substr(0, 40)) + "' but the file is read as EVT " +
                         expected);
        } else if (key == "format") {
            // e.g. EVT3;height=720;width=1280
            std::size_t p = 0;
            bool first = true;
            while (p <= value.size()) {
                std::size_t semi = value.find(';', p);
                if (semi == std::string_view::npos) semi = value.size();
                std::string_view part = value.substr(p, semi - p);
                std::size_t index = value_begin + p;
                if (first) {
                    check_format_name(text, line, index, part);
                    first = false;
                } else {
                    std::size_t eq = part.find('=');
                    if (eq != std::string_view::npos) {
                        std::string k = lower(part.substr(0, eq));
                        std::string_view v = part.substr(eq + 1);
                        if (k == "width") h.width = number(text, line, index + eq + 1, v, "width");
                        if (k == "height") h.height = number(text, line, index + eq + 1, v, "height");
                    }
                }
                p = semi + 1;
            }
        } else if (key == "geometry") {
            std::size_t x = value.find('x');
            if (x == std::string_view::npos)
                fail(text, line, value_begin,
                     "expected the sensor geometry as WIDTHxHEIGHT, found '" + to_valid_utf8(value.substr(0, 40)) + "'");
            h.width = number(text, line, value_begin, value.substr(0, x), "width");
            h.height = number(text, line, value_begin + x + 1, value.substr(x + 1), "height");
        } else if (key == "width") {
            h.width = number(text, line, value_begin, value, "width");
        } else if (key == "height") {
            h.height = number(text, line, value_begin, value, "height");
        }
        return false;
    }

    const std::string& file_;
    Kind kind_;
};

Header header_of(const std::string& file, std::string_view bytes, Kind kind) {
    if (bytes.empty()) fail_byte(file, 0, "empty file");
    return HeaderParser(file, kind).parse(bytes);
}

RecordingInfo start(const char* format, const Header& h) {
    RecordingInfo r;
    r.format = format;
    r.width = h.width;
    r.height = h.height;
    return r;
}

// Rejects coordinates outside the stated resolution, or beyond `default_x_limit` without one.
void check_xy(const std::string& file, std::size_t offset, std::uint64_t x, std::uint64_t y, const Header& h,
              std::uint64_t default_x_limit) {
    if (h.width ? x >= *h.width : x >= default_x_limit)
        fail_byte(file, offset,
                  "event x=" + std::to_string(x) + at_byte(offset) + " is outside the sensor width " +
                      std::to_string(h.width ? *h.width : default_x_limit));
    if (h.height && y >= *h.height)
        fail_byte(file, offset,
                  "event y=" + std::to_string(y) + at_byte(offset) + " is outside the sensor height " +
                      std::to_string(*h.height));
}

}  // namespace

RecordingInfo stream_evt2(const std::string& file, const MappedBytes& in, const EventSink& sink) {
    const std::string_view bytes = in.view();
    Header h = header_of(file, bytes, Kind::evt2);
    RecordingInfo r = start("evt2", h);
    const std::size_t n = bytes.size();
    std::uint64_t time_high = 0, wraps = 0;
    bool have_time_high = false;
    for (std::size_t o = h.data_start; o < n; o += 4) {
        in.release_before(o);
        if (n - o < 4) fail_truncated(file, o, n - o, 4, "word");
        const std::uint32_t w = u32le(bytes, o);
        const unsigned type = w >> 28;
        switch (type) {
            case 0x0:  // CD_OFF
            case 0x1: {  // CD_ON
                const std::uint64_t t_low = (w >> 22) & 0x3F;
                const std::uint32_t x = (w >> 11) & 0x7FF;
                const std::uint32_t y = w & 0x7FF;
                check_xy(file, o, x, y, h, 2048);
                const std::uint64_t t = (wraps << 34) | (time_high << 6) | t_low;
                sink(DvsEvent{static_cast<std::int64_t>(t), static_cast<std::uint16_t>(x),
                                            static_cast<std::uint16_t>(y), type == 0x1});
                break;
            }
            case 0x8: {  // EVT_TIME_HIGH
                const std::uint64_t v = w & 0x0FFFFFFF;
                if (have_time_high && v < time_high) ++wraps;
                time_high = v;
                have_time_high = true;
                break;
            }
            case 0xA:  // EXT_TRIGGER
            case 0xE:  // OTHERS
            case 0xF:  // CONTINUED
                break;
            default:
                fail_byte(file, o, "unknown EVT 2.0 word type " + hex(type) + at_byte(o));
        }
    }
    return r;
}

RecordingInfo stream_evt3(const std::string& file, const MappedBytes& in, const EventSink& sink) {
    const std::string_view bytes = in.view();
    Header h = header_of(file, bytes, Kind::evt3);
    RecordingInfo r = start("evt3", h);
    const std::size_t n = bytes.size();
    std::uint64_t time_high = 0, time_low = 0, wraps = 0;
    bool have_time_high = false;
    std::uint32_t y = 0;
    std::uint64_t base_x = 0;
    bool vector_on = false;
    auto emit = [&](std::size_t o, std::uint64_t x, bool on) {
        check_xy(file, o, x, y, h, 2048);
        const std::uint64_t t = (wraps << 24) | (time_high << 12) | time_low;
        sink(DvsEvent{static_cast<std::int64_t>(t), static_cast<std::uint16_t>(x),
                                    static_cast<std::uint16_t>(y), on});
    };
    for (std::size_t o = h.data_start; o < n; o += 2) {
        in.release_before(o);
        if (n - o < 2) fail_truncated(file, o, n - o, 2, "word");
        const std::uint32_t w = u16le(bytes, o);
        const unsigned type = w >> 12;
        switch (type) {
            case 0x0:  // EVT_ADDR_Y (bit 11: system type, ignored)
                y = w & 0x7FF;
                break;
            case 0x2:  // EVT_ADDR_X
                emit(o, w & 0x7FF, (w >> 11) & 1);
                break;
            case 0x3:  // VECT_BASE_X
                base_x = w & 0x7FF;
                vector_on = (w >> 11) & 1;
                break;
            case 0x4:    // VECT_12
            case 0x5: {  // VECT_8
                const unsigned width = type == 0x4 ? 12 : 8;
                const std::uint32_t mask = w & ((1u << width) - 1);
                for (unsigned i = 0; i < width; ++i)
                    if (mask & (1u << i)) emit(o, base_x + i, vector_on);
                base_x += width;
                break;
            }
            case 0x6:  // EVT_TIME_LOW
                time_low = w & 0xFFF;
                break;
            case 0x8: {  // EVT_TIME_HIGH
                const std::uint64_t v = w & 0xFFF;
                if (have_time_high && v < time_high) ++wraps;
                time_high = v;
                have_time_high = true;
                break;
            }
            case 0x7:  // CONTINUED_4
            case 0xA:  // EXT_TRIGGER
            case 0xE:  // OTHERS
            case 0xF:  // CONTINUED_12
                break;
            default:
                fail_byte(file, o, "unknown EVT 3.0 word type " + hex(type) + at_byte(o));
        }
    }
    return r;
}

RecordingInfo stream_dat(const std::string& file, const MappedBytes& in, const EventSink& sink) {
    const std::string_view bytes = in.view();
    Header h = header_of(file, bytes, Kind::dat);
    RecordingInfo r = start("dat", h);
    const std::size_t n = bytes.size();
    std::size_t o = h.data_start;
    if (n - o < 2) fail_truncated(file, o, n - o, 2, "DAT event type and size");
    const unsigned type = static_cast<unsigned char>(bytes[o]);
    const unsigned size = static_cast<unsigned char>(bytes[o + 1]);
    if (type != 0x00 && type != 0x0C)
        fail_byte(file, o,
                  "unsupported DAT event type " + hex(type) + at_byte(o) + " (0x0 Event2d and 0xC EventCd are read)");
    if (size != 8)
        fail_byte(file, o + 1, "unsupported DAT event size " + std::to_string(size) + at_byte(o + 1) + " (8 expected)");
    o += 2;
    std::uint64_t last = 0, wraps = 0;
    bool first = true;
    for (; o < n; o += 8) {
        in.release_before(o);
        if (n - o < 8) fail_truncated(file, o, n - o, 8, "event");
        const std::uint64_t t = u32le(bytes, o);
        const std::uint32_t d = u32le(bytes, o + 4);
        if (!first && t < last) ++wraps;
        first = false;
        last = t;
        const std::uint32_t x = d & 0x3FFF;
        const std::uint32_t y = (d >> 14) & 0x3FFF;
        const std::uint32_t p = d >> 28;
        if (p > 1) fail_byte(file, o, "event polarity " + std::to_string(p) + at_byte(o) + " is not 0 or 1");
        check_xy(file, o, x, y, h, 1u << 14);
        sink(DvsEvent{static_cast<std::int64_t>((wraps << 32) | t), static_cast<std::uint16_t>(x),
                                    static_cast<std::uint16_t>(y), p == 1});
    }
    return r;
}

EventRecording parse_evt2(const std::string& file, std::string_view bytes) {
    return collect_events([&](const EventSink& sink) { return stream_evt2(file, MappedBytes(bytes), sink); });
}

EventRecording read_evt2(const std::string& path) {
    return collect_events([&](const EventSink& sink) { return stream_evt2(path, MappedBytes::open(path), sink); });
}

EventRecording parse_evt3(const std::string& file, std::string_view bytes) {
    return collect_events([&](const EventSink& sink) { return stream_evt3(file, MappedBytes(bytes), sink); });
}

EventRecording read_evt3(const std::string& path) {
    return collect_events([&](const EventSink& sink) { return stream_evt3(path, MappedBytes::open(path), sink); });
}

EventRecording parse_dat(const std::string& file, std::string_view bytes) {
    return collect_events([&](const EventSink& sink) { return stream_dat(file, MappedBytes(bytes), sink); });
}

EventRecording read_dat(const std::string& path) {
    return collect_events([&](const EventSink& sink) { return stream_dat(path, MappedBytes::open(path), sink); });
}

}  // namespace np
