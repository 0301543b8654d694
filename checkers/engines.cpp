#include "checkers/engines.hpp"

#include <stdexcept>

#include "checkers/abc_pdr.hpp"
#include "checkers/bmc.hpp"
#include "checkers/k_induction.hpp"
#include "checkers/spacer.hpp"

namespace np {

const std::vector<EngineInfo>& engines() {
    using K = EngineInfo::Kind;
    static const std::vector<EngineInfo> table{
        {"explicit", "breadth-first search of every reachable state (shortest counterexamples)", K::Explicit,
         true, true, false, true, true, true, nullptr},
        {"bmc", "bounded model checking with Z3 (counterexamples up to --depth)", K::Symbolic,
         false, true, false, false, true, true, check_bmc},
        {"kind", "k-induction with Z3 (proofs with certificates, up to k = --depth)", K::Symbolic,
         true, true, true, false, true, true, check_kind},
        {"spacer", "Spacer, Z3's CHC engine (proofs with certificates)", K::Symbolic,
         true, true, true, false, true, true, check_spacer},
        {"abc-pdr", "ABC's IC3/PDR (berkeley-abc) on the AIGER export (proofs with certificates)", K::Symbolic,
         true, true, true, false, true, false, check_abc_pdr},
        {"auto", "explicit, bmc, kind, spacer and abc-pdr side by side; the first conclusive verdict wins", K::Portfolio,
         true, true, true, true, false, false, nullptr},
    };
    return table;
}

const EngineInfo& find_engine(std::string_view name) {
    for (const EngineInfo& e : engines())
        if (e.name == name) return e;
    std::string list;
    for (const EngineInfo& e : engines()) list += (list.empty() ? "" : ", ") + std::string(e.name);
    throw std::invalid_argument("unknown engine '" + std::string(name) + "' (available: " + list + ")");
}

std::vector<std::string> engine_names(bool miter_only) {
    std::vector<std::string> names;
    for (const EngineInfo& e : engines())
        if (!miter_only || e.miter) names.emplace_back(e.name);
    return names;
}

}  // namespace np
