// End-to-end tests of `neuroproof emulate`: the spikes it writes are exactly the library
// emulator's, the activity report adds up, attention gating reduces the work, and bad input
// exits 2 with a located message.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

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
