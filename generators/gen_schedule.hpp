// RapidCheck generators of schedule policies (model/fuzz_input.hpp says what a policy means).
#pragma once

#include <rapidcheck.h>

#include "model/fuzz_input.hpp"

namespace np::gen {

// Policies in the shapes that find interleaving bugs: uniformly random weights, each kind's
// extreme (one weight 0, the others high), eager injection with a slow sink (arbiter races and
// a full FIFO at once), and the canonical schedule. Shrinks towards the canonical schedule.
rc::Gen<SchedulePolicy> schedule_policy();

}  // namespace np::gen
