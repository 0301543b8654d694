// Machine-readable reports: trace.json per failing property and summary.json per run.
//
// summary.json is the contract CI scripts rely on (DESIGN §7):
//   {"tool":"neuroproof","version":…,"input":…,"model":{…},"exit_code":N,"warnings":[…],
//    "properties":[{"name","verdict","engine","seconds","states","depth","message","trace","certificate"}]}
// where "trace" is the folder of the trace files for a FAIL, else null, and "certificate" is null
// or, for a symbolic PASS (or the ERROR of a certificate that failed its re-check),
//   {"folder": <property>/certificate or null when not written, "method": "k-induction"|"spacer",
//    "k": N, "rechecked": bool, "confirmed": bool,
//    "checks": [{"obligation", "solver", "answer", "seconds"}]}.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "checkers/result.hpp"

namespace np {

nlohmann::json trace_json(const System& sys, const PropertyResult& result);

struct RunSummary {
    std::string input;
    std::vector<PropertyResult> results;
    std::vector<std::string> trace_dirs;  // parallel to results; empty when no trace
    int exit_code = 0;
};

// The "certificate" entry of a property in summary.json.
nlohmann::json certificate_json(const Certificate& certificate);

nlohmann::json summary_json(const System& sys, const RunSummary& run);

}  // namespace np
