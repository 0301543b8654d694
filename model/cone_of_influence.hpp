// The cone of influence of a property: the state slots on which it can depend.
//
// A slot is in the cone of property P when it is read by
//   - a clause of P (its `bad`, and for a transition clause the transition's guard), or, when P
//     is a deadlock property, the guard of any transition;
//   - a clause of a blocking property or the guard of its transition (a blocked firing stops
//     every proof, system.hpp);
//   - the guard of a transition that writes a slot of the cone, or the value or index of an
//     assignment that may write a slot of the cone (an indexed write may write every element).
// Closed under these rules, the cone is a set of slots whose successor values, and whose
// transitions' enabledness, depend on the cone alone: two states equal on the cone violate P
// alike, and every run from one has a run from the other that agrees with it on the cone.
// Symbolic engines may therefore restrict simple-path constraints and invariants to it.
#pragma once

#include <vector>

#include "model/system.hpp"

namespace np {

// Marks, per slot of sys, whether the expression reads it (every element for an array read).
void mark_reads(const Expr& e, std::vector<bool>& slots);

std::vector<bool> cone_of_influence(const System& sys, const Property& p);
// The union of the properties' cones (a cone for each of them).
std::vector<bool> cone_of_influence(const System& sys, const std::vector<const Property*>& props);

// Whether `slots` (one flag per slot) can stand for p's cone in a proof: it contains
// cone_of_influence(sys, p) and is closed under the rules above (every transition writing one of
// its slots has its guard and the reads of those writes inside it). A stored certificate's cone is
// checked with this before it is used.
bool is_closed_cone(const System& sys, const Property& p, const std::vector<bool>& slots);

}  // namespace np
