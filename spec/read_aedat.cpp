#include "spec/read_aedat.hpp"

#include <lz4frame.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "model/diagnostic.hpp"
#include "spec/mapped_bytes.hpp"
#include "spec/source_text.hpp"

namespace np {
namespace {

// A decompressed packet larger than this is refused (a guard against decompression bombs; real
// DV packets hold a few thousand events, well under a megabyte).
constexpr std::size_t kMaxPacketBytes = std::size_t{256} << 20;

std::string num(std::uint64_t v) { return std::to_string(v); }
std::string snum(std::int64_t v) { return std::to_string(v); }

std::uint32_t col_of(std::size_t offset) {
    return offset >= std::numeric_limits<std::uint32_t>::max() ? std::numeric_limits<std::uint32_t>::max()
                                                                 : static_cast<std::uint32_t>(offset + 1);
}

std::uint32_t le32(std::string_view b, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}
std::uint16_t le16(std::string_view b, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                      static_cast<unsigned char>(b[at + 1]) << 8);
}
std::uint64_t le64(std::string_view b, std::size_t at) {
    return static_cast<std::uint64_t>(le32(b, at)) | static_cast<std::uint64_t>(le32(b, at + 4)) << 32;
}
std::uint32_t be32(std::string_view b, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3]));
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// Printable rendering of a header line for diagnostics.
std::string shown(std::string_view line) { return to_valid_utf8(line.substr(0, std::min<std::size_t>(line.size(), 400))); }

struct Sensor {
    bool dvs128 = false;
    std::optional<std::uint32_t> width, height;
    bool known = false;
};

// Known sensors by name in a header value (case-insensitive).
Sensor classify(std::string_view value) {
    std::string u = upper(value);
    Sensor s;
    if (u.find("DVS128") != std::string::npos || u.find("TMPDIFF128") != std::string::npos) {
        s.dvs128 = true, s.width = 128, s.height = 128, s.known = true;
    } else if (u.find("DAVIS240") != std::string::npos) {
        s.width = 240, s.height = 180, s.known = true;
    } else if (u.find("DAVIS346") != std::string::npos) {
        s.width = 346, s.height = 260, s.known = true;
    }
    return s;
}

class Parser {
public:
    Parser(const std::string& file, const MappedBytes& in, const EventSink& sink) : file_(file), in_(in), b_(in.view()), sink_(sink) {}

    RecordingInfo parse() {
        if (b_.empty()) fail_text(1, 1, "empty file: expected an AEDAT header line '#!AER-DAT...'", "");
        std::size_t eol = b_.find('\n');
        std::string_view first = b_.substr(0, eol == std::string_view::npos ? b_.size() : eol);
        if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
        static constexpr std::string_view kMagic = "#!AER-DAT";
        if (first.substr(0, kMagic.size()) != kMagic)
            fail_text(1, 1, "not an AEDAT file: the first line must start with '#!AER-DAT'", shown(first));
        std::string_view version = first.substr(kMagic.size());
        if (version == "2.0") return parse_v2();
        if (version == "3.1") return parse_v31();
        if (version == "4.0") return parse_v4();
        fail_text(1, static_cast<std::uint32_t>(kMagic.size() + 1),
                  "unsupported AEDAT version '" + shown(version.substr(0, 20)) + "' (supported: 2.0, 3.1, 4.0)", shown(first));
    }

private:
    const std::string& file_;
    const MappedBytes& in_;
    std::string_view b_;
    const EventSink& sink_;

    [[noreturn]] void fail_text(std::uint32_t line, std::uint32_t col, const std::string& msg, const std::string& text) const {
        throw SourceError(Origin{file_, line, col, {}}, msg, text);
    }
    [[noreturn]] void fail_at(std::size_t offset, const std::string& msg) const {
        throw SourceError(Origin{file_, 1, col_of(offset), {}}, msg);
    }

