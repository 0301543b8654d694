#include "model/eval.hpp"

#include <cassert>

namespace np {

std::uint64_t apply_unary(Op op, Type t, std::uint64_t a) {
    switch (op) {
        case Op::Not: return a ? 0 : 1;
        case Op::Neg: return (~a + 1) & t.mask();
        case Op::BitNot: return ~a & t.mask();
        default: assert(false && "not a unary op"); return 0;
    }
}

std::uint64_t apply_cast(Type from, Type to, std::uint64_t a) {
    if (to.is_bool()) return a != 0 ? 1 : 0;
    if (from.is_signed()) return static_cast<std::uint64_t>(to_signed(a, from.width)) & to.mask();
    return a & to.mask();
}

std::uint64_t apply_binary(Op op, Type t, std::uint64_t a, std::uint64_t b) {
    const std::uint64_t m = t.mask();
    const bool s = t.is_signed();
    const unsigned w = t.width;
    switch (op) {
        case Op::And: return a & b;
        case Op::Or: return a | b;
        case Op::Xor: return a ^ b;
        case Op::Implies: return (!a || b) ? 1 : 0;
        case Op::Eq: return a == b;
        case Op::Ne: return a != b;
        case Op::Lt: return s ? to_signed(a, w) < to_signed(b, w) : a < b;
        case Op::Le: return s ? to_signed(a, w) <= to_signed(b, w) : a <= b;
        case Op::Gt: return s ? to_signed(a, w) > to_signed(b, w) : a > b;
        case Op::Ge: return s ? to_signed(a, w) >= to_signed(b, w) : a >= b;
        case Op::Add: return (a + b) & m;
        case Op::Sub: return (a - b) & m;
        case Op::Mul: return (a * b) & m;
        case Op::BitAnd: return a & b;
        case Op::BitOr: return a | b;
        case Op::BitXor: return a ^ b;
        case Op::AddSat:
        case Op::SubSat: {
            const bool add = op == Op::AddSat;
            if (!s) {
                if (add) {
                    std::uint64_t r = a + b;  // no wrap below 64 bits: a, b <= m
                    return w == 64 ? (r < a ? m : r) : (r > m ? m : r);
                }
                return a >= b ? a - b : 0;
            }
            // Signed: compute in 128 bits, clamp to [min, max].
            __int128 x = to_signed(a, w), y = to_signed(b, w);
            __int128 r = add ? x + y : x - y;
            __int128 lo = -(static_cast<__int128>(1) << (w - 1));
            __int128 hi = (static_cast<__int128>(1) << (w - 1)) - 1;
            if (r < lo) r = lo;
            if (r > hi) r = hi;
            return static_cast<std::uint64_t>(r) & m;
        }
        case Op::Shl: return b >= w ? 0 : (a << b) & m;
        case Op::Shr:
            if (s) {
                std::int64_t x = to_signed(a, w);
                return static_cast<std::uint64_t>(b >= w ? (x < 0 ? -1 : 0) : (x >> b)) & m;
            }
            return b >= w ? 0 : a >> b;
        default: assert(false && "not a binary op"); return 0;
    }
}

std::uint64_t eval(const ExprNode& e, std::span<const std::uint64_t> s) {
    switch (e.op) {
        case Op::Const: return e.value;
        case Op::Var: return s[e.slot];
        case Op::Read: {
            std::uint64_t i = eval(*e.args[0], s);
            return i < e.length ? s[e.slot + i] : 0;
        }
        case Op::Not: case Op::Neg: case Op::BitNot:
            return apply_unary(e.op, e.type, eval(*e.args[0], s));
        case Op::And: return eval(*e.args[0], s) && eval(*e.args[1], s);
        case Op::Or: return eval(*e.args[0], s) || eval(*e.args[1], s);
        case Op::Implies: return !eval(*e.args[0], s) || eval(*e.args[1], s);
        case Op::Ite: return eval(*e.args[0], s) ? eval(*e.args[1], s) : eval(*e.args[2], s);
        case Op::Cast: return apply_cast(e.args[0]->type, e.type, eval(*e.args[0], s));
        default:
            return apply_binary(e.op, e.args[0]->type, eval(*e.args[0], s), eval(*e.args[1], s));
    }
}

bool enabled(const Transition& t, std::span<const std::uint64_t> slots) { return eval(*t.guard, slots) != 0; }

void fire(const System& sys, const Transition& t, std::span<const std::uint64_t> pre, std::span<std::uint64_t> post) {
    std::copy(pre.begin(), pre.end(), post.begin());
    for_each_write(sys, t, pre, [&](std::uint32_t slot, std::uint64_t value) { post[slot] = value; });
}

State fire(const System& sys, const Transition& t, const State& pre) {
    State post(pre.size());
    fire(sys, t, pre, post);
    return post;
}

}  // namespace np
