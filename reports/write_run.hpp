// The per-run output folder (DESIGN §7): summary.json and junit.xml, and for every property
// with a counterexample a subfolder <property>/ holding trace.txt, trace.json, trace.vcd and trace.svg;
// for every property with a certificate (a symbolic PASS, or the ERROR of a certificate that failed
// its re-check) the folder <property>/certificate/ (proofs/recheck.hpp's write_certificate).
#pragma once

#include <string>
#include <vector>

#include "reports/write_json.hpp"

namespace np {

// Exit status of a run (DESIGN §7): 0 every property PASS, 1 some FAIL (an ERROR verdict, a
// check that itself went wrong, also gives 1: it must stop a CI gate), 3 no FAIL but some
// UNKNOWN. (2, bad input or usage, is decided before any check runs.)
int exit_code(const std::vector<PropertyResult>& results);

// The subfolder of the run folder holding a property's trace and certificate, e.g.
// "invariant-n0-in_range" for "invariant:n0.in_range".
std::string property_folder_name(const std::string& property);

// Writes the folder, fills run.trace_dirs and each written certificate's `folder`. Returns warnings (e.g. a drawing that failed).
std::vector<std::string> write_run_folder(const std::string& dir, const System& sys, RunSummary& run);

}  // namespace np
