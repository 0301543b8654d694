// An independent shortest-deadlock oracle for tests: breadth-first distances over the token
// game's marking graph (no IR involved).
#pragma once

#include <boost/graph/breadth_first_search.hpp>
#include <vector>

#include "model/marking_graph.hpp"

namespace np::test {

// Firings from the initial marking to the nearest marking that enables nothing; -1 if none.
inline int nearest_dead_marking(const MarkingGraph& mg) {
    std::vector<int> dist(boost::num_vertices(mg.graph), -1);
    dist[0] = 0;
    boost::breadth_first_search(mg.graph, boost::vertex(0, mg.graph),
        boost::visitor(boost::make_bfs_visitor(boost::record_distances(
            boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, mg.graph)),
            boost::on_tree_edge()))));
    int best = -1;
    for (std::size_t v = 0; v < dist.size(); ++v)
        if (boost::out_degree(v, mg.graph) == 0 && (best < 0 || dist[v] < best)) best = dist[v];
    return best;
}

}  // namespace np::test
