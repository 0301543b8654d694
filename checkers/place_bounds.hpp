// Structural 1-safeness of places (the P-semiflow bound): for a system compiled from a Petri
// net (model/compile_net.hpp), a place p holds at most one token in every reachable marking of
// the *unbounded* net when some y >= 0 with y·C = 0 (C the incidence matrix: a semiflow, so
// y·M = y·M0 in every reachable M), y_p >= 1 and y·M0 <= 1 exists — then M(p) <= y·M <= 1.
//
// Such places never take a second token, so the safeness clauses on them (the blocking
// property that forbids firings past a capacity of 1) can never hold: the bool encoding loses
// nothing there. The explicit engine's stubborn sets preserve deadlocks but not such firings
// (stubborn_set.hpp); it reduces only when every blocking clause is of this kind.
//
// Each y comes from Z3 (linear real arithmetic; one query can cover several places) and is then
// checked exactly, in integers, before a place counts as proved: a wrong model proves nothing.
#pragma once

#include <cstdint>
#include <vector>

#include "checkers/budget.hpp"
#include "model/system.hpp"

namespace np {

// Per variable: true for a bool place (VarRole::Place) proved to hold at most one token. Every
// other variable is false, and all are false when some transition is not a net transition over
// bool places (a guard of literals, constant writes). Polls `cancel` (may be null) between
// queries.
std::vector<bool> prove_places_one_safe(const System& sys, const std::shared_ptr<Cancellation>& cancel = nullptr);

// Whether every clause of every blocking property is `v` for a place v proved one-safe (the
// safeness clauses compile_net writes for 1-bounded places), so that none can ever hold.
bool blocking_clauses_excluded(const System& sys, const std::vector<bool>& one_safe);

}  // namespace np
