// The Z3 back end of the expression AST: every slot of a system becomes a Z3 constant (bool, or
// a bit-vector of the type's width), and each operator is encoded with exactly the semantics of
// model/expr.hpp (wrap-around, saturation, shifts past the width, out-of-range array reads = 0).
// Arrays are unrolled into one constant per element; a read is an if-then-else chain over them.
// Each copy of the state (one per BMC step, a primed copy for a transition relation) is an
// encoder with its own name suffix.
#pragma once

#include <z3++.h>

#include <string>
#include <vector>

#include "model/system.hpp"

namespace np {

// n-ary and/or that print as standard SMT-LIB2 for every arity (Z3 prints a nullary `or` as the
// bare symbol `or`, which other solvers reject): all_of({}) is true, any_of({}) is false.
z3::expr all_of(const z3::expr_vector& xs, z3::context& ctx);
z3::expr any_of(const z3::expr_vector& xs, z3::context& ctx);

class ExprEncoder {
public:
    // Slot constants are named "<variable>[<k>]@<suffix>" (or "<variable>@<suffix>"); an empty
    // suffix gives the bare names "<variable>[<k>]" / "<variable>".
    ExprEncoder(z3::context& ctx, const System& sys, const std::string& suffix);
    // An encoder over the given terms, one per slot of sys (a state of symbolic execution:
    // constants for known slots, terms over other constants for the rest).
    ExprEncoder(z3::context& ctx, const System& sys, z3::expr_vector slots);
    z3::expr encode(const Expr& e) const;
    z3::expr slot(std::uint32_t index) const { return slots_[index]; }
    const z3::expr_vector& slots() const { return slots_; }
    // The constant of a value of type t.
    z3::expr value(Type t, std::uint64_t raw) const;
    // Reads a slot's raw value from a model (0 when the model leaves it unconstrained).
    std::uint64_t slot_value(const z3::model& m, std::uint32_t index) const;
    // The whole state a model gives this copy (unconstrained slots read 0).
    State state_value(const z3::model& m) const;
    // Equalities fixing every slot of this copy to `s`.
    z3::expr equals(const State& s) const;
    Type slot_type(std::uint32_t index) const { return slot_types_[index]; }

private:
    z3::context& ctx_;
    const System& sys_;
    z3::expr_vector slots_;
    std::vector<Type> slot_types_;
};

}  // namespace np
