// Property selection and engine dispatch for `neuroproof check` (engines from checkers/engines.hpp).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "checkers/budget.hpp"
#include "checkers/check_quiescence.hpp"
#include "checkers/check_stg.hpp"
#include "checkers/explicit_search.hpp"
#include "checkers/portfolio.hpp"
#include "checkers/progress.hpp"
#include "checkers/symbolic_options.hpp"

namespace np {

struct CheckRequest {
    std::vector<std::string> properties;  // empty: every property the system declares
    std::string engine = "auto";          // a name of the registry (checkers/engines.hpp)
    // explicit_options.limits.max_states limits the explicit engine (and the explicit lane of
    // auto) only; its time, memory and cancellation come from `budget`.
    ExplicitOptions explicit_options;
    SymbolicOptions symbolic;  // depth, certificates, re-check; time and cancellation from `budget`
    // The run's one budget (deadline, memory, cancellation), shared by every engine and phase,
    // --paranoid's second engines and the certificate re-checks included. Enforced on the process
    // by a Watchdog, which the caller runs.
    Budget budget;
    unsigned jobs = 0;      // auto: proof workers (0: the machine's cores)
    // Each conclusive verdict is confirmed by a second engine where one applies (explicit <->
    // symbolic); a contradiction is ERROR naming both, an inconclusive second engine is said.
    bool paranoid = false;
    // Graph properties: quiescence's required bounds (a `quiescent within B` declaration of the
    // input supplies B when this leaves it unset) and output persistency's mutex signal pairs.
    QuiescenceRequirements quiescence;
    std::vector<std::pair<std::string, std::string>> mutex_signals;
    std::shared_ptr<ProgressBoard> progress;  // may be null
    // Called once per property, from any thread, as soon as its verdict is final (before
    // run_checks returns); index into the returned vector.
    std::function<void(std::size_t, const PropertyResult&)> on_result;
    // How the system was loaded (may be empty): recorded, with its file made absolute, in every
    // certificate's binding so that `certify` can load the model again.
    ModelSource source;
};

// Names of the properties `sys` offers: its clause properties in declaration order, then the
// graph properties — `quiescence` (every system), and for STGs `persistency` and `csc`.
std::vector<std::string> available_properties(const System& sys);
// What `check` checks when no property is named: every clause property, and with the engines
// that build the state graph (explicit, auto) also `persistency` for an STG (Workcraft's
// verification includes it) and `quiescence` when the input declares it (with a symbolic engine
// only when it declares a settling bound).
std::vector<std::string> default_properties(const System& sys, const std::string& engine = "auto");

// The request's properties as goals, validated: throws std::invalid_argument for an unknown
// engine, a property the system does not offer, a property the engine cannot decide, or a bad
// --mutex pair (usage errors: exit 2). Call it before any work starts.
std::vector<Goal> resolve_goals(const System& sys, const CheckRequest& request);

// Results in the order of resolve_goals. Graph properties are decided on the explicit state
// graph (engines explicit and auto); with a symbolic engine, quiescence is proved as Q1 +
// deadlock freedom (= Q3) + "no local-only run longer than B" on the system with a counter of
// local firings since the last input (checkers/symbolic_quiescence.hpp), which needs B;
// persistency and csc need the explicit graph. Throws as resolve_goals.
std::vector<PropertyResult> run_checks(const System& sys, const CheckRequest& request);

}  // namespace np
