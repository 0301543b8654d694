// Tests of the DVS event readers: Prophesee EVT 2.0 / EVT 3.0 / DAT, N-MNIST, and the text/CSV
// format (reader and writer). Shared recordings come from data/dvs (see its README); the
// expected counts were cross-checked with an independent Python one-off decoder written from the
// format descriptions (not from this code): it reported the same event counts, ON/OFF split and
// first/last events quoted below. The must-reject corpus is tests/errors/events.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "spec/events_text.hpp"
#include "spec/read_events.hpp"
#include "spec/read_nmnist.hpp"
#include "spec/read_prophesee.hpp"
#include "tests/support/error_corpus.hpp"
#include "tests/support/npy.hpp"

namespace np {
namespace {

std::filesystem::path dvs_dir() { return test::data_dir() / "data/dvs"; }

#define REQUIRE_DVS_FILE(var, name)                                                         \
    const std::filesystem::path var = dvs_dir() / (name);                                   \
    if (!std::filesystem::exists(var)) GTEST_SKIP() << "shared data folder absent: " << var.string()

std::string read_all(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// `LINE:COL: MESSAGE` of the SourceError that `f` throws, or "accepted".
template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const SourceError& e) {
        return std::to_string(e.where().line) + ":" + std::to_string(e.where().col) + ": " + e.message();
    }
    return "accepted";
}

std::size_t count_on(const EventRecording& r) {
    return static_cast<std::size_t>(std::count_if(r.events.begin(), r.events.end(), [](const DvsEvent& e) { return e.on; }));
}

bool nondecreasing_t(const EventRecording& r) {
    for (std::size_t i = 1; i < r.events.size(); ++i)
        if (r.events[i].t < r.events[i - 1].t) return false;
    return true;
}

std::string le32(std::uint32_t w) {
    std::string s(4, '\0');
    for (int i = 0; i < 4; ++i) s[i] = static_cast<char>((w >> (8 * i)) & 0xFF);
    return s;
}

std::string le16(std::uint32_t w) {
    std::string s(2, '\0');
    s[0] = static_cast<char>(w & 0xFF);
    s[1] = static_cast<char>((w >> 8) & 0xFF);
    return s;
}

EventRecording parse_text(const std::string& text) { return parse_events_text(SourceText("inline.csv", text)); }

// ---------------------------------------------------------------- npy

std::string npy_bytes(const std::string& dict, const std::string& data) {
    std::string header = dict;
    std::size_t total = 10 + header.size() + 1;
    header += std::string((64 - total % 64) % 64, ' ') + "\n";
    std::string out = "\x93NUMPY";
    out += '\x01';
    out += '\x00';
    out += le16(static_cast<std::uint32_t>(header.size()));
    return out + header + data;
}

TEST(NpyReader, StructuredDtype) {
    std::string row;
    row += std::string("\xfe\xff\xff\xff\xff\xff\xff\xff", 8);  // t = -2
    row += le16(300) + le16(0xFFFF);                            // x = 300, y = -1
    row += '\x01';
    std::string bytes = npy_bytes(
        "{'descr': [('t', '<i8'), ('x', '<i2'), ('y', '<i2'), ('p', '|u1')], 'fortran_order': False, 'shape': (2,), }",
        row + row);
    test::NpyArray a = test::parse_npy(bytes);
    ASSERT_TRUE(a.structured);
    EXPECT_EQ(a.item_size, 13u);
    EXPECT_EQ(a.rows(), 2u);
    EXPECT_EQ(a.columns(), 4u);
    EXPECT_EQ(a.integer(1, "t"), -2);
    EXPECT_EQ(a.integer(1, "x"), 300);
    EXPECT_EQ(a.integer(0, "y"), -1);
    EXPECT_EQ(a.integer(0, "p"), 1);
    EXPECT_THROW(a.integer(2, 0), std::out_of_range);
}

TEST(NpyReader, Plain2DArrayInCAndFortranOrder) {
    std::string data;
    for (std::int64_t v : {1, 2, 3, 4, 5, 6}) data += le32(static_cast<std::uint32_t>(v)) + le32(0);
    test::NpyArray c = test::parse_npy(npy_bytes("{'descr': '<i8', 'fortran_order': False, 'shape': (3, 2), }", data));
    EXPECT_FALSE(c.structured);
    EXPECT_EQ(c.rows(), 3u);
    EXPECT_EQ(c.columns(), 2u);
    EXPECT_EQ(c.integer(1, 0), 3);
    EXPECT_EQ(c.integer(2, 1), 6);
    test::NpyArray f = test::parse_npy(npy_bytes("{'descr': '<i8', 'fortran_order': True, 'shape': (3, 2), }", data));
    EXPECT_EQ(f.integer(1, 0), 2);
    EXPECT_EQ(f.integer(0, 1), 4);
    std::string doubles = std::string("\x00\x00\x00\x00\x00\x00\xf8\x3f", 8);  // 1.5
    test::NpyArray d = test::parse_npy(npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", doubles));
    EXPECT_DOUBLE_EQ(d.real(0, 0), 1.5);
}

TEST(NpyReader, RejectsMalformed) {
    EXPECT_THROW(test::parse_npy("not numpy"), std::runtime_error);
    EXPECT_THROW(test::parse_npy(npy_bytes("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", "short")),
                 std::runtime_error);
    EXPECT_THROW(test::parse_npy(npy_bytes("{'descr': '<c16', 'fortran_order': False, 'shape': (0,), }", "")),
                 std::runtime_error);
}

TEST(NpyReader, SharedReferenceHeaders) {
    REQUIRE_DVS_FILE(path, "expelliarmus_dat_ncars_obj_004397_td.ref.npy");
    test::NpyArray a = test::read_npy(path.string());
    ASSERT_TRUE(a.structured);
    ASSERT_EQ(a.fields.size(), 4u);
    EXPECT_EQ(a.fields[0].name, "t");
    EXPECT_EQ(a.fields[3].name, "p");
    EXPECT_EQ(a.rows(), 4407u);
}

// ---------------------------------------------------------------- N-MNIST

std::string nmnist_record(unsigned x, unsigned y, bool on, std::uint32_t t) {
    std::string s(5, '\0');
    s[0] = static_cast<char>(x);
    s[1] = static_cast<char>(y);
    s[2] = static_cast<char>((on ? 0x80 : 0) | ((t >> 16) & 0x7F));
    s[3] = static_cast<char>((t >> 8) & 0xFF);
    s[4] = static_cast<char>(t & 0xFF);
    return s;
}

TEST(ReadNmnist, DecodesRecordsAndOverflowMarkers) {
    std::string bytes = nmnist_record(3, 4, true, 0x7FFFFF) + nmnist_record(0, 240, false, 0) +
                        nmnist_record(33, 33, false, 10);
    EventRecording r = parse_nmnist("inline.bin", bytes);
    EXPECT_EQ(r.format, "nmnist");
    EXPECT_EQ(r.width, 34u);
    EXPECT_EQ(r.height, 34u);
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0], (DvsEvent{0x7FFFFF, 3, 4, true}));
    EXPECT_EQ(r.events[1], (DvsEvent{10 + 8192, 33, 33, false}));
}

