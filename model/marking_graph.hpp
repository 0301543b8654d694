// The reachable marking graph of a PetriNet as a Boost.Graph (vertices = markings in BFS order,
// vertex 0 the initial marking; each edge carries the index of the transition that fired).
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <vector>

#include "model/token_game.hpp"

namespace np {

using MarkingGraphBase = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                               boost::no_property, std::uint32_t>;

struct MarkingGraph {
    MarkingGraphBase graph;
    std::vector<Marking> markings;
    bool complete = true;   // false: stopped at the marking limit
    bool unsafe = false;    // some firing would exceed a place's capacity (that firing is omitted)
};

MarkingGraph explore_markings(const PetriNet& net, std::uint64_t max_markings);

}  // namespace np
