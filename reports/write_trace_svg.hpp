// trace.svg: the counterexample drawn with Graphviz (dot layout) — one node per state, one edge
// per fired transition labelled with its name and the variables it changed; the last node is
// marked with the violation.
#pragma once

#include <string>

#include "checkers/result.hpp"

namespace np {

// Returns an empty string on success, else why rendering failed (the caller warns; a missing
// drawing never changes a verdict).
std::string write_trace_svg(const std::string& path, const System& sys, const PropertyResult& result);
// The same graph as DOT text.
std::string trace_dot(const System& sys, const PropertyResult& result);

}  // namespace np
