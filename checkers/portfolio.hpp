// Engine combinations (DESIGN §4):
//   portfolio  k-induction and Spacer race on two threads, property by property; the first
//              conclusive answer (PASS or FAIL) wins and the other engine is interrupted
//              (Cancellation: its Z3 context is interrupted; each engine has its own context, Z3
//              contexts not being thread-safe). The winner's certificate is re-checked after the
//              loser stopped. Neither conclusive: UNKNOWN naming what each engine covered (an
//              ERROR of either is reported rather than hidden).
//   auto       the explicit engine first, with a state limit; a property it leaves UNKNOWN
//              because the limit was reached goes to the portfolio. A property the explicit
//              search covered completely keeps its verdict (an UNKNOWN from a blocked firing
//              stays UNKNOWN: no engine can do better).
#pragma once

#include <vector>

#include "checkers/explicit_search.hpp"
#include "checkers/symbolic_options.hpp"

namespace np {

// symbolic.timeout_seconds applies to each property's race.
std::vector<PropertyResult> check_portfolio(const System& sys, const std::vector<const Property*>& properties,
                                            const SymbolicOptions& symbolic = {});

struct AutoOptions {
    // The explicit engine's state limit in auto mode (explicit.limits.max_states, when set and
    // smaller, wins).
    std::uint64_t explicit_state_limit = 200000;
    ExplicitOptions explicit_options;
    SymbolicOptions symbolic;
};

std::vector<PropertyResult> check_auto(const System& sys, const std::vector<const Property*>& properties,
                                       const AutoOptions& options = {});

}  // namespace np
