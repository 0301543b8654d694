#include "checkers/check_stg.hpp"

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "checkers/replay_trace.hpp"
#include "model/eval.hpp"

namespace np {

std::vector<std::optional<SignalEdge>> signal_edges(const System& sys) {
    std::vector<std::optional<SignalEdge>> out(sys.transitions.size());
    for (std::size_t t = 0; t < sys.transitions.size(); ++t) {
        std::string name = sys.transitions[t].name;
        if (auto slash = name.rfind('/'); slash != std::string::npos) name.erase(slash);
        if (name.size() < 2) continue;
        char dir = name.back();
        if (dir != '+' && dir != '-' && dir != '~') continue;
        auto v = sys.find_variable(name.substr(0, name.size() - 1));
        if (v && sys.variables[*v].role == VarRole::Signal) out[t] = SignalEdge{*v, dir};
    }
    return out;
}

namespace {

double since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}


}  // namespace

PropertyResult check_output_persistency(const StateGraph& g, const PersistencyOptions& options) {
    const auto t0 = std::chrono::steady_clock::now();
    const System& sys = *g.sys;
    PropertyResult r;
    r.name = "persistency";
    r.kind = PropertyKind::Persistency;
    r.engine = "explicit";
    r.states = g.size();
    auto edges = signal_edges(sys);
    auto exempt = [&](std::uint32_t a, std::uint32_t b) {
        for (auto [x, y] : options.mutex)
            if ((x == a && y == b) || (x == b && y == a)) return true;
        return false;
    };
    // Whether some edge of `signal` in `direction` is enabled in state s.
    auto edge_enabled = [&](const State& s, std::uint32_t signal, char direction) {
        for (std::size_t t = 0; t < sys.transitions.size(); ++t)
            if (edges[t] && edges[t]->signal == signal && edges[t]->direction == direction && enabled(sys.transitions[t], s))
                return true;
        return false;
    };
    for (std::uint32_t s = 0; s < g.expanded; ++s) {
        State cur = g.state(s);
        for (std::size_t a = 0; a < sys.transitions.size(); ++a) {
            if (!edges[a] || !is_local(sys.transitions[a].kind) || !enabled(sys.transitions[a], cur)) continue;
            for (std::uint64_t e = g.first_edge[s]; e < g.first_edge[s + 1]; ++e) {
                std::uint32_t u = g.edges[e].transition;
                if (u == a || (edges[u] && edges[u]->signal == edges[a]->signal)) continue;
                if (edges[u] && exempt(edges[u]->signal, edges[a]->signal)) continue;
                if (edge_enabled(g.state(g.edges[e].dst), edges[a]->signal, edges[a]->direction)) continue;
                Trace t = g.path_to(s);
                t.steps.push_back({u, g.state(g.edges[e].dst)});
                const std::string& an = sys.transitions[a].name;
                t.violation = "firing " + sys.transitions[u].name + " disables " + an;
                std::string bad = replay_run(sys, t);
                if (bad.empty() && !enabled(sys.transitions[a], t.steps.size() > 1 ? t.steps[t.steps.size() - 2].state : t.initial))
                    bad = an + " was not enabled before the last step";
                if (bad.empty() && edge_enabled(t.final_state(), edges[a]->signal, edges[a]->direction))
                    bad = an + " is still enabled after the last step";
                if (!bad.empty()) {
                    r.verdict = Verdict::Error;
                    r.message = "internal error: the persistency counterexample did not replay (" + bad + ")";
                } else {
                    r.verdict = Verdict::Fail;
                    r.message = "output persistency fails: " + t.violation + " (a local signal edge withdrawn: a hazard)";
                    r.depth = static_cast<std::uint32_t>(t.steps.size());
                    r.trace = std::move(t);
                }
                r.seconds = g.seconds + since(t0);
                return r;
            }
        }
    }
    r.verdict = g.complete ? Verdict::Pass : Verdict::Unknown;
    r.message = g.complete ? "no enabled output or internal signal edge is ever disabled"
                           : "no violation in the explored part, but the state graph is incomplete: " + g.incomplete_reason;
    r.seconds = g.seconds + since(t0);
    return r;
}

