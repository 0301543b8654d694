// Fairness of the liveness properties (DESIGN §3). A run is infinite, or stops in a state where
// no fair transition is enabled (the environment may stop). Per transition t:
//   None    no assumption (input transitions: the environment may stop offering them)
//   Weak    if t is continuously enabled from some point on, it is eventually taken: on a lasso's
//           cycle, t fires on the cycle or is disabled in some state of it (every local transition
//           by default: a gate whose inputs are stable eventually switches)
//   Strong  if t is enabled infinitely often, it is taken infinitely often: on a lasso's cycle, t
//           fires on the cycle or is disabled in every state of it (`--strong-fair`)
// A run that stops in a state must enable no Weak or Strong transition there.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/system.hpp"

namespace np {

// Per transition of sys, for property p: Transition::fairness where set, else Weak for local
// transitions and p's fair inputs, else None.
std::vector<Fairness> fairness_of(const System& sys, const LivenessProperty& p);

// In words, for messages: "weak fairness of local transitions, strong of a, b, environment's get,
// get_done weakly fair" (at most three names of each, then how many more).
std::string describe_fairness(const System& sys, const std::vector<Fairness>& f);

}  // namespace np
