// The token game of a PetriNet, directly on markings (no IR): used to infer STG signal values
// before compilation and as an independent second engine that tests compare the IR against.
#pragma once

#include <cstdint>
#include <vector>

#include "model/petri_net.hpp"

namespace np {

using Marking = std::vector<std::uint32_t>;  // tokens per place

Marking initial_marking(const PetriNet& net);
bool net_enabled(const PetriNet& net, std::uint32_t t, const Marking& m);
// Successor of m under t (t must be enabled). Returns false, leaving `out` unspecified, when the
// firing would put more tokens on a place than its capacity.
bool net_fire(const PetriNet& net, std::uint32_t t, const Marking& m, Marking& out);

}  // namespace np
