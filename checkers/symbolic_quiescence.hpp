// Quiescence with the symbolic engines (DESIGN §3, for designs too big for the state graph):
//   Q1 by evaluating the initial state;
//   Q3 as deadlock freedom (a quiescent state that enables no input enables nothing at all);
//   Q2 within B as an invariant of the system extended with a monitor: a counter of local firings
//      since the last input (reset by every input transition, saturating above B), which must
//      never exceed B. "No local-only run longer than B" implies that every local-only run ends,
//      i.e. Q2, and bounds the settling time.
//   Q4 with a required K, by a sufficient condition: a second monitor sums the energy of local
//      firings since the last input, which must never exceed K. Then every run spends at most K
//      per input plus K before the first one (energy <= K * #inputs + K), so K* <= K. A violation
//      only shows a burst above K — K* (a long-run average) may still be <= K — so it gives
//      UNKNOWN with that burst as evidence, never FAIL; the explicit engine decides K* exactly.
// Q3, Q2-within-B (and the burst bound) are one invariant of the extended system, so one engine
// run decides them and a PASS carries one certificate (of the extended system). A FAIL trace is
// projected back onto the original system and replayed there. The unbounded B and K* are
// measured only on the explicit state graph (check_quiescence.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "checkers/result.hpp"
#include "checkers/symbolic_options.hpp"

namespace np {

// The extended system: `sys` plus the monitor variable (the last slot) and the property
// "quiescence" (kind Quiescence, clauses: settling bound exceeded, dead state), after the
// original blocking properties.
// With an activity bound, a second monitor variable (energy since the last input) and a third
// clause.
System quiescence_monitor(const System& sys, std::uint64_t settling_bound, std::optional<Ratio> activity_bound = {});

// engine: "bmc", "kind" or "spacer".
PropertyResult check_quiescence_symbolic(const System& sys, const std::string& engine, std::uint64_t settling_bound,
                                         std::optional<Ratio> activity_bound, const SymbolicOptions& options);

}  // namespace np
