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

// The same from the invariant's text (invariant.smt2; read with parse_invariant), which the
// certificate keeps as it is. What `certify` rebuilds a stored certificate with.
Certificate certificate_for_invariant(const TransitionRelation& tr, const Property& p, const std::string& method, std::uint32_t k,
                                      const std::string& invariant_smt2, const std::vector<bool>* cone = nullptr);

// Attaches the certificate of a PASS to `r` as options.certificates says: nothing (None), as is
// (Emit), or re-checked with options.recheck (Recheck, see confirm_certificate).
void attach_certificate(PropertyResult& r, Certificate cert, const SymbolicOptions& options);

// The one formula an SMT-LIB2 script asserts, read into ctx: the script must have the shape
// smt2_script writes (proofs/smt2_script.hpp: script_shape_error) and one assert (or none: the
// formula true). Throws
// CertificateRejected naming `file` and saying why not.
z3::expr parse_assertion(z3::context& ctx, const std::string& smt2, const std::string& file);

// The invariant a certificate's invariant.smt2 states, read into tr's context: exactly one
// quantifier-free assertion whose free constants are state variables of tr's system (the bare
// slots). Throws CertificateRejected (proofs/recheck.hpp) saying why not.
z3::expr parse_invariant(const TransitionRelation& tr, const std::string& smt2);

// Re-checks the certificate of a PASS (Certificate::confirmed: every obligation unsat for a solver
// other than the one that found the proof). Confirmed: the message says by whom. Refuted (a solver
// answered sat): ERROR saying why, the certificate kept for inspection. Otherwise (a time-out, the
// budget, a missing solver): UNKNOWN, "proof found, certificate not confirmed", saying who
// confirmed what.
void confirm_certificate(PropertyResult& r, const RecheckOptions& options);

}  // namespace np
