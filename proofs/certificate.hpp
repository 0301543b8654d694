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
#include <string>
#include <vector>

namespace np {

struct CertificateObligation {
    std::string name;     // "init", "step", "property": the file is <name>.smt2
    std::string meaning;  // the formula in words, e.g. "Init ∧ ¬Inv"
    std::string smt2;     // a self-contained script whose expected answer is unsat
};

// One solver's answer on one obligation. answer: "unsat" (confirmed), "sat", "unknown",
// "timeout", "error" (the solver failed or printed something else), "missing" (not installed).
struct ObligationCheck {
    std::string obligation;
    std::string solver;
    std::string answer;
    double seconds = 0;
    std::string detail;  // the solver's output when it is not a plain answer
};

struct Certificate {
    std::string system;     // the model's name
    std::string property;   // the property's name
    std::string method;     // "k-induction" or "spacer"
    std::uint32_t k = 1;    // 1: an inductive invariant; > 1: a k-inductive one
    std::string invariant;  // invariant.smt2: the state variables and (assert Inv)
    std::vector<CertificateObligation> obligations;
    std::vector<ObligationCheck> checks;  // the re-check, empty when none was run
    std::string folder;                   // where it was written, empty when it was not

    // Every obligation answered unsat by every solver that was asked (and at least one was asked).
    bool confirmed() const;
    // "" when confirmed, else what went wrong, e.g. "cvc5 answered sat on step.smt2".
    std::string failure() const;
};

}  // namespace np
