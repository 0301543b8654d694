// Initial signal values of an STG without `.initial state` (Workcraft's and Petrify's rule):
// a signal starts at 0 when its first transition is rising (s+), at 1 when it is falling (s-).
// "First" means reachable from the initial marking without firing any other transition of that
// signal; the one taken is the nearest to the initial marking (breadth-first over the markings,
// transitions in declaration order). A signal that never fires, or whose first transitions are
// only toggles, starts at 0.
//
// The search stops as soon as every signal without a declared value has met its first
// transition, so its cost is the part of the marking graph nearer than the farthest such
// transition, not the whole graph (a net with millions of markings whose signals all fire early
// is answered at once). A signal whose possible first transitions disagree is inconsistent; when
// the explored part shows both directions as first (each with a path that fires no other
// transition of the signal), a warning names both. The consistency property decides
// inconsistency exactly, with a shortest trace, so a disagreement beyond the explored part is
// left to it.
#pragma once

#include <cstdint>
#include <vector>

#include "model/petri_net.hpp"

namespace np {

// Returns one value per signal (declared values are kept). Appends warnings to net.warnings.
// Throws SourceError when a signal's first transition is not met within `max_markings` markings.
std::vector<bool> infer_initial_signals(PetriNet& net, std::uint64_t max_markings);

}  // namespace np
