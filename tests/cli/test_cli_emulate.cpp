// End-to-end tests of `neuroproof emulate`: the spikes it writes are exactly the library
// emulator's, the activity report adds up, attention gating reduces the work, and bad input
// exits 2 with a located message.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <pugixml.hpp>

#include "model/emulate_stream.hpp"
#include "model/temporal_attention.hpp"
#include "spec/events_text.hpp"
#include "spec/nir_to_speck.hpp"
#include "spec/read_events.hpp"
#include "spec/read_speck_config.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/error_corpus.hpp"

namespace np {
namespace {

namespace fs = std::filesystem;
using test::run;
using test::src;

std::string read_text(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string spikes_csv(const std::vector<OutputSpike>& spikes) {
    std::string s = "t,core,feature,x,y\n";
    for (const OutputSpike& o : spikes)
        s += std::to_string(o.t) + "," + std::to_string(o.core) + "," + std::to_string(o.feature) + "," +
             std::to_string(o.x) + "," + std::to_string(o.y) + "\n";
    return s;
}

// A deterministic 34x34 stream: a bright 6x6 square flickering on, mostly ON events.
fs::path write_sweep(const fs::path& dir) {
    EventRecording r;
    r.format = "text";
    r.width = 34;
    r.height = 34;
    for (int step = 0; step < 600; ++step)
        r.events.push_back({step * 50, static_cast<std::uint16_t>(10 + step % 6), static_cast<std::uint16_t>(10 + (step / 6) % 6),
                            step % 5 != 0});
    fs::create_directories(dir);
    fs::path p = dir / "sweep.csv";
    std::ofstream(p) << write_events_text(r);
    return p;
}

TEST(CliEmulate, SpikesEqualTheLibraryEmulator) {
    fs::path dir = test::fresh_dir("emulate");
    fs::path events = write_sweep(dir);
    std::string cfg = src("examples/emulator/nmnist_edges.json");
    auto r = run("emulate --config " + cfg + " --events " + events.string() + " --leak-period 1000 --out " + (dir / "out").string());
    ASSERT_EQ(r.code, 0) << r.out;
    Emulator emu(read_speck_config(cfg));
    EventRecording rec = read_events(events.string());
    EmulationResult expected = emulate_stream(emu, rec.events, clock_for(rec.events, 1000));
    ASSERT_FALSE(expected.spikes.empty());  // the fixture must exercise both cores
    EXPECT_EQ(read_text(dir / "out/spikes.csv"), spikes_csv(expected.spikes));
    nlohmann::json a = test::read_json(dir / "out/activity.json")["ungated"];
    EXPECT_EQ(a["events_in"], 600);
    EXPECT_EQ(a["output_spikes"], expected.spikes.size());
    EXPECT_EQ(a["leak_ticks"], expected.activity.leak_ticks);
    EXPECT_EQ(a["total"]["synaptic_ops"], expected.activity.total().synaptic_ops);
    std::uint64_t sum = 0;
    for (const auto& c : a["cores"]) sum += c["synaptic_ops"].get<std::uint64_t>();
    EXPECT_EQ(sum, a["total"]["synaptic_ops"].get<std::uint64_t>());
    EXPECT_EQ(a["readout"], expected.readout);
    EXPECT_NE(r.out.find("readout " + std::to_string(expected.readout)), std::string::npos) << r.out;
}

TEST(CliEmulate, AttentionGatingReportsBothRuns) {
    fs::path dir = test::fresh_dir("attention");
    fs::path events = write_sweep(dir);
    auto r = run("emulate -c " + src("examples/emulator/nmnist_edges.json") + " -e " + events.string() +
                 " --attention 2 --slice 3000 --group 4 --out " + (dir / "out").string());
    ASSERT_EQ(r.code, 0) << r.out;
    nlohmann::json j = test::read_json(dir / "out/activity.json");
    ASSERT_TRUE(j.contains("gated"));
    // 600 events over 30 ms in slices of 3 ms: 10 slices, groups of 4 -> 2 + 2 + 2 kept.
    EXPECT_EQ(j["attention"]["slices"], 10);
    EXPECT_EQ(j["attention"]["kept_slices"], 6);
    AttentionResult att = apply_temporal_attention(read_events(events.string()).events, {3000, 2, 4, SliceScore::Events});
    EXPECT_EQ(j["gated"]["events_in"], att.kept.size());
    EXPECT_LT(j["gated"]["total"]["synaptic_ops"].get<std::uint64_t>(), j["ungated"]["total"]["synaptic_ops"].get<std::uint64_t>());
    EXPECT_TRUE(fs::exists(dir / "out/spikes-gated.csv"));
    EXPECT_NE(r.out.find("gated/ungated synaptic operations: 0."), std::string::npos) << r.out;
}

std::size_t lines(const fs::path& p) {
    std::ifstream in(p);
    std::size_t n = 0;
    for (std::string l; std::getline(in, l);) ++n;
    return n;
}

bool is_png(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    char sig[8] = {};
    in.read(sig, 8);
    return in && std::string(sig, 8) == "\x89PNG\r\n\x1a\n" && fs::file_size(p) > 1000;
}

bool is_svg(const fs::path& p) {
    pugi::xml_document doc;
    return doc.load_file(p.c_str()) && std::string(doc.document_element().name()) == "svg";
}

// Issue 15: every core's spikes, activity over time and pictures, gated beside ungated.
TEST(CliEmulate, EveryCoresSpikesActivityOverTimeAndPictures) {
    fs::path dir = test::fresh_dir("views");
    fs::path events = write_sweep(dir);
    const std::string cfg = src("examples/emulator/nmnist_edges.json");
    auto r = run("emulate -c " + cfg + " -e " + events.string() + " --attention 2 --slice 3000 --bin 1000 --out " + (dir / "out").string());
    ASSERT_EQ(r.code, 0) << r.out;
    nlohmann::json j = test::read_json(dir / "out/activity.json");
    std::uint64_t spikes = 0, gated_spikes = 0;
    for (const auto& c : j["ungated"]["cores"]) spikes += c["spikes"].get<std::uint64_t>();
    for (const auto& c : j["gated"]["cores"]) gated_spikes += c["spikes"].get<std::uint64_t>();
    ASSERT_GT(spikes, j["ungated"]["output_spikes"].get<std::uint64_t>());  // the first core's spikes are there too
    EXPECT_EQ(lines(dir / "out/core-spikes.csv"), spikes + 1);
    EXPECT_EQ(lines(dir / "out/core-spikes-gated.csv"), gated_spikes + 1);
    // 600 events over 30 ms in bins of 1 ms: 30 bins, each with a dvs and an out line and one per busy core.
    const std::string tl = read_text(dir / "out/activity-timeline.csv");
    EXPECT_EQ(tl.substr(0, tl.find('\n')), "t_begin_us,core,input_events,synaptic_ops,neuron_writes,spikes,leak_updates");
    EXPECT_EQ(lines(dir / "out/activity-timeline.csv"), 1 + 30 * 4u);
    for (const char* f : {"raster-core0", "raster-core1", "raster-core0-gated", "activity"}) {
        EXPECT_TRUE(is_png(dir / "out" / (std::string(f) + ".png"))) << f;
        EXPECT_TRUE(is_svg(dir / "out" / (std::string(f) + ".svg"))) << f;
    }
    // --no-pictures keeps the data files only.
    r = run("emulate -c " + cfg + " -e " + events.string() + " --no-pictures --out " + (dir / "bare").string());
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_TRUE(fs::exists(dir / "bare/core-spikes.csv"));
    EXPECT_FALSE(fs::exists(dir / "bare/activity.png"));
}

// Recordings larger than the configured sensor: the loss is counted and warned about, and
// --downsample / --crop fit them (N-CARS is 120x100 here reaching x 77, DAVIS346 346x260).
TEST(CliEmulate, EventsOutsideTheSensorAreWarnedAboutAndCanBeFitted) {
    if (!test::have_data()) GTEST_SKIP() << "needs ../shared/data (tonic_sample_ncars.dat, aestream_davis346.aedat4)";
    fs::path dir = test::fresh_dir("sensor-fit");
    const std::string cfg = src("examples/emulator/nmnist_edges.json");
    const std::string ncars = (test::data_dir() / "data/dvs/tonic_sample_ncars.dat").string();
    const std::string davis = (test::data_dir() / "data/dvs/aestream_davis346.aedat4").string();
    auto r = run("emulate -c " + cfg + " -e " + ncars + " --no-pictures -o " + (dir / "a").string());
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("warning: 1388 of 2009 events (69.1%) lie outside the 34x34 sensor"), std::string::npos) << r.out;
    EXPECT_EQ(test::read_json(dir / "a/activity.json")["ungated"]["dvs_dropped"]["outside_sensor"], 1388);
    r = run("emulate -c " + cfg + " -e " + ncars + " --downsample 4 --no-pictures -o " + (dir / "b").string());
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(r.out.find("warning"), std::string::npos) << r.out;
    EXPECT_EQ(test::read_json(dir / "b/activity.json")["ungated"]["dvs_dropped"]["outside_sensor"], 0);
    r = run("emulate -c " + cfg + " -e " + davis + " --no-pictures -o " + (dir / "c").string());
    EXPECT_NE(r.out.find("warning: 117595 of 117667 events (99.9%)"), std::string::npos) << r.out;
    r = run("emulate -c " + cfg + " -e " + davis + " --crop 150,110,34,34 --no-pictures -o " + (dir / "d").string());
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("--crop 150,110,34,34 left out 115511 of 117667 events"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("warning"), std::string::npos) << r.out;
    EXPECT_EQ(test::read_json(dir / "d/activity.json")["ungated"]["events_in"], 117667 - 115511);
    r = run("emulate -c " + cfg + " -e " + davis + " --crop 150,110,0,34");
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.out.find("--crop: expected X,Y,W,H"), std::string::npos) << r.out;
}

TEST(CliEmulate, SinabsNetworkOnTheNmnistSample) {
    if (!test::have_data()) GTEST_SKIP() << "needs ../shared/data (cnn_sinabs.nir, tonic_sample_nmnist.bin)";
    fs::path dir = test::fresh_dir("sinabs");
    std::string nir = (test::data_dir() / "data/nir/cnn_sinabs.nir").string();
    std::string bin = (test::data_dir() / "data/dvs/tonic_sample_nmnist.bin").string();
    auto r = run("emulate --config " + nir + " --events " + bin + " --out " + (dir / "out").string());
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("(5 cores)"), std::string::npos) << r.out;
    Emulator emu(import_nir(nir).config);
    EmulationResult expected = emulate_stream(emu, read_events(bin).events);
    EXPECT_EQ(read_text(dir / "out/spikes.csv"), spikes_csv(expected.spikes));
    nlohmann::json a = test::read_json(dir / "out/activity.json")["ungated"];
    EXPECT_EQ(a["events_in"], 4325);
    EXPECT_EQ(a["cores"].size(), 5u);
    EXPECT_EQ(a["cores"][0]["input_events"], 4325);  // every N-MNIST event reaches core 0
    EXPECT_GT(a["output_spikes"].get<std::uint64_t>(), 0u);
    EXPECT_GE(a["readout"].get<int>(), 0);
    EXPECT_LE(a["readout"].get<int>(), 9);
}

TEST(CliEmulate, BadInputExitsTwoWithLocation) {
    fs::path dir = test::fresh_dir("emulate-bad");
    fs::create_directories(dir);
    std::ofstream(dir / "bad.json") << "{\"cores\": [\n  {\"id\": 0, \"input\": [1, 4, 4], \"output_channels\": 1,\n   \"kernel\": 20, \"weights\": [1]}\n]}\n";
    fs::path events = write_sweep(dir);
    auto r = run("emulate --config " + (dir / "bad.json").string() + " --events " + events.string());
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.out.find("bad.json:3:14: error: kernel 20 is outside 1..16"), std::string::npos) << r.out;
    r = run("emulate --config " + src("examples/emulator/nmnist_edges.json") + " --events " + (dir / "missing.bin").string());
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.out.find("error: cannot open file"), std::string::npos) << r.out;
    r = run("emulate --config " + src("examples/emulator/nmnist_edges.json") + " --events " + events.string() + " --attention 0");
    EXPECT_EQ(r.code, 2) << r.out;
    r = run("emulate --events " + events.string());
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("--config is required"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace np