TEST(ReadNmnist, Errors) {
    EXPECT_EQ(error_of([] { parse_nmnist("f", ""); }), "1:1: empty file");
    EXPECT_EQ(error_of([] { parse_nmnist("f", nmnist_record(1, 1, true, 5) + "abc"); }),
              "1:6: truncated event at byte 5: 3 bytes remain, 5 needed");
    EXPECT_EQ(error_of([] { parse_nmnist("f", nmnist_record(1, 1, true, 5) + nmnist_record(34, 1, true, 6)); }),
              "1:6: event at byte 5 has address x=34 y=1 outside the 34x34 N-MNIST sensor");
}

TEST(ReadNmnist, TonicSample) {
    REQUIRE_DVS_FILE(path, "tonic_sample_nmnist.bin");
    EventRecording r = read_nmnist(path.string());
    ASSERT_EQ(r.events.size(), 4325u);
    EXPECT_EQ(count_on(r), 2145u);
    EXPECT_EQ(r.events.size() - count_on(r), 2180u);
    EXPECT_EQ(r.events.front(), (DvsEvent{654, 7, 15, true}));
    EXPECT_EQ(r.events.back(), (DvsEvent{311175, 21, 14, true}));
    EXPECT_TRUE(nondecreasing_t(r));
}

// ---------------------------------------------------------------- Prophesee

std::uint32_t evt2_cd(bool on, unsigned t_low, unsigned x, unsigned y) {
    return (on ? 1u : 0u) << 28 | (t_low & 0x3F) << 22 | (x & 0x7FF) << 11 | (y & 0x7FF);
}

