// `neuroproof ci` (docs/ci.md): every design × task of a manifest (model/manifest.hpp) checked as
// `neuroproof check` would, in parallel, each result compared with its expectation; PASS and FAIL
// are kept in a proof cache (checkers/proof_cache.hpp) and re-verified when reused.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "checkers/budget.hpp"
#include "checkers/result.hpp"
#include "model/manifest.hpp"

namespace np {

// A result's outcome: its verdict, with an UNKNOWN that a time limit caused told apart (Timeout).
Outcome outcome_of(const PropertyResult& r, bool timed_out);

struct CiResult {
    PropertyResult result;
    Expectation expected;
    Outcome outcome = Outcome::Unknown;
    bool cached = false;  // reused from the proof cache (re-verified, see its message)
    bool as_expected() const { return expected.admits(outcome); }
};

struct CiJob {
    std::string design, task;  // names in the manifest
    std::string input;         // the design's file
    std::string folder;        // <out>/<design>/<task>
    std::vector<std::string> tags;
    // One per property checked. A design that cannot be loaded, or a task that cannot be run on
    // it (an unknown property, engine or option), has the one result "load", ERROR, whose message
    // is the diagnostic.
    std::vector<CiResult> results;
    std::vector<std::string> trace_dirs;  // parallel to results, set by the folder writer
    double seconds = 0;
    // The job's overall outcome: the worst of its results (error > fail > timeout > unknown > pass).
    Outcome outcome() const;
    bool as_expected() const;
};

struct CiOptions {
    std::string out = "neuroproof-ci";  // one folder per design × task below it
    unsigned jobs = 1;                  // design × task checks at once
    std::vector<std::string> tags;      // run only tasks or designs with one of these tags (empty: all)
    std::vector<std::string> tasks;     // run only these tasks (empty: all)
    std::vector<std::string> designs;   // run only these designs (empty: all)
    std::string cache_dir;              // empty: no proof cache
    std::string isolate_with;           // executable serving `__engine` (checkers/check_options.hpp)
    Budget budget;                      // the whole run's; each task's timeout is a share of it
    std::function<System(const ModelSource&)> load;
    // Writes a checked job's folder (reports/write_run.hpp) and fills job.trace_dirs; called from
    // the job's thread, one job at a time per folder.
    std::function<void(CiJob& job, const System& sys)> write;
    // Called (serialised) as each job ends.
    std::function<void(const CiJob& job)> on_job;
};

struct CiRun {
    std::string manifest;
    std::vector<CiJob> jobs;  // in manifest order: designs within tasks
    double seconds = 0;
};

// Throws std::invalid_argument when a filter names no task, design or tag of the manifest.
CiRun run_manifest(const Manifest& manifest, const CiOptions& options);

// Exit status of `ci` (docs/ci.md): 0 when every result is as expected, else the sum of one bit
// per kind of unexpected outcome: 4 FAIL, 8 UNKNOWN, 16 TIMEOUT, 32 ERROR, 64 PASS (expected
// otherwise). (2 stays a bad manifest or usage; 1 the run's own failure to write its results.)
int ci_exit_code(const CiRun& run);
int outcome_bit(Outcome o);

}  // namespace np
