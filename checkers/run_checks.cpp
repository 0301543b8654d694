#include "checkers/run_checks.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <stdexcept>

#include "checkers/confirm_verdict.hpp"
#include "checkers/cover_result.hpp"
#include "model/did_you_mean.hpp"
#include "checkers/engines.hpp"
#include "checkers/run_symbolic.hpp"

namespace np {

namespace {

bool is_stg(const System& sys) {
    for (const Variable& v : sys.variables)
        if (v.role == VarRole::Signal) return true;
    return false;
}

bool is_graph_property(const std::string& name) { return name == "quiescence" || name == "persistency" || name == "csc"; }

QuiescenceRequirements quiescence_requirements(const System& sys, const CheckRequest& request) {
    QuiescenceRequirements q = request.quiescence;
    for (const RequestedCheck& c : sys.requested_checks) {
        if (c.name != "quiescence" || !c.bound) continue;
        if (q.settling_bound && *q.settling_bound != *c.bound)
            throw SourceError(c.origin, "the design requires `quiescent within " + std::to_string(*c.bound) + "`, the command line --within " +
                                            std::to_string(*q.settling_bound) + ": give the settling bound in one place",
                              source_line(c.origin.file, c.origin.line));
        q.settling_bound = c.bound;
    }
    return q;
}

GraphOptions graph_options(const System& sys, const CheckRequest& request) {
    GraphOptions g;
    g.quiescence = quiescence_requirements(sys, request);
    for (const auto& [a, b] : request.mutex_signals) {
        auto va = sys.find_variable(a), vb = sys.find_variable(b);
        for (const auto& [name, v] : {std::pair{a, va}, std::pair{b, vb}})
            if (!v || sys.variables[*v].role != VarRole::Signal)
                throw std::invalid_argument("--mutex: '" + name + "' is not a signal of this STG");
        g.persistency.mutex.push_back({*va, *vb});
    }
    return g;
}

}  // namespace

std::vector<std::string> available_properties(const System& sys) {
    std::vector<std::string> names;
    for (const Property& p : sys.properties) names.push_back(p.name);
    for (const LivenessProperty& p : sys.liveness) names.push_back(p.name);
    names.push_back("quiescence");
    if (is_stg(sys)) {
        names.push_back("persistency");
        names.push_back("csc");
    }
    return names;
}

std::vector<std::string> default_properties(const System& sys, const std::string& engine) {
    const bool graph = find_engine(engine).state_graph;
    std::vector<std::string> names;
    for (const Property& p : sys.properties) names.push_back(p.name);
    for (const LivenessProperty& p : sys.liveness)
        if (p.kind == PropertyKind::Response) names.push_back(p.name);
    if (graph && is_stg(sys)) names.push_back("persistency");
    for (const RequestedCheck& c : sys.requested_checks)
        if (c.name == "quiescence" && (graph || c.bound) && std::find(names.begin(), names.end(), "quiescence") == names.end())
            names.push_back("quiescence");
    return names;
}

std::vector<Goal> resolve_goals(const System& sys, const CheckRequest& request) {
    const EngineInfo& engine = find_engine(request.engine);
    const std::vector<std::string> names = request.properties.empty() ? default_properties(sys, request.engine) : request.properties;
    const auto avail = available_properties(sys);
    std::vector<Goal> goals;
    for (const std::string& name : names) {
        if (std::any_of(goals.begin(), goals.end(), [&](const Goal& g) { return g.name == name; })) continue;
        if (std::find(avail.begin(), avail.end(), name) == avail.end()) {
            std::string list;
            for (const std::string& n : avail) list += (list.empty() ? "" : ", ") + n;
            throw std::invalid_argument("property '" + name + "' is not available for this input" + did_you_mean(name, avail) +
                                        " (available: " + list + ")");
        }
        goals.push_back({name, is_graph_property(name) ? nullptr : sys.find_property(name), sys.find_liveness(name)});
    }
    const QuiescenceRequirements qreq = quiescence_requirements(sys, request);
    for (const Goal& g : goals) {
        if (g.clause || g.liveness || engine.state_graph) continue;
        if (g.name != "quiescence")
            throw std::invalid_argument("property '" + g.name + "' is decided on the explicit state graph: use --engine explicit or auto");
        if (!qreq.settling_bound)
            throw std::invalid_argument("symbolic quiescence needs a settling bound: --within B (or `quiescent within B` in the design)");
    }
    graph_options(sys, request);  // validates --mutex
    return goals;
}

std::vector<PropertyResult> run_checks(const System& sys, const CheckRequest& request) {
    const EngineInfo& engine = find_engine(request.engine);
    const std::vector<Goal> goals = resolve_goals(sys, request);
    const GraphOptions graph = graph_options(sys, request);
    const Budget& budget = request.budget;
    auto post = [&](const std::string& lane, const std::string& note) {
        if (request.progress) request.progress->post(lane, note);
    };
    std::vector<PropertyResult> out(goals.size());
    auto report = [&](std::size_t i, const PropertyResult& r) {
        if (request.on_result && !request.paranoid) request.on_result(i, goals[i].clause ? cover_result(*goals[i].clause, r) : r);
    };

    // An engine that throws (a Z3 exception, memory exhausted, a broken invariant of the tool) gives
    // ERROR for its properties, saying why — or UNKNOWN when the budget had stopped it.
    auto guarded = [&](const std::vector<std::size_t>& idx, const std::string& name,
                       const std::function<std::vector<PropertyResult>()>& run) {
        if (idx.empty()) return;
        std::vector<PropertyResult> rs;
        try {
            rs = run();
        } catch (const std::exception& e) {
            rs.clear();
            for (std::size_t i : idx) {
                rs.push_back(engine_failure(goals[i], name, e.what(), *budget.cancel));
                rs.back().seconds = budget.elapsed();
            }
        }
        for (std::size_t k = 0; k < idx.size(); ++k) {
            report(idx[k], rs.at(k));
            out[idx[k]] = std::move(rs[k]);
        }
    };
    std::vector<std::size_t> clause_goals, graph_goals;
    for (std::size_t i = 0; i < goals.size(); ++i) (goals[i].clause ? clause_goals : graph_goals).push_back(i);
    std::vector<const Property*> clauses;
    for (std::size_t i : clause_goals) clauses.push_back(goals[i].clause);

    ExplicitOptions eo = request.explicit_options;
    eo.limits.cancel = budget.cancel;
    if (budget.max_memory_bytes && (!eo.limits.max_memory_bytes || eo.limits.max_memory_bytes > budget.max_memory_bytes))
        eo.limits.max_memory_bytes = budget.max_memory_bytes;
    eo.progress = [&](const SearchProgress& p) { post("explicit", format_search_progress(p)); };
    SymbolicOptions so = request.symbolic;
    so.progress = [&](const std::string& note) { post(request.engine, note); };

    if (engine.kind == EngineInfo::Kind::Portfolio) {
        PortfolioOptions po;
        po.explicit_options = eo;
        po.symbolic = request.symbolic;
        po.graph = graph;
        po.jobs = request.jobs;
        po.progress = request.progress;
        po.on_decided = report;
        out = check_auto(sys, goals, po, budget);
    } else if (engine.kind == EngineInfo::Kind::Explicit) {
        guarded(clause_goals, "explicit", [&] { return check_explicit(sys, clauses, eo); });
        std::vector<std::string> names;
        for (std::size_t i : graph_goals) names.push_back(goals[i].name);
        guarded(graph_goals, "explicit", [&] { return check_graph_properties(sys, names, graph, eo.limits, eo.progress); });
        post("explicit", "");
    } else {
        const std::string name(engine.name);
        guarded(clause_goals, name, [&] { return run_symbolic(sys, {name, clauses, {}, {}}, within_budget(so, budget)); });
        for (std::size_t i : graph_goals)
            guarded({i}, name, [&] {
                if (goals[i].liveness) return run_symbolic(sys, {name, {}, {}, {}, goals[i].liveness}, within_budget(so, budget));
                return run_symbolic(sys, {name, {}, graph.quiescence.settling_bound, graph.quiescence.activity_bound},
                                    within_budget(so, budget));
            });
        post(request.engine, "");
    }
    for (PropertyResult& r : out)
        if (r.certificate && !request.source.file.empty()) {
            r.certificate->binding.source = request.source;
            std::error_code ec;
            const std::filesystem::path abs = std::filesystem::absolute(request.source.file, ec);
            if (!ec) r.certificate->binding.source.file = abs.string();
        }
    if (request.paranoid)
        for (std::size_t i = 0; i < goals.size(); ++i) confirm_with_second_engine(sys, goals[i], out[i], eo, request.symbolic, graph, budget);
    for (std::size_t i = 0; i < goals.size(); ++i) {
        if (goals[i].clause) out[i] = cover_result(*goals[i].clause, std::move(out[i]));
        if (request.paranoid && request.on_result) request.on_result(i, out[i]);
    }
    return out;
}

}  // namespace np
