#include "spec/lower_expr.hpp"

namespace np::lang {

const BinaryOp* find_binary_op(std::string_view text) {
    for (const BinaryOp& b : kBinaryOps)
        if (b.text == text) return &b;
    return nullptr;
}

bool ExprLowering::typed(const ENode& e) {
    switch (e.kind) {
        case EK::Int: return e.suffix.has_value();
        case EK::Bool: case EK::Cast: return true;
        case EK::Unary: return e.text == "!" || typed(*e.kids[0]);
        case EK::Ite: return typed(*e.kids[1]) || typed(*e.kids[2]);
        case EK::Binary: {
            const BinaryOp* b = find_binary_op(e.text);
            switch (b ? b->cls : OpClass::Static) {
                case OpClass::Logical: case OpClass::Compare: return true;
                case OpClass::Shift: return typed(*e.kids[0]);
                case OpClass::SameType: return typed(*e.kids[0]) || typed(*e.kids[1]);
                case OpClass::Static: return false;
            }
            return false;
        }
        default: return name_typed(e);
    }
}

Expr ExprLowering::lower(const ENode& e, std::optional<Type> hint) {
    switch (e.kind) {
        case EK::Int: {
            if (!e.suffix && !hint)
                report(e.loc, "type of literal " + e.text + " is unknown: give it a suffix (" + e.text + "u8, " + e.text +
                                  "s16, ...) or use it with a typed operand");
            const Type t = e.suffix ? *e.suffix : *hint;
            if (t.is_bool()) report(e.loc, "number " + e.text + " is not a bool (write true or false)");
            const bool fits = e.negative ? e.magnitude == 0 || (t.is_signed() && e.magnitude <= t.min_raw())
                                         : e.magnitude <= t.max_raw();
            if (!fits) report(e.loc, "literal " + e.text + " does not fit " + t.str());
            return mk_const(t, e.negative ? std::uint64_t{0} - e.magnitude : e.magnitude);
        }
        case EK::Bool: return mk_bool(e.truth);
        case EK::Unary: {
            if (e.text == "!") {
                Expr a = lower(*e.kids[0], Type::boolean());
                return at_op(e, [&] { return mk_unary(Op::Not, a); });
            }
            Expr a = lower(*e.kids[0], hint);
            return at_op(e, [&] { return mk_unary(e.text == "-" ? Op::Neg : Op::BitNot, a); });
        }
        case EK::Ite: return lower_ite(e, *e.kids[0], *e.kids[1], *e.kids[2], hint);
        case EK::Cast: {
            const Type to = cast_target(e);
            Expr a = lower(*e.kids[0], to.is_bitvec() ? std::optional<Type>(to) : std::nullopt);
            return at_op(e, [&] { return mk_cast(to, a); });
        }
        case EK::Binary: return lower_binary(e, hint);
        default: return lower_name(e, hint);
    }
}

Expr ExprLowering::lower_ite(const ENode& e, const ENode& c, const ENode& a, const ENode& b, std::optional<Type> hint) {
    Expr ce = lower(c, Type::boolean());
    Expr ae, be;
    if (typed(a) || !typed(b)) {
        ae = lower(a, hint);
        be = lower(b, ae->type);
    } else {
        be = lower(b, hint);
        ae = lower(a, be->type);
    }
    return at_op(e, [&] { return mk_ite(ce, ae, be); });
}

namespace {

bool needs_bitvec(Op op) {
    switch (op) {
        case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge:
        case Op::Add: case Op::Sub: case Op::Mul: case Op::AddSat: case Op::SubSat:
            return true;
        default: return false;
    }
}

Op logical_for_bool(Op op) {
    switch (op) {
        case Op::BitAnd: return Op::And;
        case Op::BitOr: return Op::Or;
        case Op::BitXor: return Op::Xor;
        default: return op;
    }
}

}  // namespace

Expr ExprLowering::lower_binary(const ENode& e, std::optional<Type> hint) {
    const BinaryOp* b = find_binary_op(e.text);
    if (!b) report(e.loc, "internal error: unknown operator '" + e.text + "'");
    const ENode& l = *e.kids[0];
    const ENode& r = *e.kids[1];
    if (b->cls == OpClass::Static) {
        if (std::optional<Expr> v = lower_static(e, hint)) return *v;
        report(e.loc, "'" + e.text + "' applies only to elaboration-time integers");
    }
    Expr lhs, rhs;
    switch (b->cls) {
        case OpClass::Logical:
            lhs = lower(l, Type::boolean());
            rhs = lower(r, Type::boolean());
            break;
        case OpClass::Shift:
            lhs = lower(l, hint);
            rhs = lower(r, Type::uint(64));
            break;
        case OpClass::SameType: case OpClass::Compare: case OpClass::Static: {
            if (b->cls == OpClass::Compare && !typed(l) && !typed(r))
                if (std::optional<Expr> v = lower_static(e, hint)) return *v;
            const std::optional<Type> outer = b->cls == OpClass::Compare ? std::nullopt : hint;
            const bool left_first = typed(l) || !typed(r);
            Expr& first = left_first ? lhs : rhs;
            Expr& second = left_first ? rhs : lhs;
            first = lower(left_first ? l : r, outer);
            if (needs_bitvec(b->op) && first->type.is_bool())
                report(e.loc, "operator '" + e.text + "' needs bit-vector operands, got bool");
            second = lower(left_first ? r : l, first->type);
            break;
        }
    }
    const Op op = lhs->type.is_bool() && rhs->type.is_bool() ? logical_for_bool(b->op) : b->op;
    return at_op(e, [&] { return mk_binary(op, lhs, rhs); });
}

}  // namespace np::lang