TEST(ReadProphesee, Evt2Words) {
    std::string bytes = "% evt 2.0\n% format EVT2;height=480;width=640\n% end\n";
    bytes += le32(evt2_cd(true, 5, 10, 20));              // before any TIME_HIGH: time_high = 0
    bytes += le32(0x8u << 28 | 0x0ABCDEF);                // TIME_HIGH
    bytes += le32(evt2_cd(false, 63, 639, 479));
    bytes += le32(0xAu << 28) + le32(0xEu << 28) + le32(0xFu << 28);  // skipped
    bytes += le32(0x8u << 28 | 1);                        // TIME_HIGH decreases: 34-bit wrap
    bytes += le32(evt2_cd(true, 0, 1, 2));
    EventRecording r = parse_evt2("inline.raw", bytes);
    EXPECT_EQ(r.format, "evt2");
    EXPECT_EQ(r.width, 640u);
    EXPECT_EQ(r.height, 480u);
    ASSERT_EQ(r.events.size(), 3u);
    EXPECT_EQ(r.events[0], (DvsEvent{5, 10, 20, true}));
    EXPECT_EQ(r.events[1], (DvsEvent{(std::int64_t{0x0ABCDEF} << 6) | 63, 639, 479, false}));
    EXPECT_EQ(r.events[2], (DvsEvent{(std::int64_t{1} << 34) | (1 << 6), 1, 2, true}));
}

TEST(ReadProphesee, Evt2Errors) {
    const std::string h = "% evt 2.0\n";  // 10 bytes
    EXPECT_EQ(error_of([&] { parse_evt2("f", h + le32(evt2_cd(true, 0, 1, 1)) + "xyz"); }),
              "1:15: truncated word at byte 14: 3 bytes remain, 4 needed");
    EXPECT_EQ(error_of([&] { parse_evt2("f", h + le32(0x3u << 28)); }), "1:11: unknown EVT 2.0 word type 0x3 at byte 10");
    EXPECT_EQ(error_of([&] { parse_evt2("f", "% Date x\n% evt 3.0\n"); }),
              "2:7: header declares EVT '3.0' but the file is read as EVT 2.0");
    EXPECT_EQ(error_of([&] { parse_evt2("f", "% geometry 2x2\n" + le32(evt2_cd(true, 0, 2, 1))); }),
              "1:16: event x=2 at byte 15 is outside the sensor width 2");
    EXPECT_EQ(error_of([&] { parse_evt2("f", "% geometry 640xabc\n"); }),
              "1:16: expected a positive number for the sensor height in the header, found 'abc'");
    EXPECT_EQ(error_of([&] { parse_evt2("f", ""); }), "1:1: empty file");
    EXPECT_EQ(parse_evt2("f", "% evt 2.0").events.size(), 0u);  // header only, no newline
}

TEST(ReadProphesee, Evt3WordsVectorsAndTimeWrap) {
    std::string bytes = "% evt 3.0\n% geometry 1280x720\n% end\n";
    const std::size_t data = bytes.size();
    bytes += le16(0x8000 | 0xFFF);          // TIME_HIGH 0xFFF
    bytes += le16(0x6000 | 0x123);          // TIME_LOW
    bytes += le16(0x0000 | 0x800 | 700);    // ADDR_Y 700 (system bit set)
    bytes += le16(0x2000 | 0x800 | 5);      // ADDR_X 5, ON
    bytes += le16(0x3000 | 1000);           // VECT_BASE_X 1000, OFF
    bytes += le16(0x4000 | 0x801);          // VECT_12: bits 0 and 11
    bytes += le16(0x5000 | 0x80);           // VECT_8: bit 7 at base 1012
    bytes += le16(0x7000) + le16(0xA000) + le16(0xE000) + le16(0xF000);  // skipped
    bytes += le16(0x8000 | 0x001);          // TIME_HIGH decreases: 2^24 wrap
    bytes += le16(0x6000 | 0x002);
    bytes += le16(0x2000 | 9);
    EventRecording r = parse_evt3("inline.raw", bytes);
    EXPECT_EQ(r.format, "evt3");
    EXPECT_EQ(r.width, 1280u);
    EXPECT_EQ(r.height, 720u);
    const std::int64_t t0 = (0xFFF << 12) | 0x123;
    ASSERT_EQ(r.events.size(), 5u);
    EXPECT_EQ(r.events[0], (DvsEvent{t0, 5, 700, true}));
    EXPECT_EQ(r.events[1], (DvsEvent{t0, 1000, 700, false}));
    EXPECT_EQ(r.events[2], (DvsEvent{t0, 1011, 700, false}));
    EXPECT_EQ(r.events[3], (DvsEvent{t0, 1019, 700, false}));
    EXPECT_EQ(r.events[4], (DvsEvent{(std::int64_t{1} << 24) | (1 << 12) | 2, 9, 700, false}));
    // Unknown word type 0x9 at the first data word.
    EXPECT_EQ(error_of([&] { parse_evt3("f", bytes.substr(0, data) + le16(0x9000)); }),
              "1:" + std::to_string(data + 1) + ": unknown EVT 3.0 word type 0x9 at byte " + std::to_string(data));
    EXPECT_EQ(error_of([&] { parse_evt3("f", bytes.substr(0, data) + "x"); }),
              "1:" + std::to_string(data + 1) + ": truncated word at byte " + std::to_string(data) +
                  ": 1 byte remains, 2 needed");
    EXPECT_EQ(error_of([&] { parse_evt3("f", "% format EVT2;height=1;width=1\n"); }),
              "1:10: header declares format 'EVT2' but the file is read as EVT 3.0");
    // Vector events running past x = 2047 without a stated width.
    EXPECT_EQ(error_of([&] { parse_evt3("f", le16(0x3000 | 2040) + le16(0x4000 | 0x100)); }),
              "1:3: event x=2048 at byte 2 is outside the sensor width 2048");
}

