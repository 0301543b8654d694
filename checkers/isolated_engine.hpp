// Symbolic engines in a process of their own (DESIGN §8: a crash must not take the run down).
//
// run_isolated starts options.isolation->executable with the hidden command `__engine` (a
// separate process group, no blocked signals) and talks to it over pipes:
//   parent -> engine  stdin   one JSON request line (the model's source and fingerprint, the job,
//                             the symbolic options), then "closed NAME" lines for properties
//                             another engine decided (the engine's still_open), and "stop REASON"
//                             when the parent's cancellation fires; end of input also stops it
//   engine -> parent  stdout  lines "@np {json}": {"loaded": true} once the model is loaded,
//                             {"progress": note}, {"decided": i, "result": r} as soon as the
//                             engine has the final result of property i, then {"results": [...]} or
//                             {"exception": what}; any other output is ignored
//                     stderr  kept (its last lines explain a crash)
// The engine process loads the model again from the source and refuses a model whose
// fingerprint (model/fingerprint.hpp) differs from the parent's.
//
// Outcomes: the engine's results, each FAIL's trace replayed on the parent's model (one that does
// not replay is ERROR); an engine exception is rethrown here as std::runtime_error (the callers'
// engine_failure turns it into ERROR, or UNKNOWN when the budget stopped it); a process that dies
// (a signal such as Z3's abort, an exit without results) keeps what it had decided and gives ERROR
// for its other properties, saying how it died and the last lines it printed — a job with several
// properties left open is first split and each run again on its own, so that only the one that
// crashes is lost. Hard limits: the
// process is killed 5 s past options.timeout_seconds (counted from when it has loaded the model),
// when its resident memory passes isolation->max_memory_bytes (UNKNOWN, saying which limit), and
// 3 s after a stop it ignored.
// Set NEUROPROOF_SIMULATE_CRASH=ENGINE:PROPERTY to make the engine process abort on a job holding
// that property, or ENGINE:@N to make it abort once it has decided N properties of a job with more
// (for testing this path).
#pragma once

#include <functional>

#include "checkers/run_symbolic.hpp"
#include "model/model_source.hpp"

namespace np {

std::vector<PropertyResult> run_isolated(const System& sys, const SymbolicJob& job, const SymbolicOptions& options);

// The engine process's side: reads the request from stdin, loads the model with `load`, runs
// the job (run_symbolic_here) and writes the protocol to stdout. Returns the process exit status
// (0 when a results or exception line was written).
int serve_engine_request(const std::function<System(const ModelSource&)>& load);

}  // namespace np
