// The mutation suite of the equivalence fuzzer (issue 7): seeded hardware bugs in the
// implementation model examples/speck_core/speck_core.np (parameter MUTANT, documented there).
// Every mutant must be caught by the fuzzer with random configurations (within a case budget)
// and its shrunk counterexample must have at most 8 inputs and must replay: the harness, run
// again on the recorded schedule, fails the same way, and the trace re-executes on the model.
// The test prints the mutation table (docs/fuzzing.md has the committed one).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "checkers/fuzz_run.hpp"
#include "generators/case_source.hpp"
#include "spec/read_speck_config.hpp"
#include "../mutants/speck_design.hpp"

namespace np {
namespace {

struct Mutant {
    int id;
    const char* name;
};

const Mutant kMutants[] = {
    {1, "no clip at threshold_low"},
    {2, "no reset after a spike"},
    {3, "spike test > instead of >="},
    {4, "missing acknowledge (leak tick)"},
    {5, "reset to zero instead of subtract"},
    {6, "wrap instead of saturate"},
    {7, "kernel footprint off by one"},
    {8, "padding edge: far-edge padding forgotten"},
    {9, "clip before the spike test"},
    {10, "double spike per update"},
    {11, "leak applied to channel 0 only"},
    {12, "arbiter drops an event"},
    {13, "FIFO overflow loses a spike"},
    {14, "pooling rounding error"},
    {15, "feature 1 acknowledged, not processed"},
    {16, "interior address (1, 2, 1) ignored"},
};

// Cases a mutant may take before the test fails; the table's worst is far below.
constexpr std::uint64_t kBudget = 20000;

class Mutants : public ::testing::TestWithParam<Mutant> {};

TEST_P(Mutants, CaughtAndShrunkToAtMostEightInputs) {
    const Mutant m = GetParam();
    test::DesignCache designs(test::speck_open_design(), m.id);
    FuzzOptions o;
    o.cases = kBudget;
    o.seed = 2024;
    o.max_events = 24;
    auto t0 = std::chrono::steady_clock::now();
    FuzzReport rep = fuzz_equivalence_configs(std::ref(designs), gen::config_cases(o.max_events, o.seed), o);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ASSERT_EQ(rep.verdict, Verdict::Fail) << "mutant " << m.id << " (" << m.name << ") not caught: " << rep.message;
    const FuzzCounterexample& cx = *rep.counterexample;
    EXPECT_LE(cx.stream.size(), 8u) << rep.message;
    // The counterexample replays: same failure on the recorded schedule, trace valid on the model.
    EquivalenceHarness h(*cx.design, cx.config);
    CaseRun again = h.replay(cx.stream, cx.run.fired);
    EXPECT_EQ(again.failure(), cx.run.failure());
    PropertyResult pr = h.result(cx.stream, cx.run);
    EXPECT_EQ(pr.verdict, Verdict::Fail) << pr.message;
    // The unmutated core passes the very same case.
    test::DesignCache good(test::speck_open_design(), 0);
    EquivalenceHarness hg(*good(cx.config), cx.config);
    CaseRun ok = hg.run(cx.stream, cx.policy);
    EXPECT_TRUE(ok.equivalent()) << ok.failure();
    std::printf("| %2d | %-42s | %6llu | %2zu -> %zu | %6llu | %6.2f s | %s\n", m.id, m.name,
                static_cast<unsigned long long>(cx.case_index + 1), cx.original_events, cx.stream.size(),
                static_cast<unsigned long long>(rep.totals.shrink_runs), secs, cx.run.failure().c_str());
}

INSTANTIATE_TEST_SUITE_P(Speck, Mutants, ::testing::ValuesIn(kMutants),
                         [](const ::testing::TestParamInfo<Mutant>& i) { return "mutant" + std::to_string(i.param.id); });

// Issue 20: the mutants that ignore inputs by address are caught on core_small.json by the fuzz
// run `neuroproof fuzz` makes with its default options (1,000 cases, seed 1, up to 32 inputs),
// and each shrinks to a single event the mutant ignores.
TEST(MutantsDefaultOptions, IgnoredFeatureAndIgnoredInteriorAddressAreCaught) {
    const SpeckConfig cfg = read_speck_config(std::string(NP_SOURCE_DIR) + "/examples/speck_core/core_small.json");
    for (int id : {15, 16}) {
        auto sys = test::load_speck_design(test::speck_open_design(), cfg, id);
        FuzzOptions o;
        FuzzReport rep = fuzz_equivalence(*sys, cfg, gen::stream_cases(cfg, o.max_events, o.seed), o);
        ASSERT_EQ(rep.verdict, Verdict::Fail) << "mutant " << id << " not caught: " << rep.message;
        const FuzzCounterexample& cx = *rep.counterexample;
        EXPECT_LT(cx.case_index, o.cases);
        ASSERT_EQ(cx.stream.size(), 1u) << rep.message;
        EXPECT_FALSE(cx.stream[0].leak);
        EXPECT_EQ(cx.stream[0].feature, 1u);
        if (id == 16) {
            EXPECT_EQ(std::make_pair(cx.stream[0].x, cx.stream[0].y), std::make_pair(2u, 1u));
        }
        std::printf("mutant %d: caught at case %llu (%zu -> %zu inputs): %s\n", id,
                    static_cast<unsigned long long>(cx.case_index + 1), cx.original_events, cx.stream.size(),
                    cx.run.failure().c_str());
    }
}

}  // namespace
}  // namespace np