TEST(ReadProphesee, DatRecords) {
    std::string bytes = "% Data file containing CD events\n% Version 2\n% Width 640\n% Height 480\n";
    bytes += std::string("\x00\x08", 2);
    bytes += le32(0xFFFFFFF0u) + le32(1u << 28 | 479u << 14 | 639u);
    bytes += le32(5) + le32(0u << 28 | 1u << 14 | 2u);  // t decreases: u32 wrap
    EventRecording r = parse_dat("inline.dat", bytes);
    EXPECT_EQ(r.format, "dat");
    EXPECT_EQ(r.width, 640u);
    EXPECT_EQ(r.height, 480u);
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0], (DvsEvent{0xFFFFFFF0ll, 639, 479, true}));
    EXPECT_EQ(r.events[1], (DvsEvent{(std::int64_t{1} << 32) | 5, 2, 1, false}));
    const std::string h = "% Version 2\n";  // 12 bytes
    EXPECT_EQ(error_of([&] { parse_dat("f", h); }), "1:13: truncated DAT event type and size at byte 12: 0 bytes remain, 2 needed");
    EXPECT_EQ(error_of([&] { parse_dat("f", h + std::string("\x01\x08", 2)); }),
              "1:13: unsupported DAT event type 0x1 at byte 12 (0x0 Event2d and 0xC EventCd are read)");
    EXPECT_EQ(error_of([&] { parse_dat("f", h + std::string("\x00\x10", 2)); }),
              "1:14: unsupported DAT event size 16 at byte 13 (8 expected)");
    EXPECT_EQ(error_of([&] { parse_dat("f", h + std::string("\x00\x08", 2) + le32(1) + le32(2u << 28)); }),
              "1:15: event polarity 2 at byte 14 is not 0 or 1");
    EXPECT_EQ(error_of([&] { parse_dat("f", h + std::string("\x00\x08", 2) + le32(1) + "ab"); }),
              "1:15: truncated event at byte 14: 6 bytes remain, 8 needed");
    EXPECT_EQ(error_of([&] { parse_dat("f", "% Width 0\n"); }),
              "1:9: expected a positive number for the sensor width in the header, found '0'");
}

TEST(ReadProphesee, TonicDatSample) {
    REQUIRE_DVS_FILE(path, "tonic_sample_ncars.dat");
    EventRecording r = read_dat(path.string());
    ASSERT_EQ(r.events.size(), 2009u);
    EXPECT_EQ(count_on(r), 1350u);
    EXPECT_EQ(r.events.front(), (DvsEvent{0, 25, 8, false}));
    EXPECT_EQ(r.events.back(), (DvsEvent{99952, 75, 28, true}));
    EXPECT_FALSE(r.width.has_value());  // the header states no resolution
    EXPECT_TRUE(nondecreasing_t(r));
}

