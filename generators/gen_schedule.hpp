// RapidCheck generators of schedule policies (model/fuzz_input.hpp says what a policy means).
#pragma once

#include <rapidcheck.h>

#include "model/fuzz_input.hpp"

namespace np::gen {

// Policies in the shapes that find interleaving bugs: uniformly random weights, each kind's
// extreme (one weight 0, the others high), eager injection with a slow sink (arbiter races and
// a full FIFO at once), and the canonical schedule, in proportions 4 : 3 : 2 : 1. Shrinks towards
// the canonical schedule from every family (then towards seed 0 and random_within off).
// Weights, the starved kind and the seed (all 64 bits) are uniform at every RapidCheck size
// (uniform_in_range in gen_events.hpp), so small sizes do not collapse them to the canonical
// schedule.
rc::Gen<SchedulePolicy> schedule_policy();

}  // namespace np::gen
