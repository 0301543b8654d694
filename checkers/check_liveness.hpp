// Liveness on the explicit state graph (DESIGN §3): a response property is violated when a
// reachable state satisfies some obligation's trigger ∧ ¬goal and, from there, a fair run never
// reaches a goal state. On the finite graph that is a path through goal-free states to
//   - a fair strong component of the goal-free subgraph (Emerson–Lei: a component is fair for a
//     weakly fair t when t labels an edge inside it or is disabled in one of its states; for a
//     strongly fair t enabled in it but never taken inside it, the states enabling t are removed
//     and the rest decomposed again), whose cycle through the required edges and states is the
//     lasso's loop; or
//   - a goal-free state enabling no fair transition, where the run may stop.
// Counterexamples are replayed with the evaluator alone (replay_liveness) before they are
// reported. PASS needs the complete graph; an incomplete one gives UNKNOWN when the explored part
// holds no violation.
#pragma once

#include <string>

#include "checkers/budget.hpp"
#include "checkers/result.hpp"
#include "checkers/state_graph.hpp"

namespace np {

// name, kind and engine "explicit"; the trace's violated_clause is the obligation's index, its
// loop_start the cycle's first step (-1: the run stops in the last state). `stop` (may be null)
// is polled as the analysis goes: once it is cancelled the result is UNKNOWN with its reason.
PropertyResult check_liveness(const StateGraph& graph, const LivenessProperty& property, const Cancellation* stop = nullptr);

// Empty when `trace` is a counterexample to obligation trace.violated_clause of `property` on
// `sys`: a run from the initial state with a state satisfying trigger ∧ ¬goal after which goal
// never holds, ending in a fair cycle back to the state before step loop_start, or (loop_start
// -1) in a state that enables no fair transition. Otherwise the first discrepancy, in words.
std::string replay_liveness(const System& sys, const LivenessProperty& property, const Trace& trace);

}  // namespace np
