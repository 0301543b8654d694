// report.html (one self-contained page per run) and index.html (one per `ci` run): readable
// offline, no script, no external resource. A run's page has the verdict table (verdict, engine,
// time, states, depth, measures such as B and K*, the certificate and who confirmed it), and per
// counterexample: why it is one (reports/explain_trace.hpp), the step table with each rule's
// source line, a waveform of the variables the trace changes, and the trace picture
// (reports/write_trace_svg.hpp) inlined.
#pragma once

#include <string>
#include <vector>

#include "checkers/run_manifest.hpp"
#include "reports/write_json.hpp"

namespace np {

// Text with &, <, >, " escaped.
std::string html_escape(const std::string& s);

// The trace's waveform as inline SVG: one row per variable it changes (bools as levels, other
// values as labelled segments), one column per step, the violating step marked; a trace longer
// than `max_steps` shows its first and last steps with the middle elided.
std::string waveform_svg(const System& sys, const Trace& trace, std::size_t max_steps = 60);

// `pictures[i]`: the SVG text of result i's trace picture, or empty.
std::string format_run_html(const System& sys, const RunSummary& run, const std::vector<std::string>& pictures);

// The ci run's page; links to each job's report.html relative to `dir` (where it is written).
std::string format_ci_html(const CiRun& run, const std::string& dir);

}  // namespace np
