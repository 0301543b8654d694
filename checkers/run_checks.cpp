#include "checkers/run_checks.hpp"

#include <algorithm>
#include <stdexcept>

#include "checkers/bmc.hpp"
#include "checkers/k_induction.hpp"
#include "checkers/spacer.hpp"
#include "checkers/symbolic_quiescence.hpp"

namespace np {

const std::vector<std::string>& engine_names() {
    static const std::vector<std::string> names{"explicit", "bmc", "kind", "spacer", "auto"};
    return names;
}

namespace {

bool is_stg(const System& sys) {
    for (const Variable& v : sys.variables)
        if (v.role == VarRole::Signal) return true;
    return false;
}

bool is_graph_property(const std::string& name) { return name == "quiescence" || name == "persistency" || name == "csc"; }

}  // namespace

std::vector<std::string> available_properties(const System& sys) {
    std::vector<std::string> names;
    for (const Property& p : sys.properties) names.push_back(p.name);
    names.push_back("quiescence");
    if (is_stg(sys)) {
        names.push_back("persistency");
        names.push_back("csc");
    }
    return names;
}

std::vector<std::string> default_properties(const System& sys, const std::string& engine) {
    const bool graph = engine == "explicit" || engine == "auto";
    std::vector<std::string> names;
    for (const Property& p : sys.properties) names.push_back(p.name);
    if (graph && is_stg(sys)) names.push_back("persistency");
    for (const RequestedCheck& c : sys.requested_checks)
        if (c.name == "quiescence" && (graph || c.bound) && std::find(names.begin(), names.end(), "quiescence") == names.end())
            names.push_back("quiescence");
    return names;
}

std::vector<PropertyResult> run_checks(const System& sys, const CheckRequest& request) {
    const auto& engines = engine_names();
    if (std::find(engines.begin(), engines.end(), request.engine) == engines.end())
        throw std::invalid_argument("unknown engine '" + request.engine + "' (available: explicit, bmc, kind, spacer, auto)");
    const std::vector<std::string> names = request.properties.empty() ? default_properties(sys, request.engine) : request.properties;
    const auto avail = available_properties(sys);
    std::vector<const Property*> selected;
    std::vector<std::string> graph, order;
    for (const std::string& name : names) {
        if (std::find(order.begin(), order.end(), name) != order.end()) continue;
        if (std::find(avail.begin(), avail.end(), name) == avail.end()) {
            std::string list;
            for (const std::string& n : avail) list += (list.empty() ? "" : ", ") + n;
            throw std::invalid_argument("property '" + name + "' is not available for this input (available: " + list + ")");
        }
        order.push_back(name);
        if (is_graph_property(name)) graph.push_back(name);
        else selected.push_back(sys.find_property(name));
    }
    const bool symbolic = request.engine == "bmc" || request.engine == "kind" || request.engine == "spacer";
    QuiescenceRequirements qreq = request.quiescence;
    if (!qreq.settling_bound)
        for (const RequestedCheck& c : sys.requested_checks)
            if (c.name == "quiescence" && c.bound) qreq.settling_bound = c.bound;
    for (const std::string& g : graph) {
        if (symbolic && g != "quiescence")
            throw std::invalid_argument("property '" + g + "' is decided on the explicit state graph: use --engine explicit or auto");
        if (symbolic && !qreq.settling_bound)
            throw std::invalid_argument("symbolic quiescence needs a settling bound: --within B (or `quiescent within B` in the design)");
    }

    std::vector<PropertyResult> clause_results;
    if (!selected.empty()) {
        if (request.engine == "explicit") clause_results = check_explicit(sys, selected, request.explicit_options);
        else if (request.engine == "bmc") clause_results = check_bmc(sys, selected, request.symbolic);
        else if (request.engine == "kind") clause_results = check_kind(sys, selected, request.symbolic);
        else if (request.engine == "spacer") clause_results = check_spacer(sys, selected, request.symbolic);
        else {
            AutoOptions a;
            a.explicit_state_limit = request.auto_explicit_states;
            a.explicit_options = request.explicit_options;
            a.symbolic = request.symbolic;
            clause_results = check_auto(sys, selected, a);
        }
    }
    std::vector<PropertyResult> graph_results;
    if (!graph.empty() && symbolic) {
        graph_results.push_back(check_quiescence_symbolic(sys, request.engine, *qreq.settling_bound, qreq.activity_bound, request.symbolic));
    } else if (!graph.empty()) {
        StateGraph sg = build_state_graph(sys, request.explicit_options.limits);
        PersistencyOptions po;
        for (const auto& [a, b] : request.mutex_signals) {
            auto va = sys.find_variable(a), vb = sys.find_variable(b);
            for (const auto& [name, v] : {std::pair{a, va}, std::pair{b, vb}})
                if (!v || sys.variables[*v].role != VarRole::Signal)
                    throw std::invalid_argument("--mutex: '" + name + "' is not a signal of this STG");
            po.mutex.push_back({*va, *vb});
        }
        for (const std::string& g : graph) {
            if (g == "quiescence") graph_results.push_back(check_quiescence(sg, qreq).result);
            else if (g == "persistency") graph_results.push_back(check_output_persistency(sg, po));
            else graph_results.push_back(check_csc(sg).result);
        }
    }
    std::vector<PropertyResult> out;
    std::size_t ci = 0, gi = 0;
    for (const std::string& name : order) out.push_back(is_graph_property(name) ? graph_results.at(gi++) : clause_results.at(ci++));
    return out;
}

}  // namespace np
