// The explicit engine on hand-built systems with hand-computed verdicts, traces and limits.
#include <gtest/gtest.h>

#include "checkers/explicit_search.hpp"
#include "checkers/replay_trace.hpp"
#include "model/compile_net.hpp"
#include "model/eval.hpp"

namespace np {
namespace {

// x counts 0..limit in steps of 1 or 2 and stops: states 0..limit, deadlock at `limit` (and
// at limit-1 when the +2 step would overshoot: guarded).
System counter(std::uint64_t limit) {
    System s;
    s.name = "counter";
    std::uint32_t x = s.add_variable({"x", Type::uint(8)});
    Expr xv = s.var(x);
    auto k = [](std::uint64_t v) { return mk_const(Type::uint(8), v); };
    s.transitions.push_back({"inc1", TransitionKind::Internal, mk_binary(Op::Lt, xv, k(limit)),
                             {{x, nullptr, mk_binary(Op::Add, xv, k(1))}}});
    s.transitions.push_back({"inc2", TransitionKind::Input, mk_binary(Op::Lt, xv, k(limit - 1)),
                             {{x, nullptr, mk_binary(Op::Add, xv, k(2))}}});
    s.properties.push_back({"deadlock", PropertyKind::Deadlock});
    s.properties.push_back({"invariant:small", PropertyKind::Invariant,
                            {{-1, mk_binary(Op::Gt, xv, k(5)), "x exceeds 5"}}});
    return s;
}

std::vector<const Property*> all(const System& s) {
    std::vector<const Property*> v;
    for (const Property& p : s.properties) v.push_back(&p);
    return v;
}

TEST(ExplicitSearch, ShortestCounterexamples) {
    System s = counter(10);
    auto r = check_explicit(s, all(s));
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[0].verdict, Verdict::Fail);
    ASSERT_TRUE(r[0].trace);
    EXPECT_EQ(r[0].trace->steps.size(), 5u);  // 0 -> 2 -> 4 -> 6 -> 8 -> 10
    EXPECT_EQ(r[0].trace->final_state(), State{10});
    EXPECT_EQ(r[1].verdict, Verdict::Fail);
    EXPECT_EQ(r[1].trace->steps.size(), 3u);  // 0 -> 2 -> 4 -> 6 > 5
    EXPECT_EQ(r[1].trace->final_state(), State{6});
    EXPECT_EQ(r[1].trace->violation, "x exceeds 5");
    EXPECT_TRUE(replay_trace(s, s.properties[1], *r[1].trace).empty());
}

TEST(ExplicitSearch, PassNeedsCompleteSearch) {
    System s = counter(4);
    s.transitions.push_back({"reset", TransitionKind::Internal, mk_binary(Op::Eq, s.var(0), mk_const(Type::uint(8), 4)),
                             {{0, nullptr, mk_const(Type::uint(8), 0)}}});
    auto r = check_explicit(s, all(s));
    EXPECT_EQ(r[0].verdict, Verdict::Pass);
    EXPECT_EQ(r[0].states, 5u);
    EXPECT_EQ(r[0].depth, 2u);  // 4 is reached in two +2 steps
    EXPECT_EQ(r[1].verdict, Verdict::Pass);

    ExplicitOptions limited;
    limited.limits.max_states = 2;
    auto u = check_explicit(s, all(s), limited);
    EXPECT_EQ(u[0].verdict, Verdict::Unknown);
    EXPECT_NE(u[0].message.find("--max-states"), std::string::npos) << u[0].message;
    EXPECT_NE(u[0].message.find("no violation in"), std::string::npos);
}

TEST(ExplicitSearch, ReplayRejectsForgedTraces) {
    System s = counter(10);
    auto r = check_explicit(s, all(s));
    Trace forged = *r[1].trace;
    forged.steps[1].transition = 0;  // claims inc1 leads 2 -> 4
    EXPECT_FALSE(replay_trace(s, s.properties[1], forged).empty());
    Trace short_trace = *r[1].trace;
    short_trace.steps.pop_back();  // ends in x = 4: no violation
    EXPECT_FALSE(replay_trace(s, s.properties[1], short_trace).empty());
    Trace not_dead = *r[0].trace;
    not_dead.steps.pop_back();
    EXPECT_FALSE(replay_trace(s, s.properties[0], not_dead).empty());
}

// An unsafe net: t moves the token from a to b while also putting one on c; u puts a second
// token on c. Exploration cannot represent two tokens in c: safeness FAILs, and deadlock
// freedom (which holds in the explored part) is UNKNOWN, never PASS.
TEST(ExplicitSearch, UnsafeNetIsReportedNotTruncated) {
    PetriNet n;
    n.name = "unsafe";
    n.places = {{"a", 1}, {"b", 0}, {"c", 0}};
    n.transitions = {{"t", {{0, 1}}, {{1, 1}, {2, 1}}}, {"u", {{1, 1}}, {{0, 1}, {2, 1}}}};
    System s = compile_net(n);
    auto r = check_explicit(s, {s.find_property("deadlock"), s.find_property("safeness")});
    EXPECT_EQ(r[1].verdict, Verdict::Fail);
    EXPECT_EQ(r[1].trace->steps.size(), 1u);
    EXPECT_EQ(s.transitions[r[1].trace->violating_transition].name, "u");
    EXPECT_NE(r[1].message.find("place 'c'"), std::string::npos);
    EXPECT_EQ(r[0].verdict, Verdict::Unknown);
    EXPECT_NE(r[0].message.find("incomplete"), std::string::npos) << r[0].message;

    // With room for the tokens the net is explored fully: c saturates at... never: it grows
    // without bound, so capacity 3 fails later, at the firing that would put a 4th token.
    for (Place& p : n.places) p.capacity = 3;
    System s3 = compile_net(n);
    auto r3 = check_explicit(s3, {s3.find_property("safeness")});
    EXPECT_EQ(r3[0].verdict, Verdict::Fail);
    EXPECT_EQ(r3[0].trace->steps.size(), 3u);
}

TEST(ExplicitSearch, TimeoutGivesUnknown) {
    // 2^20 states of a free 20-bit counter with a timeout of zero-ish seconds.
    System s;
    std::uint32_t x = s.add_variable({"x", Type::uint(20)});
    s.transitions.push_back({"inc", TransitionKind::Internal, mk_bool(true),
                             {{x, nullptr, mk_binary(Op::Add, s.var(x), mk_const(Type::uint(20), 1))}}});
    s.properties.push_back({"deadlock", PropertyKind::Deadlock});
    ExplicitOptions o;
    o.limits.timeout_seconds = 1e-9;
    auto r = check_explicit(s, all(s), o);
    EXPECT_EQ(r[0].verdict, Verdict::Unknown);
    EXPECT_NE(r[0].message.find("--timeout"), std::string::npos);
    auto full = check_explicit(s, all(s));
    EXPECT_EQ(full[0].verdict, Verdict::Pass);
    EXPECT_EQ(full[0].states, 1u << 20);
}

}  // namespace
}  // namespace np
