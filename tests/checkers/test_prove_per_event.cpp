// The per-event equivalence proof (checkers/prove_per_event.hpp) on
// examples/speck_core/speck_core_open.np: PASS for every stream of every length on the 4-neuron
// core (examples/speck_core/core_tiny.json) with a certificate that cvc5 and the z3 binary
// re-check; seeded bugs give a counterexample that the fuzz harness replays; a core that never
// comes to rest is never PASS (FAIL when the harness sees it livelock); limits and a missing memory binding are reported.
// (core_small.json and core_pool.json take minutes: bench/per_event.sh measures them.)
#include <gtest/gtest.h>

#include "checkers/prove_per_event.hpp"
#include "../mutants/speck_design.hpp"

namespace np {
namespace {

SpeckConfig tiny_config() { return read_speck_config(std::string(NP_SOURCE_DIR) + "/examples/speck_core/core_tiny.json"); }

PerEventResult prove(int mutant, PerEventOptions o = {}) {
    const SpeckConfig cfg = tiny_config();
    auto sys = test::load_speck_design(test::speck_open_design(), cfg, mutant, "np-per-event-config");
    PerEventResult r = prove_per_event_equivalence(*sys, cfg, o);
    if (r.miter.result.verdict == Verdict::Fail) {
        // The counterexample replays through the harness as a mismatch, independently of the proof.
        EquivalenceHarness h(*sys, complete_config(cfg));
        CaseRun again = h.replay(r.miter.stream, r.miter.schedule);
        EXPECT_TRUE(again.replay_error.empty()) << again.replay_error;
        EXPECT_FALSE(again.equivalent());
        EXPECT_FALSE(r.miter.stream.empty());
    }
    return r;
}

TEST(PerEvent, TinyCoreIsEquivalentForEveryStreamWithAConfirmedCertificate) {
    PerEventResult r = prove(0);
    const PropertyResult& p = r.miter.result;
    ASSERT_EQ(p.verdict, Verdict::Pass) << p.message;
    EXPECT_EQ(p.engine, "per-event");
    EXPECT_NE(p.message.find("every stream of every length"), std::string::npos) << p.message;
    EXPECT_NE(p.message.find("certificate confirmed"), std::string::npos) << p.message;
    ASSERT_TRUE(p.certificate.has_value());
    EXPECT_EQ(p.certificate->method, "per-event induction");
    // init, then per rest state the property in parts of at most 24 run ends and the coverage;
    // every check that ran said unsat
    EXPECT_EQ(p.certificate->obligations.front().name, "init");
    EXPECT_GE(p.certificate->obligations.size(), 1 + 2 * r.rest_states);
    EXPECT_EQ(p.certificate->obligations.back().name, "coverage-" + std::to_string(r.rest_states));
    ASSERT_FALSE(p.certificate->checks.empty());
    for (const ObligationCheck& c : p.certificate->checks)
        if (c.answer != "missing") EXPECT_EQ(c.answer, "unsat") << c.solver << " " << c.obligation;
    // One event makes at most 4 synaptic updates and 4 spikes through the FIFO: it settles.
    EXPECT_GT(r.settling_bound, 4u);
    EXPECT_LT(r.settling_bound, 100u);
    // The FIFO's pointers after an odd number of spikes are the second rest state.
    EXPECT_EQ(r.rest_states, 2u);
    EXPECT_NE(std::find(r.ignored_slots.begin(), r.ignored_slots.end(), "sink.count"), r.ignored_slots.end());
    EXPECT_NE(std::find(r.free_slots.begin(), r.free_slots.end(), "core.ex"), r.free_slots.end());
    EXPECT_EQ(std::find(r.free_slots.begin(), r.free_slots.end(), "core.phase"), r.free_slots.end());
}

TEST(PerEvent, SeededBugsGiveReplayedCounterexamples) {
    // 1: no clip (weight -5 goes below -3); 2: no reset; 3: spike test `>` (weight 3 meets
    // threshold 3); 7: kernel footprint one too wide.
    for (int mutant : {1, 2, 3, 7}) {
        SCOPED_TRACE("MUTANT=" + std::to_string(mutant));
        PerEventResult r = prove(mutant);
        EXPECT_EQ(r.miter.result.verdict, Verdict::Fail) << r.miter.result.message;
        EXPECT_NE(r.miter.result.message.find("the per-event step fails"), std::string::npos) << r.miter.result.message;
    }
}

TEST(PerEvent, ACoreThatNeverComesToRestFailsWithTheHarnessesLivelock) {
    // 4: a leak tick is never acknowledged; the core's leak pass re-arms forever. No rest state
    // follows, so nothing is proved; the fuzz harness sees the livelock from the initial state.
    PerEventResult r = prove(4);
    EXPECT_EQ(r.miter.result.verdict, Verdict::Fail) << r.miter.result.message;
    EXPECT_NE(r.miter.result.message.find("does not settle"), std::string::npos) << r.miter.result.message;
    EXPECT_FALSE(r.miter.result.certificate.has_value());
}

TEST(PerEvent, ABugOnlyOverlappingInputsShowIsFail) {
    // 12: while a leak tick holds the mutex, a waiting event is acknowledged without being
    // processed. Offered at rest, every input is right (the induction holds); the bounded miter
    // over every schedule of two inputs finds the overlap.
    PerEventResult r = prove(12);
    EXPECT_EQ(r.miter.result.verdict, Verdict::Fail) << r.miter.result.message;
    EXPECT_NE(r.miter.result.message.find("offers an input while the design is busy"), std::string::npos) << r.miter.result.message;
}

TEST(PerEvent, AStepThatFailsNearTheSixteenBitLimitIsFoundByRepeatingItsInput) {
    // 6: wrap-around instead of saturation. With weight 127 and threshold_high 32767 the step
    // fails from v[0] > 32640, 258 events of one address away from the initial memory.
    SpeckConfig cfg = tiny_config();
    cfg.cores[0].weights[0] = 127;
    cfg.cores[0].threshold_high = 32767;
    auto sys = test::load_speck_design(test::speck_open_design(), cfg, 6, "np-per-event-config");
    PerEventResult r = prove_per_event_equivalence(*sys, cfg);
    ASSERT_EQ(r.miter.result.verdict, Verdict::Fail) << r.miter.result.message;
    EXPECT_GT(r.miter.stream.size(), 250u);
    EquivalenceHarness h(*sys, complete_config(cfg));
    EXPECT_FALSE(h.replay(r.miter.stream, r.miter.schedule).equivalent());
}

TEST(PerEvent, LimitsGiveUnknown) {
    PerEventOptions few;
    few.max_states = 50;
    PerEventResult r = prove(0, few);
    EXPECT_EQ(r.miter.result.verdict, Verdict::Unknown) << r.miter.result.message;
    EXPECT_NE(r.miter.result.message.find("state limit of 50"), std::string::npos) << r.miter.result.message;
    PerEventOptions shallow;
    shallow.max_depth = 5;
    r = prove(0, shallow);  // (the harness sees that input settle: not a FAIL)
    EXPECT_EQ(r.miter.result.verdict, Verdict::Unknown) << r.miter.result.message;
    EXPECT_NE(r.miter.result.message.find("within 5 steps"), std::string::npos) << r.miter.result.message;
}

TEST(PerEvent, TheNeuronMemoryMustBeBound) {
    const SpeckConfig cfg = tiny_config();
    auto sys = test::load_speck_design(test::speck_open_design(), cfg, 0, "np-per-event-config");
    PerEventOptions o;
    o.binding.state = "";
    EXPECT_THROW(prove_per_event_equivalence(*sys, cfg, o), HarnessError);
}

}  // namespace
}  // namespace np
