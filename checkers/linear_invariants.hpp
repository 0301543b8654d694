// Linear invariants of a transition relation: equations  Σ_x y_x · x = c  over the state slots,
// with integer coefficients y, that hold in every reachable state. For a Petri net they are the
// P-semiflows (the token count of every S-component is constant); for a design they are the
// conservation laws of its counters and flags.
//
// How they are found: a slot's *effect* under a transition is the change post.x − pre.x (raw
// bits read as unsigned integers, bools as 0/1). Z3 decides, per transition that can fire and per
// slot it may write, whether that change is one constant for every state in which the transition
// fires (tr.fires). Slots of width > 32, slots with a non-constant effect under some transition,
// and slots whose effect was not decided in time are left out. The rest form the effect matrix D
// (transitions × slots, unwritten slots change by 0); every vector y with D·y = 0 gives the
// invariant y·x = y·x0, x0 the initial state (by induction over the firings). A basis of that
// null space is computed exactly over the rationals and scaled to coprime integers.
//
// Encoding: each equation is written as  Σ_{y>0} y·x = c + Σ_{y<0} |y|·x  in bit-vectors just wide
// enough that neither side can wrap (an equation needing more than 64 bits is dropped), so the
// modular equation is the integer one.
// The invariants are lemmas for the symbolic engines: they only strengthen induction, never
// decide a verdict on their own, and every proof that uses them carries them in its certificate's
// invariant, where the re-checking solvers check them like every other part (emit_certificate.hpp).
#pragma once

#include <z3++.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "checkers/symbolic_options.hpp"
#include "checkers/transition_relation.hpp"

namespace np {

struct LinearInvariant {
    std::vector<std::pair<std::uint32_t, std::int64_t>> terms;  // (slot, coefficient), coefficients ≠ 0
    std::int64_t constant = 0;                                  // Σ y·x0
    unsigned width = 64;  // bits of the encoding: Σ |y|·2^bits(x) < 2^(width-1), so nothing wraps
};

// The invariants of tr's relation (its allowed transitions only). Effect queries stop at the
// deadline or after `budget_seconds`; what was not decided is left out (fewer invariants, never
// wrong ones).
std::vector<LinearInvariant> find_linear_invariants(const TransitionRelation& tr, const Deadline& deadline,
                                                    double budget_seconds = 5.0);

// Their conjunction over the state copy s (true for none).
z3::expr encode_linear_invariants(const TransitionRelation& tr, const std::vector<LinearInvariant>& invs,
                                  const ExprEncoder& s);

// "2·p1 + p2 - s = 1" with the system's slot names.
std::string to_string(const System& sys, const LinearInvariant& inv);

}  // namespace np
