// The verdict of a cover property (model/system.hpp, kind Cover) from an engine's search for it.
// Every engine searches a cover's clauses as it searches for violations, so its raw result says
// FAIL when it found (and replayed) a reachable witness and PASS when it proved that none is
// reachable. A cover's verdict is the other way round:
//   PASS     a witness run was found and replayed: `trace` is the witness (its files are written
//            like a counterexample's)
//   FAIL     no reachable state satisfies it, proved (with the proof's certificate when there is
//            one): the cover is unreachable, so whatever was proved about that behaviour is vacuous
//   UNKNOWN, ERROR as they were.
#pragma once

#include "checkers/result.hpp"

namespace np {

// r turned round when p is a cover; r unchanged otherwise.
PropertyResult cover_result(const Property& p, PropertyResult r);

}  // namespace np
