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
