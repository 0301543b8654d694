// The outputs of a `neuroproof ci` run (docs/ci.md), besides each job's own run folder
// (reports/write_run.hpp) under <out>/<design>/<task>/:
//   <out>/<design>/<task>/status  one line: "<OUTCOME> <expected|UNEXPECTED> <seconds>"
//   <out>/summary.json   {"tool","version","manifest","exit_code","seconds","unexpected":[…],
//                         "jobs":[{"design","task","input","folder","outcome","as_expected",
//                                  "seconds","tags","properties":[{"name","verdict","outcome",
//                                  "expected","as_expected","cached","engine","seconds",
//                                  "states","message","trace"}]}]}
//   <out>/junit.xml      one <testsuite> per design × task, one <testcase> per property: an
//                        unexpected FAIL or PASS is a <failure> (a FAIL's names its trace file),
//                        ERROR an <error>, UNKNOWN and TIMEOUT <skipped>
//   <out>/status         the run's line: "<exit code> <n> unexpected of <m> results"
//   <out>/index.html     the report of the whole run (reports/write_html.hpp)
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "checkers/run_manifest.hpp"

namespace np {

// "deadlock FAIL (expected fail)" lines of every unexpected result, "design/task: …".
std::vector<std::string> unexpected_results(const CiRun& run);

nlohmann::json ci_summary_json(const CiRun& run);
void write_ci_junit(const std::string& path, const CiRun& run);
// The status line file of one job (its folder is created when missing).
void write_job_status(const CiJob& job);
// Writes summary.json, junit.xml, status and index.html into `dir`.
void write_ci_outputs(const std::string& dir, const CiRun& run);

}  // namespace np
