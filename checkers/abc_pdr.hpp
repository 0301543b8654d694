// ABC's IC3/PDR (`pdr` of the Debian berkeley-abc binary) as an engine: each property's
// obligation(P) = violates(P) ∨ truncation (transition_relation.hpp) is the one output of the
// system's AIGER (model/bit_blast.hpp), and ABC answers on it:
//   proved    PASS only with a certificate: ABC's inductive invariant (its `pdr -d` clauses over
//             the latches) is mapped back to the model's bits, conjoined with ¬obligation(P) (pdr
//             uses the property as an inductive hypothesis), and re-checked as an ordinary
//             certificate (method "pdr", found by berkeley-abc: every obligation must be
//             answered unsat by cvc5 or z3). Never trusted unchecked: with certificates off, a
//             proof is UNKNOWN.
//   asserted  ABC's counterexample (its selector values per frame) is turned into the run of
//             the model that fires the transition each frame selects (a frame that selects none
//             is the AIG's stutter step and is dropped) and replayed; it ends in a violation:
//             FAIL; in a blocked firing only: ABC is asked again about violates(P) alone, since
//             no proof is possible any more (FAIL or UNKNOWN).
//   otherwise UNKNOWN, with ABC's reason (its -T time limit, a missing binary, a crash).
#pragma once

#include <string>
#include <vector>

#include "checkers/symbolic_options.hpp"

namespace np {

// The ABC binary: $NEUROPROOF_ABC, else "berkeley-abc" looked up in PATH.
std::string abc_binary();
// Whether abc_binary() runs (asked once per process: the `auto` portfolio offers the abc-pdr lane
// only then).
bool abc_available();

std::vector<PropertyResult> check_abc_pdr(const System& sys, const std::vector<const Property*>& properties,
                                          const SymbolicOptions& options = {});

}  // namespace np
