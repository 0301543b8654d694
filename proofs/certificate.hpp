// Proof certificates (DESIGN §4): what a symbolic PASS leaves behind so that a solver other than
// the one that found it can re-check it.
//
// A certificate of "property P holds in every reachable state" is an invariant Inv over one copy
// of the state and proof obligations, each a self-contained SMT-LIB2 script (declare-fun, assert,
// check-sat) that must be unsat:
//   init      Init ∧ ¬Inv                            (the initial state satisfies Inv)
//   step      Inv ∧ T ∧ ¬Inv'                          (Inv is closed under every step)
//   property  Inv ∧ ¬P                                (Inv excludes every violation)
// For a k-inductive invariant (k-induction closing at k >= 2, `k` > 1 below) init and step are
// the k-induction premises instead (see docs/engines.md):
//   init      Init(s0) ∧ ⋁_{j<k} (T(s0,s1) ∧ … ∧ T(s_{j-1},s_j) ∧ ¬Inv(s_j))
//   step      Inv(s0) ∧ … ∧ Inv(s_{k-1}) ∧ T(s0,s1) ∧ … ∧ T(s_{k-1},s_k) ∧ (s_i ≠ s_j, i<j) ∧ ¬Inv(s_k)
// which are sound for finite-state systems (every shortest path to a violation is simple).
// T is the step relation of checkers/transition_relation.hpp with its selector constants free,
// P the property as the engines prove it (no violation and no blocked firing enabled).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/model_source.hpp"
#include "model/ratio.hpp"

namespace np {

struct CertificateObligation {
    std::string name;     // "init", "step", "property": the file is <name>.smt2
    std::string meaning;  // the formula in words, e.g. "Init ∧ ¬Inv"
    std::string smt2;     // a self-contained script whose expected answer is unsat
};

// One solver's answer on one obligation. answer: "unsat" (confirmed), "sat" (the obligation is
// violated: the certificate is wrong), "unknown", "timeout", "interrupted" (the run's budget
// stopped it), "error" (the solver failed, or its output was not exactly one answer to the one
// check-sat), "missing" (not installed).
struct ObligationCheck {
    std::string obligation;
    std::string solver;
    std::string answer;
    double seconds = 0;
    std::string detail;  // the solver's output when it is not a plain answer
};

// What a certificate is about, so that `certify` rebuilds its obligations from the model itself
// (checkers/certify.hpp) and never trusts obligation files it did not write.
struct CertificateBinding {
    std::string model_sha256;     // model/fingerprint.hpp of the system the obligations are over
    std::string property_sha256;  // of the property proved
    // k >= 2: the slots s_i ≠ s_j compares (a cone of influence closed under the rules of
    // model/cone_of_influence.hpp that contains the property's); unset: every slot.
    std::optional<std::vector<std::uint32_t>> cone;
    bool inputs = true;  // false: T lets no input transition fire (local behaviour only)
    // Set when that system is the quiescence monitor (checkers/symbolic_quiescence.hpp) of the
    // loaded model, with these bounds.
    std::optional<std::uint64_t> quiescence_bound;
    std::optional<Ratio> activity_bound;
    // Set when that system is the liveness-to-safety monitor (checkers/liveness_to_safety.hpp)
    // of the loaded model's liveness property of this name.
    std::optional<std::string> liveness;
    std::optional<std::uint32_t> liveness_k;  // set: the k-liveness monitor with this k instead
    ModelSource source;  // how the model was loaded; source.file empty when unknown (a model built in code)
};

struct Certificate {
    std::string system;     // the model's name
    std::string property;   // the property's name
    std::string method;     // "k-induction", "spacer" or "pdr" (ABC's, found_by "berkeley-abc")
    std::uint32_t k = 1;    // 1: an inductive invariant; > 1: a k-inductive one
    std::string invariant;  // invariant.smt2: the state variables and (assert Inv)
    std::vector<CertificateObligation> obligations;
    CertificateBinding binding;
    std::string found_by = "z3";          // the solver whose proof this is (the Z3 library)
    std::vector<ObligationCheck> checks;  // the re-check, empty when none was run
    std::string folder;                   // where it was written, empty when it was not

    // Confirmed: every obligation answered unsat by at least one solver other than found_by, and no
    // solver answered sat. Refuted: some solver answered sat on some obligation (the certificate is
    // shown wrong). Neither: not confirmed (a time-out, a missing solver, a solver failure).
    bool confirmed() const;
    bool refuted() const;
    // "" when confirmed, else why not, e.g. "cvc5 answered sat on step.smt2".
    std::string failure() const;
    // Who confirmed what, e.g. "cvc5: init, step, property unsat; z3: init, property unsat, step timeout".
    std::string confirmation() const;
};

// The obligations every certificate has, in order.
const std::vector<std::string>& obligation_names();  // init, step, property

}  // namespace np