TEST(ReadProphesee, ExpelliarmusDatEqualsReference) {
    REQUIRE_DVS_FILE(path, "expelliarmus_dat_ncars_obj_004397_td.dat");
    REQUIRE_DVS_FILE(ref_path, "expelliarmus_dat_ncars_obj_004397_td.ref.npy");
    EventRecording r = read_dat(path.string());
    test::NpyArray ref = test::read_npy(ref_path.string());
    ASSERT_EQ(r.events.size(), 4407u);
    ASSERT_EQ(ref.rows(), 4407u);
    const std::size_t ct = ref.field_index("t"), cx = ref.field_index("x"), cy = ref.field_index("y"),
                      cp = ref.field_index("p");
    for (std::size_t i = 0; i < r.events.size(); ++i) {
        const DvsEvent& e = r.events[i];
        ASSERT_EQ(e.t, ref.integer(i, ct)) << "event " << i;
        ASSERT_EQ(e.x, ref.integer(i, cx)) << "event " << i;
        ASSERT_EQ(e.y, ref.integer(i, cy)) << "event " << i;
        ASSERT_EQ(e.on ? 1 : 0, ref.integer(i, cp)) << "event " << i;
    }
}

TEST(ReadProphesee, Evt2Sparklers) {
    REQUIRE_DVS_FILE(path, "expelliarmus_evt2_gen3_sparklers.raw");
    EventRecording r = read_evt2(path.string());
    ASSERT_EQ(r.events.size(), 521252u);
    EXPECT_EQ(count_on(r), 185861u);
    EXPECT_EQ(r.events.front(), (DvsEvent{913716224, 35, 443, true}));
    EXPECT_EQ(r.events.back(), (DvsEvent{913812095, 12, 471, false}));
    EXPECT_TRUE(nondecreasing_t(r));
    for (const DvsEvent& e : r.events) {  // Gen3 sensor, 640x480 (not stated in the header)
        ASSERT_LT(e.x, 640);
        ASSERT_LT(e.y, 480);
    }
}

TEST(ReadProphesee, Evt3PedestriansEqualsReferenceXYP) {
    REQUIRE_DVS_FILE(path, "expelliarmus_evt3_gen41_pedestrians.raw");
    REQUIRE_DVS_FILE(ref_path, "expelliarmus_evt3_gen41_pedestrians.ref.npy");
    EventRecording r = read_evt3(path.string());
    test::NpyArray ref = test::read_npy(ref_path.string());
    ASSERT_EQ(r.events.size(), 5000u);
    ASSERT_EQ(ref.rows(), 5000u);
    // x, y, p exactly; t not: the reference decoder adds 4096 us at every TIME_LOW wrap.
    const std::size_t ct = ref.field_index("t"), cx = ref.field_index("x"), cy = ref.field_index("y"),
                      cp = ref.field_index("p");
    for (std::size_t i = 0; i < r.events.size(); ++i) {
        const DvsEvent& e = r.events[i];
        ASSERT_EQ(e.x, ref.integer(i, cx)) << "event " << i;
        ASSERT_EQ(e.y, ref.integer(i, cy)) << "event " << i;
        ASSERT_EQ(e.on ? 1 : 0, ref.integer(i, cp)) << "event " << i;
        ASSERT_GE(ref.integer(i, ct), e.t) << "event " << i;
        ASSERT_EQ((ref.integer(i, ct) - e.t) % 4096, 0) << "event " << i;
    }
    EXPECT_EQ(r.events.front().t, 5840504);
    EXPECT_EQ(r.events.back().t, 5885714);
    EXPECT_EQ(count_on(r), 2894u);
    EXPECT_TRUE(nondecreasing_t(r));
}

TEST(ReadProphesee, Evt3Vectorized) {
    REQUIRE_DVS_FILE(path, "expelliarmus_evt3_gen41_vectorized.raw");
    EventRecording r = read_evt3(path.string());
    // 219,596 events (197,550 from EVT_ADDR_X words, the rest from VECT_12 / VECT_8 words):
    // the same count, ON/OFF split and first/last events as an independent Python one-off
    // decoder written from the EVT 3.0 description.
    ASSERT_EQ(r.events.size(), 219596u);
    EXPECT_EQ(count_on(r), 115532u);
    EXPECT_EQ(r.events.front(), (DvsEvent{11718656, 874, 200, false}));
    EXPECT_EQ(r.events.back(), (DvsEvent{11727457, 1218, 572, true}));
    EXPECT_TRUE(nondecreasing_t(r));
    for (const DvsEvent& e : r.events) {  // Gen4.1 sensor, 1280x720
        ASSERT_LT(e.x, 1280);
        ASSERT_LT(e.y, 720);
    }
}

