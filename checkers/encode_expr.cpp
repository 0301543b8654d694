#include "checkers/encode_expr.hpp"

#include <cassert>

namespace np {

ExprEncoder::ExprEncoder(z3::context& ctx, const System& sys, const std::string& suffix)
    : ctx_(ctx), sys_(sys), slots_(ctx) {
    for (const Variable& v : sys.variables)
        for (std::uint32_t k = 0; k < v.slots(); ++k) {
            std::string name = v.length ? v.name + "[" + std::to_string(k) + "]" : v.name;
            if (!suffix.empty()) name += "@" + suffix;
            slots_.push_back(v.type.is_bool() ? ctx.bool_const(name.c_str()) : ctx.bv_const(name.c_str(), v.type.width));
            slot_types_.push_back(v.type);
        }
}

ExprEncoder::ExprEncoder(z3::context& ctx, const System& sys, z3::expr_vector slots)
    : ctx_(ctx), sys_(sys), slots_(std::move(slots)) {
    for (const Variable& v : sys.variables)
        for (std::uint32_t k = 0; k < v.slots(); ++k) slot_types_.push_back(v.type);
    assert(slots_.size() == slot_types_.size());
}

z3::expr ExprEncoder::value(Type t, std::uint64_t raw) const {
    if (t.is_bool()) return ctx_.bool_val(raw != 0);
    return ctx_.bv_val(static_cast<std::uint64_t>(raw & t.mask()), t.width);
}

std::uint64_t ExprEncoder::slot_value(const z3::model& m, std::uint32_t index) const {
    z3::expr v = m.eval(slots_[index], true);
    if (slot_types_[index].is_bool()) return v.is_true() ? 1 : 0;
    return v.get_numeral_uint64();
}

z3::expr all_of(const z3::expr_vector& xs, z3::context& ctx) {
    if (xs.empty()) return ctx.bool_val(true);
    return xs.size() == 1 ? xs[0] : z3::mk_and(xs);
}

z3::expr any_of(const z3::expr_vector& xs, z3::context& ctx) {
    if (xs.empty()) return ctx.bool_val(false);
    return xs.size() == 1 ? xs[0] : z3::mk_or(xs);
}

State ExprEncoder::state_value(const z3::model& m) const {
    State s(slots_.size());
    for (std::uint32_t i = 0; i < s.size(); ++i) s[i] = slot_value(m, i);
    return s;
}

z3::expr ExprEncoder::equals(const State& s) const {
    z3::expr_vector eqs(ctx_);
    for (std::uint32_t i = 0; i < slots_.size(); ++i) eqs.push_back(slots_[i] == value(slot_types_[i], s.at(i)));
    return all_of(eqs, ctx_);
}

namespace {

z3::expr resize(const z3::expr& a, unsigned from, unsigned to, bool is_signed) {
    if (to == from) return a;
    if (to < from) return a.extract(to - 1, 0);
    return is_signed ? z3::sext(a, to - from) : z3::zext(a, to - from);
}

// Clamp a (w+1)-bit signed intermediate to the w-bit signed range.
z3::expr clamp_signed(z3::context& c, const z3::expr& wide, Type t) {
    z3::expr lo = z3::sext(c.bv_val(t.min_raw(), t.width), 1), hi = z3::sext(c.bv_val(t.max_raw(), t.width), 1);
    z3::expr clamped = z3::ite(wide < lo, lo, z3::ite(wide > hi, hi, wide));  // signed compares
    return clamped.extract(t.width - 1, 0);
}

}  // namespace

z3::expr ExprEncoder::encode(const Expr& e) const {
    const Type t = e->type;
    auto arg = [&](int i) { return encode(e->args[i]); };
    switch (e->op) {
        case Op::Const: return value(t, e->value);
        case Op::Var: return slots_[e->slot];
        case Op::Read: {
            z3::expr idx = arg(0);
            const unsigned iw = e->args[0]->type.width;
            z3::expr result = value(t, 0);
            for (std::uint32_t k = e->length; k-- > 0;) {
                if (iw < 64 && (std::uint64_t{k} >> iw) != 0) continue;  // index cannot reach this element
                result = z3::ite(idx == ctx_.bv_val(static_cast<std::uint64_t>(k), iw), slots_[e->slot + k], result);
            }
            return result;
        }
        case Op::Not: return !arg(0);
        case Op::Neg: return -arg(0);
        case Op::BitNot: return ~arg(0);
        case Op::And: return arg(0) && arg(1);
        case Op::Or: return arg(0) || arg(1);
        case Op::Xor: return arg(0) != arg(1);
        case Op::Implies: return z3::implies(arg(0), arg(1));
        case Op::Eq: return arg(0) == arg(1);
        case Op::Ne: return arg(0) != arg(1);
        case Op::Lt: return e->args[0]->type.is_signed() ? arg(0) < arg(1) : z3::ult(arg(0), arg(1));
        case Op::Le: return e->args[0]->type.is_signed() ? arg(0) <= arg(1) : z3::ule(arg(0), arg(1));
        case Op::Gt: return e->args[0]->type.is_signed() ? arg(0) > arg(1) : z3::ugt(arg(0), arg(1));
        case Op::Ge: return e->args[0]->type.is_signed() ? arg(0) >= arg(1) : z3::uge(arg(0), arg(1));
        case Op::Add: return arg(0) + arg(1);
        case Op::Sub: return arg(0) - arg(1);
        case Op::Mul: return arg(0) * arg(1);
        case Op::BitAnd: return arg(0) & arg(1);
        case Op::BitOr: return arg(0) | arg(1);
        case Op::BitXor: return arg(0) ^ arg(1);
        case Op::AddSat:
        case Op::SubSat: {
            z3::expr a = arg(0), b = arg(1);
            const bool add = e->op == Op::AddSat;
            if (!t.is_signed()) {
                if (add) {
                    z3::expr sum = a + b;
                    return z3::ite(z3::ult(sum, a), value(t, t.mask()), sum);
                }
                return z3::ite(z3::uge(a, b), a - b, value(t, 0));
            }
            z3::expr wa = z3::sext(a, 1), wb = z3::sext(b, 1);
            return clamp_signed(ctx_, add ? wa + wb : wa - wb, t);
        }
        case Op::Shl:
        case Op::Shr: {
            z3::expr a = arg(0), b = arg(1);
            const unsigned w = t.width, bw = e->args[1]->type.width;
            auto shift = [&](const z3::expr& amount) {
                if (e->op == Op::Shl) return z3::shl(a, amount);
                return t.is_signed() ? z3::ashr(a, amount) : z3::lshr(a, amount);
            };
            if (bw <= w) return shift(z3::zext(b, w - bw));
            // Wider amount: test it against the width before truncating it.
            z3::expr past = z3::uge(b, ctx_.bv_val(static_cast<std::uint64_t>(w), bw));
            z3::expr fill = e->op == Op::Shl || !t.is_signed() ? value(t, 0) : z3::ashr(a, ctx_.bv_val(static_cast<std::uint64_t>(w - 1), w));
            return z3::ite(past, fill, shift(b.extract(w - 1, 0)));
        }
        case Op::Ite: return z3::ite(arg(0), arg(1), arg(2));
        case Op::Cast: {
            const Type from = e->args[0]->type;
            z3::expr a = arg(0);
            if (t.is_bool()) return from.is_bool() ? a : a != value(from, 0);
            if (from.is_bool()) return z3::ite(a, value(t, 1), value(t, 0));
            return resize(a, from.width, t.width, from.is_signed());
        }
    }
    throw std::logic_error("encode: unknown operator");
}

}  // namespace np
