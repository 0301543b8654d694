// The `auto` engine: a portfolio of the registry's lanes (checkers/engines.hpp), side by side.
//
//   explicit  one thread: breadth-first search over every clause property (as far as the state
//             limit, the run's memory and time allow), then the state graph for the graph
//             properties (quiescence with B and K*, persistency, csc);
//   bmc       one thread: bounded model checking over every open clause property (FAILs);
//   kind      one thread: k-induction over every open clause property (shared unrolling);
//   spacer    time-sliced attempts, one property each, taken round-robin by `jobs` workers: an
//             attempt that uses up its slice (2 s, then 4 s, 8 s, ...) is queued again, so that
//             one hard property never starves the others. With a required settling bound, the
//             symbolic quiescence monitor (bmc, kind, spacer) joins this queue;
//   abc-pdr   the same time-sliced attempts with ABC's pdr, when berkeley-abc runs (abc_available).
// A liveness property joins the time-sliced queue as its liveness-to-safety monitor
// (checkers/liveness_to_safety.hpp) with bmc, kind, spacer and abc-pdr; the explicit lane decides
// it on the state graph.
// The symbolic lanes start after the explicit lane's head start (0.25 s), or as soon as its
// clause search ends: a small model is decided by explicit search alone, deterministically.
// The first conclusive verdict (PASS or FAIL) of a property wins: it is reported at once
// (on_decided), every attempt still working on that property is cancelled, and the result says
// what the other lanes had reached. A second conclusive verdict that contradicts the first turns
// the property into ERROR naming both engines. A property no lane decides is UNKNOWN with every
// lane's coverage (ERROR when a lane failed). Every lane shares the run's budget: when it runs
// out, every lane stops and what is open is UNKNOWN with the budget's reason.
// Memory: the explicit lane keeps its own structures within 3/4 of the budget's memory (the rest
// is the solvers'); the run's watchdog enforces the whole budget on the process.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "checkers/budget.hpp"
#include "checkers/check_quiescence.hpp"
#include "checkers/check_stg.hpp"
#include "checkers/explicit_search.hpp"
#include "checkers/progress.hpp"
#include "checkers/symbolic_options.hpp"

namespace np {

// One property to decide: a clause property of the system, a liveness property of it, or a graph
// property by name ("quiescence", "persistency", "csc").
struct Goal {
    std::string name;
    const Property* clause = nullptr;
    const LivenessProperty* liveness = nullptr;
    PropertyKind kind() const;
};

struct GraphOptions {
    QuiescenceRequirements quiescence;
    PersistencyOptions persistency;
};

// The graph properties `names` (graph properties by name, or liveness properties of sys) on one
// state graph of sys, within limits.
std::vector<PropertyResult> check_graph_properties(const System& sys, const std::vector<std::string>& names,
                                                   const GraphOptions& options, const SearchLimits& limits,
                                                   const std::function<void(const SearchProgress&)>& progress = {});

// The result of an engine that threw `what` on `goal`: UNKNOWN with the reason when `stopped` had
// stopped it (an interrupted Z3 call may throw), else ERROR naming the engine.
PropertyResult engine_failure(const Goal& goal, const std::string& engine, const std::string& what, const Cancellation& stopped);

struct PortfolioOptions {
    // The lanes run (registry names); default every lane (abc-pdr only where berkeley-abc runs).
    std::vector<std::string> lanes{"explicit", "bmc", "kind", "spacer", "abc-pdr"};
    ExplicitOptions explicit_options;  // limits.max_states: the explicit lane's only state limit
    SymbolicOptions symbolic;          // depth, certificates, re-check
    GraphOptions graph;
    unsigned jobs = 0;                 // workers of the time-sliced attempts; 0: the machine's cores
    // Seconds the explicit lane runs alone before the others start (they start at once when it
    // finishes its clause search sooner).
    double explicit_head_start = 0.25;
    std::shared_ptr<ProgressBoard> progress;                               // may be null
    std::function<void(std::size_t goal, const PropertyResult&)> on_decided;  // any thread, once per goal
};

std::vector<PropertyResult> check_auto(const System& sys, const std::vector<Goal>& goals, const PortfolioOptions& options,
                                       const Budget& budget);

}  // namespace np
