// Why a counterexample is one, in words a reader can check against the model (trace.txt,
// trace.json, report.html):
//   explain_violation  the violated clause's sub-terms evaluated in the violating state: the
//                      disjuncts of a `bad` condition that hold (which array element, which
//                      instance), and both sides of every comparison, e.g.
//                      "v[3] >= 10 is false: v[3] = -2"
//   explain_blocked    at a deadlock, every transition with the first conjunct of its guard that is
//                      false there (the one that blocks it) and the values it reads
//   constant_slots     the slots no transition writes (constants after elaboration), left out of
//                      state dumps
#pragma once

#include <string>
#include <vector>

#include "checkers/result.hpp"

namespace np {

std::vector<std::string> explain_violation(const System& sys, const PropertyResult& result, std::size_t max_lines = 16);

struct BlockedTransition {
    std::string transition;
    std::string conjunct;  // the guard's first false conjunct, as text
    std::string values;    // "x = 0, y = 3": the variables it reads, in that state
    Origin origin;
};
std::vector<BlockedTransition> explain_blocked(const System& sys, const State& state);

std::vector<bool> constant_slots(const System& sys);

// "file:line" of an origin, empty when unknown.
std::string origin_text(const Origin& o);

}  // namespace np
