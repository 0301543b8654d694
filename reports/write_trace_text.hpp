// trace.txt: a counterexample for a person to read — the violation, the initial state, then one
// line per fired transition (step, name, kind, changed variables as old->new).
#pragma once

#include <string>

#include "checkers/result.hpp"

namespace np {

std::string format_trace_text(const System& sys, const PropertyResult& result);

}  // namespace np
