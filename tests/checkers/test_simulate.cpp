// The simulation engine and the activity report: settling between inputs, receptiveness and
// livelock detection, reproducible random schedules, per-component accounting.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <set>

#include "checkers/activity_report.hpp"
#include "checkers/simulate.hpp"
#include "spec/load_system.hpp"
#include "spec/read_input_stream.hpp"
#include "tests/support/error_corpus.hpp"

namespace np {
namespace {

System fixture(const std::string& name) {
    return load_system((test::source_dir() / "tests/fixtures/quiescence" / name).string());
}

TEST(Simulate, PulsePerRequestActivity) {
    System sys = fixture("pulse_per_request.g");
    auto inputs = parse_input_stream(sys, "s.txt", "# two handshakes\nreq+\nreq-\nreq+ * 1\nreq-\n");
    ASSERT_EQ(inputs.size(), 4u);
    Scheduler sch = Scheduler::random(1);
    SimulationResult r = simulate(sys, inputs, sch);
    EXPECT_EQ(r.stopped, "");
    ASSERT_EQ(r.per_input.size(), 4u);
    EXPECT_EQ(r.per_input[0].local_firings, 3u);  // x+ x- ack+
    EXPECT_EQ(r.per_input[1].local_firings, 1u);  // ack-
    ActivityReport a = activity_report(sys, r);
    EXPECT_EQ(a.inputs, 4u);
    EXPECT_EQ(a.local_firings, 8u);
    EXPECT_DOUBLE_EQ(a.firings_per_input(), 2.0);  // = K* of the quiescence check
    EXPECT_EQ(a.max_firings_per_input, 3u);        // = its settling bound B
    ASSERT_EQ(a.by_component.size(), 1u);
    EXPECT_NE(format_activity_report(a).find("(top)"), std::string::npos);
}

TEST(Simulate, NotReceptiveAndLivelock) {
    System deaf = fixture("deaf.g");
    Scheduler s1 = Scheduler::random(3);
    SimulationResult r = simulate(deaf, parse_input_stream(deaf, "s", "req+\nreq-\nreq+\n"), s1);
    EXPECT_EQ(r.stopped, "input 3 (req+) is not enabled in the quiescent state reached");
    System ring = fixture("ring_oscillator.g");
    Scheduler s2 = Scheduler::random(3);
    SimulationResult l = simulate(ring, parse_input_stream(ring, "s", "go+\n"), s2, {1000});
    EXPECT_NE(l.stopped.find("livelock"), std::string::npos) << l.stopped;
    EXPECT_EQ(l.run.steps.size(), 1001u);
}

TEST(Simulate, InputStreamErrorsAreLocated) {
    System sys = fixture("handshake.g");
    auto fails = [&](const std::string& text, const std::string& expected) {
        try {
            parse_input_stream(sys, "s.txt", text);
            ADD_FAILURE() << "accepted: " << text;
        } catch (const SourceError& e) {
            EXPECT_EQ(std::to_string(e.where().line) + ":" + std::to_string(e.where().col) + ": " + e.message(), expected);
        }
    };
    fails("req+\n  reqq+\n", "2:3: unknown transition 'reqq+'");
    fails("ack+\n", "1:1: 'ack+' is not an input transition (the environment fires only inputs)");
    fails("req+ * 0\n", "1:8: repeat count must be 1..16777216");
    fails("req+ * x\n", "1:8: repeat count must be 1..16777216");
    fails("req+ 3\n", "1:6: expected '* COUNT' or the end of the line");
    fails("req+ * 99999999999999999999\n", "1:8: repeat count must be 1..16777216");
    // Found by tests/fuzz/fuzz_streams: repeat counts that add up to gigabytes were stored first.
    fails("req+ * 16777216\nreq- * 1\n", "2:1: the stream exceeds 16777216 inputs");
    fails("req+ * 841843834\n", "1:8: repeat count must be 1..16777216");
}

RC_GTEST_PROP(SimulateProperty, RecordedChoicesReplayTheRun, ()) {
    // A fork's two outputs race after every request: a random schedule's recorded choices
    // reproduce the same run step for step.
    System sys = fixture("fork.g");
    std::string stream;
    int rounds = *rc::gen::inRange(0, 6);
    for (int k = 0; k < rounds; ++k) stream += "r+\nr-\n";
    auto inputs = parse_input_stream(sys, "s", stream);
    Scheduler random = Scheduler::random(*rc::gen::arbitrary<std::uint64_t>());
    SimulationResult a = simulate(sys, inputs, random);
    Scheduler replay = Scheduler::recorded(a.choices);
    SimulationResult b = simulate(sys, inputs, replay);
    RC_ASSERT(a.run.steps.size() == b.run.steps.size());
    for (std::size_t i = 0; i < a.run.steps.size(); ++i) RC_ASSERT(a.run.steps[i].transition == b.run.steps[i].transition);
    RC_ASSERT(a.stopped == b.stopped);
    RC_ASSERT(a.stopped.empty());
    RC_ASSERT(a.choices.size() == static_cast<std::size_t>(4 * rounds));
}

TEST(Simulate, SchedulesDecideTheOrderOfConcurrentOutputs) {
    System sys = fixture("fork.g");
    auto inputs = parse_input_stream(sys, "s", "r+\n");
    std::set<std::string> orders;
    for (std::uint32_t c : {0u, 1u}) {
        Scheduler s = Scheduler::recorded({c});
        SimulationResult r = simulate(sys, inputs, s);
        orders.insert(sys.transitions[r.run.steps[1].transition].name);
    }
    EXPECT_EQ(orders, (std::set<std::string>{"a+", "b+"}));
}

}  // namespace
}  // namespace np