CscReport check_csc(const StateGraph& g) {
    const auto t0 = std::chrono::steady_clock::now();
    const System& sys = *g.sys;
    CscReport rep;
    PropertyResult& r = rep.result;
    r.name = "csc";
    r.kind = PropertyKind::Csc;
    r.engine = "explicit";
    r.states = g.size();
    auto edges = signal_edges(sys);
    std::vector<std::uint32_t> signals;
    for (std::uint32_t v = 0; v < sys.variables.size(); ++v)
        if (sys.variables[v].role == VarRole::Signal) signals.push_back(v);
    auto code_of = [&](const State& s) {
        std::string code;
        for (std::uint32_t v : signals) code += s[sys.variables[v].slot] ? '1' : '0';
        return code;
    };
    auto local_signals = [&](const State& s) {
        std::vector<std::uint32_t> out;
        for (std::size_t t = 0; t < sys.transitions.size(); ++t)
            if (edges[t] && is_local(sys.transitions[t].kind) && enabled(sys.transitions[t], s)) out.push_back(edges[t]->signal);
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    };
    auto names = [&](const std::vector<std::uint32_t>& vs) {
        std::string s;
        for (std::uint32_t v : vs) s += (s.empty() ? "" : " ") + sys.variables[v].name;
        return s.empty() ? std::string("none") : s;
    };
    std::unordered_map<std::string, std::uint32_t> first_with_code;
    for (std::uint32_t s = 0; s < g.expanded; ++s) {
        State cur = g.state(s);
        auto [it, fresh] = first_with_code.emplace(code_of(cur), s);
        if (fresh) continue;
        State prev = g.state(it->second);
        auto a = local_signals(prev), b = local_signals(cur);
        if (a == b) continue;
        Trace t1 = g.path_to(it->second), t2 = g.path_to(s);
        std::string bad = replay_run(sys, t1);
        if (bad.empty()) bad = replay_run(sys, t2);
        if (bad.empty() && (code_of(t1.final_state()) != code_of(t2.final_state()) ||
                            local_signals(t1.final_state()) == local_signals(t2.final_state())))
            bad = "the two states are not a conflict";
        if (!bad.empty()) {
            r.verdict = Verdict::Error;
            r.message = "internal error: the CSC counterexample did not replay (" + bad + ")";
            r.seconds = g.seconds + since(t0);
            return rep;
        }
        std::string path2;
        for (const auto& st : t2.steps) path2 += (path2.empty() ? "" : " ") + sys.transitions[st.transition].name;
        r.verdict = Verdict::Fail;
        r.message = "CSC conflict: two reachable states with code " + it->first + " (signals " + names(signals) +
                    ") enable different local signals: {" + names(a) + "} after this trace, {" + names(b) +
                    "} after: " + (path2.empty() ? "(initial state)" : path2);
        t1.violation = r.message;
        t2.violation = r.message;
        r.depth = static_cast<std::uint32_t>(t1.steps.size());
        r.trace = std::move(t1);
        r.witnesses.push_back({"conflicting_trace", t2});  // the second run of the conflict, for the reports
        rep.other = std::move(t2);
        r.seconds = g.seconds + since(t0);
        return rep;
    }
    r.verdict = g.complete ? Verdict::Pass : Verdict::Unknown;
    r.message = g.complete ? "every signal code determines the enabled local signals (" +
                                 std::to_string(first_with_code.size()) + " codes)"
                           : "no conflict in the explored part, but the state graph is incomplete: " + g.incomplete_reason;
    r.seconds = g.seconds + since(t0);
    return rep;
}

}  // namespace np
