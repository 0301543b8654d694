// Petri-net / STG compilation into the IR, and inference of initial signal values.
#include <gtest/gtest.h>

#include "model/compile_net.hpp"
#include "model/eval.hpp"

namespace np {
namespace {

// p0 -> a+ -> p1 -> a- -> p0, with a toggle and a dummy elsewhere.
PetriNet ring(bool minus_first) {
    PetriNet n;
    n.is_stg = true;
    n.name = "ring";
    n.places = {{"p0", 1}, {"p1", 0}};
    n.signals = {{"a", SignalKind::Output}};
    NetTransition up{"a+", {{0, 1}}, {{1, 1}}, {}, 0, Edge::Plus};
    NetTransition down{"a-", {{1, 1}}, {{0, 1}}, {}, 0, Edge::Minus};
    if (minus_first) std::swap(up.pre, down.pre), std::swap(up.post, down.post);
    n.transitions = {up, down};
    return n;
}

TEST(CompileNet, PlacesSignalsAndKinds) {
    System s = compile_net(ring(false));
    ASSERT_EQ(s.variables.size(), 3u);
    EXPECT_EQ(s.variables[0].role, VarRole::Place);
    EXPECT_TRUE(s.variables[0].type.is_bool());
    EXPECT_EQ(s.variables[2].name, "a");
    EXPECT_EQ(s.transitions[0].kind, TransitionKind::Output);
    EXPECT_NE(s.find_property("consistency"), nullptr);
    EXPECT_NE(s.find_property("deadlock"), nullptr);
    EXPECT_TRUE(s.find_property("safeness")->blocking);
    State init = s.initial_state();
    EXPECT_EQ(init, (State{1, 0, 0}));
    ASSERT_TRUE(enabled(s.transitions[0], init));
    EXPECT_FALSE(enabled(s.transitions[1], init));
    EXPECT_EQ(fire(s, s.transitions[0], init), (State{0, 1, 1}));
}

TEST(CompileNet, InfersInitialValueFromFirstTransition) {
    EXPECT_EQ(compile_net(ring(false)).initial_state()[2], 0u);  // a+ first: a starts at 0
    EXPECT_EQ(compile_net(ring(true)).initial_state()[2], 1u);   // a- first: a starts at 1
    PetriNet declared = ring(false);
    declared.signals[0].initial = true;                           // .initial state wins
    EXPECT_EQ(compile_net(declared).initial_state()[2], 1u);
}

TEST(CompileNet, DisagreeingFirstTransitionsWarn) {
    PetriNet n = ring(false);
    n.places[1].initial = 1;  // both a+ and a- enabled initially
    n.places[0].capacity = 2;
    n.places[1].capacity = 2;
    System s = compile_net(n);
    ASSERT_EQ(s.warnings.size(), 1u);
    EXPECT_NE(s.warnings[0].message.find("signal 'a' is inconsistent"), std::string::npos);
}

// 20 independent handshake rings, one token each: 2^20 markings, but every signal's first
// transition is enabled at the initial marking, so inference needs no more than one marking
// (issue 17: seq8 with such a marking spent 15 s and 1.5 GB building the whole graph).
TEST(CompileNet, InferenceStopsAsSoonAsEverySignalHasItsFirstTransition) {
    PetriNet n;
    n.is_stg = true;
    for (std::uint32_t i = 0; i < 20; ++i) {
        const std::uint32_t p0 = 2 * i, p1 = 2 * i + 1;
        n.places.push_back({"p" + std::to_string(p0), 1});
        n.places.push_back({"p" + std::to_string(p1), 0});
        n.signals.push_back({"s" + std::to_string(i), SignalKind::Output});
        const auto s = static_cast<std::int32_t>(i);
        n.transitions.push_back({"s" + std::to_string(i) + "+", {{p0, 1}}, {{p1, 1}}, {}, s, Edge::Plus});
        n.transitions.push_back({"s" + std::to_string(i) + "-", {{p1, 1}}, {{p0, 1}}, {}, s, Edge::Minus});
    }
    const System s = compile_net(n, CompileOptions{.max_inference_markings = 2});
    const State init = s.initial_state();
    for (std::uint32_t i = 0; i < 20; ++i) EXPECT_EQ(init[40 + i], 0u) << "s" << i;
    EXPECT_TRUE(s.warnings.empty());

    // A signal whose first transition lies beyond the limit is still refused, with the reason.
    PetriNet far = ring(false);
    far.places = {{"p0", 0}, {"p1", 0}, {"w0", 1}, {"w1", 0}, {"w2", 0}};
    far.transitions.push_back({"go0", {{2, 1}}, {{3, 1}}, {}, -1, Edge::None});
    far.transitions.push_back({"go1", {{3, 1}}, {{4, 1}}, {}, -1, Edge::None});
    far.transitions.push_back({"go2", {{4, 1}}, {{0, 1}}, {}, -1, Edge::None});
    EXPECT_EQ(compile_net(far).initial_state()[5], 0u);
    try {
        compile_net(far, CompileOptions{.max_inference_markings = 2});
        ADD_FAILURE() << "inference beyond the marking limit was accepted";
    } catch (const SourceError& e) {
        EXPECT_NE(std::string(e.what()).find("no transition of it within the first 2 reachable markings"), std::string::npos) << e.what();
    }
}

TEST(CompileNet, CountersWeightsReadArcsAndSafeness) {
    PetriNet n;
    n.places = {{"src", 3, 3}, {"dst", 0, 4}, {"flag", 1}};
    n.transitions = {{"move2", {{0, 2}}, {{1, 2}}, {2}}};
    System s = compile_net(n);
    EXPECT_EQ(s.variables[0].type, Type::uint(2));
    EXPECT_EQ(s.variables[1].type, Type::uint(3));
    EXPECT_EQ(s.find_property("consistency"), nullptr);  // plain nets have no signals
    State init = s.initial_state();
    ASSERT_TRUE(enabled(s.transitions[0], init));
    State next = fire(s, s.transitions[0], init);
    EXPECT_EQ(next, (State{1, 2, 1}));
    EXPECT_FALSE(enabled(s.transitions[0], next));
    const Property* safe = s.find_property("safeness");
    ASSERT_EQ(safe->clauses.size(), 1u);
    EXPECT_FALSE(holds(safe->clauses[0].bad, init));  // 0 + 2 <= 4
    EXPECT_TRUE(holds(safe->clauses[0].bad, State{3, 3, 1}));
}

TEST(CompileNet, RejectsMarkingAboveCapacity) {
    PetriNet n;
    n.places = {{"p", 2, 1}};
    EXPECT_THROW(compile_net(n), SourceError);
}

}  // namespace
}  // namespace np