    // One `#` header line starting at `pos`, without its line end; `next` is the byte after it.
    struct Line {
        std::string_view text;
        std::size_t next = 0;
    };
    std::optional<Line> header_line(std::size_t pos) const {
        std::size_t e = b_.find('\n', pos);
        if (e == std::string_view::npos) return std::nullopt;
        std::string_view t = b_.substr(pos, e - pos);
        if (!t.empty() && t.back() == '\r') t.remove_suffix(1);
        return Line{t, e + 1};
    }
    [[noreturn]] void unterminated_header(std::uint32_t line, std::size_t pos, const std::string& what) const {
        std::string_view rest = b_.substr(pos);
        fail_text(line, col_of(rest.size()), "truncated header: " + what, shown(rest));
    }

    // ---------------------------------------------------------------- AEDAT 2.0

    RecordingInfo parse_v2() {
        RecordingInfo rec;
        rec.format = "aedat2";
        Sensor sensor;
        std::size_t pos = 0;
        std::uint32_t line = 0;
        while (pos < b_.size() && b_[pos] == '#') {
            ++line;
            auto l = header_line(pos);
            if (!l) unterminated_header(line, pos, "header line " + num(line) + " has no line end");
            if (!sensor.known) {
                std::string_view body = trim(l->text.substr(1));
                for (std::string_view key : {std::string_view("HardwareInterface:"), std::string_view("AEChip:")})
                    if (body.substr(0, key.size()) == key) sensor = classify(body.substr(key.size()));
            }
            pos = l->next;
        }
        rec.width = sensor.width;
        rec.height = sensor.height;
        std::uint64_t wrap = 0;
        std::optional<std::uint32_t> prev;
        for (; pos < b_.size(); pos += 8) {
            in_.release_before(pos);
            if (b_.size() - pos < 8)
                fail_at(pos, "truncated record at byte " + num(pos) + ": 8 bytes needed, " + num(b_.size() - pos) + " remain");
            std::uint32_t addr = be32(b_, pos);
            std::uint32_t ts = be32(b_, pos + 4);
            if (prev && ts < *prev && *prev - ts > (std::uint32_t{1} << 31)) wrap += std::uint64_t{1} << 32;
            prev = ts;
            DvsEvent e;
            e.t = static_cast<std::int64_t>(wrap + ts);
            if (sensor.dvs128) {
                if (addr & 0x80008000u) continue;  // sync or special event
                e.x = static_cast<std::uint16_t>(127 - ((addr >> 1) & 0x7F));
                e.y = static_cast<std::uint16_t>((addr >> 8) & 0x7F);
                e.on = (addr & 1u) == 0;
            } else {
                if (addr & 0x80000000u) continue;  // APS or IMU sample
                if (addr & 0x400u) continue;       // external input event
                std::uint32_t xf = (addr >> 12) & 0x3FF, yf = (addr >> 22) & 0x1FF;
                if (sensor.width && xf >= *sensor.width)
                    fail_at(pos, "x address " + num(xf) + " of the record at byte " + num(pos) + " is beyond the sensor width " +
                                     num(*sensor.width));
                if (sensor.height && yf >= *sensor.height)
                    fail_at(pos, "y address " + num(yf) + " of the record at byte " + num(pos) + " is beyond the sensor height " +
                                     num(*sensor.height));
                e.x = static_cast<std::uint16_t>(sensor.width ? *sensor.width - 1 - xf : xf);
                e.y = static_cast<std::uint16_t>(yf);
                e.on = (addr >> 11) & 1u;
            }
            sink_(e);
        }
        return rec;
    }

    // ---------------------------------------------------------------- AEDAT 3.1

