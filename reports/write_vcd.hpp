// trace.vcd: a counterexample as a value-change dump for GTKWave. One time step per fired
// transition (time 0 is the initial state); one scope per component (a net's variables sit in the
// model's scope, places in a `places` sub-scope); bools are 1-bit wires, bit-vectors and counters
// are vectors, array elements are separate variables; the fired transition's name is the string
// variable `transition` (GTKWave's string extension of VCD).
#pragma once

#include <string>

#include "checkers/result.hpp"

namespace np {

std::string format_vcd(const System& sys, const PropertyResult& result);

}  // namespace np
