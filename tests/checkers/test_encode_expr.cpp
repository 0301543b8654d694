// The Z3 encoding agrees with the explicit evaluator on every operator (differential property).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "checkers/encode_expr.hpp"
#include "generators/gen_expr.hpp"
#include "model/eval.hpp"

namespace np {
namespace {

std::uint64_t z3_value(z3::context& ctx, const System& sys, const Expr& e, const State& s) {
    ExprEncoder enc(ctx, sys, "0");
    z3::expr_vector values(ctx);
    std::uint32_t k = 0;
    for (const Variable& v : sys.variables)
        for (std::uint32_t i = 0; i < v.slots(); ++i, ++k) values.push_back(enc.value(v.type, s[k]));
    z3::expr ground = enc.encode(e).substitute(enc.slots(), values).simplify();
    if (e->type.is_bool()) {
        EXPECT_TRUE(ground.is_true() || ground.is_false()) << ground.to_string();
        return ground.is_true() ? 1 : 0;
    }
    EXPECT_TRUE(ground.is_numeral()) << ground.to_string();
    return ground.get_numeral_uint64();
}

RC_GTEST_PROP(EncodeExprProperty, Z3AgreesWithEvaluator, ()) {
    const System sys = *gen::small_system();
    const Type t = *gen::type();
    const Expr e = *gen::expr(sys, t, 4);
    const State s = *gen::state(sys);
    z3::context ctx;
    RC_ASSERT(z3_value(ctx, sys, e, s) == eval(e, s));
}

TEST(EncodeExpr, SaturationAtSixtyFourBits) {
    System sys;
    sys.add_variable({"x", Type::sint(64)});
    sys.add_variable({"y", Type::uint(64)});
    z3::context ctx;
    Expr x = sys.var(0), y = sys.var(1);
    State s{Type::sint(64).min_raw() + 1, ~std::uint64_t{0} - 1};
    for (Expr e : {mk_binary(Op::SubSat, x, mk_const(Type::sint(64), 5)), mk_binary(Op::AddSat, y, mk_const(Type::uint(64), 7)),
                   mk_binary(Op::Shr, x, mk_const(Type::uint(8), 200))}) {
        EXPECT_EQ(z3_value(ctx, sys, e, s), eval(e, s)) << to_string(e);
    }
    EXPECT_EQ(eval(mk_binary(Op::SubSat, x, mk_const(Type::sint(64), 5)), s), Type::sint(64).min_raw());
    EXPECT_EQ(eval(mk_binary(Op::AddSat, y, mk_const(Type::uint(64), 7)), s), ~std::uint64_t{0});
}

TEST(EncodeExpr, ArrayReadsWithEveryIndexWidth) {
    // Regression: with a 32-bit index the encoder once shifted a 32-bit element number by 32
    // (undefined behaviour; on x86 it kept only element 0 readable).
    System sys;
    Variable mem{"mem", Type::uint(8)};
    mem.length = 5;
    mem.init = {10, 11, 12, 13, 14};
    std::uint32_t m = sys.add_variable(mem);
    State s = sys.initial_state();
    z3::context ctx;
    for (unsigned w : {1u, 2u, 3u, 8u, 31u, 32u, 33u, 63u, 64u})
        for (std::uint64_t i = 0; i < 6; ++i) {
            Type it = Type::uint(w);
            if (i > it.mask()) continue;
            Expr e = mk_read(m, sys.variables[m].slot, 5, Type::uint(8), "mem", mk_const(it, i));
            EXPECT_EQ(z3_value(ctx, sys, e, s), i < 5 ? 10 + i : 0) << "index width " << w << ", index " << i;
        }
}

}  // namespace
}  // namespace np
