// The per-run output folder (DESIGN §7): summary.json, junit.xml, report.html (reports/write_html.hpp)
// and the marker file .neuroproof-out, and for every property
// with a counterexample a subfolder <property>/ holding trace.txt, trace.json, trace.vcd and trace.svg;
// for every property with a certificate (a symbolic PASS, or the ERROR of a certificate that failed
// its re-check) the folder <property>/certificate/ (proofs/recheck.hpp's write_certificate).
#pragma once

#include <string>
#include <vector>

#include "reports/write_json.hpp"

namespace np {

// The subfolders of the run folder holding the properties' traces and certificates, one per name
// in order, e.g. "invariant-n0-in_range" for "invariant:n0.in_range" (model/file_name.hpp's
// portable_file_name). Distinct properties get distinct folders: a name that another one already
// took gets a hash of the property's full name.
std::vector<std::string> property_folder_names(const std::vector<std::string>& properties);

// Prepares `dir` for a new run: creates it, and when it holds an earlier run (its marker file, or
// the summary.json of a release without one) removes everything in it, so that no trace of an
// earlier FAIL survives a later PASS. Throws std::invalid_argument (a usage error) when `dir` is
// not empty and holds no earlier run: it is not neuroproof's to clear.
void prepare_run_folder(const std::string& dir);
inline constexpr const char* kRunFolderMarker = ".neuroproof-out";

// Writes the evidence of one result with a trace into `dir` (created): trace.txt, trace.json,
// trace.vcd and trace.svg: the one trace writer of every command (check, ci, fuzz, replay).
// Returns the picture's SVG text (empty, with a warning, when it could not be drawn); throws
// std::runtime_error when a file cannot be written.
std::string write_trace_folder(const std::string& dir, const System& sys, const PropertyResult& r, std::vector<std::string>& warnings);

// Writes the folder, fills run.trace_dirs and each written certificate's `folder`. A property
// whose files cannot be written is a warning, not a lost run: summary.json and junit.xml are
// written all the same (they throw only when they themselves cannot be written). Returns the
// warnings (a drawing that failed, evidence not written, text that was not UTF-8).
std::vector<std::string> write_run_folder(const std::string& dir, const System& sys, RunSummary& run);

}  // namespace np
