#include "checkers/state_graph.hpp"

#include <algorithm>
#include <new>

namespace np {

StateGraph::StateGraph(const System& s) : sys(&s) {}

State StateGraph::state(std::uint32_t index) const { return explorer->state(ids[index]); }

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

namespace {

// Records the graph with the explorer's ids while the search runs; build_state_graph then
// numbers the states densely in visit order (expanded states first: [0, expanded) as the
// analyses expect) and rewrites the edges and the BFS tree in those numbers.
class GraphBuilder : public ExploreVisitor {
public:
    explicit GraphBuilder(StateGraph& g) : g_(g) {}
    bool visit(const ExpandedState& s) override {
        visited_.push_back(s.id);
        g_.first_edge.push_back(dst_.size());
        bool local = false, input = false;
        for (std::uint32_t t : s.enabled) (is_local(g_.sys->transitions[t].kind) ? local : input) = true;
        g_.local_enabled.push_back(local);
        g_.input_enabled.push_back(input);
        return true;
    }
    void edge(std::uint64_t, std::uint32_t t, std::uint64_t dst, bool fresh) override {
        const auto src = static_cast<std::uint32_t>(visited_.size() - 1);
        dst_.push_back(dst);
        src_t_.push_back({src, t});
        if (fresh) discovered_.push_back({dst, src, t});
    }
    bool wants_edges() const override { return true; }
    std::uint64_t memory_bytes() const override {
        return visited_.capacity() * 8 + dst_.capacity() * 8 + src_t_.capacity() * 8 + discovered_.capacity() * sizeof(Discovery) +
               g_.first_edge.capacity() * 8 + g_.local_enabled.capacity() + g_.input_enabled.capacity();
    }

    void finish() {
        const CompactTable& states = g_.explorer->store().states();
        std::vector<std::vector<std::uint32_t>> dense(CompactTable::kShards);
        for (std::uint32_t k = 0; k < CompactTable::kShards; ++k) dense[k].assign(states.shard_size(k), ~std::uint32_t{0});
        auto slot = [&](std::uint64_t id) -> std::uint32_t& {
            return dense[id & (CompactTable::kShards - 1)][id >> CompactTable::kShardBits];
        };
        g_.ids = std::move(visited_);
        for (std::uint32_t i = 0; i < g_.ids.size(); ++i) slot(g_.ids[i]) = i;
        for (std::uint32_t k = 0; k < CompactTable::kShards; ++k)  // discovered, never expanded
            for (std::uint64_t p = 0; p < dense[k].size(); ++p)
                if (dense[k][p] == ~std::uint32_t{0}) {
                    dense[k][p] = static_cast<std::uint32_t>(g_.ids.size());
                    g_.ids.push_back(CompactTable::id(k, p));
                }
        g_.edges.resize(dst_.size());
        for (std::size_t e = 0; e < dst_.size(); ++e) g_.edges[e] = {src_t_[e].first, slot(dst_[e]), src_t_[e].second};
        g_.parent.assign(g_.ids.size(), 0);
        g_.via.assign(g_.ids.size(), 0);
        for (const Discovery& d : discovered_) {
            g_.parent[slot(d.dst)] = d.src;
            g_.via[slot(d.dst)] = d.t;
        }
        dst_ = {};
        src_t_ = {};
        discovered_ = {};
    }

private:
    struct Discovery {
        std::uint64_t dst;
        std::uint32_t src, t;
    };
    StateGraph& g_;
    std::vector<std::uint64_t> visited_, dst_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> src_t_;
    std::vector<Discovery> discovered_;
};

}  // namespace

StateGraph build_state_graph(const System& sys, const SearchLimits& limits,
                             const std::function<void(const SearchProgress&)>& progress) {
    StateGraph g(sys);
    ExploreOptions eo;
    eo.limits = limits;
    eo.limits.max_states = std::min<std::uint64_t>(limits.max_states ? limits.max_states : ~std::uint64_t{0}, 0xFFFFFFF0u);
    eo.progress = progress;
    g.explorer = std::make_shared<Explorer>(sys, eo);
    GraphBuilder builder(g);
    ExploreResult run;
    try {
        run = g.explorer->run(builder);
    } catch (const std::bad_alloc&) {
        run.stopped = "out of memory after " + std::to_string(g.explorer->size()) + " states";
    }
    builder.finish();
    g.expanded = static_cast<std::uint32_t>(g.local_enabled.size());
    // States discovered but not expanded (a limit stopped the search) have no edges yet.
    while (g.first_edge.size() < g.size()) {
        g.first_edge.push_back(g.edges.size());
        g.local_enabled.push_back(0);
        g.input_enabled.push_back(0);
    }
    g.first_edge.push_back(g.edges.size());
    g.complete = run.stopped.empty() && !run.truncation;
    if (!run.stopped.empty()) g.incomplete_reason = run.stopped + " after " + std::to_string(g.size()) + " states";
    else if (run.truncation)
        g.incomplete_reason = run.truncation->clause->message + "; behaviour past such firings was not explored";
    g.seconds = run.seconds;
    return g;
}

}  // namespace np
