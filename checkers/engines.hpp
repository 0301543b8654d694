// The engine registry (DESIGN §4): every engine `check`, quiescence, the equivalence miter and the
// `auto` portfolio can use is named once, here, with what it can conclude. No other code
// dispatches on engine names.
//
//   explicit  breadth-first state-space search: PASS when every reachable state was explored, FAIL
//             with a shortest trace; the only engine that builds the state graph (quiescence's B
//             and K*, persistency, csc)
//   bmc       bounded model checking: FAIL with a shortest trace; never PASS
//   kind      k-induction strengthened with linear invariants: PASS with a certificate, FAIL
//   spacer    Z3's CHC engine: PASS with a certificate (its inductive invariant), FAIL
//   auto      the portfolio of the four above (checkers/portfolio.hpp)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checkers/explicit_search.hpp"
#include "checkers/symbolic_options.hpp"

namespace np {

using SymbolicEntry = std::vector<PropertyResult> (*)(const System&, const std::vector<const Property*>&,
                                                      const SymbolicOptions&);

struct EngineInfo {
    enum class Kind : std::uint8_t { Explicit, Symbolic, Portfolio };
    std::string_view name;
    std::string_view summary;  // one line for --help
    Kind kind;
    bool proves;        // can conclude PASS
    bool refutes;       // can conclude FAIL
    bool certificates;  // every PASS carries a re-checked SMT-LIB2 certificate
    bool state_graph;   // decides the graph properties (quiescence's B and K*, persistency, csc)
    bool lane;          // runs as one of the `auto` portfolio's lanes
    bool miter;         // an engine of the equivalence miter (`fuzz --prove`)
    SymbolicEntry symbolic = nullptr;  // Kind::Symbolic: the entry point
};

// In the order the usage lists them: explicit, bmc, kind, spacer, abc-pdr, auto.
const std::vector<EngineInfo>& engines();
// The engine called `name`; throws std::invalid_argument naming the known ones (a usage error).
const EngineInfo& find_engine(std::string_view name);
std::vector<std::string> engine_names(bool miter_only = false);

}  // namespace np