    RecordingInfo parse_v31() {
        RecordingInfo rec;
        rec.format = "aedat3.1";
        std::size_t pos = 0;
        std::uint32_t line = 0;
        bool have_source = false;
        for (;;) {
            ++line;
            if (pos >= b_.size())
                fail_text(line, 1, "truncated header: end of file before the '#!END-HEADER' line", "");
            auto l = header_line(pos);
            if (!l) unterminated_header(line, pos, "end of file before the '#!END-HEADER' line");
            std::string_view t = l->text;
            if (t.empty() || t[0] != '#')
                fail_text(line, 1, "expected a '#' header line or '#!END-HEADER'", shown(t));
            pos = l->next;
            if (t == "#!END-HEADER") break;
            if (t.substr(0, 8) == "#Format:") {
                std::string_view v = trim(t.substr(8));
                if (v != "RAW") {
                    auto c = static_cast<std::uint32_t>(v.data() - t.data() + 1);
                    fail_text(line, c, "unsupported AEDAT 3.1 format '" + shown(v.substr(0, 40)) + "' (only RAW is supported)", shown(t));
                }
            } else if (t.substr(0, 7) == "#Source" && !have_source) {
                std::size_t colon = t.find(':');
                if (colon != std::string_view::npos) {
                    Sensor s = classify(t.substr(colon + 1));
                    if (s.known) {
                        rec.width = s.width, rec.height = s.height;
                        have_source = true;
                    }
                }
            }
        }
        while (pos < b_.size()) {
            in_.release_before(pos);
            const std::size_t remain = b_.size() - pos;
            if (remain < 28)
                fail_at(pos, "truncated packet header at byte " + num(pos) + ": 28 bytes needed, " + num(remain) + " remain");
            const auto type = static_cast<std::int16_t>(le16(b_, pos));
            const auto size = static_cast<std::int32_t>(le32(b_, pos + 4));
            const auto overflow = static_cast<std::int32_t>(le32(b_, pos + 12));
            const auto capacity = static_cast<std::int32_t>(le32(b_, pos + 16));
            const auto number = static_cast<std::int32_t>(le32(b_, pos + 20));
            if (size <= 0)
                fail_at(pos + 4, "packet at byte " + num(pos) + ": event size " + snum(size) + " is not positive");
            if (capacity < 0)
                fail_at(pos + 16, "packet at byte " + num(pos) + ": event capacity " + snum(capacity) + " is negative");
            if (number < 0 || number > capacity)
                fail_at(pos + 20, "packet at byte " + num(pos) + ": event number " + snum(number) + " is outside 0.." + snum(capacity) +
                                      " (the capacity)");
            if (overflow < 0)
                fail_at(pos + 12, "packet at byte " + num(pos) + ": timestamp overflow " + snum(overflow) + " is negative");
            const std::uint64_t bytes = static_cast<std::uint64_t>(size) * static_cast<std::uint64_t>(capacity);
            if (bytes > remain - 28)
                fail_at(pos, "truncated packet at byte " + num(pos) + ": header says " + num(bytes) + " bytes, " + num(remain - 28) +
                                 " remain");
            if (type == 1) {
                if (size < 8)
                    fail_at(pos + 4, "polarity packet at byte " + num(pos) + ": event size " + snum(size) + " is less than 8");
                for (std::int32_t i = 0; i < number; ++i) {
                    const std::size_t at = pos + 28 + static_cast<std::size_t>(i) * static_cast<std::size_t>(size);
                    const std::uint32_t data = le32(b_, at);
                    if (!(data & 1u)) continue;
                    const auto ts = static_cast<std::int32_t>(le32(b_, at + 4));
                    if (ts < 0) fail_at(at + 4, "polarity event at byte " + num(at) + ": timestamp " + snum(ts) + " is negative");
                    DvsEvent e;
                    e.t = (static_cast<std::int64_t>(overflow) << 31) | ts;
                    e.x = static_cast<std::uint16_t>(data >> 17);
                    e.y = static_cast<std::uint16_t>((data >> 2) & 0x7FFF);
                    e.on = (data >> 1) & 1u;
                    sink_(e);
                }
            }
            pos += 28 + static_cast<std::size_t>(bytes);
        }
        return rec;
    }

    // ---------------------------------------------------------------- AEDAT 4.0

    // A view of a flatbuffer with bounds-checked access. Offsets are relative to `buf`; errors
    // point at the file byte `base + shift + offset` when the buffer is a slice of the file
    // (`exact`), else at `base` naming the offset within the decompressed data.
    struct Flat {
        const Parser* p;
        std::string_view buf;
        std::string what;  // "IOHeader", "event packet"
        std::size_t base = 0;
        std::size_t shift = 0;
        bool exact = true;

