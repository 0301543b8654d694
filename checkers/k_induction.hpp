// k-induction with simple-path constraints (DESIGN §4), for every property the IR states:
// deadlock freedom and the clause-based ones (invariants, consistency, safeness).
//
// Let B(s) = obligation(P, s) = violates(P, s) ∨ truncation(s) (transition_relation.hpp): P is
// proved only together with "no blocked firing is ever enabled", as strictly as the explicit
// engine. For k = 0, 1, …, N:
//   base(k)  one incremental solver, rooted at Init: is violates(P) reachable in exactly k steps?
//            sat: FAIL with a replayed trace. Separately: is truncation reachable in k steps? Then
//            no proof is possible any more; the search goes on for FAILs only.
//   step(k)  a second incremental solver over a free path s0 … s_k with pairwise distinct states:
//            ¬B(s0) ∧ … ∧ ¬B(s_{k-1}) ∧ B(s_k) (activation literals as assumptions). unsat, with
//            every base case below k clean: ¬B is k-inductive and P holds (PASS).
// A PASS carries a certificate (emit_certificate.hpp) with Inv = ¬B: an ordinary inductive
// invariant when the step closed at k <= 1, else the k-induction premises (k-inductive
// certificate, proofs/certificate.hpp). Nothing closed up to N: UNKNOWN "no violation up to depth
// N; ¬P is not k-inductive for k <= N".
#pragma once

#include <vector>

#include "checkers/symbolic_options.hpp"
#include "checkers/transition_relation.hpp"

namespace np {

std::vector<PropertyResult> check_kind(const System& sys, const std::vector<const Property*>& properties,
                                       const SymbolicOptions& options = {});

}  // namespace np
