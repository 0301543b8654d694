// The stream generator (generators/gen_events.hpp) covers the input map: features and
// coordinates are uniform at every RapidCheck size (issue 20: sized draws gave feature 0 and
// coordinate 0 only), and the cases `neuroproof fuzz` runs with its defaults hit every
// (feature, x, y) address of the small core.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdio>
#include <set>
#include <tuple>

#include "checkers/fuzz_run.hpp"
#include "generators/case_source.hpp"
#include "generators/gen_events.hpp"
#include "generators/gen_speck.hpp"
#include "../mutants/speck_design.hpp"

namespace np {
namespace {

using Address = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>;
using gen::StreamShape;

SpeckConfig small_config() { return read_speck_config(std::string(NP_SOURCE_DIR) + "/examples/speck_core/core_small.json"); }

// The first 1,000 cases of a fuzz run (stream_cases with the CLI's default of 32 inputs) hit
// every address of core_small.json's 2 x 4 x 4 input map, for the default seed 1 and others;
// neither feature dominates.
TEST(EventStream, ThousandCasesHitEveryAddressOfTheSmallCore) {
    const SpeckConfig cfg = small_config();
    for (std::uint64_t seed : {1ull, 2ull, 7ull, 2024ull, 1000003ull}) {
        CaseSource cases = gen::stream_cases(cfg, 32, seed);
        std::set<Address> hit;
        std::uint64_t spikes = 0, feature1 = 0;
        for (std::uint64_t i = 0; i < 1000; ++i)
            for (const ChipInput& in : cases(i)->value().stream) {
                if (in.leak) continue;
                ASSERT_LT(in.feature, 2u);
                ASSERT_LT(in.x, 4u);
                ASSERT_LT(in.y, 4u);
                hit.insert({in.feature, in.x, in.y});
                ++spikes;
                feature1 += in.feature;
            }
        EXPECT_EQ(hit.size(), 32u) << "seed " << seed;
        EXPECT_GT(feature1 * 10, spikes * 4) << "seed " << seed << ": " << feature1 << " of " << spikes << " spikes have feature 1";
        EXPECT_LT(feature1 * 10, spikes * 6) << "seed " << seed << ": " << feature1 << " of " << spikes << " spikes have feature 1";
    }
}

// The same measured by the fuzz run itself (FuzzReport::coverage): 1,000 cases with the default
// options on the correct core hit every input address and make every output neuron spike.
TEST(EventStream, FuzzRunWithDefaultOptionsCoversTheSmallCore) {
    const SpeckConfig cfg = small_config();
    auto sys = test::load_speck_design(test::speck_open_design(), cfg, 0, "np-gen-events");
    FuzzOptions o;
    FuzzReport rep = fuzz_equivalence(*sys, cfg, gen::stream_cases(cfg, o.max_events, o.seed), o);
    std::printf("%s\n%s\n", format_progress(rep.totals).c_str(), format_fuzz_coverage(rep.coverage).c_str());
    ASSERT_FALSE(rep.counterexample) << rep.message;
    EXPECT_EQ(rep.coverage.cases, 1000u);
    EXPECT_EQ(rep.coverage.addresses, 32u);
    EXPECT_EQ(rep.coverage.addresses_hit, 32u);
    EXPECT_EQ(rep.coverage.neurons, 8u);
    EXPECT_EQ(rep.coverage.neurons_spiked, 8u);
    EXPECT_GE(rep.coverage.spikes_per_case.size(), 10u);
    EXPECT_GT(rep.coverage.leak_ticks, 0u);
}

// At every size, 300 segments of a shape that draws its addresses at random range over the whole
// input map of any generated configuration: jointly for Uniform and LeakHeavy, per feature, x
// and y for the shapes that repeat one address or stay in one region or feature.
RC_GTEST_PROP(EventStream, SegmentsCoverTheInputMapAtEverySize, ()) {
    const SpeckConfig cfg = *gen::single_core_config();
    const CoreConfig& c = cfg.cores[0];
    const int size = *gen::uniform_in_range(0, rc::kNominalSize + 1);
    const StreamShape shape = *rc::gen::element(StreamShape::Uniform, StreamShape::LeakHeavy, StreamShape::Bursty,
                                                StreamShape::HotPixel, StreamShape::FeatureRun, StreamShape::Saturate);
    RC_TAG(gen::shape_name(shape));
    rc::Random random(*rc::gen::arbitrary<std::uint64_t>());
    const auto g = gen::segment(cfg, shape);
    std::set<Address> hit;
    std::set<std::uint32_t> features, xs, ys;
    for (int k = 0; k < 300; ++k)
        for (const ChipInput& in : g(random.split(), size).value()) {
            if (in.leak) continue;
            RC_ASSERT(in.core == c.id);
            RC_ASSERT(in.feature < c.in_channels && in.x < c.in_width && in.y < c.in_height);
            hit.insert({in.feature, in.x, in.y});
            features.insert(in.feature);
            xs.insert(in.x);
            ys.insert(in.y);
        }
    RC_ASSERT(features.size() == c.in_channels);
    RC_ASSERT(xs.size() == c.in_width);
    RC_ASSERT(ys.size() == c.in_height);
    if (shape == StreamShape::Uniform || shape == StreamShape::LeakHeavy)
        RC_ASSERT(hit.size() == std::size_t{c.in_channels} * c.in_width * c.in_height);
}

// Border segments stay on the borders and padding edges, and reach both ends of each axis.
RC_GTEST_PROP(EventStream, BorderSegmentsStayOnTheEdges, ()) {
    const SpeckConfig cfg = *gen::single_core_config();
    const CoreConfig& c = cfg.cores[0];
    auto edge = [](std::uint32_t v, std::uint32_t n, std::uint32_t kernel, std::uint32_t padding) {
        return v == padding || v < kernel || v + kernel >= n;
    };
    rc::Random random(*rc::gen::arbitrary<std::uint64_t>());
    const auto g = gen::segment(cfg, StreamShape::Borders);
    std::set<std::uint32_t> xs, ys;
    for (int k = 0; k < 200; ++k)
        for (const ChipInput& in : g(random.split(), *gen::uniform_in_range(0, rc::kNominalSize + 1)).value()) {
            RC_ASSERT(edge(in.x, c.in_width, c.kernel_x, c.padding_x));
            RC_ASSERT(edge(in.y, c.in_height, c.kernel_y, c.padding_y));
            xs.insert(in.x);
            ys.insert(in.y);
        }
    RC_ASSERT(xs.count(0) && xs.count(c.in_width - 1) && ys.count(0) && ys.count(c.in_height - 1));
}

// Any stream: at most max_events inputs, inside the input map, timestamps non-decreasing.
RC_GTEST_PROP(EventStream, StreamsAreWellFormed, ()) {
    const SpeckConfig cfg = *gen::single_core_config();
    const CoreConfig& c = cfg.cores[0];
    const std::size_t max_events = *gen::uniform_in_range<std::size_t>(1, 64);
    const auto stream = *gen::event_stream(cfg, max_events);
    RC_ASSERT(stream.size() <= max_events);
    std::int64_t t = 0;
    for (const ChipInput& in : stream) {
        RC_ASSERT(in.t >= t);
        t = in.t;
        if (!in.leak) RC_ASSERT(in.feature < c.in_channels && in.x < c.in_width && in.y < c.in_height);
    }
}

// A uniform draw at size 0 ranges as widely as at the nominal size, and shrinks to its minimum.
TEST(EventStream, UniformInRangeIgnoresTheSize) {
    for (int size : {0, 1, 4, 20, rc::kNominalSize}) {
        std::set<std::uint32_t> seen;
        for (std::uint64_t k = 0; k < 500; ++k) {
            rc::Shrinkable<std::uint32_t> s = gen::uniform_in_range<std::uint32_t>(3, 11)(rc::Random(k), size);
            seen.insert(s.value());
            if (s.value() != 3) {
                auto first = s.shrinks().next();
                ASSERT_TRUE(first);
                EXPECT_EQ(first->value(), 3u);
            }
        }
        EXPECT_EQ(seen.size(), 8u) << "size " << size;
        EXPECT_EQ(*seen.begin(), 3u);
        EXPECT_EQ(*seen.rbegin(), 10u);
    }
}

}  // namespace
}  // namespace np
