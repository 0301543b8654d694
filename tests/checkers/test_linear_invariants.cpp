// Linear invariants (checkers/linear_invariants.hpp) and the cone of influence
// (model/cone_of_influence.hpp) that strengthen k-induction: every invariant found holds in
// every reachable state (random Petri nets, whose P-semiflows are many, and random systems), its
// Z3 encoding agrees with integer arithmetic, and the cones are what their definition says.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "checkers/linear_invariants.hpp"
#include "checkers/state_graph.hpp"
#include "generators/gen_net.hpp"
#include "generators/gen_system.hpp"
#include "model/compile_net.hpp"
#include "model/cone_of_influence.hpp"
#include "spec/load_system.hpp"

namespace np {
namespace {

// Σ y·x over the raw slot values, exactly.
__int128 value_of(const LinearInvariant& inv, const State& s) {
    __int128 sum = 0;
    for (const auto& [x, y] : inv.terms) sum += static_cast<__int128>(y) * static_cast<__int128>(s[x]);
    return sum;
}

// Every invariant holds in every reachable state, in integers and in its Z3 encoding.
// Returns how many invariants were found.
std::size_t check_invariants(const System& sys) {
    z3::context ctx;
    TransitionRelation tr(ctx, sys);
    SymbolicOptions so;
    const std::vector<LinearInvariant> invs = find_linear_invariants(tr, Deadline(so));
    const StateGraph g = build_state_graph(sys);
    RC_PRE(g.complete);
    const ExprEncoder enc = tr.state("s");
    const z3::expr all = encode_linear_invariants(tr, invs, enc);
    z3::solver solver(ctx);
    for (std::uint32_t i = 0; i < g.size(); ++i) {
        const State s = g.state(i);
        for (const LinearInvariant& inv : invs) RC_ASSERT(value_of(inv, s) == static_cast<__int128>(inv.constant));
        if (i < 16) {  // the encoding, on a few states
            solver.push();
            solver.add(enc.equals(s));
            solver.add(!all);
            RC_ASSERT(solver.check() == z3::unsat);
            solver.pop();
        }
    }
    return invs.size();
}

RC_GTEST_PROP(LinearInvariants, HoldInEveryReachableStateOfRandomNets, ()) {
    PetriNet net = *gen::petri_net();
    System sys = compile_net(std::move(net));
    RC_TAG(check_invariants(sys) > 0 ? "with invariants" : "none");
}

RC_GTEST_PROP(LinearInvariants, HoldInEveryReachableStateOfRandomSystems, ()) {
    System sys = *gen::transition_system();
    RC_TAG(check_invariants(sys) > 0 ? "with invariants" : "none");
}

TEST(LinearInvariants, MullerPipelineHasItsTokenCounts) {
    System sys = load_system(std::string(NP_SOURCE_DIR) + "/examples/stg/muller_pipeline.g");
    z3::context ctx;
    TransitionRelation tr(ctx, sys);
    SymbolicOptions so;
    const auto invs = find_linear_invariants(tr, Deadline(so));
    ASSERT_FALSE(invs.empty());
    const StateGraph g = build_state_graph(sys);
    ASSERT_TRUE(g.complete);
    for (const LinearInvariant& inv : invs) {
        SCOPED_TRACE(to_string(sys, inv));
        for (std::uint32_t i = 0; i < g.size(); ++i) EXPECT_TRUE(value_of(inv, g.state(i)) == inv.constant);
    }
}

TEST(ConeOfInfluence, SignalsOfAnStgAreOutsideTheDeadlockCone) {
    System sys = load_system(std::string(NP_SOURCE_DIR) + "/examples/stg/muller_pipeline.g");
    const std::vector<bool> cone = cone_of_influence(sys, *sys.find_property("deadlock"));
    std::size_t places = 0;
    for (const Variable& v : sys.variables) {
        SCOPED_TRACE(v.name);
        if (v.role == VarRole::Signal) {
            EXPECT_FALSE(cone[v.slot]);
        }
        if (v.role == VarRole::Place) {
            EXPECT_TRUE(cone[v.slot]);
            ++places;
        }
    }
    EXPECT_GT(places, 0u);
    // Consistency reads the signals: they are in its cone.
    const std::vector<bool> c2 = cone_of_influence(sys, *sys.find_property("consistency"));
    for (const Variable& v : sys.variables)
        if (v.role == VarRole::Signal) {
            EXPECT_TRUE(c2[v.slot]) << v.name;
        }
}

TEST(ConeOfInfluence, ClosedUnderWritersGuardsAndValues) {
    // a is read by the property; t1 writes a from b under a guard on c; d is never read.
    System sys;
    sys.name = "cone";
    auto var = [&](const char* name) {
        Variable v;
        v.name = name;
        v.type = Type::uint(2);
        v.init = {0};
        return sys.add_variable(std::move(v));
    };
    const std::uint32_t a = var("a"), b = var("b"), c = var("c"), d = var("d");
    Transition t1;
    t1.name = "t1";
    t1.guard = mk_binary(Op::Eq, sys.var(c), mk_const(Type::uint(2), 1));
    t1.updates.push_back({a, nullptr, sys.var(b)});
    Transition t2;
    t2.name = "t2";
    t2.guard = mk_binary(Op::Eq, sys.var(d), mk_const(Type::uint(2), 0));
    t2.updates.push_back({d, nullptr, mk_binary(Op::Add, sys.var(d), mk_const(Type::uint(2), 1))});
    sys.transitions = {t1, t2};
    Property p;
    p.name = "invariant:a";
    p.clauses.push_back({-1, mk_binary(Op::Eq, sys.var(a), mk_const(Type::uint(2), 3)), "a = 3", {}});
    sys.properties.push_back(p);
    const std::vector<bool> cone = cone_of_influence(sys, p);
    EXPECT_TRUE(cone[sys.variables[a].slot]);
    EXPECT_TRUE(cone[sys.variables[b].slot]);
    EXPECT_TRUE(cone[sys.variables[c].slot]);
    EXPECT_FALSE(cone[sys.variables[d].slot]);
    Property dl;
    dl.name = "deadlock";
    dl.kind = PropertyKind::Deadlock;
    EXPECT_TRUE(cone_of_influence(sys, dl)[sys.variables[d].slot]);  // t2's guard decides deadlock
}

}  // namespace
}  // namespace np
