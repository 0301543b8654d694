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
// Writes the successor of `pre` under `t` into `post` (sized like pre). Does not test the guard.
void fire(const System& sys, const Transition& t, std::span<const std::uint64_t> pre, std::span<std::uint64_t> post);
State fire(const System& sys, const Transition& t, const State& pre);

}  // namespace np
