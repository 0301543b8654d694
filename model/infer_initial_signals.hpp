// Initial signal values of an STG without `.initial state` (Workcraft's and Petrify's rule):
// a signal starts at 0 when the first transitions of it that can fire are rising (s+), at 1 when
// they are falling (s-). "First" means reachable from the initial marking without firing any other
// transition of that signal. When the possible first transitions disagree the signal is
// inconsistent: a warning names both, and the value of the one nearest the initial marking is
// taken, so that the consistency check then fails with a shortest trace. A signal that never
// fires, or whose first transitions are only toggles, starts at 0.
#pragma once

#include <cstdint>
#include <vector>

#include "model/petri_net.hpp"

namespace np {

// Returns one value per signal (declared values are kept). Appends warnings to net.warnings.
// Throws SourceError when more than `max_markings` markings would be needed.
std::vector<bool> infer_initial_signals(PetriNet& net, std::uint64_t max_markings);

}  // namespace np
