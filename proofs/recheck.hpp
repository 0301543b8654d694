// Independent re-checking of certificates (DESIGN §4, §8): every obligation is handed, as a file,
// to solver executables run as subprocesses — by default the `cvc5` and `boolector` binaries
// (solvers other than the Z3 library that found the proof) and the `z3` binary. A certificate is
// confirmed when every obligation is unsat for a solver other than its finder and no solver
// answers sat (proofs/certificate.hpp).
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "proofs/certificate.hpp"

namespace np {

struct RecheckOptions {
    std::vector<std::string> solvers{"cvc5", "z3", "boolector"};  // names understood by run_solver
    double timeout_seconds = 120;                                  // per obligation and solver
    // The solvers of one obligation run side by side; once one other than the proof's finder has
    // answered unsat, the rest get as long again (at least 1 s) and are then stopped ("interrupted",
    // detail "stopped: another solver confirmed …"). false: one after the other, each to its end.
    bool concurrent = true;
    // Polled while a solver runs (may be empty): true kills it and records "interrupted". The
    // run's budget stops re-checks through it (checkers/budget.hpp).
    std::function<bool()> stop;
};

// Runs one solver on one SMT-LIB2 file. Known solvers: "cvc5" (cvc5 --lang smt2
// --bv-solver=bitblast-internal), "z3" (z3 -smt2), "boolector" (boolector --smt2; exit 20 is unsat).
// Never throws for a solver problem: it is reported in the answer ("missing", "error", "timeout",
// "interrupted" when `stop` returned true).
ObligationCheck run_solver(const std::string& solver, const std::string& file, double timeout_seconds,
                           const std::function<bool()>& stop = {});

// Writes the certificate into `folder` (created): invariant.smt2, one <obligation>.smt2 each, and
// manifest.json (format, system, property, method, k, the binding, obligations with their
// meaning, and the re-check outcome when there is one). Sets cert.folder. Throws std::runtime_error when it cannot write.
void write_certificate(const std::string& folder, Certificate& cert);

// Re-checks the certificate's obligations (written to a temporary folder) and stores the answers
// in cert.checks (replacing earlier ones).
void recheck_certificate(Certificate& cert, const RecheckOptions& options = {});

// The whole certificate (obligations' text and re-check included) as JSON and back, for handing
// results between processes (checkers/isolated_engine.hpp); certificate_from_json throws
// nlohmann::json::exception on a malformed object.
nlohmann::json certificate_to_json(const Certificate& cert);
Certificate certificate_from_json(const nlohmann::json& j);
// A model's source (a certificate's binding.source, an engine process's request) as JSON and back.
nlohmann::json model_source_to_json(const ModelSource& s);
ModelSource model_source_from_json(const nlohmann::json& j);

// A stored certificate that cannot be what it claims (a malformed or incomplete manifest, a
// missing file, obligations that are not the model's): the message says why.
class CertificateRejected : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Reads a certificate stored by write_certificate, strictly: manifest.json of this format with
// its binding, exactly the obligations init, step, property, every file present. It trusts none of
// the files' contents: `certify` (checkers/certify.hpp) rebuilds the obligations from the model and
// compares. Throws std::invalid_argument when the folder does not exist, CertificateRejected
// otherwise.
Certificate read_certificate(const std::string& folder);

}  // namespace np
