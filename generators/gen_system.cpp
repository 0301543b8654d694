#include "generators/gen_system.hpp"

#include "generators/gen_expr.hpp"

namespace np::gen {

rc::Gen<Type> small_type() {
    return rc::gen::oneOf(rc::gen::just(Type::boolean()),
                          rc::gen::map(rc::gen::inRange(1u, 5u), [](unsigned w) { return Type::uint(w); }),
                          rc::gen::map(rc::gen::inRange(1u, 5u), [](unsigned w) { return Type::sint(w); }));
}

rc::Gen<System> transition_system(SystemShape shape) {
    return rc::gen::exec([shape] {
        System sys;
        sys.name = "random";
        unsigned bits = 0;
        const int scalars = *rc::gen::inRange(1, shape.max_scalars + 1);
        const int arrays = *rc::gen::inRange(0, shape.max_arrays + 1);
        for (int i = 0; i < scalars + arrays; ++i) {
            Variable v;
            v.type = *small_type();
            if (i >= scalars) {
                if (v.type.is_bool()) v.type = Type::uint(2);
                v.length = static_cast<std::uint32_t>(*rc::gen::inRange(1, 4));
            }
            v.name = (v.length ? "a" : "v") + std::to_string(i);
            if (i > 0 && bits + v.type.width * v.slots() > shape.max_state_bits) break;
            bits += v.type.width * v.slots();
            for (std::uint32_t k = 0; k < v.slots(); ++k)
                v.init.push_back(*rc::gen::inRange<std::uint64_t>(0, v.type.mask() + 1));
            sys.add_variable(std::move(v));
        }
        const int n = *rc::gen::inRange(1, shape.max_transitions + 1);
        for (int i = 0; i < n; ++i) {
            Transition t;
            t.name = "t" + std::to_string(i);
            t.kind = *rc::gen::element(TransitionKind::Input, TransitionKind::Output, TransitionKind::Internal);
            t.guard = *expr(sys, Type::boolean(), shape.expr_depth);
            const int updates = *rc::gen::inRange(0, shape.max_updates + 1);
            for (int u = 0; u < updates; ++u) {
                const auto var = static_cast<std::uint32_t>(*rc::gen::inRange<std::size_t>(0, sys.variables.size()));
                const Variable& v = sys.variables[var];
                Assignment a;
                a.var = var;
                if (v.length) a.index = *expr(sys, Type::uint(2), 1);
                a.value = *expr(sys, v.type, shape.expr_depth);
                t.updates.push_back(std::move(a));
            }
            sys.transitions.push_back(std::move(t));
        }
        auto transition = [&] { return static_cast<std::int32_t>(*rc::gen::inRange(0, n)); };
        sys.properties.push_back({"deadlock", PropertyKind::Deadlock, {}, false, "no deadlock"});
        Property inv{"invariant:random", PropertyKind::Invariant, {}, false, "a random invariant"};
        const int inv_clauses = *rc::gen::inRange(1, 3);
        for (int c = 0; c < inv_clauses; ++c)
            inv.clauses.push_back({-1, *expr(sys, Type::boolean(), shape.expr_depth), "invariant clause " + std::to_string(c), {}});
        sys.properties.push_back(std::move(inv));
        Property cons{"consistency", PropertyKind::Consistency, {}, false, "random transition clauses"};
        const int cons_clauses = *rc::gen::inRange(1, 3);
        for (int c = 0; c < cons_clauses; ++c)
            cons.clauses.push_back({transition(), *expr(sys, Type::boolean(), shape.expr_depth), "transition clause " + std::to_string(c), {}});
        sys.properties.push_back(std::move(cons));
        if (*rc::gen::inRange(0, 3) == 0) {
            Property safe{"safeness", PropertyKind::Safeness, {}, true, "a random blocking property"};
            safe.clauses.push_back({transition(), *expr(sys, Type::boolean(), shape.expr_depth), "blocked firing", {}});
            sys.properties.push_back(std::move(safe));
        }
        return sys;
    });
}

}  // namespace np::gen
