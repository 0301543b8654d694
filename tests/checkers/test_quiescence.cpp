// Quiescence Q1–Q4 (DESIGN §3) on the explicit state graph: hand-made passing designs with their
// settling bound B and activity bound K* asserted, and one mutant per part, each failing exactly
// that part with a replayed counterexample.
#include <gtest/gtest.h>

#include "checkers/check_quiescence.hpp"
#include "spec/load_system.hpp"
#include "tests/support/error_corpus.hpp"

namespace np {
namespace {

QuiescenceReport run(const std::string& rel, QuiescenceRequirements req = {}) {
    System sys = load_system((test::source_dir() / rel).string());
    StateGraph g = build_state_graph(sys);
    EXPECT_TRUE(g.complete) << g.incomplete_reason;
    return check_quiescence(g, req);
}

std::vector<std::string> step_names(const System& sys, const Trace& t, std::size_t from = 0) {
    std::vector<std::string> v;
    for (std::size_t i = from; i < t.steps.size(); ++i) v.push_back(sys.transitions[t.steps[i].transition].name);
    return v;
}

TEST(Quiescence, HandshakeSettlesInOneStepWithOneLocalFiringPerInput) {
    QuiescenceReport r = run("tests/fixtures/quiescence/handshake.g");
    EXPECT_EQ(r.result.verdict, Verdict::Pass) << r.result.message;
    EXPECT_TRUE(r.q1 && r.q2 && r.q3);
    EXPECT_EQ(r.settling_bound, 1u);
    EXPECT_EQ(r.burst_energy, 1u);
    EXPECT_EQ(r.k_energy, 2u);
    EXPECT_EQ(r.k_inputs, 2u);
    EXPECT_DOUBLE_EQ(r.k_star(), 1.0);
    EXPECT_NE(r.result.message.find("B = 1"), std::string::npos) << r.result.message;
}

TEST(Quiescence, MullerPipeline) {
    // After rin+ the two C-elements fire in turn (c1+ c2+): B = 2; per full cycle four inputs
    // (rin+- aout+-) and four local firings (c1+- c2+-): K* = 1.
    QuiescenceReport r = run("examples/stg/muller_pipeline.g");
    EXPECT_EQ(r.result.verdict, Verdict::Pass) << r.result.message;
    EXPECT_EQ(r.settling_bound, 2u);
    EXPECT_DOUBLE_EQ(r.k_star(), 1.0);
    ASSERT_TRUE(r.settling_witness);
    System sys = load_system((test::source_dir() / "examples/stg/muller_pipeline.g").string());
    auto w = step_names(sys, *r.settling_witness);
    ASSERT_GE(w.size(), 2u);
    EXPECT_EQ(std::vector<std::string>(w.end() - 2, w.end()), (std::vector<std::string>{"c1+", "c2+"}));
}

TEST(Quiescence, RingOscillatorFailsQ2WithALasso) {
    QuiescenceReport r = run("tests/fixtures/quiescence/ring_oscillator.g");
    ASSERT_EQ(r.result.verdict, Verdict::Fail) << r.result.message;
    EXPECT_TRUE(r.q1);
    EXPECT_FALSE(r.q2);
    System sys = load_system((test::source_dir() / "tests/fixtures/quiescence/ring_oscillator.g").string());
    ASSERT_TRUE(r.result.trace);
    EXPECT_EQ(r.loop_start, 1);  // prefix: go+
    EXPECT_EQ(step_names(sys, *r.result.trace), (std::vector<std::string>{"go+", "a+", "b+", "a-", "b-"}));
    EXPECT_EQ(replay_quiescence(sys, *r.result.trace, "Q2", r.loop_start), "");
    EXPECT_NE(r.result.message.find("Q2 fails"), std::string::npos);
}

TEST(Quiescence, SelfRetriggeringLastStageFailsQ2) {
    QuiescenceReport r = run("tests/fixtures/quiescence/pipeline_retrigger.g");
    ASSERT_EQ(r.result.verdict, Verdict::Fail) << r.result.message;
    EXPECT_FALSE(r.q2);
    System sys = load_system((test::source_dir() / "tests/fixtures/quiescence/pipeline_retrigger.g").string());
    EXPECT_EQ(step_names(sys, *r.result.trace, static_cast<std::size_t>(r.loop_start)),
              (std::vector<std::string>{"c2+", "aout+", "c2-", "aout-"}));
    EXPECT_EQ(step_names(sys, *r.result.trace, 0).front(), "rin+");
}

TEST(Quiescence, DeafDesignFailsQ3) {
    QuiescenceReport r = run("tests/fixtures/quiescence/deaf.g");
    ASSERT_EQ(r.result.verdict, Verdict::Fail) << r.result.message;
    EXPECT_TRUE(r.q1 && r.q2);
    EXPECT_FALSE(r.q3);
    EXPECT_EQ(r.result.trace->steps.size(), 4u);
    EXPECT_NE(r.result.message.find("Q3 fails"), std::string::npos);
}

TEST(Quiescence, SwitchingFromResetFailsQ1) {
    QuiescenceReport r = run("tests/fixtures/quiescence/switching_from_reset.g");
    ASSERT_EQ(r.result.verdict, Verdict::Fail) << r.result.message;
    EXPECT_FALSE(r.q1);
    EXPECT_TRUE(r.result.trace->steps.empty());
    EXPECT_NE(r.result.message.find("enabled: a+"), std::string::npos) << r.result.message;
}

TEST(Quiescence, ActivityBoundK) {
    QuiescenceReport ok = run("tests/fixtures/quiescence/pulse_per_request.g", {std::nullopt, Ratio::of(2)});
    EXPECT_EQ(ok.result.verdict, Verdict::Pass) << ok.result.message;
    EXPECT_EQ(ok.settling_bound, 3u);
    EXPECT_EQ(ok.burst_energy, 3u);
    EXPECT_DOUBLE_EQ(ok.k_star(), 2.0);
    EXPECT_EQ(ok.q4, true);
    QuiescenceReport bad = run("tests/fixtures/quiescence/pulse_per_request.g", {std::nullopt, Ratio::of(1)});
    ASSERT_EQ(bad.result.verdict, Verdict::Fail) << bad.result.message;
    EXPECT_EQ(bad.q4, false);
    EXPECT_TRUE(bad.q1 && bad.q2 && bad.q3);
    System sys = load_system((test::source_dir() / "tests/fixtures/quiescence/pulse_per_request.g").string());
    EXPECT_EQ(replay_quiescence(sys, *bad.result.trace, "Q4", bad.loop_start, Ratio::of(1)), "");
    EXPECT_NE(replay_quiescence(sys, *bad.result.trace, "Q4", bad.loop_start, Ratio::of(2)), "");  // K = 2 is met
}

TEST(Quiescence, SettlingBoundWithin) {
    EXPECT_EQ(run("tests/fixtures/quiescence/pulse_per_request.g", {3, std::nullopt}).result.verdict, Verdict::Pass);
    QuiescenceReport bad = run("tests/fixtures/quiescence/pulse_per_request.g", {2, std::nullopt});
    ASSERT_EQ(bad.result.verdict, Verdict::Fail) << bad.result.message;
    System sys = load_system((test::source_dir() / "tests/fixtures/quiescence/pulse_per_request.g").string());
    EXPECT_EQ(step_names(sys, *bad.result.trace), (std::vector<std::string>{"req+", "x+", "x-", "ack+"}));
}

TEST(Quiescence, IncompleteGraphGivesUnknown) {
    System sys = load_system((test::source_dir() / "examples/stg/muller_pipeline.g").string());
    StateGraph g = build_state_graph(sys, {5, 0, 0});
    EXPECT_FALSE(g.complete);
    QuiescenceReport r = check_quiescence(g);
    EXPECT_EQ(r.result.verdict, Verdict::Unknown) << r.result.message;
    EXPECT_NE(r.result.message.find("state limit"), std::string::npos);
}

}  // namespace
}  // namespace np

