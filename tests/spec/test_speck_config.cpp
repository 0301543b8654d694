// The JSON chip configuration: must-reject inputs with located messages, a shipped example, and
// the write/read round trip.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "generators/gen_speck.hpp"
#include "spec/read_speck_config.hpp"
#include "tests/support/error_corpus.hpp"

namespace np {
namespace {

TEST(SpeckConfig, MustRejectCorpus) {
    int n = test::check_error_corpus(test::source_dir() / "tests/errors/config",
                                     [](const std::string& p) { read_speck_config(p); });
    EXPECT_GE(n, 30);
}

TEST(SpeckConfig, ReadsEveryFieldAndDefaults) {
    SpeckConfig c = parse_speck_config("inline.json", R"({
      "options": {"overflow": "wrap", "clip": "before_spike", "leak_can_spike": true, "bias_width": 12,
                  "spike_test": ">", "order": "breadth_first", "max_spikes_per_event": 99},
      "dvs": {"width": 64, "height": 32, "merge_polarity": true, "pool": [2, 1], "crop": [1, 2, 20, 30],
              "mirror": {"x": true, "diagonal": true}, "hot_pixel": {"max_events": 5, "window_us": 1000},
              "destinations": [{"core": 3, "feature_shift": 1}]},
      "cores": [{"id": 3, "input": [2, 29, 20], "output_channels": 2, "kernel": [2, 2], "stride": 1,
                 "padding": [1, 0], "weights": [[[[1, 0], [2, 0]], [[3, 0], [4, 0]]], [[[-5, 0], [-6, 0]], [[-7, 0], [-128, 0]]]],
                 "biases": [-2048, 2047], "threshold_high": 9, "threshold_low": -9, "return_to_zero": true,
                 "leak": true, "destinations": [{"output": true, "pool": 4, "feature_shift": 2}]}],
      "readout": {"threshold": 3}})");
    EXPECT_EQ(c.options.overflow, OverflowMode::Wrap);
    EXPECT_EQ(c.options.clip, ClipOrder::BeforeSpike);
    EXPECT_TRUE(c.options.leak_can_spike);
    EXPECT_EQ(c.options.bias_width, 12u);
    EXPECT_EQ(c.options.spike_test, SpikeTest::Greater);
    EXPECT_EQ(c.options.order, ProcessingOrder::BreadthFirst);
    EXPECT_EQ(c.options.max_spikes_per_event, 99u);
    ASSERT_TRUE(c.dvs);
    EXPECT_EQ(c.dvs->pool_x, 2u);
    EXPECT_EQ(c.dvs->pool_y, 1u);
    EXPECT_EQ(c.dvs->crop_x1, 20u);
    EXPECT_TRUE(c.dvs->mirror_x);
    EXPECT_FALSE(c.dvs->mirror_y);
    EXPECT_TRUE(c.dvs->mirror_diagonal);
    EXPECT_EQ(c.dvs->hot_pixel_window_us, 1000u);
    ASSERT_EQ(c.cores.size(), 1u);
    const CoreConfig& k = c.cores[0];
    EXPECT_EQ(k.kernel_x, 2u);
    EXPECT_EQ(k.kernel_y, 2u);
    EXPECT_EQ(k.padding_x, 1u);
    EXPECT_EQ(k.weights[k.weight_index(1, 1, 1, 0)], -128);
    EXPECT_EQ(k.weights[k.weight_index(0, 1, 0, 0)], 3);
    EXPECT_EQ(k.biases, (std::vector<std::int32_t>{-2048, 2047}));
    EXPECT_EQ(k.destinations[0].pool, 4u);
    EXPECT_FALSE(k.destinations[0].core);
    EXPECT_EQ(c.readout.threshold, 3u);
    // Defaults: every option named in speck_config.hpp.
    SpeckConfig d = parse_speck_config("d.json", R"({"cores": [{"id": 0, "input": [1, 1, 1], "output_channels": 1, "kernel": 1, "weights": [7]}]})");
    EXPECT_EQ(d.options.overflow, OverflowMode::Saturate);
    EXPECT_EQ(d.options.clip, ClipOrder::AfterSpike);
    EXPECT_FALSE(d.options.leak_can_spike);
    EXPECT_EQ(d.options.spike_test, SpikeTest::GreaterEqual);
    EXPECT_EQ(d.options.order, ProcessingOrder::DepthFirst);
    EXPECT_FALSE(d.dvs);
    EXPECT_EQ(d.cores[0].threshold_high, 1);
}

TEST(SpeckConfig, ShippedExamplesLoad) {
    int n = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(test::source_dir() / "examples")) {
        if (e.path().extension() != ".json" || e.path().string().find("emulator") == std::string::npos) continue;
        SCOPED_TRACE(e.path().string());
        SpeckConfig c = read_speck_config(e.path().string());
        EXPECT_TRUE(validate_config(c).empty());
        ++n;
    }
    EXPECT_GE(n, 1);
}

RC_GTEST_PROP(SpeckConfigProperty, WriteThenReadIsIdentity, ()) {
    SpeckConfig c = *gen::speck_config();
    if (*rc::gen::arbitrary<bool>()) {
        DvsLayerConfig d;
        d.width = d.height = 8;
        d.pool_x = *rc::gen::element<std::uint32_t>(1, 2);
        d.pool_y = *rc::gen::element<std::uint32_t>(1, 2);
        d.crop_x1 = 8 / d.pool_x - 1;
        d.crop_y1 = 8 / d.pool_y - 1;
        d.merge_polarity = *rc::gen::arbitrary<bool>();
        d.mirror_x = *rc::gen::arbitrary<bool>();
        c.dvs = d;  // without destinations: it only has to survive the round trip
    }
    c.source = "rt.json";
    std::string text = write_speck_config(c);
    SpeckConfig back = parse_speck_config("rt.json", text);
    RC_ASSERT(write_speck_config(back) == text);
    RC_ASSERT(back.cores.size() == c.cores.size());
    for (std::size_t k = 0; k < c.cores.size(); ++k) {
        RC_ASSERT(back.cores[k].weights == c.cores[k].weights);
        RC_ASSERT(back.cores[k].initial_state == c.cores[k].initial_state);
        RC_ASSERT(back.cores[k].biases == c.cores[k].biases);
        RC_ASSERT(back.cores[k].threshold_low == c.cores[k].threshold_low);
        RC_ASSERT(back.cores[k].destinations.size() == c.cores[k].destinations.size());
    }
    RC_ASSERT(back.options.order == c.options.order);
    RC_ASSERT(back.options.clip == c.options.clip);
}

RC_GTEST_PROP(SpeckConfigProperty, CorruptedTextIsRejectedWithALocation, ()) {
    // Any single-byte corruption of a valid configuration either still reads or is rejected with
    // a SourceError whose line and column lie inside the text; never another exception.
    SpeckConfig c = *gen::speck_config();
    std::string text = write_speck_config(c);
    std::size_t at = *rc::gen::inRange<std::size_t>(0, text.size());
    text[at] = *rc::gen::element('x', '}', ']', '"', '-', '9', ',', ' ', '.');
    try {
        parse_speck_config("c.json", text);
    } catch (const SourceError& e) {
        RC_ASSERT(e.where().line >= 1);
        RC_ASSERT(e.where().col >= 1);
    }
}

}  // namespace
}  // namespace np