// ---------------------------------------------------------------- text

TEST(EventsText, ParsesSeparatorsCommentsHeaderAndMetadata) {
    EventRecording r = parse_text(
        "# a comment\n"
        "# format=dat width=120, height=100\n"
        "\n"
        "t, x, y, p\n"
        "0,1,2,1\r\n"
        "  5 6 7 0   # trailing comment\n"
        "-3\t,\t119 ,99,1\n"
        "9223372036854775807,0,0,0");
    EXPECT_EQ(r.format, "text");
    EXPECT_EQ(r.width, 120u);
    EXPECT_EQ(r.height, 100u);
    ASSERT_EQ(r.events.size(), 4u);
    EXPECT_EQ(r.events[0], (DvsEvent{0, 1, 2, true}));
    EXPECT_EQ(r.events[1], (DvsEvent{5, 6, 7, false}));
    EXPECT_EQ(r.events[2], (DvsEvent{-3, 119, 99, true}));
    EXPECT_EQ(r.events[3], (DvsEvent{INT64_MAX, 0, 0, false}));
    EXPECT_EQ(parse_text("# nothing\n").events.size(), 0u);
    EXPECT_EQ(parse_text("-9223372036854775808 1 1 1").events.at(0).t, INT64_MIN);
}

TEST(EventsText, ErrorsAtLineAndColumn) {
    auto err = [](const std::string& text) { return error_of([&] { parse_text(text); }); };
    EXPECT_EQ(err(""), "1:1: empty file");
    EXPECT_EQ(err("1,2,3,1\n1,2,x,1\n"), "2:5: expected an integer y, found 'x'");
    EXPECT_EQ(err("1,-2,3,1\n"), "1:3: x must not be negative, found '-2'");
    EXPECT_EQ(err("12345678901234567890,1,1,1\n"), "1:1: timestamp t '12345678901234567890' does not fit in 64 bits");
    EXPECT_EQ(err("1,70000,1,1\n"), "1:3: x '70000' is out of range (0..65535)");
    EXPECT_EQ(err("1,2,3,2\n"), "1:7: polarity p must be 0 or 1, found '2'");
    EXPECT_EQ(err("1,2,3\n"), "1:6: expected 4 fields t,x,y,p; found 3");
    EXPECT_EQ(err("1,2,3 # c\n"), "1:7: expected 4 fields t,x,y,p; found 3");
    EXPECT_EQ(err("1,2,3,1,5\n"), "1:9: unexpected fifth field '5'; an event is t,x,y,p");
    EXPECT_EQ(err("1,,3,1\n"), "1:3: empty field before ','");
    EXPECT_EQ(err("1,2,3,\n"), "1:6: expected a field after ','");
    EXPECT_EQ(err("t,x,z,p\n"), "1:5: expected the column header t,x,y,p: column 3 must be 'y', found 'z'");
    EXPECT_EQ(err("1,2,3,1\nt,x,y,p\n"), "2:1: expected an integer timestamp t (microseconds), found 't'");
    EXPECT_EQ(err("# width=10\n1,10,0,1\n"), "2:3: x=10 is outside the stated width 10");
    EXPECT_EQ(err("# width=abc\n"), "1:9: width must be a positive 32-bit integer, found 'abc'");
    EXPECT_EQ(err("# width=4 bogus\n"), "1:11: expected key=value in a metadata comment, found 'bogus'");
    EXPECT_EQ(err("1,2,3,1\n# height=4\n"), "2:3: metadata 'height=4' after the first event");
    EXPECT_EQ(err(std::string("1,2\0,3,1\n", 9)), "1:4: unexpected control byte \\x00 (is this a text event file?)");
}

TEST(EventsText, WriterOutput) {
    EventRecording r;
    r.format = "evt3";
    r.width = 1280;
    r.height = 720;
    r.events = {{5, 1, 2, true}, {-7, 3, 4, false}};
    EXPECT_EQ(write_events_text(r),
              "# neuroproof DVS events: t (microseconds), x, y, p (1 = ON, 0 = OFF)\n"
              "# format=evt3 width=1280 height=720\n"
              "t,x,y,p\n"
              "5,1,2,1\n"
              "-7,3,4,0\n");
}

