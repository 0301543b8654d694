// Tests of the AEDAT 2.0 / 3.1 / 4.0 readers: exact decodes of fixtures generated here at test
// time (4.0 packets compressed with liblz4 and libzstd, flatbuffers written by the tiny encoder
// below), the shared real recordings in data/dvs, the must-reject corpus tests/errors/aedat, and
// random mutations and truncations of all of them.
#include <gtest/gtest.h>
#include <lz4frame.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "spec/read_aedat.hpp"
#include "tests/support/error_corpus.hpp"

namespace np {
namespace {

// ------------------------------------------------------------------ byte writers

void put_le(std::string& s, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void put_be32(std::string& s, std::uint32_t v) {
    for (int i = 3; i >= 0; --i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void patch_le32(std::string& s, std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

// `LINE:COL: MESSAGE` of the SourceError that parsing `bytes` throws, or "accepted".
std::string error_of(const std::string& bytes) {
    try {
        parse_aedat("inline.aedat", bytes);
    } catch (const SourceError& e) {
        return std::to_string(e.where().line) + ":" + std::to_string(e.where().col) + ": " + e.message();
    }
    return "accepted";
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// ------------------------------------------------------------------ AEDAT 2.0 fixtures

std::string v2_file(const std::string& hardware_line, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& records) {
    std::string s = "#!AER-DAT2.0\r\n# This is a raw AE data file - do not edit\r\n";
    if (!hardware_line.empty()) s += hardware_line + "\r\n";
    s += "# Data format is int32 address, int32 timestamp (8 bytes total), repeated for each event\r\n";
    for (auto [a, t] : records) put_be32(s, a), put_be32(s, t);
    return s;
}

std::uint32_t dvs128_addr(unsigned xfield, unsigned y, bool off) { return (y << 8) | (xfield << 1) | (off ? 1u : 0u); }
std::uint32_t davis_addr(unsigned xfield, unsigned y, bool on) { return (y << 22) | (xfield << 12) | (on ? 1u << 11 : 0u); }

TEST(ReadAedat, V2Dvs128Layout) {
    std::string f = v2_file("# HardwareInterface: DVS128 (jAER CypressFX2 retina)",
                            {{dvs128_addr(0, 5, false), 100},
                             {dvs128_addr(127, 127, true), 200},
                             {dvs128_addr(10, 0, true) | 0x8000u, 250},  // sync event: skipped
                             {dvs128_addr(3, 64, false), 300}});
    EventRecording r = parse_aedat("v2.aedat", f);
    EXPECT_EQ(r.format, "aedat2");
    EXPECT_EQ(r.width, 128u);
    EXPECT_EQ(r.height, 128u);
    // jAER's Tmpdiff128 extractor: x = 127 - field, bit 0 set = OFF.
    std::vector<DvsEvent> want = {{100, 127, 5, true}, {200, 0, 127, false}, {300, 124, 64, true}};
    EXPECT_EQ(r.events, want);
}

TEST(ReadAedat, V2Davis346Layout) {
    std::string f = v2_file("# HardwareInterface: DAVIS346B",
                            {{davis_addr(0, 0, true), 10},
                             {davis_addr(345, 259, false), 20},
                             {0x80000000u | davis_addr(7, 7, true) | 0x2A, 25},  // APS sample: skipped
                             {davis_addr(3, 3, true) | 0x400u | 3u, 27},          // external input: skipped
                             {davis_addr(100, 17, true), 30}});
    EventRecording r = parse_aedat("v2.aedat", f);
    EXPECT_EQ(r.width, 346u);
    EXPECT_EQ(r.height, 260u);
    std::vector<DvsEvent> want = {{10, 345, 0, true}, {20, 0, 259, false}, {30, 245, 17, true}};
    EXPECT_EQ(r.events, want);
    // A column past the known sensor width is refused at its record.
    std::string bad = v2_file("# HardwareInterface: DAVIS240C", {{davis_addr(1, 1, true), 1}, {davis_addr(240, 1, true), 2}});
    const std::size_t second = bad.size() - 8;
    EXPECT_EQ(error_of(bad), "1:" + std::to_string(second + 1) + ": x address 240 of the record at byte " + std::to_string(second) +
                                 " is beyond the sensor width 240");
}

TEST(ReadAedat, V2DefaultsToDavisWithUnknownSensorAndUnwrapsTimestamps) {
    std::string f = v2_file("", {{davis_addr(500, 400, true), 0xFFFFFF00u}, {davis_addr(1, 2, false), 0x10u}, {davis_addr(3, 4, true), 0x20u}});
    EventRecording r = parse_aedat("v2.aedat", f);
    EXPECT_FALSE(r.width.has_value());
    EXPECT_FALSE(r.height.has_value());
    std::vector<DvsEvent> want = {{0xFFFFFF00LL, 500, 400, true}, {0x100000010LL, 1, 2, false}, {0x100000020LL, 3, 4, true}};
    EXPECT_EQ(r.events, want);
    // Header only: no events.
    EXPECT_TRUE(parse_aedat("v2.aedat", v2_file("", {})).events.empty());
    // A partial record at the end.
    std::string cut = f.substr(0, f.size() - 3);
    EXPECT_EQ(error_of(cut), "1:" + std::to_string(f.size() - 8 + 1) + ": truncated record at byte " + std::to_string(f.size() - 8) +
                                 ": 8 bytes needed, 5 remain");
}

// ------------------------------------------------------------------ AEDAT 3.1 fixtures

std::string v31_packet(std::int16_t type, std::int32_t size, std::int32_t overflow, std::int32_t capacity, std::int32_t number,
                       const std::string& events) {
    std::string s;
    put_le(s, static_cast<std::uint16_t>(type), 2);
    put_le(s, 1, 2);  // source
    put_le(s, static_cast<std::uint32_t>(size), 4);
    put_le(s, 4, 4);  // timestamp offset
    put_le(s, static_cast<std::uint32_t>(overflow), 4);
    put_le(s, static_cast<std::uint32_t>(capacity), 4);
    put_le(s, static_cast<std::uint32_t>(number), 4);
    put_le(s, static_cast<std::uint32_t>(number), 4);  // valid (not cross-checked)
    return s + events;
}
std::string v31_polarity(unsigned x, unsigned y, bool on, bool valid, std::int32_t ts) {
    std::string s;
    put_le(s, (x << 17) | (y << 2) | (on ? 2u : 0u) | (valid ? 1u : 0u), 4);
    put_le(s, static_cast<std::uint32_t>(ts), 4);
    return s;
}
const char* kV31Header =
    "#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DAVIS346B\r\n#Start-Time: 2017-01-01 12:00:00 (TZ+0000)\r\n#!END-HEADER\r\n";

std::string v31_fixture() {
    std::string f = kV31Header;
    // A special-event packet (type 0, 8-byte events): skipped by size.
    f += v31_packet(0, 8, 0, 2, 2, std::string(16, '\x55'));
    f += v31_packet(1, 8, 0, 3, 3,
                    v31_polarity(10, 20, true, true, 1000) + v31_polarity(11, 21, false, false, 1001) +  // invalid: dropped
                        v31_polarity(345, 259, false, true, 0x7FFFFFFF));
    // After a timestamp overflow; capacity 2 but only 1 event in use.
    f += v31_packet(1, 8, 1, 2, 1, v31_polarity(0, 0, true, true, 5) + std::string(8, '\0'));
    // An IMU6 packet (type 3, 36-byte events): skipped by size.
    f += v31_packet(3, 36, 1, 1, 1, std::string(36, '\x7F'));
    return f;
}

TEST(ReadAedat, V31PolarityPacketsOverflowAndSkips) {
    EventRecording r = parse_aedat("v31.aedat", v31_fixture());
    EXPECT_EQ(r.format, "aedat3.1");
    EXPECT_EQ(r.width, 346u);
    EXPECT_EQ(r.height, 260u);
    std::vector<DvsEvent> want = {{1000, 10, 20, true}, {0x7FFFFFFF, 345, 259, false}, {(std::int64_t{1} << 31) | 5, 0, 0, true}};
    EXPECT_EQ(r.events, want);
}

TEST(ReadAedat, V31HeaderAndPacketErrors) {
    EXPECT_EQ(error_of("#!AER-DAT3.1\r\n#Format: SerializedTS\r\n#!END-HEADER\r\n"),
              "2:10: unsupported AEDAT 3.1 format 'SerializedTS' (only RAW is supported)");
    EXPECT_EQ(error_of("#!AER-DAT3.1\r\n#Format: RAW\r\n"), "3:1: truncated header: end of file before the '#!END-HEADER' line");
    EXPECT_EQ(error_of("#!AER-DAT3.1\r\nxyz\r\n#!END-HEADER\r\n"), "2:1: expected a '#' header line or '#!END-HEADER'");
    const std::string h = kV31Header;
    const std::string at = std::to_string(h.size());
    EXPECT_EQ(error_of(h + v31_packet(1, 8, 0, 3, 3, v31_polarity(1, 1, true, true, 1))),
              "1:" + std::to_string(h.size() + 1) + ": truncated packet at byte " + at + ": header says 24 bytes, 8 remain");
    EXPECT_EQ(error_of(h + v31_packet(1, 8, 0, 1, 2, v31_polarity(1, 1, true, true, 1))),
              "1:" + std::to_string(h.size() + 21) + ": packet at byte " + at + ": event number 2 is outside 0..1 (the capacity)");
    EXPECT_EQ(error_of(h + v31_packet(1, 4, 0, 1, 1, "abcd")),
              "1:" + std::to_string(h.size() + 5) + ": polarity packet at byte " + at + ": event size 4 is less than 8");
    EXPECT_EQ(error_of(h + std::string(27, '\0')),
              "1:" + std::to_string(h.size() + 1) + ": truncated packet header at byte " + at + ": 28 bytes needed, 27 remain");
}

// ------------------------------------------------------------------ AEDAT 4.0: a tiny flatbuffer encoder

// IOHeader: root offset, "IOHE", a vtable, the table {compression i32, dataTablePosition i64,
// infoNode uoffset}, then the string. A field whose `present` flag is false is left out of the
// vtable (offset 0), so the reader's defaults apply.
std::string fb_ioheader(std::int32_t compression, std::int64_t data_table, const std::string& info, bool with_compression = true,
                        bool with_data_table = true) {
    std::string b;
    put_le(b, 20, 4);  // root table at 20
    b += "IOHE";
    // vtable at 8: size 10, table size 20, fields at 4, 8, 16; 2 bytes padding.
    put_le(b, 10, 2);
    put_le(b, 20, 2);
    put_le(b, with_compression ? 4 : 0, 2);
    put_le(b, with_data_table ? 8 : 0, 2);
    put_le(b, 16, 2);
    put_le(b, 0, 2);
    put_le(b, 12, 4);  // table at 20: soffset to the vtable at 8
    put_le(b, static_cast<std::uint32_t>(compression), 4);
    put_le(b, static_cast<std::uint64_t>(data_table), 8);
    put_le(b, 40 - 36, 4);  // uoffset at 36 -> string at 40
    put_le(b, info.size(), 4);
    b += info;
    b.push_back('\0');
    while (b.size() % 4) b.push_back('\0');
    return b;
}

// Size-prefixed "EVTS" event packet: {elements: [Event]} with 16-byte structs.
std::string fb_events(const std::vector<DvsEvent>& events) {
    std::string b;
    put_le(b, 16, 4);  // root table at 16
    b += "EVTS";
    put_le(b, 6, 2);  // vtable at 8: size 6, table size 8, elements at 4
    put_le(b, 8, 2);
    put_le(b, 4, 2);
    put_le(b, 0, 2);
    put_le(b, 8, 4);        // table at 16: soffset to the vtable at 8
    put_le(b, 28 - 20, 4);  // uoffset at 20 -> vector at 28
    put_le(b, 0, 4);        // padding, so that the structs are 8-aligned after the size prefix
    put_le(b, events.size(), 4);
    for (const auto& e : events) {
        put_le(b, static_cast<std::uint64_t>(e.t), 8);
        put_le(b, e.x, 2);
        put_le(b, e.y, 2);
        b.push_back(e.on ? '\1' : '\0');
        b.append(3, '\0');
    }
    std::string out;
    put_le(out, b.size(), 4);
    return out + b;
}

std::string lz4_frame(const std::string& raw) {
    LZ4F_preferences_t prefs{};
    prefs.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled;
    std::string out(LZ4F_compressFrameBound(raw.size(), &prefs), '\0');
    std::size_t n = LZ4F_compressFrame(out.data(), out.size(), raw.data(), raw.size(), &prefs);
    EXPECT_FALSE(LZ4F_isError(n));
    out.resize(n);
    return out;
}

std::string zstd_frame(const std::string& raw) {
    std::string out(ZSTD_compressBound(raw.size()), '\0');
    std::size_t n = ZSTD_compress(out.data(), out.size(), raw.data(), raw.size(), 3);
    EXPECT_FALSE(ZSTD_isError(n));
    out.resize(n);
    return out;
}

const char* kInfoNode =
    "<dv version=\"2.0\">\n"
    "    <node name=\"outInfo\" path=\"/mainloop/Recorder/outInfo/\">\n"
    "        <node name=\"0\" path=\"/mainloop/Recorder/outInfo/0/\">\n"
    "            <attr key=\"compression\" type=\"string\">LZ4</attr>\n"
    "            <attr key=\"typeIdentifier\" type=\"string\">EVTS</attr>\n"
    "            <node name=\"info\" path=\"/mainloop/Recorder/outInfo/0/info/\">\n"
    "                <attr key=\"sizeX\" type=\"int\">640</attr>\n"
    "                <attr key=\"sizeY\" type=\"int\">480</attr>\n"
    "            </node>\n"
    "        </node>\n"
    "        <node name=\"1\" path=\"/mainloop/Recorder/outInfo/1/\">\n"
    "            <attr key=\"typeIdentifier\" type=\"string\">IMUS</attr>\n"
    "            <node name=\"info\" path=\"/mainloop/Recorder/outInfo/1/info/\">\n"
    "                <attr key=\"sizeX\" type=\"int\">1</attr>\n"
    "            </node>\n"
    "        </node>\n"
    "    </node>\n"
    "</dv>\n";

const std::vector<DvsEvent> kPacketA = {{1605507430438338, 0, 0, true}, {1605507430438339, 639, 479, false}, {1605507430438400, 17, 300, true}};
const std::vector<DvsEvent> kPacketB = {{1605507430439000, 320, 240, false}};

const std::string kDataTable = "\x07\x07\x07 data table: not packets";

// A 4.0 file: an event packet, an IMU packet (opaque bytes: never decoded), an empty event
// packet, a second event packet, then a "data table" that the reader must not parse.
std::string v4_file(std::int32_t compression) {
    auto pack = [&](const std::string& raw) {
        if (compression == 1 || compression == 2) return lz4_frame(raw);
        if (compression == 3 || compression == 4) return zstd_frame(raw);
        return raw;
    };
    std::vector<std::pair<std::uint32_t, std::string>> packets = {
        {0, pack(fb_events(kPacketA))}, {1, "not a flatbuffer at all"}, {0, pack(fb_events({}))}, {0, pack(fb_events(kPacketB))}};
    std::string body;
    for (const auto& [id, data] : packets) {
        put_le(body, id, 4);
        put_le(body, data.size(), 4);
        body += data;
    }
    std::string header = fb_ioheader(compression, 0, kInfoNode);
    std::string f = "#!AER-DAT4.0\r\n";
    put_le(f, header.size(), 4);
    const std::size_t data_table = f.size() + header.size() + body.size();
    header = fb_ioheader(compression, static_cast<std::int64_t>(data_table), kInfoNode);
    f += header + body + kDataTable;
    return f;
}

std::vector<DvsEvent> fixture_events() {
    std::vector<DvsEvent> all = kPacketA;
    all.insert(all.end(), kPacketB.begin(), kPacketB.end());
    return all;
}

TEST(ReadAedat, V4UncompressedLz4AndZstdDecodeExactly) {
    for (std::int32_t c : {0, 1, 2, 3, 4}) {
        SCOPED_TRACE("compression " + std::to_string(c));
        EventRecording r = parse_aedat("v4.aedat4", v4_file(c));
        EXPECT_EQ(r.format, "aedat4");
        EXPECT_EQ(r.width, 640u);
        EXPECT_EQ(r.height, 480u);
        EXPECT_EQ(r.events, fixture_events());
    }
}

TEST(ReadAedat, V4DefaultsWhenFieldsAreAbsent) {
    // No compression field (= none) and no dataTablePosition (= read to the end of the file).
    std::string body;
    std::string ev = fb_events(kPacketB);
    put_le(body, 0, 4);
    put_le(body, ev.size(), 4);
    body += ev;
    std::string header = fb_ioheader(99, 12345, kInfoNode, false, false);
    std::string f = "#!AER-DAT4.0\r\n";
    put_le(f, header.size(), 4);
    f += header + body;
    EXPECT_EQ(parse_aedat("v4.aedat4", f).events, kPacketB);
}

std::uint32_t get_le32(const std::string& s, std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(s[at + i]);
    return v;
}

TEST(ReadAedat, V4ErrorsAreLocated) {
    const std::string good = v4_file(1);
    const std::size_t packets = 18 + get_le32(good, 14);
    const std::string p = std::to_string(packets);
    const std::string payload = std::to_string(packets + 8);
    // The first packet's size, made larger than the file.
    std::string big = good;
    patch_le32(big, packets + 4, 0x7FFFFFF0u);
    EXPECT_EQ(error_of(big), "1:" + std::to_string(packets + 1) + ": truncated packet at byte " + p + ": header says 2147483632 bytes, " +
                                 std::to_string(good.size() - kDataTable.size() - packets - 8) + " remain");
    // A byte of the first LZ4 frame's compressed block: the content checksum catches it.
    std::string lz = good;
    lz[packets + 8 + 12] ^= 0x5A;
    std::string got = error_of(lz);
    EXPECT_EQ(got.substr(0, got.find(": ERROR")),
              "1:" + std::to_string(packets + 9) + ": corrupt LZ4 frame in the packet at byte " + payload);
    // The same in a zstd file.
    std::string zs = v4_file(3);
    zs[packets + 8 + 6] ^= 0x5A;
    EXPECT_NE(error_of(zs), "accepted");
    // A corrupt vector offset in an uncompressed packet points exactly at the offset.
    std::string raw = v4_file(0);
    const std::size_t field = packets + 8 + 4 + 20;  // size prefix, then the table's elements uoffset
    patch_le32(raw, field, 100000);
    EXPECT_EQ(error_of(raw), "1:" + std::to_string(field + 1) + ": corrupt event packet at byte " + std::to_string(field) +
                                 ": elements vector offset points outside the buffer");
    // Unknown compression, at the field (table at 20 + 4 in the IOHeader that starts at 18).
    std::string header = fb_ioheader(7, -1, kInfoNode);
    std::string f = "#!AER-DAT4.0\r\n";
    put_le(f, header.size(), 4);
    f += header;
    EXPECT_EQ(error_of(f), "1:43: unknown compression type 7 in the IOHeader at byte 42 (known: 0 none, 1 LZ4, 2 LZ4_HIGH, 3 ZSTD, 4 ZSTD_HIGH)");
    // Truncated IOHeader, wrong line end, wrong identifier.
    EXPECT_EQ(error_of(good.substr(0, 100)), "1:15: truncated IOHeader: the length field at byte 14 says " + std::to_string(packets - 18) +
                                                 " bytes, 82 remain");
    EXPECT_EQ(error_of("#!AER-DAT4.0\n...."), "1:13: the AEDAT 4.0 version line must end with \\r\\n");
    std::string ident = good;
    ident[18 + 4] = 'X';
    EXPECT_EQ(error_of(ident), "1:23: corrupt IOHeader at byte 22: file identifier is 'XOHE', expected 'IOHE'");
    // Header only, no packets: no events.
    std::string empty = "#!AER-DAT4.0\r\n";
    std::string h = fb_ioheader(1, -1, kInfoNode);
    put_le(empty, h.size(), 4);
    empty += h;
    EventRecording r = parse_aedat("v4.aedat4", empty);
    EXPECT_TRUE(r.events.empty());
    EXPECT_EQ(r.width, 640u);
}

TEST(ReadAedat, VersionDetection) {
    EXPECT_EQ(error_of(""), "1:1: empty file: expected an AEDAT header line '#!AER-DAT...'");
    EXPECT_EQ(error_of("#!AER-DAT3.0\r\n"), "1:10: unsupported AEDAT version '3.0' (supported: 2.0, 3.1, 4.0)");
    EXPECT_EQ(error_of("%!AER-DAT2.0\r\n"), "1:1: not an AEDAT file: the first line must start with '#!AER-DAT'");
    EXPECT_EQ(parse_aedat("x", v31_fixture()).format, "aedat3.1");
    EXPECT_EQ(parse_aedat("x", v2_file("", {})).format, "aedat2");
    EXPECT_EQ(parse_aedat("x", v4_file(0)).format, "aedat4");
}

// ------------------------------------------------------------------ shared recordings

std::filesystem::path dvs_dir() { return test::data_dir() / "data/dvs"; }

// Expected values from an independent decode: a Python script (struct module) that walks the
// packets, pipes each event-stream packet through the Debian `lz4 -d` command-line tool and
// reads the EVTS flatbuffer by hand (the script is in tests/fixtures/aedat/README.md).
TEST(ReadAedat, SharedDvxplorerRecording) {
    const auto path = dvs_dir() / "tonic_sample_dvxplorer.aedat4";
    if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared data folder absent: " << path;
    EventRecording r = read_aedat(path.string());
    EXPECT_EQ(r.format, "aedat4");
    EXPECT_EQ(r.width, 320u);
    EXPECT_EQ(r.height, 240u);
    ASSERT_EQ(r.events.size(), 111954u);  // 59 event packets; 59 IMU/trigger packets skipped
    EXPECT_EQ(r.events.front(), (DvsEvent{1605537493718345, 154, 204, false}));
    EXPECT_EQ(r.events.back(), (DvsEvent{1605537494308262, 88, 237, true}));
    EXPECT_EQ(r.events[1000], (DvsEvent{1605537493728966, 208, 221, false}));
    std::size_t on = 0;
    std::uint16_t max_x = 0, max_y = 0;
    for (const auto& e : r.events) on += e.on, max_x = std::max(max_x, e.x), max_y = std::max(max_y, e.y);
    EXPECT_EQ(on, 55023u);
    EXPECT_EQ(max_x, 319);
    EXPECT_EQ(max_y, 239);
}

TEST(ReadAedat, SharedDavis346Recording) {
    const auto path = dvs_dir() / "aestream_davis346.aedat4";
    if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared data folder absent: " << path;
    EventRecording r = read_aedat(path.string());
    EXPECT_EQ(r.width, 346u);
    EXPECT_EQ(r.height, 260u);
    ASSERT_EQ(r.events.size(), 117667u);  // 13 event packets; 27 frame/IMU/trigger packets skipped
    EXPECT_EQ(r.events.front(), (DvsEvent{1633953690975950, 218, 15, true}));
    EXPECT_EQ(r.events.back(), (DvsEvent{1633953691105949, 137, 56, false}));
    EXPECT_EQ(r.events[1000], (DvsEvent{1633953690977217, 106, 98, true}));
    std::size_t on = 0;
    for (const auto& e : r.events) on += e.on;
    EXPECT_EQ(on, 72363u);
    for (std::size_t i = 1; i < r.events.size(); ++i) ASSERT_LE(r.events[i - 1].t, r.events[i].t) << i;
}

// ------------------------------------------------------------------ must-reject corpus

TEST(ReadAedat, ErrorCorpus) {
    int checked = test::check_error_corpus(test::source_dir() / "tests/errors/aedat", [](const std::string& p) { read_aedat(p); });
    EXPECT_GE(checked, 8);
}

// ------------------------------------------------------------------ mutations

// Empty when parsing `bytes` succeeds or throws a located SourceError; otherwise what went wrong.
std::string contract_violation(const std::string& name, const std::string& bytes) {
    try {
        parse_aedat(name, bytes);
    } catch (const SourceError& e) {
        if (e.where().file != name) return "wrong file " + e.where().file;
        if (e.where().line < 1 || e.where().col < 1) return std::string("unlocated: ") + e.what();
        if (e.where().line == 1 && e.where().col > bytes.size() + 1) return std::string("column past the end: ") + e.what();
    } catch (const std::exception& e) {
        return std::string("threw something else than SourceError: ") + e.what();
    } catch (...) {
        return "threw a non-standard exception";
    }
    return {};
}

const std::vector<std::pair<std::string, std::string>>& mutation_inputs() {
    static const std::vector<std::pair<std::string, std::string>> inputs = [] {
        std::vector<std::pair<std::string, std::string>> v = {
            {"v2_dvs128", v2_file("# HardwareInterface: DVS128", {{dvs128_addr(1, 2, true), 5}, {dvs128_addr(3, 4, false), 6}})},
            {"v2_davis", v2_file("# HardwareInterface: DAVIS346", {{davis_addr(1, 2, true), 5}, {davis_addr(3, 4, false), 6}})},
            {"v31", v31_fixture()},
            {"v4_none", v4_file(0)},
            {"v4_lz4", v4_file(1)},
            {"v4_zstd", v4_file(3)}};
        for (const char* f : {"tonic_sample_dvxplorer.aedat4", "aestream_davis346.aedat4"})
            if (std::filesystem::exists(dvs_dir() / f)) v.emplace_back(f, slurp(dvs_dir() / f));
        return v;
    }();
    return inputs;
}

RC_GTEST_PROP(ReadAedatProperty, MutatedFilesAcceptOrRejectWithLocation, ()) {
    const auto& inputs = mutation_inputs();
    // rc::gen::inRange scales with the test size; resize(100) makes the picks uniform from the start.
    const auto& [name, original] = inputs[*rc::gen::resize(100, rc::gen::inRange<std::size_t>(0, inputs.size()))];
    std::string bytes = original;
    // Mutations near the front hit headers and the first packets more often.
    auto position = [&](std::size_t size) {
        std::size_t limit = *rc::gen::element<std::size_t>(64, 512, 4096, size + 1);
        return *rc::gen::resize(100, rc::gen::inRange<std::size_t>(0, std::min(limit, size + 1)));
    };
    const int edits = *rc::gen::inRange(1, 6);
    for (int i = 0; i < edits; ++i) {
        const std::size_t at = position(bytes.size());
        const char byte = *rc::gen::oneOf(rc::gen::arbitrary<char>(), rc::gen::element('\0', '\xff', '\x7f', '\x80', '#', '\n'));
        switch (*rc::gen::inRange(0, 4)) {
            case 0:
                if (at < bytes.size()) bytes[at] = byte;
                break;
            case 1: bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(at), byte); break;
            case 2:
                if (at < bytes.size()) bytes.erase(at, 1);
                break;
            default: bytes.resize(at); break;  // truncation
        }
    }
    RC_ASSERT(contract_violation("mutated/" + name, bytes) == "");
}

TEST(ReadAedatProperty, EveryTruncationOfTheFixtures) {
    for (const auto& [name, original] : mutation_inputs()) {
        if (original.size() > 20000) continue;  // the shared files: sampled by the property instead
        for (std::size_t n = 0; n < original.size(); ++n)
            ASSERT_EQ(contract_violation(name, original.substr(0, n)), "") << name << " cut at " << n;
    }
}

}  // namespace
}  // namespace np
