// Bounded model checking (DESIGN §4): one incremental Z3 solver holds the unrolling
// Init(s0) ∧ T(s0,s1) ∧ … ∧ T(s_{k-1},s_k), extended one step at a time; at each depth k = 0, 1, …,
// N every still-open property is asked "is a violating state reachable in exactly k steps?"
// under an activation literal act → violates(P, s_k) passed as an assumption (no push/pop), the
// literal being retired (asserted false) after its query. A hit is a FAIL whose trace — states
// from the model, the fired transition of each step from its selector — is replayed on the model
// before it is reported; being found at the first depth that has one, it is a shortest
// counterexample. No hit up to N is UNKNOWN "no violation up to depth N": BMC never proves.
#pragma once

#include <vector>

#include "checkers/symbolic_options.hpp"
#include "checkers/transition_relation.hpp"

namespace np {

std::vector<PropertyResult> check_bmc(const System& sys, const std::vector<const Property*>& properties,
                                      const SymbolicOptions& options = {});

// BMC on an existing relation (other engines use it to produce a trace), depth up to max_depth;
// hooks.still_open and hooks.progress as in check_bmc.
std::vector<PropertyResult> run_bmc(const TransitionRelation& tr, const std::vector<const Property*>& properties,
                                    std::uint32_t max_depth, const Deadline& deadline, const std::string& engine,
                                    const SymbolicOptions& hooks = {});

}  // namespace np
