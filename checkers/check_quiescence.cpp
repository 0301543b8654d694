#include "checkers/check_quiescence.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/howard_cycle_ratio.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "checkers/find_cycle.hpp"
#include "checkers/replay_trace.hpp"
#include "model/eval.hpp"

namespace np {

namespace {

// Local-only edges of the expanded part of the graph.
bool is_local_edge(const StateGraph& g, const StateGraph::Edge& e) {
    return is_local(g.sys->transitions[e.transition].kind);
}

std::string names(const System& sys, const State& s, bool local) {
    std::string out;
    for (const Transition& t : sys.transitions)
        if (is_local(t.kind) == local && enabled(t, s)) out += (out.empty() ? "" : ", ") + t.name;
    return out;
}

}  // namespace

std::string replay_quiescence(const System& sys, const Trace& trace, const std::string& part, std::int32_t loop_start,
                              Ratio k) {
    if (std::string bad = replay_run(sys, trace); !bad.empty()) return bad;
    const State& cur = trace.final_state();
    auto state_before = [&](std::size_t step) -> const State& { return step == 0 ? trace.initial : trace.steps[step - 1].state; };
    if (part == "Q1") {
        for (const Transition& t : sys.transitions)
            if (is_local(t.kind) && enabled(t, trace.initial)) return {};
        return "the initial state is quiescent";
    }
    if (part == "Q3") {
        for (const Transition& t : sys.transitions)
            if (enabled(t, cur)) return "the last state enables " + t.name;
        return {};
    }
    if (loop_start < 0 || static_cast<std::size_t>(loop_start) >= trace.steps.size()) return "no cycle in the trace";
    std::uint64_t energy = 0, inputs = 0;
    for (std::size_t i = static_cast<std::size_t>(loop_start); i < trace.steps.size(); ++i) {
        const Transition& t = sys.transitions[trace.steps[i].transition];
        if (is_local(t.kind)) energy += t.energy;
        else ++inputs;
    }
    if (part == "B") {  // k = the required bound; the run after loop_start is local-only and longer
        if (inputs > 0) return "the run fires an input transition";
        return !ratio_at_most(trace.steps.size() - static_cast<std::size_t>(loop_start), 1, k) ? std::string{} : "the run is not longer than B";
    }
    if (state_before(static_cast<std::size_t>(loop_start)) != cur) return "the cycle does not return to where it started";
    if (part == "Q2") return inputs == 0 ? std::string{} : "the cycle fires an input transition";
    if (part == "Q4") {
        if (inputs == 0) return "the cycle fires no input transition";
        return !ratio_at_most(energy, inputs, k) ? std::string{} : "the cycle does not exceed K";
    }
    return "unknown quiescence part " + part;
}

QuiescenceReport check_quiescence(const StateGraph& g, const QuiescenceRequirements& req) {
    const auto start = std::chrono::steady_clock::now();
    const System& sys = *g.sys;
    QuiescenceReport rep;
    PropertyResult& r = rep.result;
    r.name = "quiescence";
    r.kind = PropertyKind::Quiescence;
    r.engine = "explicit";
    r.states = g.size();
    const std::uint32_t n = g.expanded;

    auto finish_fail = [&](const std::string& part, Trace trace, std::string message, Ratio k = {}) {
        std::string bad = replay_quiescence(sys, trace, part, rep.loop_start, k);
        if (!bad.empty()) {
            r.verdict = Verdict::Error;
            r.message = "internal error: the " + part + " counterexample did not replay (" + bad + ")";
            r.trace.reset();
            return;
        }
        r.verdict = Verdict::Fail;
        r.depth = static_cast<std::uint32_t>(trace.steps.size());
        trace.violation = message;
        if (part == "Q2" || part == "Q4") trace.loop_start = rep.loop_start;
        r.message = message;
        r.trace = std::move(trace);
    };
    auto done = [&] {
        r.seconds = g.seconds + std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return rep;
    };

    // Q1.
    rep.q1 = n == 0 || !g.local_enabled[0];
    if (n > 0 && !rep.q1) {
        Trace t = g.path_to(0);
        finish_fail("Q1", t, "Q1 fails: the initial state is not quiescent (enabled: " + names(sys, t.initial, true) + ")");
        return done();
    }

    // Q2: a cycle of local edges.
    const SubgraphCycle local = find_cycle(g, [&](const StateGraph::Edge& e) { return is_local_edge(g, e); });
    const std::vector<int>& comp = local.component;
    rep.q2 = !local.on_cycle;
    if (!rep.q2) {
        Trace t = g.path_to(*local.on_cycle);
        rep.loop_start = static_cast<std::int32_t>(t.steps.size());
        const std::vector<std::uint64_t>& cycle = local.cycle;
        g.extend(t, cycle);
        std::string cyc;
        for (std::uint64_t e : cycle) cyc += (cyc.empty() ? "" : " ") + sys.transitions[g.edges[e].transition].name;
        finish_fail("Q2", t, "Q2 fails: a cycle of local transitions runs without input (livelock / oscillation): " + cyc +
                                 " (repeats from step " + std::to_string(rep.loop_start + 1) + ")");
        return done();
    }

    // Q3: quiescent states that enable no input.
    rep.q3 = true;
    for (std::uint32_t s = 0; s < n; ++s)
        if (!g.local_enabled[s] && !g.input_enabled[s]) {
            rep.q3 = false;
            Trace t = g.path_to(s);
            finish_fail("Q3", t, "Q3 fails: a reachable quiescent state accepts no input (dead) after " +
                                     std::to_string(t.steps.size()) + " steps");
            return done();
        }

    if (!g.complete) {
        r.verdict = Verdict::Unknown;
        r.message = "no violation of Q1-Q3 in the explored part, but the state graph is incomplete: " + g.incomplete_reason;
        return done();
    }

    // B and the burst energy: longest local paths, by reverse topological order of the local DAG
    // (strong_components numbers components in reverse topological order: every edge goes from a
    // higher component number to a lower or equal one, and all components are trivial here).
    std::vector<std::uint32_t> order(n);
    for (std::uint32_t s = 0; s < n; ++s) order[s] = s;
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return comp[a] < comp[b]; });
    std::vector<std::uint64_t> len(n, 0), energy(n, 0);
    std::vector<std::int64_t> next_len(n, -1);
    for (std::uint32_t s : order)
        for (std::uint64_t e = g.first_edge[s]; e < g.first_edge[s + 1]; ++e) {
            const auto& ed = g.edges[e];
            if (!is_local_edge(g, ed)) continue;
            if (len[ed.dst] + 1 > len[s]) {
                len[s] = len[ed.dst] + 1;
                next_len[s] = static_cast<std::int64_t>(e);
            }
            energy[s] = std::max(energy[s], energy[ed.dst] + sys.transitions[ed.transition].energy);
        }
    std::uint32_t best = 0;
    for (std::uint32_t s = 0; s < n; ++s)
        if (len[s] > len[best]) best = s;
    rep.settling_bound = n ? len[best] : 0;
    rep.burst_energy = n ? *std::max_element(energy.begin(), energy.end()) : 0;
    Trace witness = g.path_to(best);
    std::uint32_t prefix = static_cast<std::uint32_t>(witness.steps.size());
    std::vector<std::uint64_t> run;
    for (std::int64_t e = n ? next_len[best] : -1; e >= 0; e = next_len[g.edges[e].dst]) run.push_back(static_cast<std::uint64_t>(e));
    g.extend(witness, run);
    witness.violation = "the longest local-only run: " + std::to_string(*rep.settling_bound) + " firings from step " +
                        std::to_string(prefix + 1);
    rep.settling_witness = witness;

    // Q4: maximum cycle ratio, energy of local firings over number of input firings.
    using RatioGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                             boost::property<boost::edge_weight_t, double,
                                                             boost::property<boost::edge_weight2_t, double,
                                                                             boost::property<boost::edge_index_t, std::uint64_t>>>>;
    RatioGraph rg(n);
    for (std::uint32_t s = 0; s < n; ++s)
        for (std::uint64_t e = g.first_edge[s]; e < g.first_edge[s + 1]; ++e) {
            const auto& ed = g.edges[e];
            const Transition& t = sys.transitions[ed.transition];
            auto [re, ok] = boost::add_edge(s, ed.dst, rg);
            boost::put(boost::edge_weight, rg, re, is_local(t.kind) ? double(t.energy) : 0.0);
            boost::put(boost::edge_weight2, rg, re, is_local(t.kind) ? 0.0 : 1.0);
            boost::put(boost::edge_index, rg, re, e);
        }
    std::vector<boost::graph_traits<RatioGraph>::edge_descriptor> critical;
    double kstar = n ? boost::maximum_cycle_ratio(rg, boost::get(boost::vertex_index, rg), boost::get(boost::edge_weight, rg),
                                                  boost::get(boost::edge_weight2, rg), &critical)
                     : -std::numeric_limits<double>::infinity();
    if (!std::isfinite(kstar) || critical.empty()) {
        rep.k_energy = 0;
        rep.k_inputs = 0;
    } else {
        // The exact ratio of the critical cycle; Howard's value must agree with it.
        std::uint64_t en = 0, in = 0;
        for (auto ce : critical) {
            en += static_cast<std::uint64_t>(boost::get(boost::edge_weight, rg, ce));
            in += static_cast<std::uint64_t>(boost::get(boost::edge_weight2, rg, ce));
        }
        if (in == 0 || std::fabs(double(en) / double(in) - kstar) > 1e-6 * std::max(1.0, kstar)) {
            r.verdict = Verdict::Error;
            r.message = "internal error: the maximum-cycle-ratio witness does not attain the ratio";
            return done();
        }
        rep.k_energy = en;
        rep.k_inputs = in;
        // The lasso: shortest path to the cycle's first state, then the cycle in order.
        std::uint32_t first = static_cast<std::uint32_t>(boost::source(critical.front(), rg));
        Trace t = g.path_to(first);
        rep.witness_loop_start = static_cast<std::uint32_t>(t.steps.size());
        // Howard's critical cycle is a set of policy edges; walk it from `first`.
        std::vector<std::uint64_t> cycle;
        std::uint32_t at = first;
        for (std::size_t k = 0; k < critical.size(); ++k) {
            for (auto ce : critical)
                if (boost::source(ce, rg) == at) {
                    cycle.push_back(boost::get(boost::edge_index, rg, ce));
                    at = static_cast<std::uint32_t>(boost::target(ce, rg));
                    break;
                }
        }
        g.extend(t, cycle);
        t.violation = "the cycle of the highest local energy per input: " + std::to_string(en) + " / " + std::to_string(in);
        t.loop_start = static_cast<std::int32_t>(rep.witness_loop_start);
        rep.activity_witness = t;
    }
    r.measures = {{"settling_bound_B", double(*rep.settling_bound)}, {"burst_energy", double(*rep.burst_energy)},
                  {"K_star", rep.k_star()}};
    r.witnesses.push_back({"settling", *rep.settling_witness});
    if (rep.activity_witness) r.witnesses.push_back({"activity", *rep.activity_witness});
    char ks[64];
    std::snprintf(ks, sizeof ks, "%.4g", rep.k_star());
    std::string summary = "Q1 Q2 Q3 hold; settling bound B = " + std::to_string(*rep.settling_bound) +
                          ", burst energy " + std::to_string(*rep.burst_energy) + ", K* = " + ks +
                          (rep.k_inputs && *rep.k_inputs ? " (" + std::to_string(*rep.k_energy) + " energy per " +
                                                               std::to_string(*rep.k_inputs) + " inputs)"
                                                         : " (no cycle: bounded total energy)");
    if (req.settling_bound && *rep.settling_bound > *req.settling_bound) {
        Trace t = *rep.settling_witness;
        t.steps.resize(prefix + static_cast<std::size_t>(*req.settling_bound) + 1);
        rep.loop_start = static_cast<std::int32_t>(prefix);
        finish_fail("B", t, "settling bound exceeded: a local-only run of " + std::to_string(*rep.settling_bound) +
                                " firings, more than the required " + std::to_string(*req.settling_bound),
                    Ratio::of(*req.settling_bound));
        return done();
    }
    if (req.activity_bound) {
        // K* = k_energy / k_inputs exactly (no cycle with an input: K* = 0).
        rep.q4 = !rep.k_inputs || !*rep.k_inputs || ratio_at_most(*rep.k_energy, *rep.k_inputs, *req.activity_bound);
        if (!*rep.q4) {
            rep.loop_start = static_cast<std::int32_t>(rep.witness_loop_start);
            finish_fail("Q4", *rep.activity_witness, "Q4 fails: " + summary.substr(summary.find("K* =")) +
                                                         " exceeds the required K = " + req.activity_bound->str(),
                        *req.activity_bound);
            return done();
        }
    }
    r.verdict = Verdict::Pass;
    r.message = summary;
    return done();
}

}  // namespace np