        [[noreturn]] void fail(std::size_t off, const std::string& msg) const {
            if (exact) {
                std::size_t at = base + shift + off;
                p->fail_at(at, "corrupt " + what + " at byte " + num(at) + ": " + msg);
            }
            p->fail_at(base, "corrupt " + what + " at byte " + num(base) + " (decompressed offset " + num(shift + off) + "): " + msg);
        }
        // Fails at `from` (where the offset that led here is stored) unless [off, off + len) fits.
        void need(std::size_t off, std::size_t len, const char* item, std::size_t from) const {
            if (off > buf.size() || len > buf.size() - off)
                fail(std::min(from, buf.size()), std::string(item) + " at offset " + num(off) + " (" + num(len) +
                                                     " bytes) lies outside the " + num(buf.size()) + "-byte buffer");
        }
        void need(std::size_t off, std::size_t len, const char* item) const { need(off, len, item, off); }
        std::uint32_t u32(std::size_t off, const char* item) const { need(off, 4, item); return le32(buf, off); }

        // Root table of a buffer whose file identifier must be `ident`.
        std::size_t root(std::string_view ident) const {
            std::size_t t = u32(0, "root offset");
            need(4, 4, "file identifier");
            if (buf.substr(4, 4) != ident)
                fail(4, "file identifier is '" + shown(buf.substr(4, 4)) + "', expected '" + std::string(ident) + "'");
            return t;
        }
        struct Table {
            std::size_t pos = 0, vtable = 0, vsize = 0, tsize = 0;
        };
        Table table(std::size_t t, std::size_t from) const {
            need(t, 4, "table", from);
            const auto soff = static_cast<std::int32_t>(le32(buf, t));
            const std::int64_t vt = static_cast<std::int64_t>(t) - soff;
            if (vt < 0 || static_cast<std::uint64_t>(vt) > buf.size())
                fail(t, "vtable offset " + snum(soff) + " of the table at offset " + num(t) + " points outside the buffer");
            Table r;
            r.pos = t;
            r.vtable = static_cast<std::size_t>(vt);
            need(r.vtable, 4, "vtable", t);
            r.vsize = le16(buf, r.vtable);
            r.tsize = le16(buf, r.vtable + 2);
            if (r.vsize < 4 || r.vsize % 2) fail(r.vtable, "vtable size " + num(r.vsize) + " is invalid");
            need(r.vtable, r.vsize, "vtable", t);
            if (r.tsize < 4) fail(r.vtable + 2, "table size " + num(r.tsize) + " is invalid");
            need(t, r.tsize, "table", r.vtable + 2);
            return r;
        }
        // Position of field `idx` (of `width` bytes) in the table, or nullopt when absent.
        std::optional<std::size_t> field(const Table& tb, unsigned idx, std::size_t width) const {
            std::size_t slot = 4 + 2 * std::size_t{idx};
            if (slot + 2 > tb.vsize) return std::nullopt;
            std::size_t fo = le16(buf, tb.vtable + slot);
            if (fo == 0) return std::nullopt;
            if (fo < 4 || fo + width > tb.tsize)
                fail(tb.vtable + slot, "field " + num(idx) + " at table offset " + num(fo) + " lies outside its " + num(tb.tsize) +
                                           "-byte table");
            return tb.pos + fo;
        }
        std::size_t deref(std::size_t at, const char* item) const {
            std::uint64_t target = static_cast<std::uint64_t>(at) + u32(at, item);
            if (target > buf.size()) fail(at, std::string(item) + " offset points outside the buffer");
            return static_cast<std::size_t>(target);
        }
    };

    struct Stream {
        std::uint32_t id = 0;
        bool events = false;
        std::optional<std::uint32_t> width, height;
    };

