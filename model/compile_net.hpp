// Compilation of a PetriNet / STG into the IR (DESIGN §2).
//
// - A place of capacity 1 becomes a bool; a place of capacity k > 1 an unsigned counter wide
//   enough for k. Role Place, bound = capacity.
// - An STG signal becomes a bool (role Signal) whose initial value is declared or inferred
//   (infer_initial_signals.hpp).
// - A net transition becomes an IR transition: guard = every preset place holds its weight and
//   every read-arc place is marked; updates = the net token change per place, and for `s+`/`s-`/
//   `s~` the signal set/reset/toggled. Kind: input-signal edges are Input, output-signal edges
//   Output, internal-signal edges and dummies Internal; plain nets' transitions are Internal.
// - Implied properties: `deadlock`; `safeness` (blocking: a firing that would exceed a capacity is
//   reported, never truncated); for STGs also `consistency` (s+ is never enabled while s = 1, s-
//   never while s = 0; toggles are exempt).
#pragma once

#include <cstdint>

#include "model/petri_net.hpp"
#include "model/system.hpp"

namespace np {

struct CompileOptions {
    std::uint64_t max_inference_markings = 2'000'000;
};

System compile_net(PetriNet net, const CompileOptions& options = {});

}  // namespace np