namespace np {
namespace {

System speck_core(std::int64_t mutant) {
    LoadOptions o;
    if (mutant) o.elaborate.parameters.push_back({"MUTANT", mutant});
    return load_system((test::source_dir() / "examples/speck_core/speck_core.np").string(), o);
}

TEST(Quiescence, SpeckCoreSettlesAfterEveryInput) {
    System sys = speck_core(0);
    StateGraph g = build_state_graph(sys);
    ASSERT_TRUE(g.complete) << g.incomplete_reason;
    QuiescenceReport r = check_quiescence(g);
    EXPECT_EQ(r.result.verdict, Verdict::Pass) << r.result.message;
    EXPECT_TRUE(r.q1 && r.q2 && r.q3);
    EXPECT_EQ(r.settling_bound, 29u);  // a leak pass over 8 neurons with the arbiter and the acknowledge
    EXPECT_DOUBLE_EQ(r.k_star(), 6.5);
    // The design declares `quiescent`, so `check` runs it by default.
    bool declared = false;
    for (const RequestedCheck& c : sys.requested_checks) declared = declared || c.name == "quiescence";
    EXPECT_TRUE(declared);
}

TEST(Quiescence, SpeckCoreWhoseLeakPathReArmsItselfFailsQ2) {
    System sys = speck_core(4);  // mutant 4: the leak tick is never acknowledged, the pass restarts
    QuiescenceReport r = check_quiescence(build_state_graph(sys));
    ASSERT_EQ(r.result.verdict, Verdict::Fail) << r.result.message;
    EXPECT_FALSE(r.q2);
    ASSERT_TRUE(r.result.trace);
    EXPECT_EQ(replay_quiescence(sys, *r.result.trace, "Q2", r.loop_start), "");
    bool leak_in_cycle = false;
    for (std::size_t i = static_cast<std::size_t>(r.loop_start); i < r.result.trace->steps.size(); ++i)
        leak_in_cycle = leak_in_cycle || sys.transitions[r.result.trace->steps[i].transition].name == "core.leak_start";
    EXPECT_TRUE(leak_in_cycle);
}

}  // namespace
}  // namespace np

