// Liveness with the symbolic engines: the liveness-to-safety reduction (Biere, Artho, Schuppan
// 2002) of a response property under fairness (model/fairness.hpp), so that BMC finds fair
// lassos and k-induction, Spacer and ABC's PDR prove response properties with certificates.
//
// The monitor system is `sys` followed by monitor variables (names starting with '#', which no
// design can declare) and two monitor transitions:
//   #arm.j    (once, any time) in a state where trigger_j ∧ ¬goal_j: obligation j is now open;
//             from then on every transition is blocked in a state where goal_j holds, so every
//             state of the rest of the run is goal-free;
//   #save     (once, after arming) copies the current state into #copy.*: the loop's start.
// Every transition of sys, fired after #save, records that a step was taken (#moved) and what its
// pre-state (each state of the loop in turn) shows about each fair transition u: weakly fair u,
// #ok.u when u fires or is disabled there; strongly fair u, #fired.u when u fires and #on.u when
// u is enabled there. The monitor property (kind of the liveness property, same name) has two
// state clauses, each a violation of the open obligation:
//   0  loop closed: #saved ∧ #moved ∧ state = #copy ∧ every fair u satisfied on the loop
//      (weak: #ok.u; strong: #fired.u ∨ ¬#on.u);
//   1  run stops: #arm.j done ∧ ¬goal_j ∧ no fair transition enabled.
// A fair violating run of a finite system exists iff it has a lasso form iff the monitor reaches a
// clause: the reduction is exact, so a PASS of the monitor's safety property proves the response
// property, and its certificate (over the monitor) is re-checked like any other.
//
// k-liveness (Claessen, Sörensson 2012), for weak fairness only, is the proving route: no state
// copy; after #arm.j, flags #ok.u collect that each fair u fired or was disabled, and each time all
// are set (a *round*, which a fair run completes infinitely often) the counter #accepts counts it
// and the flags restart. The monitor property's clauses:
//   0  more than k rounds (no counterexample: only a proof of "at most k" means something)
//   1  the run stops, as above (a real counterexample).
// A proof of "at most k rounds" excludes every fair violating run, so it proves the property.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "checkers/result.hpp"
#include "checkers/symbolic_options.hpp"

namespace np {

// The monitor system: sys's variables (same slots) and transitions (same indices) first, its
// blocking properties, then the monitor's property (last in `properties`).
System liveness_monitor(const System& sys, const LivenessProperty& property);

// The k-liveness monitor for bound k: sys's variables and transitions first, as above. Throws
// std::invalid_argument when some transition is strongly fair.
System kliveness_monitor(const System& sys, const LivenessProperty& property, std::uint32_t k);
// The bounds tried in turn, smallest first.
const std::vector<std::uint32_t>& kliveness_bounds();

// A monitor counterexample projected onto sys: the monitor's steps dropped, loop_start at the
// first step after #save (-1 for a run that stops), violated_clause the obligation armed.
Trace project_liveness_trace(const System& sys, const LivenessProperty& property, const System& monitor, const Trace& t);

// engine: a symbolic engine of the registry. bmc (and any engine when some transition is strongly
// fair) runs on the liveness-to-safety monitor; the proving engines (kind, spacer, abc-pdr) on the
// k-liveness monitors for k = 0, 1, 3, 7, 15 in turn, until one is proved (PASS) or the time is
// up. A FAIL's lasso is projected and replayed on sys (replay_liveness); a PASS carries the
// monitor's certificate with binding.liveness (and binding.liveness_k) set.
PropertyResult check_liveness_symbolic(const System& sys, const std::string& engine, const LivenessProperty& property,
                                       const SymbolicOptions& options);

}  // namespace np
