// Operator semantics of the expression AST (DESIGN §2), hand-computed.
#include <gtest/gtest.h>

#include "model/eval.hpp"

namespace np {
namespace {

std::uint64_t bin(Op op, Type t, std::int64_t a, std::int64_t b) {
    return eval(mk_binary(op, mk_const(t, static_cast<std::uint64_t>(a)), mk_const(t, static_cast<std::uint64_t>(b))), State{});
}
std::int64_t sbin(Op op, Type t, std::int64_t a, std::int64_t b) { return to_signed(bin(op, t, a, b), t.width); }

TEST(Eval, WrapAround) {
    EXPECT_EQ(bin(Op::Add, Type::uint(8), 250, 10), 4u);
    EXPECT_EQ(bin(Op::Sub, Type::uint(8), 3, 5), 254u);
    EXPECT_EQ(sbin(Op::Add, Type::sint(16), 32767, 1), -32768);
    EXPECT_EQ(bin(Op::Mul, Type::uint(4), 7, 3), 5u);
    EXPECT_EQ(sbin(Op::Mul, Type::sint(8), -128, -1), -128);
}

TEST(Eval, Saturation) {
    EXPECT_EQ(bin(Op::AddSat, Type::uint(8), 250, 10), 255u);
    EXPECT_EQ(bin(Op::SubSat, Type::uint(8), 3, 5), 0u);
    EXPECT_EQ(sbin(Op::AddSat, Type::sint(16), 32000, 1000), 32767);
    EXPECT_EQ(sbin(Op::SubSat, Type::sint(16), -32000, 1000), -32768);
    EXPECT_EQ(sbin(Op::AddSat, Type::sint(16), -5, 3), -2);
    EXPECT_EQ(bin(Op::AddSat, Type::uint(64), -2, 7), ~std::uint64_t{0});
}

TEST(Eval, SignedComparisons) {
    EXPECT_EQ(bin(Op::Lt, Type::sint(8), -1, 1), 1u);
    EXPECT_EQ(bin(Op::Lt, Type::uint(8), -1, 1), 0u);  // 255 < 1 is false
    EXPECT_EQ(bin(Op::Ge, Type::sint(4), -8, 7), 0u);
}

TEST(Eval, Shifts) {
    EXPECT_EQ(bin(Op::Shl, Type::uint(8), 0x81, 1), 0x02u);
    EXPECT_EQ(bin(Op::Shr, Type::uint(8), 0x80, 7), 1u);
    EXPECT_EQ(sbin(Op::Shr, Type::sint(8), -128, 7), -1);
    EXPECT_EQ(bin(Op::Shl, Type::uint(8), 1, 8), 0u);
    EXPECT_EQ(sbin(Op::Shr, Type::sint(8), -3, 100), -1);
}

TEST(Eval, Casts) {
    auto cast = [](Type to, Type from, std::int64_t v) {
        return eval(mk_cast(to, mk_const(from, static_cast<std::uint64_t>(v))), State{});
    };
    EXPECT_EQ(cast(Type::uint(16), Type::sint(8), -1), 0xFFFFu);  // sign-extends a signed source
    EXPECT_EQ(cast(Type::uint(16), Type::uint(8), 0xFF), 0xFFu);
    EXPECT_EQ(cast(Type::uint(4), Type::uint(8), 0xAB), 0xBu);    // truncates
    EXPECT_EQ(cast(Type::boolean(), Type::uint(8), 4), 1u);
    EXPECT_EQ(cast(Type::sint(8), Type::boolean(), 1), 1u);
}

TEST(Eval, ArraysAndParallelAssignment) {
    System sys;
    std::uint32_t a = sys.add_variable({"a", Type::uint(8), 3, {1, 2, 3}});
    std::uint32_t i = sys.add_variable({"i", Type::uint(2), 0, {2}});
    const Variable& av = sys.variables[a];
    auto rd = [&](Expr idx) { return mk_read(a, av.slot, av.length, av.type, "a", idx); };
    State s = sys.initial_state();
    EXPECT_EQ(eval(rd(sys.var(i)), s), 3u);
    EXPECT_EQ(eval(rd(mk_const(Type::uint(2), 3)), s), 0u);  // out of range reads 0
    // swap a[0] and a[i] in one step: both right-hand sides read the pre-state
    Transition t{"swap", TransitionKind::Internal, mk_bool(true),
                 {{a, mk_const(Type::uint(2), 0), rd(sys.var(i))}, {a, sys.var(i), rd(mk_const(Type::uint(2), 0))},
                  {a, mk_const(Type::uint(2), 3), mk_const(Type::uint(8), 9)}}};
    State post = fire(sys, t, s);
    EXPECT_EQ(post, (State{3, 2, 1, 2}));  // the out-of-range write is dropped
}

TEST(Eval, TypeErrors) {
    EXPECT_THROW(mk_binary(Op::Add, mk_const(Type::uint(8), 1), mk_const(Type::sint(8), 1)), TypeError);
    EXPECT_THROW(mk_binary(Op::And, mk_const(Type::uint(1), 1), mk_bool(true)), TypeError);
    EXPECT_THROW(mk_not(mk_const(Type::uint(8), 1)), TypeError);
    EXPECT_THROW(mk_const(Type::uint(65), 0), TypeError);
}

}  // namespace
}  // namespace np
