// RapidCheck generator of random small transition systems for differential testing of the
// engines (explicit vs BMC, k-induction, Spacer): scalar and array variables of small widths,
// guarded transitions of every kind with parallel assignments (indexed writes, in- and
// out-of-range, several writes of one slot), and properties of every shape the IR has: deadlock
// freedom, invariants (state clauses), consistency-like transition clauses, and sometimes a
// blocking property (transition clauses that forbid firings, as safeness does).
#pragma once

#include <rapidcheck.h>

#include "model/system.hpp"

namespace np::gen {

struct SystemShape {
    int max_scalars = 4;           // 1..max_scalars scalar variables
    int max_arrays = 1;            // 0..max_arrays arrays of length 1..3
    int max_transitions = 5;       // 1..max_transitions
    int max_updates = 3;           // 0..max_updates assignments per transition
    int expr_depth = 2;            // depth of guards, values, indices and clauses
    unsigned max_state_bits = 12;  // variables are added while the state fits in this many bits
};

// A small type: bool, u1..u4 or s1..s4.
rc::Gen<Type> small_type();

rc::Gen<System> transition_system(SystemShape shape = {});

}  // namespace np::gen
