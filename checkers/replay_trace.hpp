// Independent re-execution of a counterexample on the model (DESIGN §8: every FAIL trace is
// replayed before it is reported). Uses only the evaluator, none of the search's data structures.
#pragma once

#include <string>

#include "checkers/result.hpp"

namespace np {

// Empty when `trace` is a run of `sys` from its initial state: every step fires an enabled
// transition and reaches the recorded state. Otherwise the first discrepancy, in words.
std::string replay_run(const System& sys, const Trace& trace);

// Empty when `trace` is a run of `sys` from its initial state whose last state violates `prop` as
// the trace claims; otherwise a description of the first discrepancy.
std::string replay_trace(const System& sys, const Property& prop, const Trace& trace);

}  // namespace np