#include "checkers/symbolic_quiescence.hpp"

namespace np {
namespace {

TEST(QuiescenceSymbolic, SettlingAndBurstBoundsWithTheMonitor) {
    System sys = load_system((test::source_dir() / "tests/fixtures/quiescence/pulse_per_request.g").string());
    SymbolicOptions o;
    o.certificates = SymbolicOptions::Certificates::None;
    // B = 3 and burst energy 3 (explicit: K* = 2): proved with B = 3, K = 3.
    PropertyResult ok = check_quiescence_symbolic(sys, "kind", 3, Ratio::of(3), o);
    EXPECT_EQ(ok.verdict, Verdict::Pass) << ok.message;
    // B = 2 is too small: a replayed local-only run of 3 firings after req+.
    PropertyResult b = check_quiescence_symbolic(sys, "bmc", 2, std::nullopt, o);
    ASSERT_EQ(b.verdict, Verdict::Fail) << b.message;
    EXPECT_EQ(b.trace->steps.size(), 4u);
    EXPECT_EQ(b.trace->initial.size(), sys.slot_count);  // projected back onto the design
    // K = 2 equals K*, but a burst of 3 exceeds it: not decidable this way, so UNKNOWN, not FAIL.
    PropertyResult k = check_quiescence_symbolic(sys, "bmc", 3, Ratio::of(2), o);
    EXPECT_EQ(k.verdict, Verdict::Unknown) << k.message;
    ASSERT_EQ(k.witnesses.size(), 1u);
    // A design that switches from reset fails Q1 without any engine.
    System q1 = load_system((test::source_dir() / "tests/fixtures/quiescence/switching_from_reset.g").string());
    EXPECT_EQ(check_quiescence_symbolic(q1, "spacer", 5, std::nullopt, o).verdict, Verdict::Fail);
    // A ring oscillator exceeds every bound: Spacer finds the run.
    System ring = load_system((test::source_dir() / "tests/fixtures/quiescence/ring_oscillator.g").string());
    EXPECT_EQ(check_quiescence_symbolic(ring, "bmc", 6, std::nullopt, o).verdict, Verdict::Fail);
}

}  // namespace
}  // namespace np
