#include "model/marking_graph.hpp"

#include <unordered_map>

namespace np {

namespace {
struct MarkingHash {
    std::size_t operator()(const Marking& m) const {
        std::uint64_t h = 0x9E3779B97F4A7C15ull;
        for (std::uint32_t x : m) h = (h ^ x) * 0x100000001B3ull;
        return static_cast<std::size_t>(h ^ (h >> 29));
    }
};
}  // namespace

MarkingGraph explore_markings(const PetriNet& net, std::uint64_t max_markings) {
    MarkingGraph g;
    std::unordered_map<Marking, std::uint32_t, MarkingHash> index;
    g.markings.push_back(initial_marking(net));
    index.emplace(g.markings[0], 0);
    boost::add_vertex(g.graph);
    Marking next;
    for (std::size_t i = 0; i < g.markings.size(); ++i) {
        for (std::uint32_t t = 0; t < net.transitions.size(); ++t) {
            if (!net_enabled(net, t, g.markings[i])) continue;
            if (!net_fire(net, t, g.markings[i], next)) {
                g.unsafe = true;
                continue;
            }
            auto it = index.find(next);
            std::uint32_t target;
            if (it != index.end()) {
                target = it->second;
            } else {
                if (g.markings.size() >= max_markings) {
                    g.complete = false;
                    return g;
                }
                target = static_cast<std::uint32_t>(g.markings.size());
                index.emplace(next, target);
                g.markings.push_back(next);
                boost::add_vertex(g.graph);
            }
            boost::add_edge(static_cast<std::uint32_t>(i), target, t, g.graph);
        }
    }
    return g;
}

}  // namespace np