    // Streams described by the infoNode XML: each `<node name="N" ...>` with a numeric name
    // starts one; its attributes run up to the next such node.
    static std::vector<Stream> streams_of(std::string_view xml) {
        static constexpr std::string_view kNode = "<node name=\"";
        std::vector<std::pair<std::size_t, std::uint32_t>> starts;
        for (std::size_t p = xml.find(kNode); p != std::string_view::npos; p = xml.find(kNode, p + 1)) {
            std::size_t q = p + kNode.size(), e = xml.find('"', q);
            if (e == std::string_view::npos) break;
            std::uint64_t id = 0;
            if (parse_decimal(xml.substr(q, e - q), std::numeric_limits<std::uint32_t>::max(), id))
                starts.emplace_back(p, static_cast<std::uint32_t>(id));
        }
        auto attr = [](std::string_view seg, std::string_view key) -> std::optional<std::string_view> {
            std::string k = "key=\"" + std::string(key) + "\"";
            std::size_t p = seg.find(k);
            if (p == std::string_view::npos) return std::nullopt;
            std::size_t gt = seg.find('>', p), lt = seg.find('<', p);
            if (gt == std::string_view::npos || lt == std::string_view::npos || lt < gt) return std::nullopt;
            return trim(seg.substr(gt + 1, lt - gt - 1));
        };
        std::vector<Stream> out;
        for (std::size_t i = 0; i < starts.size(); ++i) {
            std::size_t b = starts[i].first, e = i + 1 < starts.size() ? starts[i + 1].first : xml.size();
            std::string_view seg = xml.substr(b, e - b);
            Stream s;
            s.id = starts[i].second;
            auto type = attr(seg, "typeIdentifier");
            s.events = type && *type == "EVTS";
            std::uint64_t v = 0;
            if (auto x = attr(seg, "sizeX"); x && parse_decimal(*x, std::numeric_limits<std::uint32_t>::max(), v))
                s.width = static_cast<std::uint32_t>(v);
            if (auto y = attr(seg, "sizeY"); y && parse_decimal(*y, std::numeric_limits<std::uint32_t>::max(), v))
                s.height = static_cast<std::uint32_t>(v);
            out.push_back(s);
        }
        return out;
    }

    struct Lz4Ctx {
        LZ4F_dctx* ctx = nullptr;
        ~Lz4Ctx() {
            if (ctx) LZ4F_freeDecompressionContext(ctx);
        }
    };
    struct ZstdCtx {
        ZSTD_DCtx* ctx = nullptr;
        ~ZstdCtx() {
            if (ctx) ZSTD_freeDCtx(ctx);
        }
    };

    [[noreturn]] void too_large(std::size_t at) const {
        fail_at(at, "packet at byte " + num(at) + " decompresses to more than " + num(kMaxPacketBytes) + " bytes");
    }
    static void grow(std::string& out, std::size_t produced, std::size_t at, const Parser* self) {
        if (out.size() - produced >= 65536) return;
        if (out.size() >= kMaxPacketBytes) self->too_large(at);
        out.resize(std::min(kMaxPacketBytes, std::max<std::size_t>(out.size() * 2, 1 << 17)));
    }

    std::string inflate_lz4(std::string_view in, std::size_t at) {
        if (!lz4_.ctx) {
            LZ4F_errorCode_t err = LZ4F_createDecompressionContext(&lz4_.ctx, LZ4F_VERSION);
            if (LZ4F_isError(err)) fail_at(at, std::string("cannot create an LZ4 decompression context: ") + LZ4F_getErrorName(err));
        }
        LZ4F_resetDecompressionContext(lz4_.ctx);
        std::string out;
        std::size_t produced = 0, in_pos = 0, hint = 1;
        while (in_pos < in.size()) {
            grow(out, produced, at, this);
            std::size_t dst = out.size() - produced, src = in.size() - in_pos;
            hint = LZ4F_decompress(lz4_.ctx, out.data() + produced, &dst, in.data() + in_pos, &src, nullptr);
            if (LZ4F_isError(hint))
                fail_at(at, "corrupt LZ4 frame in the packet at byte " + num(at) + ": " + LZ4F_getErrorName(hint));
            in_pos += src;
            produced += dst;
            if (src == 0 && dst == 0) break;  // no progress possible
        }
        if (hint != 0)
            fail_at(at, "truncated LZ4 frame in the packet at byte " + num(at) + ": the frame ends after " + num(in.size()) + " bytes");
        out.resize(produced);
        return out;
    }

