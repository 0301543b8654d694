// Certificates of symbolic PASSes (proofs/certificate.hpp): the obligations of an invariant over
// a system's step relation, written as SMT-LIB2 by Z3, then re-checked by other solvers.
#pragma once

#include <z3++.h>

#include "checkers/symbolic_options.hpp"
#include "checkers/transition_relation.hpp"
#include "proofs/certificate.hpp"

namespace np {

// The certificate that `invariant` (a formula over tr.state(""), the bare state constants)
// proves `p`: with k <= 1 the obligations Init ∧ ¬Inv, Inv ∧ T ∧ ¬Inv', Inv ∧ obligation(P);
// with k >= 2 the k-induction premises of proofs/certificate.hpp, whose simple-path constraint
// ⋀ s_i ≠ s_j compares the slots of `cone` (all slots when null). A cone of influence of p
// (model/cone_of_influence.hpp) keeps the premises sound: a shortest violating run never repeats
// a state on the cone, since the part between two such states could be cut out.
Certificate make_certificate(const TransitionRelation& tr, const Property& p, const std::string& method, std::uint32_t k,
                             const z3::expr& invariant, const std::vector<bool>* cone = nullptr);

// Attaches the certificate of a PASS to `r` as options.certificates says: nothing (None), as is
// (Emit), or re-checked with options.recheck (Recheck, see confirm_certificate).
void attach_certificate(PropertyResult& r, Certificate cert, const SymbolicOptions& options);

// Re-checks the certificate of a PASS: a certificate that fails its re-check turns r into an
// ERROR saying why (the certificate is kept for inspection); a confirmed one says so in the message.
void confirm_certificate(PropertyResult& r, const RecheckOptions& options);

}  // namespace np
