// Independent re-checking of certificates (DESIGN §4, §8): every obligation is handed, as a file,
// to solver executables run as subprocesses — by default the `cvc5` binary (a solver other than
// the Z3 library that found the proof) and the `z3` binary — and must be answered unsat by each.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "proofs/certificate.hpp"

namespace np {

struct RecheckOptions {
    std::vector<std::string> solvers{"cvc5", "z3"};  // names understood by run_solver
    double timeout_seconds = 120;                     // per obligation and solver
    // Polled while a solver runs (may be empty): true kills it and records "interrupted". The
    // run's budget stops re-checks through it (checkers/budget.hpp).
    std::function<bool()> stop;
};

// Runs one solver on one SMT-LIB2 file. Known solvers: "cvc5" (cvc5 --lang smt2
// --bv-solver=bitblast-internal), "z3" (z3 -smt2).
// Never throws for a solver problem: it is reported in the answer ("missing", "error", "timeout",
// "interrupted" when `stop` returned true).
ObligationCheck run_solver(const std::string& solver, const std::string& file, double timeout_seconds,
                           const std::function<bool()>& stop = {});

// Writes the certificate into `folder` (created): invariant.smt2, one <obligation>.smt2 each, and
// manifest.json (system, property, method, k, obligations with their meaning, and the re-check
// outcome when there is one). Sets cert.folder. Throws std::runtime_error when it cannot write.
void write_certificate(const std::string& folder, Certificate& cert);

// Re-checks the certificate's obligations (written to a temporary folder) and stores the answers
// in cert.checks (replacing earlier ones).
void recheck_certificate(Certificate& cert, const RecheckOptions& options = {});

// Re-checks a certificate stored by write_certificate (for `neuroproof certify DIR`): reads
// manifest.json, runs every solver on every obligation file named there. Throws
// std::runtime_error when the folder holds no readable certificate.
Certificate certify_folder(const std::string& folder, const RecheckOptions& options = {});

}  // namespace np
