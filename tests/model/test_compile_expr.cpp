// The compiled evaluator (model/compile_expr.hpp) against the tree walk (model/eval.hpp): equal
// values on random expressions and states, on expressions that share subterms across branches
// (the register reuse rule), and equal successors on random transition systems.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "generators/gen_expr.hpp"
#include "generators/gen_system.hpp"
#include "model/compile_expr.hpp"
#include "model/eval.hpp"
#include "spec/load_system.hpp"
#include "tests/support/error_corpus.hpp"

namespace np {
namespace {

RC_GTEST_PROP(CompileExpr, AgreesWithTheTreeWalk, ()) {
    const System sys = *gen::small_system();
    const Type t = *gen::type();
    const Expr e = *gen::expr(sys, t, 5);
    const Expr b = *gen::expr(sys, Type::boolean(), 5);
    ExprProgram p;
    const std::uint32_t r = p.add(e);
    const std::uint32_t rb = p.add(b);
    std::vector<std::uint64_t> regs;
    for (int k = 0; k < 8; ++k) {
        const State s = *gen::state(sys);
        p.run(s, regs);
        RC_ASSERT(regs[r] == eval(e, s));
        RC_ASSERT(regs[rb] == eval(b, s));
    }
}

// A subterm lowered inside one branch of an Ite/And/Or and used again outside it (or in the other
// branch) must be recomputed there: the branch that computed it may have been skipped.
RC_GTEST_PROP(CompileExpr, SharedSubtermsAcrossBranches, ()) {
    const System sys = *gen::small_system();
    const Type t = *gen::type();
    const Expr shared = *gen::expr(sys, t, 3);
    const Expr c1 = *gen::expr(sys, Type::boolean(), 3);
    const Expr c2 = *gen::expr(sys, Type::boolean(), 2);
    const Expr other = *gen::expr(sys, t, 2);
    const Expr inner = mk_ite(c1, shared, other);
    const Expr guarded = mk_binary(Op::And, c2, mk_binary(Op::Eq, shared, other));
    const Expr e = mk_ite(guarded, mk_ite(c2, other, inner), mk_ite(c1, inner, shared));
    const Expr again = mk_binary(Op::Or, mk_binary(Op::Eq, inner, shared), guarded);
    ExprProgram p;
    const std::uint32_t r1 = p.add(e);
    const std::uint32_t r2 = p.add(again);
    const std::uint32_t r3 = p.add(shared);
    std::vector<std::uint64_t> regs;
    for (int k = 0; k < 4; ++k) {
        const State s = *gen::state(sys);
        p.run(s, regs);
        RC_ASSERT(regs[r1] == eval(e, s));
        RC_ASSERT(regs[r2] == eval(again, s));
        RC_ASSERT(regs[r3] == eval(shared, s));
    }
}

RC_GTEST_PROP(CompileExpr, TransitionsAgreeWithFire, ()) {
    gen::SystemShape shape;
    shape.max_arrays = 2;
    shape.expr_depth = 3;
    const System sys = *gen::transition_system(shape);
    const CompiledTransitions ct(sys);
    RC_ASSERT(ct.size() == sys.transitions.size());
    std::vector<std::uint64_t> regs;
    for (int k = 0; k < 4; ++k) {
        const State s = *gen::state(sys);
        for (std::uint32_t t = 0; t < sys.transitions.size(); ++t) {
            RC_ASSERT(ct.enabled(t, s, regs) == enabled(sys.transitions[t], s));
            State post = s;
            ct.for_each_write(t, s, regs, [&](std::uint32_t slot, std::uint64_t v) { post[slot] = v; });
            RC_ASSERT(post == fire(sys, sys.transitions[t], s));
        }
    }
}

// Elaborated designs use the shapes the compiler treats specially (writes under `if` as guarded
// stores, shared `def`s, constant parameters folded): the Speck core with each seeded mutant and
// the other shipped designs, compiled vs fired, on random states and on states along a random run.
void expect_same_successors(const System& sys, const std::string& what) {
    const CompiledTransitions ct(sys);
    std::vector<std::uint64_t> regs;
    rc::Random random(17);
    std::vector<State> states{sys.initial_state()};
    for (int k = 0; k < 40; ++k) {
        states.push_back(gen::state(sys)(random.split(), 20).value());
    }
    State walk = sys.initial_state();  // and the states of a run: the values reachable designs see
    for (int k = 0; k < 300; ++k) {
        std::vector<std::uint32_t> en;
        for (std::uint32_t t = 0; t < sys.transitions.size(); ++t)
            if (enabled(sys.transitions[t], walk)) en.push_back(t);
        if (en.empty()) break;
        walk = fire(sys, sys.transitions[en[(k * 7919u) % en.size()]], walk);
        states.push_back(walk);
    }
    for (const State& s : states)
        for (std::uint32_t t = 0; t < sys.transitions.size(); ++t) {
            ASSERT_EQ(ct.enabled(t, s, regs), enabled(sys.transitions[t], s)) << what << ": " << sys.transitions[t].name;
            State post = s;
            ct.for_each_write(t, s, regs, [&](std::uint32_t slot, std::uint64_t v) { post[slot] = v; });
            ASSERT_EQ(post, fire(sys, sys.transitions[t], s)) << what << ": " << sys.transitions[t].name;
        }
}

TEST(CompileExpr, SpeckCoreWithEveryMutant) {
    for (std::int64_t m = 0; m <= 16; ++m) {
        LoadOptions o;
        o.elaborate.parameters.push_back({"MUTANT", m});
        const System sys = load_system((test::source_dir() / "examples/speck_core/speck_core_open.np").string(), o);
        expect_same_successors(sys, "MUTANT=" + std::to_string(m));
    }
}

TEST(CompileExpr, ShippedDesigns) {
    for (const char* f : {"examples/fifo/fifo.np", "examples/arbiter_tree/arbiter_tree.np", "examples/accumulators/accumulators.np",
                          "examples/speck_core/speck_core.np", "examples/muller_pipeline/muller_pipeline.np"})
        expect_same_successors(load_system((test::source_dir() / f).string()), f);
}

TEST(CompileExpr, SharedDefinitionIsComputedOnce) {
    System sys;
    sys.add_variable(Variable{"x", Type::sint(16), 0, {5}});
    const Expr x = mk_var(0, 0, Type::sint(16), "x");
    Expr sum = mk_binary(Op::AddSat, x, x);
    for (int k = 0; k < 20; ++k) sum = mk_binary(Op::AddSat, sum, sum);  // a DAG of 2^21 tree nodes
    ExprProgram p;
    const std::uint32_t r = p.add(sum);
    EXPECT_LT(p.instructions(), 30u);
    std::vector<std::uint64_t> regs;
    p.run(State{5}, regs);
    EXPECT_EQ(regs[r], 0x7fffu);  // saturates at the s16 maximum
    p.run(State{0xfffb}, regs);   // -5
    EXPECT_EQ(regs[r], 0x8000u);
}

}  // namespace
}  // namespace np
