// trace.vcd: a counterexample as a value-change dump for GTKWave. One time step per fired
// transition (time 0 is the initial state). One scope per component instance, nested along its
// path ("core.pe[1]" is scope pe[1] inside scope core), holding its variables under their local
// names; a net's variables sit in the model's scope, places in a `places` sub-scope. Bools are
// 1-bit wires; bit-vectors are `reg` (unsigned) or `integer` (signed: GTKWave shows them signed)
// with their bit range after the name; every array element is its own signal "v[3] [15:0]". The
// string variable `transition` (GTKWave's string extension of VCD) names the fired transition and
// the wire `violation` rises at the step that reaches the violating state.
#pragma once

#include <string>

#include "checkers/result.hpp"

namespace np {

std::string format_vcd(const System& sys, const PropertyResult& result);

}  // namespace np
