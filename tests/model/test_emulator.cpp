// The reference emulator (DESIGN §5): one hand-computed golden test per rule, the options, the
// chip limits, and a differential property against a plain second implementation.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "generators/gen_speck.hpp"
#include "model/emulate_stream.hpp"
#include "model/emulator.hpp"
#include "spec/read_speck_config.hpp"
#include "tests/support/naive_emulator.hpp"

namespace np {
namespace {

// One core, one input and one output channel, a w x h map, kernel 1x1 of weight `w` unless
// changed by the caller.
CoreConfig single(std::uint32_t id, std::uint32_t w, std::uint32_t h, std::int8_t weight, std::int16_t thr_high,
                  std::int16_t thr_low) {
    CoreConfig c;
    c.id = id;
    c.in_channels = 1;
    c.in_width = w;
    c.in_height = h;
    c.out_channels = 1;
    c.weights = {weight};
    c.threshold_high = thr_high;
    c.threshold_low = thr_low;
    c.destinations.push_back(Destination{});
    return c;
}

SpeckConfig chip(std::vector<CoreConfig> cores) {
    SpeckConfig cfg;
    cfg.cores = std::move(cores);
    return cfg;
}

TEST(Emulator, SubtractResetCrossingThreshold) {
    // thr 10, weight 4: 4, 8, 12 -> spike, 12 - 10 = 2; 6; 10 -> spike, 0.
    Emulator e(chip({single(0, 1, 1, 4, 10, -10)}));
    std::vector<std::int16_t> seen;
    std::vector<std::size_t> spikes;
    for (int k = 0; k < 5; ++k) {
        e.feed_core(0, 0, 0, 0, k);
        seen.push_back(e.neuron(0, 0, 0, 0));
        spikes.push_back(e.output().size());
    }
    EXPECT_EQ(seen, (std::vector<std::int16_t>{4, 8, 2, 6, 0}));
    EXPECT_EQ(spikes, (std::vector<std::size_t>{0, 0, 1, 1, 2}));
    EXPECT_EQ(e.output()[0], (OutputSpike{2, 0, 0, 0, 0}));
    EXPECT_EQ(e.output()[1].t, 4);
}

TEST(Emulator, ReturnToZeroCrossingThreshold) {
    CoreConfig c = single(0, 1, 1, 4, 10, -10);
    c.return_to_zero = true;
    Emulator e(chip({c}));
    std::vector<std::int16_t> seen;
    for (int k = 0; k < 5; ++k) {
        e.feed_core(0, 0, 0, 0, k);
        seen.push_back(e.neuron(0, 0, 0, 0));
    }
    EXPECT_EQ(seen, (std::vector<std::int16_t>{4, 8, 0, 4, 8}));  // 12 -> spike -> 0
    EXPECT_EQ(e.output().size(), 1u);
}

TEST(Emulator, AtMostOneSpikePerSynapticUpdate) {
    // Weight 20 = twice the threshold 10: 0 + 20 = 20 -> one spike, 20 - 10 = 10 stays at the
    // threshold without a second spike until the next input: 10 + 20 = 30 -> spike -> 20.
    Emulator e(chip({single(0, 1, 1, 20, 10, -10)}));
    e.feed_core(0, 0, 0, 0, 0);
    EXPECT_EQ(e.output().size(), 1u);
    EXPECT_EQ(e.neuron(0, 0, 0, 0), 10);
    e.feed_core(0, 0, 0, 0, 1);
    EXPECT_EQ(e.output().size(), 2u);
    EXPECT_EQ(e.neuron(0, 0, 0, 0), 20);
    EXPECT_EQ(e.activity().cores[0].spikes, 2u);
    EXPECT_EQ(e.activity().cores[0].synaptic_ops, 2u);
}

TEST(Emulator, ClipAtThresholdLow) {
    // Weight -7, thr_low -10: -7, then -14 clipped to -10, stays -10.
    Emulator e(chip({single(0, 1, 1, -7, 10, -10)}));
    std::vector<std::int16_t> seen;
    for (int k = 0; k < 3; ++k) {
        e.feed_core(0, 0, 0, 0, k);
        seen.push_back(e.neuron(0, 0, 0, 0));
    }
    EXPECT_EQ(seen, (std::vector<std::int16_t>{-7, -10, -10}));
    EXPECT_TRUE(e.output().empty());
}

TEST(Emulator, LeakTicksSubtractBiasAndStopAtThresholdLow) {
    // SynSense's hardware notebook: bias -13, threshold 127, the neuron starting at 127 reads back
    // 114, 101, 88, 75, ... one step per tick, and stops at threshold_low.
    CoreConfig c = single(0, 1, 1, 0, 127, -20);
    c.leak = true;
    c.biases = {-13};
    c.initial_state = {127};
    Emulator e(chip({c}));
    EXPECT_EQ(e.neuron(0, 0, 0, 0), 127);
    std::vector<std::int16_t> seen;
    for (int k = 0; k < 14; ++k) {
        e.leak_tick(k);
        seen.push_back(e.neuron(0, 0, 0, 0));
    }
    EXPECT_EQ(seen, (std::vector<std::int16_t>{114, 101, 88, 75, 62, 49, 36, 23, 10, -3, -16, -20, -20, -20}));
    EXPECT_TRUE(e.output().empty());  // the start at 127 = threshold_high does not fire on a tick
    EXPECT_EQ(e.activity().cores[0].leak_updates, 14u);
}

TEST(Emulator, LeakThatMaySpike) {
    CoreConfig c = single(0, 1, 1, 0, 10, -20);
    c.leak = true;
    c.biases = {6};
    SpeckConfig cfg = chip({c});
    cfg.options.leak_can_spike = true;
    Emulator e(cfg);
    e.leak_tick(0);  // 6
    e.leak_tick(1);  // 12 -> spike -> 2
    EXPECT_EQ(e.neuron(0, 0, 0, 0), 2);
    ASSERT_EQ(e.output().size(), 1u);
    EXPECT_EQ(e.output()[0].t, 1);
    cfg.options.leak_can_spike = false;  // default: 12 stays
    Emulator quiet(cfg);
    quiet.leak_tick(0);
    quiet.leak_tick(1);
    EXPECT_EQ(quiet.neuron(0, 0, 0, 0), 12);
    EXPECT_TRUE(quiet.output().empty());
}

TEST(Emulator, SaturateOrWrap) {
    CoreConfig c = single(0, 1, 1, 127, 32767, -32768);
    c.initial_state = {32700};
    SpeckConfig cfg = chip({c});
    Emulator sat(cfg);
    sat.feed_core(0, 0, 0, 0, 0);  // 32827 saturates to 32767 = threshold -> spike -> 0
    EXPECT_EQ(sat.neuron(0, 0, 0, 0), 0);
    EXPECT_EQ(sat.output().size(), 1u);
    EXPECT_EQ(sat.activity().cores[0].saturations, 1u);
    cfg.options.overflow = OverflowMode::Wrap;
    Emulator wrap(cfg);
    wrap.feed_core(0, 0, 0, 0, 0);  // 32827 wraps to -32709: no spike
    EXPECT_EQ(wrap.neuron(0, 0, 0, 0), -32709);
    EXPECT_TRUE(wrap.output().empty());
}

TEST(Emulator, SpikeTestGreaterOrGreaterEqual) {
    SpeckConfig cfg = chip({single(0, 1, 1, 5, 10, -10)});
    Emulator ge(cfg);
    ge.feed_core(0, 0, 0, 0, 0);
    ge.feed_core(0, 0, 0, 0, 1);  // 10 >= 10
    EXPECT_EQ(ge.output().size(), 1u);
    cfg.options.spike_test = SpikeTest::Greater;
    Emulator gt(cfg);
    gt.feed_core(0, 0, 0, 0, 0);
    gt.feed_core(0, 0, 0, 0, 1);  // 10 > 10 is false
    EXPECT_TRUE(gt.output().empty());
    EXPECT_EQ(gt.neuron(0, 0, 0, 0), 10);
}

TEST(Emulator, ClipBeforeOrAfterTheSpikeTest) {
    // thr_high = -5, thr_low = 0 is impossible (low > high), so: thr_high 3, thr_low 2, start 0,
    // weight 1: after the spike test 1 < 3 no spike, then clip to 2. Before: clip 1 -> 2, no spike.
    // A case that differs: return_to_zero with a spike: after-clip turns 0 into 2, before-clip
    // leaves the reset value 0.
    CoreConfig c = single(0, 1, 1, 4, 3, 2);
    c.return_to_zero = true;
    SpeckConfig cfg = chip({c});
    Emulator after(cfg);
    after.feed_core(0, 0, 0, 0, 0);  // 4 >= 3 -> spike -> 0 -> clip -> 2
    EXPECT_EQ(after.neuron(0, 0, 0, 0), 2);
    cfg.options.clip = ClipOrder::BeforeSpike;
    Emulator before(cfg);
    before.feed_core(0, 0, 0, 0, 0);  // 4 (no clip needed) -> spike -> 0, not clipped again
    EXPECT_EQ(before.neuron(0, 0, 0, 0), 0);
    EXPECT_EQ(before.output().size(), 1u);
}

TEST(Emulator, PoolingOfTwoAndFour) {
    // A 8x8 map, kernel 1x1 weight 10, thr 10: every input fires its neuron once; the output
    // destination pools 2 (resp. 4): (7, 5) -> (3, 2) resp. (1, 1).
    for (std::uint32_t pool : {2u, 4u}) {
        CoreConfig c = single(0, 8, 8, 10, 10, -10);
        c.destinations[0].pool = pool;
        Emulator e(chip({c}));
        e.feed_core(0, 0, 7, 5, 0);
        e.feed_core(0, 0, 0, 0, 1);
        ASSERT_EQ(e.output().size(), 2u);
        EXPECT_EQ(e.output()[0], (OutputSpike{0, 0, 0, 7 / pool, 5 / pool}));
        EXPECT_EQ(e.output()[1], (OutputSpike{1, 0, 0, 0, 0}));
    }
    // Sum pooling into a next core: four spikes of a 2x2 block all land on one neuron.
    CoreConfig a = single(0, 2, 2, 10, 10, -10);
    a.destinations[0] = Destination{1, 2, 0};
    CoreConfig b = single(1, 1, 1, 3, 100, -100);
    Emulator e(chip({a, b}));
    for (std::uint32_t x = 0; x < 2; ++x)
        for (std::uint32_t y = 0; y < 2; ++y) e.feed_core(0, 0, x, y, 0);
    EXPECT_EQ(e.neuron(1, 0, 0, 0), 12);  // 4 spikes x weight 3
}

TEST(Emulator, FeatureShift) {
    // Core 0 (2 output channels) sends to core 1 with feature shift 1: its feature c arrives
    // as feature c + 1 of core 1's 3 input channels; core 1's weights tell which feature came.
    CoreConfig a = single(0, 1, 1, 10, 10, -10);
    a.out_channels = 2;
    a.weights = {0, 10};  // only output channel 1 fires
    a.destinations[0] = Destination{1, 1, 1};
    CoreConfig b = single(1, 1, 1, 0, 1000, -1000);
    b.in_channels = 3;
    b.weights = {1, 20, 100};  // c_out 0, c_in 0..2
    Emulator e(chip({a, b}));
    e.feed_core(0, 0, 0, 0, 0);
    EXPECT_EQ(e.neuron(1, 0, 0, 0), 100);  // arrived on feature 1 + 1 = 2
    // An output destination shifts the reported feature as well.
    a.destinations[0] = Destination{std::nullopt, 1, 3};
    Emulator o(chip({a}));
    o.feed_core(0, 0, 0, 0, 0);
    ASSERT_EQ(o.output().size(), 1u);
    EXPECT_EQ(o.output()[0].feature, 4u);
}

TEST(Emulator, TwoDestinations) {
    CoreConfig a = single(0, 1, 1, 10, 10, -10);
    a.destinations = {Destination{1, 1, 0}, Destination{2, 1, 0}};
    CoreConfig b = single(1, 1, 1, 5, 100, -100);
    CoreConfig c = single(2, 1, 1, -6, 100, -100);
    Emulator e(chip({a, b, c}));
    e.feed_core(0, 0, 0, 0, 0);
    EXPECT_EQ(e.neuron(1, 0, 0, 0), 5);
    EXPECT_EQ(e.neuron(2, 0, 0, 0), -6);
    EXPECT_EQ(e.activity().cores[1].input_events, 1u);
    EXPECT_EQ(e.activity().cores[2].input_events, 1u);
}

TEST(Emulator, StrideAndPaddingAtMapBorders) {
    // Input 5x5, kernel 3x3, stride 2, padding 1: output (5 + 2 - 3) / 2 + 1 = 3x3. Weight
    // w[kx][ky] = 10*kx + ky + 1 identifies the kernel offset each neuron was reached by.
    CoreConfig c = single(0, 5, 5, 0, 1000, -1000);
    c.kernel_x = c.kernel_y = 3;
    c.stride_x = c.stride_y = 2;
    c.padding_x = c.padding_y = 1;
    c.weights.clear();
    for (int kx = 0; kx < 3; ++kx)
        for (int ky = 0; ky < 3; ++ky) c.weights.push_back(static_cast<std::int8_t>(10 * kx + ky + 1));
    ASSERT_EQ(c.out_width(), 3u);
    Emulator e(chip({c}));
    // Corner (0, 0): ox*2 - 1 + kx = 0 -> only ox = 0 with kx = 1; likewise y: weight w[1][1] = 12.
    e.feed_core(0, 0, 0, 0, 0);
    auto s = e.state(0);
    EXPECT_EQ(s[c.neuron_index(0, 0, 0)], 12);
    EXPECT_EQ(std::count_if(s.begin(), s.end(), [](std::int16_t v) { return v != 0; }), 1);
    // (4, 3): x: ox*2 - 1 + kx = 4 -> (ox 2, kx 1) only [ox 1 would need kx 3]; y: oy*2 - 1 + ky = 3
    // -> (oy 1, ky 2) and (oy 2, ky 0).
    e.reset();
    e.feed_core(0, 0, 4, 3, 0);
    s = e.state(0);
    EXPECT_EQ(s[c.neuron_index(0, 2, 1)], 13);  // w[1][2]
    EXPECT_EQ(s[c.neuron_index(0, 2, 2)], 11);  // w[1][0]
    EXPECT_EQ(std::count_if(s.begin(), s.end(), [](std::int16_t v) { return v != 0; }), 2);
    EXPECT_EQ(e.activity().cores[0].synaptic_ops, 2u);
    // (1, 1): x -> (ox 0, kx 2), (ox 1, kx 0); same for y: four neurons.
    e.reset();
    e.feed_core(0, 0, 1, 1, 0);
    s = e.state(0);
    EXPECT_EQ(s[c.neuron_index(0, 0, 0)], 23);
    EXPECT_EQ(s[c.neuron_index(0, 0, 1)], 21);
    EXPECT_EQ(s[c.neuron_index(0, 1, 0)], 3);
    EXPECT_EQ(s[c.neuron_index(0, 1, 1)], 1);
}

TEST(Emulator, WeightLayoutIsCoutCinKxKy) {
    // 2 out, 2 in, kernel 2x2 over a 2x2 input, no padding: output 1x1. An input at (x, y) of
    // feature ci reaches the only neuron with kx = x, ky = y.
    CoreConfig c = single(0, 2, 2, 0, 1000, -1000);
    c.in_channels = 2;
    c.out_channels = 2;
    c.kernel_x = c.kernel_y = 2;
    c.weights.resize(16);
    for (std::uint32_t co = 0; co < 2; ++co)
        for (std::uint32_t ci = 0; ci < 2; ++ci)
            for (std::uint32_t kx = 0; kx < 2; ++kx)
                for (std::uint32_t ky = 0; ky < 2; ++ky)
                    c.weights[c.weight_index(co, ci, kx, ky)] = static_cast<std::int8_t>(co * 100 + ci * 10 + kx * 2 + ky);
    ASSERT_EQ(c.weight_index(1, 0, 1, 0), 10u);  // ((1*2 + 0)*2 + 1)*2 + 0
    Emulator e(chip({c}));
    e.feed_core(0, 1, 1, 0, 0);  // ci 1, kx 1, ky 0
    EXPECT_EQ(e.neuron(0, 0, 0, 0), 12);
    EXPECT_EQ(e.neuron(0, 1, 0, 0), 112);
    e.feed_core(0, 0, 0, 1, 1);  // ci 0, kx 0, ky 1
    EXPECT_EQ(e.neuron(0, 0, 0, 0), 13);
    EXPECT_EQ(e.neuron(0, 1, 0, 0), 213);
}

TEST(Emulator, DepthFirstAndBreadthFirstOrder) {
    // Core 0 has two output channels that both fire on one input; each spike goes to core 1
    // (which fires at once) and to the output. Depth-first: 0.c0, 1, 0.c1, 1. Breadth-first:
    // core 0's two spikes first, then core 1's.
    CoreConfig a = single(0, 1, 1, 10, 10, -10);
    a.out_channels = 2;
    a.weights = {10, 10};
    a.destinations = {Destination{1, 1, 0}, Destination{}};
    CoreConfig b = single(1, 1, 1, 0, 1, -10);
    b.in_channels = 2;
    b.weights = {1, 1};
    SpeckConfig cfg = chip({a, b});
    Emulator depth(cfg);
    depth.feed_core(0, 0, 0, 0, 0);
    std::vector<std::uint32_t> cores;
    for (const OutputSpike& s : depth.output()) cores.push_back(s.core);
    EXPECT_EQ(cores, (std::vector<std::uint32_t>{1, 0, 1, 0}));
    cfg.options.order = ProcessingOrder::BreadthFirst;
    Emulator breadth(cfg);
    breadth.feed_core(0, 0, 0, 0, 0);
    cores.clear();
    for (const OutputSpike& s : breadth.output()) cores.push_back(s.core);
    EXPECT_EQ(cores, (std::vector<std::uint32_t>{0, 0, 1, 1}));
}

TEST(Emulator, DvsLayerMergePoolCropMirror) {
    SpeckConfig cfg = chip({single(0, 4, 3, 10, 10, -10)});
    cfg.cores[0].in_channels = 2;
    cfg.cores[0].weights = {10, 10};
    DvsLayerConfig d;
    d.width = 16;
    d.height = 16;
    d.pool_x = 2;
    d.pool_y = 4;  // pooled map 8x4
    d.crop_x0 = 2;
    d.crop_x1 = 5;  // 4 wide
    d.crop_y0 = 1;
    d.crop_y1 = 3;  // 3 high
    d.mirror_x = true;
    d.destinations.push_back(Destination{0, 1, 0});
    cfg.dvs = d;
    Emulator e(cfg);
    e.feed({0, 5, 7, true});   // pooled (2, 1) -> cropped (0, 0) -> mirrored (3, 0), feature ON = 1
    e.feed({1, 3, 7, false});  // pooled (1, 1): outside the crop
    e.feed({2, 40, 0, false}); // outside the sensor
    ASSERT_EQ(e.output().size(), 1u);
    EXPECT_EQ(e.output()[0], (OutputSpike{0, 0, 0, 3, 0}));
    EXPECT_EQ(e.activity().dvs_dropped_crop, 1u);
    EXPECT_EQ(e.activity().dvs_dropped_range, 1u);
    // Which feature arrived: weights per input channel tell.
    cfg.cores[0].weights = {1, 2};
    cfg.cores[0].threshold_high = 100;
    Emulator f(cfg);
    f.feed({0, 5, 7, false});
    f.feed({0, 5, 7, true});
    EXPECT_EQ(f.neuron(0, 0, 3, 0), 3);
    cfg.dvs->merge_polarity = true;
    Emulator m(cfg);
    m.feed({0, 5, 7, false});
    m.feed({0, 5, 7, true});
    EXPECT_EQ(m.neuron(0, 0, 3, 0), 2);  // both on feature 0
}

TEST(Emulator, HotPixelFilter) {
    SpeckConfig cfg = chip({single(0, 4, 4, 1, 100, -10)});
    DvsLayerConfig d;
    d.width = d.height = 4;
    d.crop_x1 = d.crop_y1 = 3;
    d.merge_polarity = true;
    d.hot_pixel_max_events = 2;
    d.hot_pixel_window_us = 100;
    d.destinations.push_back(Destination{0, 1, 0});
    cfg.dvs = d;
    Emulator e(cfg);
    for (std::int64_t t : {0, 10, 20, 30, 200}) e.feed({t, 1, 1, true});
    // 0 and 10 pass; 20 and 30 exceed 2 events in 100 us; 200 passes (the window moved on).
    EXPECT_EQ(e.neuron(0, 0, 1, 1), 3);
    EXPECT_EQ(e.activity().dvs_dropped_hot, 2u);
}

TEST(Emulator, ChipLimitsAreRejectedWithTheirReason) {
    auto problems_of = [](CoreConfig c) { return describe_problems(validate_config(chip({c}))); };
    CoreConfig c = single(0, 32, 32, 1, 1, -1);
    c.kernel_x = c.kernel_y = 17;
    c.weights.resize(17 * 17);
    EXPECT_NE(problems_of(c).find("/cores/0/kernel: kernel width 17 is outside the chip's range 1..16"), std::string::npos);
    c = single(0, 1, 1, 1, 1, -1);
    c.out_channels = 1025;
    c.weights.resize(1025);
    EXPECT_NE(problems_of(c).find("output channel count 1025"), std::string::npos);
    c = single(0, 100, 70, 1, 1, -1);
    EXPECT_NE(problems_of(c).find("output map 100x70 exceeds the chip's 64x64"), std::string::npos);
    c = single(0, 1, 1, 1, 1, -1);
    c.destinations = {Destination{}, Destination{}, Destination{}};
    EXPECT_NE(problems_of(c).find("at most 2 destinations"), std::string::npos);
    c = single(0, 1, 1, 1, 1, -1);
    c.destinations = {Destination{4, 1, 0}};
    EXPECT_NE(problems_of(c).find("destination core 4 is not configured"), std::string::npos);
    c = single(0, 4, 4, 1, 1, -1);
    c.kernel_x = 2;
    c.weights.resize(2);
    EXPECT_NE(problems_of(c).find("/cores/0/kernel: kernel 2x1 is not square"), std::string::npos);
    c = single(0, 1, 1, 1, 1, -1);
    c.stride_x = 3;
    EXPECT_NE(problems_of(c).find("stride must be 1, 2, 4 or 8, not 3"), std::string::npos);
    c = single(0, 1, 1, 1, 1, -1);
    c.weights = {1, 2};
    EXPECT_NE(problems_of(c).find("expected 1 weights"), std::string::npos);
    EXPECT_THROW(Emulator(chip({c})), EmulatorError);
}

TEST(Emulator, SpikeStormIsStopped) {
    // Core 0 feeds itself: every spike causes the next one.
    CoreConfig c = single(0, 1, 1, 10, 10, -10);
    c.destinations = {Destination{0, 1, 0}};
    SpeckConfig cfg = chip({c});
    cfg.options.max_spikes_per_event = 1000;
    Emulator e(cfg);
    EXPECT_THROW(e.feed_core(0, 0, 0, 0, 0), EmulatorError);
}

TEST(Emulator, ReadoutNamesTheMostActiveFeature) {
    CoreConfig c = single(0, 1, 1, 10, 10, -10);
    c.out_channels = 3;
    c.weights = {0, 10, 10};
    c.in_channels = 1;
    SpeckConfig cfg = chip({c});
    cfg.readout.threshold = 2;
    Emulator e(cfg);
    EXPECT_EQ(e.readout(), -1);
    e.feed_core(0, 0, 0, 0, 0);
    EXPECT_EQ(e.readout(), -1);  // features 1 and 2 have one spike each: below the threshold
    e.feed_core(0, 0, 0, 0, 1);
    EXPECT_EQ(e.readout(), 1);   // a tie at 2: the lowest feature
}

RC_GTEST_PROP(EmulatorProperty, AgreesWithThePlainImplementation, ()) {
    SpeckConfig cfg = *gen::speck_config();
    RC_ASSERT(validate_config(cfg).empty());
    auto inputs = *gen::chip_inputs(cfg, 30);
    Emulator fast(cfg);
    test::NaiveEmulator plain(cfg);
    for (const gen::ChipInput& in : inputs) {
        if (in.leak) {
            fast.leak_tick(in.t);
            plain.leak_tick(in.t);
        } else {
            fast.feed_core(in.core, in.feature, in.x, in.y, in.t);
            plain.feed_core(in.core, in.feature, in.x, in.y, in.t);
        }
    }
    RC_ASSERT(fast.output() == plain.output());
    for (const CoreConfig& c : cfg.cores) RC_ASSERT(fast.state(c.id) == plain.state(c.id));
}

RC_GTEST_PROP(EmulatorProperty, NeuronsNeverFallBelowThresholdLow, ()) {
    // With the default options (saturate, clip after the spike test) every neuron that starts at
    // 0 stays >= threshold_low after every input and every leak tick.
    SpeckConfig cfg = *gen::speck_config();
    cfg.options = EmulatorOptions{};
    for (CoreConfig& c : cfg.cores) c.initial_state.clear();
    auto inputs = *gen::chip_inputs(cfg, 20);
    Emulator e(cfg);
    for (const gen::ChipInput& in : inputs) {
        if (in.leak) e.leak_tick(in.t);
        else e.feed_core(in.core, in.feature, in.x, in.y, in.t);
        for (const CoreConfig& c : cfg.cores)
            for (std::int16_t v : e.state(c.id)) RC_ASSERT(v >= c.threshold_low);
    }
    RC_ASSERT(e.activity().total().synaptic_ops + e.activity().total().leak_updates == e.activity().total().neuron_writes);
}

// A recording of any size runs in batches (model/emulate_stream.hpp's StreamRun, what `emulate`
// does): the spikes handed over, in order, and the counts and readout equal the in-memory run's.
RC_GTEST_PROP(EmulatorProperty, StreamedRunInBatchesEqualsTheWholeRun, ()) {
    static const SpeckConfig cfg = read_speck_config(std::string(NP_SOURCE_DIR) + "/examples/speck_core/core_small.json");
    const auto n = *rc::gen::inRange<std::size_t>(0, 6000);
    std::vector<DvsEvent> events;
    std::int64_t t = *rc::gen::inRange<std::int64_t>(-1000, 1000);
    for (std::size_t i = 0; i < n; ++i) {
        t += *rc::gen::inRange<std::int64_t>(-3, 40);  // not monotonic: the clock spans min..max
        events.push_back(DvsEvent{t, *rc::gen::inRange<std::uint16_t>(0, 5), *rc::gen::inRange<std::uint16_t>(0, 5),
                                  *rc::gen::arbitrary<bool>()});
    }
    const std::int64_t period = *rc::gen::element<std::int64_t>(0, 7, 100);
    Emulator a(cfg), b(cfg);
    const StreamClock clock = clock_for(events, period);
    const EmulationResult whole = emulate_stream(a, events, clock);
    std::vector<OutputSpike> handed;
    StreamRun run(b, clock, [&](const std::vector<OutputSpike>& batch) { handed.insert(handed.end(), batch.begin(), batch.end()); });
    for (const DvsEvent& e : events) run.feed(e);
    const EmulationResult streamed = run.finish();
    RC_ASSERT(streamed.spikes.empty());
    RC_ASSERT(handed == whole.spikes);
    RC_ASSERT(streamed.output_counts == whole.output_counts);
    RC_ASSERT(streamed.readout == whole.readout);
    RC_ASSERT(streamed.activity.output_spikes == whole.activity.output_spikes);
    RC_ASSERT(streamed.activity.total().synaptic_ops == whole.activity.total().synaptic_ops);
}

}  // namespace
}  // namespace np
