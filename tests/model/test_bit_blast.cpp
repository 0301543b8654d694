// The bit-level back end (model/bit_blast.hpp) against the evaluator (model/eval.hpp), the one
// definition of the semantics: every expression, every step, every property predicate, on random
// systems and states, by simulating the AIG; and the binary AIGER it writes, read back.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <sstream>

#include "generators/gen_expr.hpp"
#include "generators/gen_system.hpp"
#include "model/bit_blast.hpp"
#include "model/eval.hpp"

namespace {

using namespace np;

std::uint64_t value_of(const AigBits& bits, const std::vector<bool>& v) {
    std::uint64_t x = 0;
    for (std::size_t i = 0; i < bits.size(); ++i) x |= std::uint64_t{Aig::value(v, bits[i])} << i;
    return x;
}

RC_GTEST_PROP(BitBlast, EveryExpressionComputesWhatTheEvaluatorComputes, ()) {
    const System sys = *gen::small_system();
    const Type t = *gen::type();
    const Expr e = *gen::expr(sys, t, 4);
    const State s = *gen::state(sys);
    BitBlaster b(sys);
    const AigBits bits = b.encode(e);
    RC_ASSERT(bits.size() == t.width);
    const std::vector<bool> v = b.aig().simulate(std::vector<bool>(b.selector_width(), false), b.latches_of(s));
    RC_ASSERT(b.state_of(b.latches_of(s)) == s);
    RC_ASSERT(value_of(bits, v) == eval(*e, s));
}

RC_GTEST_PROP(BitBlast, EveryStepAndPropertyPredicateAgreeWithTheEvaluator, ()) {
    gen::SystemShape shape;
    shape.max_state_bits = 20;
    const System sys = *gen::transition_system(shape);
    BitBlaster b(sys);
    std::vector<AigLit> violations;
    for (const Property& p : sys.properties) violations.push_back(b.violates(p));
    const AigLit dead = b.deadlock(), trunc = b.truncation();
    const State s = *gen::state(sys);
    // The sel value may also name no transition (a stutter).
    const std::uint32_t n = static_cast<std::uint32_t>(sys.transitions.size());
    const std::uint32_t t = *rc::gen::inRange<std::uint32_t>(0, std::uint32_t{1} << b.selector_width());
    const std::vector<bool> v = b.aig().simulate(b.selector_of(t), b.latches_of(s));
    bool any_enabled = false, truncated = false;
    for (std::uint32_t u = 0; u < n; ++u) any_enabled = any_enabled || enabled(sys.transitions[u], s);
    auto blocked = [&](std::uint32_t u) {
        for (const Property& p : sys.properties)
            if (p.blocking)
                for (const Clause& c : p.clauses)
                    if (c.transition == static_cast<std::int32_t>(u) && holds(c.bad, s)) return true;
        return false;
    };
    for (std::uint32_t u = 0; u < n; ++u) truncated = truncated || (enabled(sys.transitions[u], s) && blocked(u));
    RC_ASSERT(Aig::value(v, dead) == !any_enabled);
    RC_ASSERT(Aig::value(v, trunc) == truncated);
    for (std::size_t i = 0; i < sys.properties.size(); ++i) {
        const Property& p = sys.properties[i];
        bool bad = p.kind == PropertyKind::Deadlock && !any_enabled;
        for (const Clause& c : p.clauses)
            bad = bad || ((c.transition < 0 || enabled(sys.transitions[c.transition], s)) && holds(c.bad, s));
        RC_ASSERT(Aig::value(v, violations[i]) == bad);
    }
    const State after = b.state_of(b.aig().next_latches(v));
    const Aig swept = b.aig().swept();  // what the export writes: the same next-state functions
    RC_ASSERT(swept.gates() <= b.aig().gates());
    RC_ASSERT(swept.next_latches(swept.simulate(b.selector_of(t), b.latches_of(s))) == b.aig().next_latches(v));
    const bool fires = t < n && enabled(sys.transitions[t], s) && !blocked(t);
    RC_ASSERT(after == (fires ? fire(sys, sys.transitions[t], s) : s));
}

TEST(BitBlast, LatchesStartAtZeroAndNameTheirBits) {
    System sys;
    sys.name = "two";
    Variable a{"a", Type::uint(3), 0, {5}};
    Variable f{"f", Type::boolean(), 2, {1, 0}};
    sys.add_variable(a);
    sys.add_variable(f);
    BitBlaster b(sys);
    ASSERT_EQ(b.aig().latches(), 5u);
    EXPECT_EQ(b.aig().latch_name(0), "a.0~");
    EXPECT_EQ(b.aig().latch_name(1), "a.1");
    EXPECT_EQ(b.aig().latch_name(2), "a.2~");
    EXPECT_EQ(b.aig().latch_name(3), "f[0]~");
    EXPECT_EQ(b.aig().latch_name(4), "f[1]");
    EXPECT_EQ(b.state_of(std::vector<bool>(5, false)), sys.initial_state());
}

// Binary AIGER: the header counts, the delta-encoded gates decoded again equal the ASCII form's.
TEST(BitBlast, BinaryAigerDecodesToTheAsciiForm) {
    System sys;
    sys.name = "counter";
    sys.add_variable(Variable{"c", Type::uint(4), 0, {0}});
    Transition inc{"inc", TransitionKind::Internal, mk_binary(Op::Lt, sys.var(0), mk_const(Type::uint(4), 9)), {}};
    inc.updates.push_back({0, nullptr, mk_binary(Op::Add, sys.var(0), mk_const(Type::uint(4), 3))});
    sys.transitions.push_back(inc);
    BitBlaster b(sys);
    b.aig().add_output(b.holds(mk_binary(Op::Eq, sys.var(0), mk_const(Type::uint(4), 12))), "twelve");
    std::ostringstream bin, ascii;
    b.aig().write_binary(bin);
    b.aig().write_ascii(ascii);
    std::istringstream in(bin.str());
    std::string magic;
    std::uint32_t m, i, l, o, a;
    in >> magic >> m >> i >> l >> o >> a;
    ASSERT_EQ(magic, "aig");
    EXPECT_EQ(m, i + l + a);
    EXPECT_EQ(i, 1u);
    EXPECT_EQ(l, 4u);
    EXPECT_EQ(o, 1u);
    in.get();
    std::vector<std::string> ascii_lines;
    std::istringstream as(ascii.str());
    for (std::string line; std::getline(as, line);) ascii_lines.push_back(line);
    for (std::uint32_t k = 0; k < l + o; ++k) {
        std::string line;
        std::getline(in, line);
        const std::string& expect = ascii_lines[1 + i + k];
        EXPECT_EQ(line, k < l ? expect.substr(expect.find(' ') + 1) : expect);
    }
    auto delta = [&] {
        std::uint32_t x = 0, shift = 0;
        for (;;) {
            const int c = in.get();
            x |= static_cast<std::uint32_t>(c & 0x7f) << shift;
            if (!(c & 0x80)) return x;
            shift += 7;
        }
    };
    for (std::uint32_t g = 0; g < a; ++g) {
        const std::uint32_t lhs = 2 * (i + l + 1 + g), r0 = lhs - delta(), r1 = r0 - delta();
        EXPECT_EQ(ascii_lines[1 + i + l + o + g], std::to_string(lhs) + " " + std::to_string(r0) + " " + std::to_string(r1));
    }
    std::string rest((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(rest.find("i0 sel[0]\nl0 c.0\n"), std::string::npos) << rest;
    EXPECT_NE(rest.find("o0 twelve\n"), std::string::npos) << rest;
}

}  // namespace
