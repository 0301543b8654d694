// Property selection and engine dispatch for `neuroproof check`.
#pragma once

#include <string>
#include <vector>

#include "checkers/check_quiescence.hpp"
#include "checkers/check_stg.hpp"
#include "checkers/explicit_search.hpp"
#include "checkers/portfolio.hpp"
#include "checkers/symbolic_options.hpp"

namespace np {

// The engines `check --engine` accepts, in the order the usage lists them.
const std::vector<std::string>& engine_names();  // explicit, bmc, kind, spacer, auto

struct CheckRequest {
    std::vector<std::string> properties;  // empty: every property the system declares
    // explicit: breadth-first search (explicit_options); bmc, kind, spacer: one symbolic engine
    // (symbolic: depth, timeout, certificates); auto: explicit up to auto_explicit_states states,
    // then the kind/spacer portfolio for what it left open (checkers/portfolio.hpp).
    std::string engine = "auto";
    ExplicitOptions explicit_options;
    SymbolicOptions symbolic;
    std::uint64_t auto_explicit_states = 200000;
    // Graph properties: quiescence's required bounds (a `quiescent within B` declaration of the
    // input supplies B when this leaves it unset) and output persistency's mutex signal pairs.
    QuiescenceRequirements quiescence;
    std::vector<std::pair<std::string, std::string>> mutex_signals;
};

// Names of the properties `sys` offers: its clause properties in declaration order, then the
// graph properties — `quiescence` (every system), and for STGs `persistency` and `csc`.
std::vector<std::string> available_properties(const System& sys);
// What `check` checks when no property is named: every clause property, and with the engines
// that build the state graph (explicit, auto) also `persistency` for an STG (Workcraft's
// verification includes it) and `quiescence` when the input declares it (with a symbolic engine
// only when it declares a settling bound).
std::vector<std::string> default_properties(const System& sys, const std::string& engine = "auto");

// Results in the order of the request. Graph properties are decided on the explicit state graph
// (engines explicit and auto; limits from explicit_options); with a symbolic engine, quiescence
// is proved as Q1 + deadlock freedom (= Q3) + "no local-only run longer than B" on the system
// with a counter of local firings since the last input (checkers/symbolic_quiescence.hpp), which
// needs B; persistency and csc need the explicit graph.
// Throws std::invalid_argument for an unknown engine, a property the system does not offer, or
// a property the engine cannot decide (usage errors: exit 2).
std::vector<PropertyResult> run_checks(const System& sys, const CheckRequest& request);

}  // namespace np
