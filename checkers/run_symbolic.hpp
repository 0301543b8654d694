// The one way the checkers call a symbolic engine (bmc, kind, spacer of the registry,
// checkers/engines.hpp): in this process, or isolated in a process of its own when
// options.isolation is set (checkers/isolated_engine.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checkers/result.hpp"
#include "checkers/symbolic_options.hpp"
#include "model/ratio.hpp"

namespace np {

// One engine call: clause properties of the system (one result each, in order), or, with
// quiescence_bound set and no properties, the symbolic quiescence check
// (checkers/symbolic_quiescence.hpp) with those bounds (one result), or, with liveness set and
// nothing else, that liveness property by liveness-to-safety (checkers/liveness_to_safety.hpp;
// one result).
struct SymbolicJob {
    std::string engine;
    std::vector<const Property*> properties;
    std::optional<std::uint64_t> quiescence_bound;
    std::optional<Ratio> activity_bound;
    const LivenessProperty* liveness = nullptr;
    // The number of results the job gives.
    std::size_t results() const { return quiescence_bound || liveness ? 1 : properties.size(); }
};

std::vector<PropertyResult> run_symbolic(const System& sys, const SymbolicJob& job, const SymbolicOptions& options);

// In this process, whatever options.isolation says (what an isolated engine process runs).
std::vector<PropertyResult> run_symbolic_here(const System& sys, const SymbolicJob& job, const SymbolicOptions& options);

}  // namespace np
