#include "checkers/run_symbolic.hpp"

#include <stdexcept>

#include "checkers/engines.hpp"
#include "checkers/isolated_engine.hpp"
#include "checkers/liveness_to_safety.hpp"
#include "checkers/symbolic_quiescence.hpp"

namespace np {

std::vector<PropertyResult> run_symbolic_here(const System& sys, const SymbolicJob& job, const SymbolicOptions& options) {
    const EngineInfo& e = find_engine(job.engine);
    if (e.kind != EngineInfo::Kind::Symbolic) throw std::invalid_argument("'" + job.engine + "' is not a symbolic engine");
    if (job.liveness) {
        if (!job.properties.empty() || job.quiescence_bound) throw std::invalid_argument("a symbolic liveness job has nothing else");
        return {check_liveness_symbolic(sys, job.engine, *job.liveness, options)};
    }
    if (job.quiescence_bound) {
        if (!job.properties.empty()) throw std::invalid_argument("a symbolic quiescence job has no clause properties");
        return {check_quiescence_symbolic(sys, job.engine, *job.quiescence_bound, job.activity_bound, options)};
    }
    return e.symbolic(sys, job.properties, options);
}

std::vector<PropertyResult> run_symbolic(const System& sys, const SymbolicJob& job, const SymbolicOptions& options) {
    if (options.isolation) return run_isolated(sys, job, options);
    return run_symbolic_here(sys, job, options);
}

}  // namespace np
