// `neuroproof export --format promela`: a model's transition system as a Promela model for SPIN,
// so that SPIN's exhaustive search can be compared with the explicit engine (bench/explicit_vs_spin.sh).
//
// Semantics of the generated model (one Promela state per IR state, DESIGN §2):
//   - every IR variable is a global Promela variable (prefixed `v_`, other characters than
//     [A-Za-z0-9_] replaced by `_`): bool -> `bit`; uN -> `byte` (N <= 8), `short` (N <= 15) or
//     `int`; sN -> `short` (N <= 16) or `int`; an array is a Promela array of that element type,
//     initialised with the IR's initial valuation. A uN holds its value in [0, 2^N), an sN its
//     two's-complement value in [-2^(N-1), 2^(N-1)): every arithmetic result is wrapped back into
//     that range (mask for uN, mask and sign-extension for sN), exactly as model/eval.cpp computes.
//   - ONE active proctype whose single `do` loop has one option per IR transition, in order:
//     `:: d_step { GUARD -> UPDATES }`. d_step makes the firing atomic and leaves no intermediate
//     state, so SPIN's stored states are exactly the IR's reachable states. UPDATES is a parallel
//     assignment: a right-hand side or index that reads a variable written by an earlier update of
//     the same transition is first computed into a `hidden` temporary (not part of the state
//     vector). A write through an index outside its array is dropped; a read outside reads 0.
//   - Blocking properties (sys.properties with blocking = true, e.g. `safeness` of a net): a
//     transition whose blocking clause `bad` holds does not fire (`!bad` is added to its guard),
//     as in the explicit engine; the export cannot report that truncation (the generated file says so).
//   - Deadlock (DESIGN §3): the do-loop has no `else`/`timeout` option and no end label, so it blocks
//     exactly in a state that enables no transition, which SPIN reports as an "invalid end state".
//     No other property is exported.
// State counts: SPIN hides write-only variables unless run as `spin -a -o2`; with -o2 and pan compiled
// -DSAFETY -DNOREDUCE, "states, stored" equals the explicit engine's state count.
// Promela's `int` has 32 bits: a type wider than 31 bits, or an arithmetic operator whose exact
// intermediate value may not fit in 32 bits (e.g. `*` on u16 variables), cannot be translated
// exactly and throws std::invalid_argument naming the construct — the exporter never approximates.
// Nets and STGs (model/compile_net.cpp: bool places and signals, small counters) always export.
#pragma once

#include <ostream>

#include "model/system.hpp"

namespace np {

void write_promela(const System& sys, std::ostream& out);

}  // namespace np
