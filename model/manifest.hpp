// A verification manifest (docs/ci.md): the designs of a project, the tasks to run on them and the
// verdict every result is expected to have. Read by spec/read_manifest.hpp from a TOML file and run
// by `neuroproof ci` (checkers/run_manifest.hpp): one job per design × task.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnostic.hpp"
#include "model/model_source.hpp"

namespace np {

// What a job may end in, as far as an expectation is concerned. Timeout is an UNKNOWN whose cause
// was the task's (or the whole run's) time limit; an expectation "unknown" admits it too.
enum class Outcome : std::uint8_t { Pass, Fail, Unknown, Timeout, Error };
const char* outcome_name(Outcome o);  // "pass", "fail", "unknown", "timeout", "error"

// The verdicts a result may have to be as expected: a set of outcomes (bit k: Outcome k).
struct Expectation {
    std::uint8_t allowed = 1u << static_cast<unsigned>(Outcome::Pass);
    bool admits(Outcome o) const;
    std::string text() const;  // "pass", "fail|unknown"
};

// Expectations by property: `by_property` for named properties, else `fallback` when set.
// Property names may end in '*' (a prefix: "handshake:*").
struct ExpectationTable {
    std::vector<std::pair<std::string, Expectation>> by_property;
    std::optional<Expectation> fallback;
    std::optional<Expectation> find(const std::string& property) const;
};

// True when `name` is matched by `pattern`: equal, or `pattern` ends in '*' and prefixes `name`.
bool property_pattern_matches(const std::string& pattern, const std::string& name);

struct ManifestDesign {
    std::string name;      // unique in the manifest; names the output folder
    ModelSource source;    // file resolved against the manifest's folder
    ExpectationTable expect;  // overrides every task's expectations for this design
    std::vector<std::string> tags;
    Origin origin;
};

// The settings of a check (the options of `neuroproof check`); unset: the command's default.
struct TaskSettings {
    std::optional<std::string> engine;
    std::optional<double> timeout;          // seconds for one design × task (0: none)
    std::optional<std::uint32_t> depth;
    std::optional<std::uint64_t> max_states;
    std::optional<std::uint64_t> within;
    std::optional<std::string> max_k;
    std::optional<std::vector<std::string>> mutex;  // "A,B"
    std::optional<unsigned> jobs;
    std::optional<bool> paranoid;
    std::map<std::string, Origin> where;  // setting -> where its value was written
};

struct ManifestTask {
    std::string name;                    // unique; names the output subfolder
    std::vector<std::string> designs;    // empty: every design
    std::vector<std::string> properties; // empty: every property the design declares; '*' suffix allowed
    TaskSettings settings;
    ExpectationTable expect;
    std::vector<std::string> tags;
    Origin origin;
    std::vector<Origin> property_origins;  // one per entry of `properties`
};

struct Manifest {
    std::string file;    // the manifest itself
    std::string root;    // its folder: relative paths are resolved against it
    TaskSettings defaults;
    ExpectationTable default_expect;
    std::vector<ManifestDesign> designs;
    std::vector<ManifestTask> tasks;  // never empty after reading: one task "check" when none is given
};

// What `property` of `design` is expected to end in under `task`: the design's table, then the
// task's, then the manifest's defaults, then "pass".
Expectation expected_outcome(const Manifest& m, const ManifestDesign& design, const ManifestTask& task,
                             const std::string& property);

// The settings of a task with the manifest's defaults filled in.
TaskSettings effective_settings(const Manifest& m, const ManifestTask& task);

}  // namespace np
