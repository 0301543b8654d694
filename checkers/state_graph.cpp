#include "checkers/state_graph.hpp"

#include <chrono>
#include <new>

#include "model/compile_expr.hpp"
#include "model/eval.hpp"

namespace np {

StateGraph::StateGraph(const System& s) : sys(&s), packer(s), store(packer.words()) {}

State StateGraph::state(std::uint32_t index) const {
    State s(sys->slot_count);
    packer.unpack(store.get(index), s);
    return s;
}

Trace StateGraph::path_to(std::uint32_t target) const {
    std::vector<std::uint32_t> chain;
    for (std::uint32_t s = target; s != 0; s = parent[s]) chain.push_back(s);
    Trace t;
    t.initial = state(0);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) t.steps.push_back({via[*it], state(*it)});
    return t;
}

void StateGraph::extend(Trace& trace, const std::vector<std::uint64_t>& edge_path) const {
    for (std::uint64_t e : edge_path) trace.steps.push_back({edges[e].transition, state(edges[e].dst)});
}

StateGraph build_state_graph(const System& sys, const SearchLimits& limits,
                             const std::function<void(const SearchProgress&)>& progress) {
    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    StateGraph g(sys);
    std::vector<std::vector<const Clause*>> blocking_clauses(sys.transitions.size());
    for (const Property& p : sys.properties)
        if (p.blocking)
            for (const Clause& c : p.clauses)
                if (c.transition >= 0) blocking_clauses.at(c.transition).push_back(&c);

    std::uint64_t max_states = limits.max_states ? limits.max_states : ~std::uint64_t{0};
    max_states = std::min<std::uint64_t>(max_states, 0xFFFFFFF0u);
    State cur(sys.slot_count);
    const CompiledTransitions compiled(sys);
    std::vector<std::uint64_t> regs;
    std::vector<std::uint64_t> packed(g.packer.words());
    std::string stopped, truncated;
    double last_progress = 0;
    try {
        g.packer.pack(sys.initial_state(), packed.data());
        g.store.insert(packed.data());
        g.parent.push_back(0);
        g.via.push_back(0);
        for (std::uint64_t i = 0; i < g.store.size(); ++i) {
            if ((i & 1023) == 0 && i > 0) {
                if (limits.cancel && limits.cancel->cancelled()) {
                    stopped = limits.cancel->reason();
                    break;
                }
                if (limits.timeout_seconds > 0 && elapsed() >= limits.timeout_seconds) {
                    stopped = "time limit of " + std::to_string(limits.timeout_seconds) + " s reached (--timeout)";
                    break;
                }
                std::uint64_t mem = g.store.memory_bytes() + g.edges.capacity() * sizeof(StateGraph::Edge) +
                                    (g.parent.capacity() + g.via.capacity()) * 4 + g.first_edge.capacity() * 8;
                if (limits.max_memory_bytes && mem >= limits.max_memory_bytes) {
                    stopped = "memory limit of " + std::to_string(limits.max_memory_bytes >> 20) + " MiB reached (--max-memory)";
                    break;
                }
                if (progress && elapsed() - last_progress >= 1.0) {
                    last_progress = elapsed();
                    progress({g.store.size(), static_cast<std::uint32_t>(0), last_progress, mem});
                }
            }
            const auto si = static_cast<std::uint32_t>(i);
            g.packer.unpack(g.store.get(si), cur);
            g.first_edge.push_back(g.edges.size());
            bool local = false, input = false;
            for (std::uint32_t t = 0; t < sys.transitions.size(); ++t) {
                const Transition& tr = sys.transitions[t];
                if (!compiled.enabled(t, cur, regs)) continue;
                (is_local(tr.kind) ? local : input) = true;
                bool blocked = false;
                for (const Clause* c : blocking_clauses[t])
                    if (holds(c->bad, cur)) {
                        blocked = true;
                        if (truncated.empty()) truncated = c->message;
                        break;
                    }
                if (blocked) continue;
                std::copy(g.store.get(si), g.store.get(si) + g.packer.words(), packed.data());
                compiled.for_each_write(t, cur, regs, [&](std::uint32_t slot, std::uint64_t value) { g.packer.set(packed.data(), slot, value); });
                auto [id, fresh] = g.store.insert(packed.data());
                if (fresh) {
                    g.parent.push_back(si);
                    g.via.push_back(t);
                }
                g.edges.push_back({si, id, t});
            }
            g.local_enabled.push_back(local);
            g.input_enabled.push_back(input);
            if (g.store.size() > max_states) {
                stopped = "state limit of " + std::to_string(max_states) + " reached (--max-states)";
                break;
            }
        }
    } catch (const std::bad_alloc&) {
        stopped = "out of memory after " + std::to_string(g.store.size()) + " states";
    }
    g.expanded = static_cast<std::uint32_t>(g.local_enabled.size());
    // States discovered but not expanded (a limit stopped the search) have no edges yet.
    while (g.first_edge.size() < g.store.size()) {
        g.first_edge.push_back(g.edges.size());
        g.local_enabled.push_back(0);
        g.input_enabled.push_back(0);
    }
    g.first_edge.push_back(g.edges.size());
    g.complete = stopped.empty() && truncated.empty();
    if (!stopped.empty()) g.incomplete_reason = stopped + " after " + std::to_string(g.store.size()) + " states";
    else if (!truncated.empty())
        g.incomplete_reason = truncated + "; behaviour past such firings was not explored";
    g.seconds = elapsed();
    return g;
}

}  // namespace np