TEST(EventsText, RoundTripOfSharedRecording) {
    REQUIRE_DVS_FILE(path, "tonic_sample_nmnist.bin");
    EventRecording r = read_nmnist(path.string());
    EventRecording back = parse_events_text(SourceText("rt.csv", write_events_text(r)));
    EXPECT_EQ(back.events, r.events);
    EXPECT_EQ(back.width, r.width);
    EXPECT_EQ(back.height, r.height);
}

RC_GTEST_PROP(EventsTextProperty, WriteReadRoundTrip, ()) {
    EventRecording r;
    r.format = *rc::gen::element<std::string>("", "evt2", "evt3", "dat", "nmnist", "text", "odd format");
    if (*rc::gen::arbitrary<bool>()) r.width = *rc::gen::inRange<std::uint32_t>(1, 70000);
    if (*rc::gen::arbitrary<bool>()) r.height = *rc::gen::inRange<std::uint32_t>(1, 70000);
    const std::uint32_t wx = r.width ? std::min<std::uint32_t>(*r.width, 65536) : 65536;
    const std::uint32_t hy = r.height ? std::min<std::uint32_t>(*r.height, 65536) : 65536;
    const int n = *rc::gen::inRange(0, 40);
    for (int i = 0; i < n; ++i) {
        DvsEvent e;
        e.t = *rc::gen::oneOf(rc::gen::arbitrary<std::int64_t>(), rc::gen::inRange<std::int64_t>(0, 100000),
                              rc::gen::element(INT64_MIN, INT64_MAX, std::int64_t{0}));
        e.x = static_cast<std::uint16_t>(*rc::gen::inRange<std::uint32_t>(0, wx));
        e.y = static_cast<std::uint16_t>(*rc::gen::inRange<std::uint32_t>(0, hy));
        e.on = *rc::gen::arbitrary<bool>();
        r.events.push_back(e);
    }
    EventRecording back = parse_events_text(SourceText("rt.csv", write_events_text(r)));
    RC_ASSERT(back.events == r.events);
    RC_ASSERT(back.width == r.width);
    RC_ASSERT(back.height == r.height);
    RC_ASSERT(back.format == std::string("text"));
}

// ---------------------------------------------------------------- corpus and mutations

// Reads `path` with the reader its name selects: *.evt2.raw, *.evt3.raw, *.dat, *.bin (N-MNIST),
// anything else as text.
EventRecording read_any(const std::string& path) {
    auto ends = [&](const std::string& s) { return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0; };
    if (ends(".evt2.raw")) return read_evt2(path);
    if (ends(".evt3.raw")) return read_evt3(path);
    if (ends(".dat")) return read_dat(path);
    if (ends(".bin")) return read_nmnist(path);
    return read_events_text(path);
}

TEST(ReadProphesee, MustRejectCorpusAllEventFormats) {
    int checked = test::check_error_corpus(test::source_dir() / "tests/errors/events",
                                           [](const std::string& p) { read_any(p); });
    EXPECT_GE(checked, 8);
}

enum class Format { evt2, evt3, dat, nmnist, text };

EventRecording decode(Format f, const std::string& name, const std::string& bytes) {
    switch (f) {
        case Format::evt2: return parse_evt2(name, bytes);
        case Format::evt3: return parse_evt3(name, bytes);
        case Format::dat: return parse_dat(name, bytes);
        case Format::nmnist: return parse_nmnist(name, bytes);
        case Format::text: return parse_events_text(SourceText(name, bytes));
    }
    return {};
}

struct Sample {
    Format format;
    std::string name;
    std::string bytes;  // at most the first 48 KiB, to keep 1000 cases fast
};

const std::vector<Sample>& samples() {
    static const std::vector<Sample> all = [] {
        std::vector<Sample> out;
        const std::pair<Format, const char*> files[] = {
            {Format::nmnist, "tonic_sample_nmnist.bin"},
            {Format::dat, "tonic_sample_ncars.dat"},
            {Format::dat, "expelliarmus_dat_ncars_obj_004397_td.dat"},
            {Format::evt2, "expelliarmus_evt2_gen3_sparklers.raw"},
            {Format::evt3, "expelliarmus_evt3_gen41_pedestrians.raw"},
            {Format::evt3, "expelliarmus_evt3_gen41_vectorized.raw"},
        };
        for (const auto& [format, name] : files) {
            const auto path = dvs_dir() / name;
            if (!std::filesystem::exists(path)) continue;
            std::string bytes = read_all(path);
            out.push_back(Sample{format, name, bytes.substr(0, 48 * 1024)});
            if (format == Format::nmnist) {
                EventRecording r = parse_nmnist(name, bytes);
                r.events.resize(std::min<std::size_t>(r.events.size(), 300));
                out.push_back(Sample{Format::text, "nmnist.csv", write_events_text(r)});
            }
        }
        return out;
    }();
    return all;
}