    std::string inflate_zstd(std::string_view in, std::size_t at) {
        if (!zstd_.ctx) {
            zstd_.ctx = ZSTD_createDCtx();
            if (!zstd_.ctx) fail_at(at, "cannot create a zstd decompression context");
        }
        ZSTD_DCtx_reset(zstd_.ctx, ZSTD_reset_session_only);
        std::string out;
        std::size_t produced = 0, ret = 1;
        ZSTD_inBuffer ib{in.data(), in.size(), 0};
        for (;;) {
            grow(out, produced, at, this);
            ZSTD_outBuffer ob{out.data(), out.size(), produced};
            const std::size_t before_in = ib.pos, before_out = produced;
            ret = ZSTD_decompressStream(zstd_.ctx, &ob, &ib);
            if (ZSTD_isError(ret))
                fail_at(at, "corrupt zstd frame in the packet at byte " + num(at) + ": " + ZSTD_getErrorName(ret));
            produced = ob.pos;
            if (ib.pos == ib.size && ob.pos < ob.size) break;  // all input consumed, nothing held back
            if (ib.pos == before_in && produced == before_out) break;
        }
        if (ret != 0 || in.empty())
            fail_at(at, "truncated zstd frame in the packet at byte " + num(at) + ": the frame ends after " + num(in.size()) + " bytes");
        out.resize(produced);
        return out;
    }

    Lz4Ctx lz4_;
    ZstdCtx zstd_;

    void decode_event_packet(const Flat& fb0) {
        // Size prefix, then the "EVTS" flatbuffer.
        const std::uint32_t len = fb0.u32(0, "size prefix");
        if (len > fb0.buf.size() - 4)
            fb0.fail(0, "size prefix says " + num(len) + " bytes, " + num(fb0.buf.size() - 4) + " follow");
        Flat fb = fb0;
        fb.buf = fb0.buf.substr(4, len);
        fb.shift = fb0.shift + 4;
        const std::size_t root = fb.root("EVTS");
        const auto tb = fb.table(root, 0);
        const auto f = fb.field(tb, 0, 4);
        if (!f) return;  // no elements
        const std::size_t vec = fb.deref(*f, "elements vector");
        const std::uint32_t count = fb.u32(vec, "elements vector length");
        if (static_cast<std::uint64_t>(count) * 16 > fb.buf.size() - vec - 4)
            fb.fail(vec, "elements vector of " + num(count) + " events (16 bytes each) exceeds the " +
                             num(fb.buf.size() - vec - 4) + " bytes that follow");
        for (std::uint32_t i = 0; i < count; ++i) {
            const std::size_t at = vec + 4 + std::size_t{i} * 16;
            const auto t = static_cast<std::int64_t>(le64(fb.buf, at));
            const auto x = static_cast<std::int16_t>(le16(fb.buf, at + 8));
            const auto y = static_cast<std::int16_t>(le16(fb.buf, at + 10));
            if (x < 0 || y < 0)
                fb.fail(at, "event " + num(i) + " has a negative coordinate (x " + snum(x) + ", y " + snum(y) + ")");
            sink_(DvsEvent{t, static_cast<std::uint16_t>(x), static_cast<std::uint16_t>(y), fb.buf[at + 12] != 0});
        }
    }

