// Cycles of a state graph restricted to some of its edges (Q2's local-only livelocks, runs of
// the equivalence miter that never end).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "checkers/state_graph.hpp"

namespace np {

struct SubgraphCycle {
    // Strong component of every expanded state in the subgraph (Boost's numbering: reverse
    // topological order, every kept edge goes from a higher or equal number to a lower or equal one).
    std::vector<int> component;
    // The smallest BFS index on a cycle of the subgraph (path_to gives it the shortest prefix), and
    // the edges of a shortest cycle from it back to it; nullopt / empty when the subgraph is acyclic.
    std::optional<std::uint32_t> on_cycle;
    std::vector<std::uint64_t> cycle;
};

// The subgraph of g's expanded states (edges into unexpanded states are ignored) with the edges
// `keep` accepts.
SubgraphCycle find_cycle(const StateGraph& g, const std::function<bool(const StateGraph::Edge&)>& keep);

}  // namespace np
