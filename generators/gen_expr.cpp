#include "generators/gen_expr.hpp"

namespace np::gen {

rc::Gen<Type> type() {
    return rc::gen::oneOf(
        rc::gen::just(Type::boolean()),
        rc::gen::map(rc::gen::element(1u, 2u, 3u, 7u, 8u, 13u, 16u, 32u, 63u, 64u), [](unsigned w) { return Type::uint(w); }),
        rc::gen::map(rc::gen::element(1u, 2u, 3u, 7u, 8u, 13u, 16u, 32u, 63u, 64u), [](unsigned w) { return Type::sint(w); }));
}

namespace {

// Raw values biased towards the edges of a type's range.
rc::Gen<std::uint64_t> raw_value(Type t) {
    return rc::gen::map(rc::gen::oneOf(rc::gen::arbitrary<std::uint64_t>(),
                                       rc::gen::element<std::uint64_t>(0, 1, 2, t.mask(), t.mask() - 1, t.min_raw(),
                                                                        t.max_raw(), t.min_raw() + 1)),
                        [t](std::uint64_t v) { return v & t.mask(); });
}

}  // namespace

rc::Gen<System> small_system() {
    return rc::gen::exec([] {
        System sys;
        sys.name = "random";
        const int scalars = *rc::gen::inRange(1, 7);
        const int arrays = *rc::gen::inRange(0, 3);
        for (int i = 0; i < scalars + arrays; ++i) {
            Variable v;
            v.name = (i < scalars ? "v" : "a") + std::to_string(i);
            v.type = *type();
            if (i >= scalars) {
                if (v.type.is_bool()) v.type = Type::uint(8);
                v.length = static_cast<std::uint32_t>(*rc::gen::inRange(1, 5));
            }
            for (std::uint32_t k = 0; k < v.slots(); ++k) v.init.push_back(*raw_value(v.type));
            sys.add_variable(std::move(v));
        }
        return sys;
    });
}

rc::Gen<State> state(const System& sys) {
    return rc::gen::exec([copy = std::make_shared<const System>(sys)] {
        State s(copy->slot_count);
        for (const Variable& v : copy->variables)
            for (std::uint32_t k = 0; k < v.slots(); ++k) s[v.slot + k] = *raw_value(v.type);
        return s;
    });
}

// The generator holds its own copy of the system: RapidCheck runs it again while shrinking, long
// after the caller's System (often a local of an enclosing generator) is gone.
rc::Gen<Expr> expr_in(std::shared_ptr<const System> sys, Type t, int depth) {
    return rc::gen::exec([sys, t, depth]() -> Expr {
        // Leaves: a constant, a variable of type t, or an array read.
        std::vector<Expr> leaves{mk_const(t, *raw_value(t))};
        for (std::uint32_t i = 0; i < sys->variables.size(); ++i) {
            const Variable& v = sys->variables[i];
            if (v.type != t) continue;
            if (v.length == 0) leaves.push_back(sys->var(i));
            else if (depth > 0)
                leaves.push_back(mk_read(i, v.slot, v.length, v.type, v.name,
                                         *expr_in(sys, Type::uint(*rc::gen::element(2u, 3u, 8u, 32u, 64u)), depth - 1)));
        }
        if (depth <= 0 || *rc::gen::inRange(0, 4) == 0) return *rc::gen::elementOf(leaves);
        const int d = depth - 1;
        if (t.is_bool()) {
            switch (*rc::gen::inRange(0, 5)) {
                case 0: return mk_not(*expr_in(sys, t, d));
                case 1: {
                    Op op = *rc::gen::element(Op::And, Op::Or, Op::Xor, Op::Implies);
                    return mk_binary(op, *expr_in(sys, t, d), *expr_in(sys, t, d));
                }
                case 2: {
                    Type u = *type();
                    Op op = u.is_bool() ? *rc::gen::element(Op::Eq, Op::Ne)
                                        : *rc::gen::element(Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge);
                    return mk_binary(op, *expr_in(sys, u, d), *expr_in(sys, u, d));
                }
                case 3: return mk_ite(*expr_in(sys, t, d), *expr_in(sys, t, d), *expr_in(sys, t, d));
                default: return mk_cast(t, *expr_in(sys, *type(), d));
            }
        }
        switch (*rc::gen::inRange(0, 6)) {
            case 0: return mk_unary(*rc::gen::element(Op::Neg, Op::BitNot), *expr_in(sys, t, d));
            case 1: {
                Op op = *rc::gen::element(Op::Add, Op::Sub, Op::Mul, Op::AddSat, Op::SubSat, Op::BitAnd, Op::BitOr, Op::BitXor);
                return mk_binary(op, *expr_in(sys, t, d), *expr_in(sys, t, d));
            }
            case 2: {
                Type amount = Type::uint(*rc::gen::element(3u, 7u, 8u));
                return mk_binary(*rc::gen::element(Op::Shl, Op::Shr), *expr_in(sys, t, d), *expr_in(sys, amount, d));
            }
            case 3: return mk_ite(*expr_in(sys, Type::boolean(), d), *expr_in(sys, t, d), *expr_in(sys, t, d));
            case 4: return mk_cast(t, *expr_in(sys, *type(), d));
            default: return *rc::gen::elementOf(leaves);
        }
    });
}

rc::Gen<Expr> expr(const System& sys, Type t, int depth) { return expr_in(std::make_shared<const System>(sys), t, depth); }

}  // namespace np::gen
