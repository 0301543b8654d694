#include "checkers/find_cycle.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

#include <algorithm>
#include <deque>

namespace np {

namespace {

// Shortest walk of kept edges from `from` back to `from` inside its strong component.
std::vector<std::uint64_t> shortest_cycle(const StateGraph& g, std::uint32_t from, const std::vector<int>& comp,
                                          const std::function<bool(const StateGraph::Edge&)>& keep) {
    std::vector<std::int64_t> via_edge(g.size(), -1);
    std::deque<std::uint32_t> queue{from};
    std::vector<std::uint8_t> seen(g.size(), 0);
    seen[from] = 1;
    while (!queue.empty()) {
        std::uint32_t s = queue.front();
        queue.pop_front();
        for (std::uint64_t e = g.first_edge[s]; e < g.first_edge[s + 1]; ++e) {
            const auto& ed = g.edges[e];
            if (ed.dst >= g.expanded || !keep(ed) || comp[ed.dst] != comp[from]) continue;
            if (ed.dst == from) {
                std::vector<std::uint64_t> path{e};
                for (std::uint32_t v = s; v != from; v = g.edges[via_edge[v]].src) path.push_back(static_cast<std::uint64_t>(via_edge[v]));
                std::reverse(path.begin(), path.end());
                return path;
            }
            if (!seen[ed.dst]) {
                seen[ed.dst] = 1;
                via_edge[ed.dst] = static_cast<std::int64_t>(e);
                queue.push_back(ed.dst);
            }
        }
    }
    return {};
}

}  // namespace

SubgraphCycle find_cycle(const StateGraph& g, const std::function<bool(const StateGraph::Edge&)>& keep) {
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    const std::uint32_t n = g.expanded;
    SubgraphCycle out;
    Graph sub(n);
    for (std::uint32_t s = 0; s < n; ++s)
        for (std::uint64_t e = g.first_edge[s]; e < g.first_edge[s + 1]; ++e)
            if (g.edges[e].dst < n && keep(g.edges[e])) boost::add_edge(s, g.edges[e].dst, sub);
    out.component.assign(n, 0);
    if (n > 0)
        boost::strong_components(sub, boost::make_iterator_property_map(out.component.begin(), boost::get(boost::vertex_index, sub)));
    std::vector<std::uint32_t> size(n, 0);
    for (std::uint32_t s = 0; s < n; ++s) ++size[out.component[s]];
    for (std::uint32_t s = 0; s < n && !out.on_cycle; ++s) {
        if (size[out.component[s]] > 1) out.on_cycle = s;
        for (std::uint64_t e = g.first_edge[s]; e < g.first_edge[s + 1] && !out.on_cycle; ++e)
            if (g.edges[e].dst == s && keep(g.edges[e])) out.on_cycle = s;
    }
    if (out.on_cycle) out.cycle = shortest_cycle(g, *out.on_cycle, out.component, keep);
    return out;
}

}  // namespace np
