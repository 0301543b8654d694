// The explicit back end of the expression AST: evaluation over a state, and transition firing.
#pragma once

#include <cstdint>
#include <span>

#include "model/expr.hpp"
#include "model/system.hpp"

namespace np {

// Value of `e` in the state given by its slots, as raw bits of e's type.
std::uint64_t eval(const ExprNode& e, std::span<const std::uint64_t> slots);
inline std::uint64_t eval(const Expr& e, std::span<const std::uint64_t> slots) { return eval(*e, slots); }
inline bool holds(const Expr& e, std::span<const std::uint64_t> slots) { return eval(*e, slots) != 0; }

// The operator semantics on raw values, shared with generators and tests.
std::uint64_t apply_unary(Op op, Type t, std::uint64_t a);
std::uint64_t apply_binary(Op op, Type t, std::uint64_t a, std::uint64_t b);  // t: operand type
std::uint64_t apply_cast(Type from, Type to, std::uint64_t a);

bool enabled(const Transition& t, std::span<const std::uint64_t> slots);

// The writes of firing `t` in `pre`, in assignment order, as calls write(slot, value): the one
// definition of the parallel-assignment semantics (fire() applies them to a copy of pre; the
// explicit engine applies them to a packed copy). Right-hand sides and indices read `pre`; a
// write through an out-of-range index is dropped; a later write to the same slot wins.
template <class Write>
void for_each_write(const System& sys, const Transition& t, std::span<const std::uint64_t> pre, Write&& write) {
    for (const Assignment& a : t.updates) {
        const Variable& v = sys.variables[a.var];
        std::uint64_t value = eval(*a.value, pre);
        if (!a.index) {
            write(v.slot, value);
        } else {
            std::uint64_t i = eval(*a.index, pre);
            if (i < v.length) write(v.slot + static_cast<std::uint32_t>(i), value);
        }
    }
}
// Writes the successor of `pre` under `t` into `post` (sized like pre). Does not test the guard.
void fire(const System& sys, const Transition& t, std::span<const std::uint64_t> pre, std::span<std::uint64_t> post);
State fire(const System& sys, const Transition& t, const State& pre);

}  // namespace np
