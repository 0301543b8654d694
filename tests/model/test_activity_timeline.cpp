// Every core's spikes (Emulator::set_probe), activity over time (model/activity_timeline.hpp) and
// fitting a recording to the sensor (model/event_mapping.hpp).
#include <gtest/gtest.h>

#include <map>

#include "model/activity_timeline.hpp"
#include "model/emulate_stream.hpp"
#include "model/event_mapping.hpp"
#include "spec/read_speck_config.hpp"

namespace np {
namespace {

SpeckConfig two_cores() { return read_speck_config(std::string(NP_SOURCE_DIR) + "/examples/emulator/nmnist_edges.json"); }

std::vector<DvsEvent> square(int n) {
    std::vector<DvsEvent> ev;
    for (int k = 0; k < n; ++k)
        ev.push_back({1000 + k * 37, static_cast<std::uint16_t>(10 + k % 6), static_cast<std::uint16_t>(10 + (k / 6) % 6), k % 5 != 0});
    return ev;
}

// The probe sees every spike of every core: as many per core as the activity counts, and the
// last core's spikes, through its output destination, are exactly the chip's output.
TEST(EmulatorProbe, SeesEverySpikeOfEveryCore) {
    const SpeckConfig cfg = two_cores();
    Emulator emu(cfg);
    std::vector<OutputSpike> seen;
    emu.set_probe([&](const OutputSpike& s) { seen.push_back(s); });
    const EmulationResult r = emulate_stream(emu, square(800), clock_for(square(800), 2000));
    std::map<std::uint32_t, std::uint64_t> per_core;
    for (const OutputSpike& s : seen) ++per_core[s.core];
    ASSERT_GE(per_core.size(), 2u) << "the fixture must make both cores spike";
    for (auto [core, n] : per_core) EXPECT_EQ(n, r.activity.cores[core].spikes) << "core " << core;
    std::vector<OutputSpike> out;
    for (const OutputSpike& s : seen)
        for (const Destination& d : cfg.cores[cfg.cores.size() - 1].destinations)
            if (s.core == cfg.cores.back().id && !d.core)
                out.push_back({s.t, s.core, static_cast<std::uint32_t>(s.feature + d.feature_shift), s.x / d.pool, s.y / d.pool});
    EXPECT_EQ(out, r.spikes);
}

TEST(ActivityTimeline, BinsAddUpToTheRunAndPlaceEachInput) {
    const SpeckConfig cfg = two_cores();
    Emulator emu(cfg);
    const std::vector<DvsEvent> ev = square(900);
    const StreamClock clock = clock_for(ev, 1500);
    ActivityTimeline tl(clock.t_begin, 2000);
    const EmulationResult r = emulate_stream(emu, ev, clock, &tl);
    ASSERT_FALSE(r.timeline.empty());
    // Bins are consecutive from t_begin and cover the last input.
    for (std::size_t k = 0; k < r.timeline.size(); ++k) EXPECT_EQ(r.timeline[k].t_begin, clock.t_begin + 2000 * static_cast<std::int64_t>(k));
    EXPECT_GT(r.timeline.back().t_begin + 2000, clock.t_end);
    ChipActivity sum;
    sum.cores.resize(r.activity.cores.size());
    for (const ActivityBin& b : r.timeline) {
        sum.dvs_events += b.dvs_events;
        sum.leak_ticks += b.leak_ticks;
        sum.output_spikes += b.output_spikes;
        for (std::size_t c = 0; c < b.cores.size(); ++c) sum.cores[c] += b.cores[c];
    }
    EXPECT_EQ(sum.dvs_events, 900u);
    EXPECT_EQ(sum.leak_ticks, r.activity.leak_ticks);
    EXPECT_EQ(sum.output_spikes, r.activity.output_spikes);
    EXPECT_EQ(sum.cores, r.activity.cores);
    // Each bin holds the events whose timestamps fall in it.
    for (const ActivityBin& b : r.timeline) {
        std::uint64_t n = 0;
        for (const DvsEvent& e : ev) n += e.t >= b.t_begin && e.t < b.t_begin + 2000;
        EXPECT_EQ(b.dvs_events, n) << "bin at " << b.t_begin;
    }
    EXPECT_THROW(ActivityTimeline(0, 0), std::invalid_argument);
    ActivityTimeline huge(0, 1);
    ChipActivity none;
    EXPECT_THROW(huge.advance(std::int64_t{1} << 40, none), std::length_error);
}

TEST(ActivityTimeline, RoundBinWidth) {
    EXPECT_EQ(round_bin_width(0, 310000, 200), 2000);
    EXPECT_EQ(round_bin_width(0, 1000, 200), 5);
    EXPECT_EQ(round_bin_width(5, 5, 200), 1);
    EXPECT_EQ(round_bin_width(0, 1'000'000'000, 10), 100'000'000);
}

TEST(EventMapping, CropThenDownsample) {
    EventMapping m;
    EXPECT_TRUE(m.identity());
    m.crop = EventWindow{10, 20, 40, 30};
    m.downsample = 4;
    EXPECT_FALSE(m.apply({0, 9, 25, true}));
    EXPECT_FALSE(m.apply({0, 50, 25, true}));   // x0 + width is outside
    EXPECT_FALSE(m.apply({0, 12, 50, true}));
    const auto e = m.apply({7, 49, 49, true});
    ASSERT_TRUE(e);
    EXPECT_EQ(*e, (DvsEvent{7, 9, 7, true}));  // (39 / 4, 29 / 4)
    EXPECT_EQ(parse_window("1,2,3,4")->height, 4u);
    for (const char* bad : {"", "1,2,3", "1,2,3,4,5", "1,2,0,4", "1,2,3,0", "a,2,3,4", "1,,3,4", "65536,0,1,1", "-1,0,1,1", "1,2,3,4,"})
        EXPECT_FALSE(parse_window(bad)) << bad;
}

TEST(SensorFit, CountsAndWordsTheWarning) {
    SensorFit f;
    EventMapping none;
    for (std::uint16_t x : {1, 40, 119, 3}) {
        const DvsEvent e{0, x, 5, true};
        f.count(e, none.apply(e), 34, 34);
    }
    EXPECT_EQ(f.outside, 2u);
    EXPECT_EQ(f.warning(34, 34),
              "2 of 4 events (50.0%) lie outside the 34x34 sensor of the configuration and are dropped (the recording reaches x "
              "119, y 5); --crop X,Y,W,H or --downsample N fits it");
    SensorFit ok;
    ok.count({0, 3, 3, true}, DvsEvent{0, 3, 3, true}, 34, 34);
    EXPECT_EQ(ok.warning(34, 34), "");
}

}  // namespace
}  // namespace np