    RecordingInfo parse_v4() {
        RecordingInfo rec;
        rec.format = "aedat4";
        if (b_.size() < 14 || b_.substr(12, 2) != "\r\n")
            fail_text(1, 13, "the AEDAT 4.0 version line must end with \\r\\n", "#!AER-DAT4.0");
        if (b_.size() < 18)
            fail_at(14, "truncated IOHeader length at byte 14: 4 bytes needed, " + num(b_.size() - 14) + " remain");
        const std::uint32_t hlen = le32(b_, 14);
        if (hlen > b_.size() - 18)
            fail_at(14, "truncated IOHeader: the length field at byte 14 says " + num(hlen) + " bytes, " + num(b_.size() - 18) +
                            " remain");
        Flat io{this, b_.substr(18, hlen), "IOHeader", 18, 0, true};
        const auto tb = io.table(io.root("IOHE"), 0);
        std::int32_t compression = 0;
        if (auto f = io.field(tb, 0, 4)) {
            compression = static_cast<std::int32_t>(le32(io.buf, *f));
            if (compression < 0 || compression > 4)
                fail_at(18 + *f, "unknown compression type " + snum(compression) + " in the IOHeader at byte " + num(18 + *f) +
                                     " (known: 0 none, 1 LZ4, 2 LZ4_HIGH, 3 ZSTD, 4 ZSTD_HIGH)");
        }
        const std::size_t packets = 18 + std::size_t{hlen};
        std::size_t end = b_.size();
        if (auto f = io.field(tb, 1, 8)) {
            const auto dtp = static_cast<std::int64_t>(le64(io.buf, *f));
            if (dtp >= 0) {
                if (static_cast<std::uint64_t>(dtp) < packets || static_cast<std::uint64_t>(dtp) > b_.size())
                    fail_at(18 + *f, "dataTablePosition " + snum(dtp) + " in the IOHeader at byte " + num(18 + *f) +
                                         " lies outside the packet area (bytes " + num(packets) + " to " + num(b_.size()) + ")");
                end = static_cast<std::size_t>(dtp);
            }
        }
        auto info_field = io.field(tb, 2, 4);
        if (!info_field) io.fail(tb.pos, "the IOHeader has no infoNode");
        const std::size_t str = io.deref(*info_field, "infoNode string");
        const std::uint32_t slen = io.u32(str, "infoNode length");
        io.need(str + 4, slen, "infoNode string", str);
        const std::vector<Stream> streams = streams_of(io.buf.substr(str + 4, slen));
        std::set<std::uint32_t> event_streams;
        for (const auto& s : streams)
            if (s.events) {
                if (event_streams.empty()) rec.width = s.width, rec.height = s.height;
                event_streams.insert(s.id);
            }

        std::size_t pos = packets;
        while (pos < end) {
            in_.release_before(pos);
            const std::size_t remain = end - pos;
            if (remain < 8)
                fail_at(pos, "truncated packet header at byte " + num(pos) + ": 8 bytes needed, " + num(remain) + " remain");
            const std::uint32_t id = le32(b_, pos);
            const std::uint32_t size = le32(b_, pos + 4);
            if (size > remain - 8)
                fail_at(pos, "truncated packet at byte " + num(pos) + ": header says " + num(size) + " bytes, " + num(remain - 8) +
                                 " remain");
            const std::size_t payload = pos + 8;
            if (event_streams.count(id)) {
                std::string_view data = b_.substr(payload, size);
                if (compression == 0) {
                    decode_event_packet(Flat{this, data, "event packet", payload, 0, true});
                } else {
                    const std::string raw = compression <= 2 ? inflate_lz4(data, payload) : inflate_zstd(data, payload);
                    decode_event_packet(Flat{this, raw, "event packet", payload, 0, false});
                }
            }
            pos = payload + size;
        }
        return rec;
    }
};

}  // namespace

RecordingInfo stream_aedat(const std::string& file_name, const MappedBytes& bytes, const EventSink& sink) {
    return Parser(file_name, bytes, sink).parse();
}

EventRecording parse_aedat(const std::string& file_name, std::string_view bytes) {
    return collect_events([&](const EventSink& sink) { return stream_aedat(file_name, MappedBytes(bytes), sink); });
}

EventRecording read_aedat(const std::string& path) {
    return collect_events([&](const EventSink& sink) { return stream_aedat(path, MappedBytes::open(path), sink); });
}

}  // namespace np
