// The reachable state graph of a system (DESIGN §4, explicit engine): every reachable state once,
// and every firing between them as an edge labelled with its transition. Built breadth-first by a
// visitor of the exploration core (explore.hpp), never reduced (quiescence, persistency and CSC
// need every state and every edge), so the BFS tree (parent, via) gives shortest paths from the
// initial state (index 0).
//
// A firing that would violate a *blocking* property (a place past its capacity) is not performed
// and leaves the graph incomplete, as in the explicit search: no analysis of an incomplete graph
// may conclude PASS.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "checkers/explicit_search.hpp"
#include "checkers/result.hpp"
#include "checkers/explore.hpp"

namespace np {

struct StateGraph {
    struct Edge {
        std::uint32_t src = 0, dst = 0, transition = 0;
    };
    explicit StateGraph(const System& s);

    const System* sys;
    std::shared_ptr<Explorer> explorer;  // owns the states
    std::vector<std::uint64_t> ids;      // the explorer's id of each state index
    std::vector<Edge> edges;                 // grouped by src, in BFS order
    std::vector<std::uint64_t> first_edge;   // edges of state s: [first_edge[s], first_edge[s + 1])
    std::vector<std::uint32_t> parent, via;  // BFS tree; parent[0] = 0
    std::vector<std::uint8_t> local_enabled, input_enabled;  // per state: some T_loc / T_in transition enabled
    std::uint32_t expanded = 0;  // states [0, expanded) have all their edges and enabled flags
    bool complete = false;
    std::string incomplete_reason;  // why not, when !complete
    double seconds = 0;

    std::uint32_t size() const { return static_cast<std::uint32_t>(explorer->size()); }
    State state(std::uint32_t index) const;
    // The shortest run from the initial state to `target` (BFS tree), as a trace.
    Trace path_to(std::uint32_t target) const;
    // Appends firings along `edge_path` (indices into edges, a walk starting at the trace's final
    // state) to `trace`.
    void extend(Trace& trace, const std::vector<std::uint64_t>& edge_path) const;
};

// progress (may be empty) is called about once a second.
StateGraph build_state_graph(const System& sys, const SearchLimits& limits = {},
                             const std::function<void(const SearchProgress&)>& progress = {});

}  // namespace np
