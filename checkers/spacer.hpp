// Unbounded proofs with Spacer, Z3's CHC engine (z3::fixedpoint with engine=spacer), for
// deadlock freedom and every clause-based property.
//
// The system becomes constrained Horn clauses over one relation Reach(slots):
//   Init(s) -> Reach(s)        Reach(s) ∧ T(s, sel, s') -> Reach(s')
//   Reach(s) ∧ obligation(P, s) -> Err_P      (obligation = violation ∨ blocked firing enabled)
// and each property is the query Err_P. unsat: P holds (and no blocked firing is reachable); the
// inductive invariant is Spacer's solution for Reach (its cover at the infinity level), emitted
// as a certificate and re-checked by other solvers before the PASS is reported (Z3 4.8.12 is
// known to produce wrong invariants in some configurations). sat: a violation is reachable; when
// a blocking property exists, a second query (violation alone) tells a FAIL of P from a reachable
// blocked firing (UNKNOWN, as in the explicit engine); the FAIL's trace is found by BMC on the
// same relation (shortest) and replayed. Spacer's own bit-blasting (fp.xform.bit_blast) stays
// off; slicing and inlining are off so that Reach keeps the state's shape.
#pragma once

#include <vector>

#include "checkers/symbolic_options.hpp"
#include "checkers/transition_relation.hpp"

namespace np {

std::vector<PropertyResult> check_spacer(const System& sys, const std::vector<const Property*>& properties,
                                         const SymbolicOptions& options = {});

}  // namespace np
