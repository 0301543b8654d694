// Bounded formal equivalence (checkers/equivalence_miter.hpp) of the shipped Speck core model
// examples/speck_core/speck_core_open.np against the reference emulator.
//
// The Z3 proofs run on a tiny configuration (1 input channel, 3x3 input map, 1 output channel, 2x2
// kernel: 4 neurons, threshold_high 3 so that one event can spike): on core_small.json a Z3
// proof for one input takes minutes (measured: 234 s, Release), so that configuration gets an
// honest bounded result from BMC here. The explicit back end of the same miter explores every
// stream and schedule exhaustively: four inputs on the tiny core (1.1 M states, about 6 s) and
// three on core_small.json (2.4 M states, about 20 s). Mutants must give a counterexample that
// the fuzz harness confirms.
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "checkers/equivalence_miter.hpp"
#include "../mutants/speck_design.hpp"

namespace np {
namespace {

SpeckConfig small_config() { return read_speck_config(std::string(NP_SOURCE_DIR) + "/examples/speck_core/core_small.json"); }

SpeckConfig tiny_config() {
    return parse_speck_config("tiny.json", R"({
  "options": {"overflow": "saturate", "clip": "after_spike", "leak_can_spike": false, "spike_test": ">="},
  "dvs": {"width": 3, "height": 3, "merge_polarity": true, "destinations": [{"core": 0}]},
  "cores": [{
    "id": 0, "input": [1, 3, 3], "output_channels": 1, "kernel": [2, 2], "stride": [1, 1], "padding": [0, 0],
    "weights": [[[[3, -2], [1, -5]]]], "biases": [-2], "threshold_high": 3, "threshold_low": -3,
    "return_to_zero": false, "leak": true, "initial_state": [0, 0, 0, 0],
    "destinations": [{"output": true, "pool": 1, "feature_shift": 0}]
  }]})");
}

std::uint32_t env_u32(const char* name, std::uint32_t dflt) {
    const char* v = std::getenv(name);
    return v ? static_cast<std::uint32_t>(std::strtoul(v, nullptr, 10)) : dflt;
}

MiterResult prove(const SpeckConfig& cfg, int mutant, std::uint32_t inputs, std::uint32_t depth, std::uint32_t every = 8,
                  const std::string& engine = "bmc") {
    auto sys = test::load_speck_design(test::speck_open_design(), cfg, mutant, "np-miter-config");
    MiterOptions o;
    o.engine = engine;
    o.max_inputs = inputs;
    o.max_depth = depth;
    o.check_every = every;
    MiterResult r = prove_equivalence(*sys, cfg, o);
    if (r.result.verdict == Verdict::Fail) {
        // The counterexample replays through the harness as a mismatch, independently of the miter.
        EquivalenceHarness h(*sys, complete_config(cfg));
        CaseRun again = h.replay(r.stream, r.schedule);
        EXPECT_TRUE(again.replay_error.empty()) << again.replay_error;
        EXPECT_FALSE(again.equivalent());
        EXPECT_LE(r.stream.size(), inputs);
    }
    return r;
}

TEST(EquivalenceMiter, TinyCoreIsEquivalentForEveryStreamOfOneInput) {
    // About 5 minutes on two shared cores: too slow for every CI run.
    if (!std::getenv("NP_MITER_PROOF")) GTEST_SKIP() << "set NP_MITER_PROOF=1 to run the proof (about 5 minutes)";
    MiterResult r = prove(tiny_config(), 0, 1, 200);
    EXPECT_EQ(r.result.verdict, Verdict::Pass) << r.result.message;
    EXPECT_NE(r.result.message.find("every stream of at most 1 input"), std::string::npos) << r.result.message;
}

TEST(EquivalenceMiter, SpikeTestMutantGivesAConfirmedCounterexample) {
    // MUTANT=3: spike test `>`; the weight 3 reaches threshold_high 3 exactly with one event.
    MiterResult r = prove(tiny_config(), 3, 1, 200);
    ASSERT_EQ(r.result.verdict, Verdict::Fail) << r.result.message;
    EXPECT_NE(r.result.message.find("confirmed by the fuzz harness"), std::string::npos) << r.result.message;
    ASSERT_TRUE(r.result.trace.has_value());
}

TEST(EquivalenceMiter, NoClipMutantGivesAConfirmedCounterexample) {
    // MUTANT=1: no clip at threshold_low; the weight -5 goes below -3 with one event.
    MiterResult r = prove(tiny_config(), 1, 1, 200);
    ASSERT_EQ(r.result.verdict, Verdict::Fail) << r.result.message;
    EXPECT_NE(r.result.message.find("final state"), std::string::npos) << r.result.message;
}

TEST(EquivalenceMiter, SmallCoreBoundedRunIsUnknownNotPass) {
    // A depth that cannot cover one event's processing: the result must say what was covered.
    MiterResult r = prove(small_config(), 0, env_u32("NP_MITER_INPUTS", 1), env_u32("NP_MITER_DEPTH", 16), 16);
    if (env_u32("NP_MITER_DEPTH", 16) == 16) {
        EXPECT_EQ(r.result.verdict, Verdict::Unknown) << r.result.message;
        EXPECT_NE(r.result.message.find("runs of up to 16 steps"), std::string::npos) << r.result.message;
    } else {
        EXPECT_NE(r.result.verdict, Verdict::Fail) << r.result.message;
        EXPECT_NE(r.result.verdict, Verdict::Error) << r.result.message;
    }
}

TEST(EquivalenceMiter, TinyCoreIsEquivalentForEveryStreamOfFourInputs) {
    MiterResult r = prove(tiny_config(), 0, 4, 0, 0, "explicit");
    ASSERT_EQ(r.result.verdict, Verdict::Pass) << r.result.message;
    EXPECT_NE(r.result.message.find("every stream of at most 4 inputs under every schedule"), std::string::npos);
    EXPECT_GT(r.result.states, 1'000'000u);  // 1,122,342 when measured
}

TEST(EquivalenceMiter, SmallCoreIsEquivalentForEveryStreamOfThreeInputs) {
    MiterResult r = prove(small_config(), 0, 3, 0, 0, "explicit");
    ASSERT_EQ(r.result.verdict, Verdict::Pass) << r.result.message;
    EXPECT_GT(r.result.states, 2'000'000u);  // 2,370,486 when measured
}

// Every mutant on core_small.json, streams of up to two inputs, explicit miter. A mutant whose
// fault the configuration cannot show is proved equivalent, and must be: padding 0 (mutant 8),
// pool 1 (14), channel 1's bias 0 (11: a leak on channel 0 only changes nothing else), weights of
// at most 3 in magnitude (6: no sum reaches the 16-bit limits in two inputs), and no membrane can
// stand below threshold_low before a spike test or at twice threshold_high within two inputs
// (9, 10). The fuzz suite catches those on random configurations (test_mutants.cpp).
TEST(EquivalenceMiter, ExplicitMiterOnEveryMutantOfTheSmallCore) {
    const std::set<int> shown = {1, 2, 3, 5, 7, 12, 13};
    for (int mutant = 1; mutant <= 14; ++mutant) {
        SCOPED_TRACE("MUTANT=" + std::to_string(mutant));
        MiterResult r = prove(small_config(), mutant, 2, 0, 0, "explicit");
        if (shown.count(mutant)) {
            EXPECT_EQ(r.result.verdict, Verdict::Fail) << r.result.message;
            EXPECT_NE(r.result.message.find("confirmed by the fuzz harness"), std::string::npos) << r.result.message;
        } else if (mutant == 4) {
            // The leak tick is never acknowledged: the core's pass re-arms forever.
            EXPECT_EQ(r.result.verdict, Verdict::Unknown) << r.result.message;
            EXPECT_NE(r.result.message.find("never ends"), std::string::npos) << r.result.message;
        } else {
            EXPECT_EQ(r.result.verdict, Verdict::Pass) << r.result.message;
        }
    }
}

// The explicit and the Z3 (BMC) back ends of one miter agree on the tiny core's mutants.
TEST(EquivalenceMiter, ExplicitAndBmcMitersAgreeOnMutants) {
    for (int mutant : {1, 3}) {
        SCOPED_TRACE("MUTANT=" + std::to_string(mutant));
        MiterResult e = prove(tiny_config(), mutant, 1, 0, 0, "explicit");
        MiterResult b = prove(tiny_config(), mutant, 1, 200);
        EXPECT_EQ(e.result.verdict, Verdict::Fail) << e.result.message;
        EXPECT_EQ(b.result.verdict, Verdict::Fail) << b.result.message;
    }
}

TEST(EquivalenceMiter, ExactOrderIsRefused) {
    auto sys = test::load_speck_design(test::speck_open_design(), tiny_config(), 0, "np-miter-config");
    MiterOptions o;
    o.binding.order = OutputOrder::Exact;
    EXPECT_THROW(prove_equivalence(*sys, tiny_config(), o), HarnessError);
}

}  // namespace
}  // namespace np
