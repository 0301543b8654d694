// The options of one check (`neuroproof check`, one design × task of `neuroproof ci`) and the
// CheckRequest they make, so that both commands check a model the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checkers/run_checks.hpp"

namespace np {

struct CheckOptions {
    std::vector<std::string> properties;  // empty: every property the input declares
    std::string engine = "auto";
    std::uint64_t max_states = 0;  // 0: no limit
    std::uint32_t depth = 30;
    std::optional<std::uint64_t> within;
    std::optional<std::string> max_k;  // an exact ratio: "2", "0.5", "1/3"
    std::vector<std::string> mutex;    // "A,B"
    unsigned jobs = 0;
    bool paranoid = false;
    bool reduce = false;            // explicit engine: stubborn sets (ExplicitOptions::reduce)
    std::string search = "bfs";     // explicit engine: "bfs" (shortest traces) or "dfs"
    // Symbolic engines in processes of their own (this executable's `__engine`), not in this one.
    std::string isolate_with;  // the executable, empty: in this process
};

// Throws std::invalid_argument for a malformed --mutex pair or --max-k (usage errors).
CheckRequest make_check_request(const CheckOptions& options, const ModelSource& source, const Budget& budget);

// Everything in `options` that can change a verdict (not the time or the workers), as canonical
// text: part of a proof-cache key (checkers/proof_cache.hpp).
std::string verdict_options_text(const CheckOptions& options);

}  // namespace np
