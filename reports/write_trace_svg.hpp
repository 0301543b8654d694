// trace.svg: a picture of the counterexample.
//   Petri nets and STGs (a model with places): the part of the net the trace touches, drawn by
//   Graphviz (dot): every place the trace changes or leaves marked, every transition it fires
//   labelled with the steps that fire it (#1, #4), arcs as the steps move tokens; the final
//   marking filled (the deadlock marking of a deadlock), a cycle's transitions in blue.
//   Designs: a lane chart — one lane per component instance, time downwards, one dot per fired
//   transition on its instance's lane, an arrow from a step to the next step on another lane
//   that reads what it wrote (the handshake edges), a cycle drawn as a back edge to where it
//   starts; the violating step marked. Traces longer than 60 steps keep their first and last
//   steps and elide the middle.
#pragma once

#include <string>

#include "checkers/result.hpp"

namespace np {

// Returns an empty string on success, else why rendering failed (the caller warns; a missing
// drawing never changes a verdict).
std::string write_trace_svg(const std::string& path, const System& sys, const PropertyResult& result);
// The picture as SVG text; `error` says why it could not be drawn (then empty).
std::string trace_svg(const System& sys, const PropertyResult& result, std::string& error);
// A net's picture as DOT text (empty for a model without places).
std::string trace_dot(const System& sys, const PropertyResult& result);
// A design's lane chart as SVG text.
std::string lane_chart_svg(const System& sys, const PropertyResult& result);

}  // namespace np