RC_GTEST_PROP(ReadPropheseeProperty, MutatedSharedFilesAcceptOrRejectWithLocation, ()) {
    const auto dir = dvs_dir();
    if (!std::filesystem::is_directory(dir)) RC_SUCCEED("shared data folder absent: " + dir.string());
    RC_PRE(!samples().empty());
    const Sample& s = *rc::gen::elementOf(samples());
    std::string bytes = s.bytes;
    static const std::string structural = "%\n\r\t ,#-=x0123456789";
    auto byte = rc::gen::oneOf(rc::gen::arbitrary<char>(), rc::gen::element('\0', '\xff', '\x80', '\x20'),
                               rc::gen::elementOf(structural));
    if (*rc::gen::inRange(0, 4) == 0) {
        bytes.resize(*rc::gen::inRange<std::size_t>(0, bytes.size() + 1));  // truncation
    }
    const int mutations = *rc::gen::inRange(0, 9);
    for (int i = 0; i < mutations; ++i) {
        const std::size_t at = *rc::gen::inRange<std::size_t>(0, bytes.size() + 1);
        switch (*rc::gen::inRange(0, 3)) {
            case 0:
                if (at < bytes.size()) bytes[at] = *byte;
                break;
            case 1: bytes.insert(at, 1, *byte); break;
            default:
                if (at < bytes.size()) bytes.erase(at, 1);
        }
    }
    const std::string name = "mutated/" + s.name;
    try {
        EventRecording r = decode(s.format, name, bytes);
        RC_ASSERT(!r.format.empty());
        RC_TAG(s.name, "accepted");
    } catch (const SourceError& e) {
        RC_TAG(s.name, "rejected");
        RC_ASSERT(e.where().file == name);
        RC_ASSERT(e.where().line >= 1u);
        RC_ASSERT(e.where().col >= 1u);
        RC_ASSERT(!e.message().empty());
    }
}

// Streaming (what `events` and `emulate` do for a recording of any size) decodes exactly what
// reading the whole file does, for every shipped recording and every must-reject input.
TEST(ReadEvents, StreamingEqualsReadingTheWholeFile) {
    std::vector<std::filesystem::path> files;
    for (const char* dir : {"tests/errors/events", "tests/errors/aedat"})
        for (const auto& e : std::filesystem::directory_iterator(test::source_dir() / dir))
            if (e.path().extension() != ".expect") files.push_back(e.path());
    if (test::have_data())
        for (const auto& e : std::filesystem::directory_iterator(dvs_dir()))
            if (e.path().extension() != ".npy" && e.path().extension() != ".md" && e.path().filename().string().rfind("LICENSE", 0) != 0)
                files.push_back(e.path());
    int decoded = 0;
    for (const auto& f : files) {
        SCOPED_TRACE(f.string());
        std::string whole_error, stream_error;
        EventRecording whole;
        try {
            whole = read_events(f.string());
        } catch (const SourceError& e) {
            whole_error = e.what();
        }
        std::vector<DvsEvent> streamed;
        RecordingInfo info;
        try {
            info = stream_events(f.string(), [&](const DvsEvent& e) { streamed.push_back(e); });
        } catch (const SourceError& e) {
            stream_error = e.what();
        }
        EXPECT_EQ(stream_error, whole_error);
        if (!whole_error.empty()) continue;
        EXPECT_EQ(streamed, whole.events);
        EXPECT_EQ(info.format, whole.format);
        EXPECT_EQ(info.width, whole.width);
        EXPECT_EQ(info.height, whole.height);
        RecordingInfo again;
        const RecordingSummary s = summarize_events(f.string(), again);
        EXPECT_EQ(s.events, whole.events.size());
        ++decoded;
    }
    if (!test::have_data()) GTEST_SKIP() << "shared data folder absent: only the must-reject inputs were compared";
    EXPECT_GE(decoded, 8);
}

}  // namespace
}  // namespace np
