#include "model/infer_initial_signals.hpp"

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>

#include "model/marking_graph.hpp"

namespace np {

namespace {

// BFS visitor recording vertices in discovery order.
struct RecordOrder : boost::default_bfs_visitor {
    std::vector<std::uint32_t>* order;
    template <class V, class G>
    void discover_vertex(V v, const G&) const { order->push_back(static_cast<std::uint32_t>(v)); }
};

}  // namespace

std::vector<bool> infer_initial_signals(PetriNet& net, std::uint64_t max_markings) {
    std::vector<bool> values(net.signals.size(), false);
    std::vector<std::uint32_t> unknown;
    for (std::uint32_t s = 0; s < net.signals.size(); ++s) {
        if (net.signals[s].initial) values[s] = *net.signals[s].initial;
        else unknown.push_back(s);
    }
    bool has_edges = false;
    for (const NetTransition& t : net.transitions) has_edges |= t.signal >= 0;
    if (unknown.empty() || !has_edges) return values;

    MarkingGraph mg = explore_markings(net, max_markings);
    if (!mg.complete) {
        const Signal& s = net.signals[unknown[0]];
        throw SourceError(s.origin, "cannot infer the initial value of signal '" + s.name + "' (and " +
                                        std::to_string(unknown.size() - 1) + " more): the net has more than " +
                                        std::to_string(max_markings) + " reachable markings; give the values with .initial state");
    }
    const auto& g = mg.graph;
    for (std::uint32_t s : unknown) {
        auto not_s = [&](const MarkingGraphBase::edge_descriptor& e) {
            return net.transitions[g[e]].signal != static_cast<std::int32_t>(s);
        };
        boost::filtered_graph<MarkingGraphBase, std::function<bool(const MarkingGraphBase::edge_descriptor&)>> fg(g, not_s);
        std::vector<std::uint32_t> order;
        std::vector<boost::default_color_type> color(boost::num_vertices(g));
        RecordOrder vis;
        vis.order = &order;
        boost::breadth_first_search(fg, boost::vertex(0, g),
                                    boost::visitor(vis).color_map(boost::make_iterator_property_map(
                                        color.begin(), boost::get(boost::vertex_index, g))));
        std::int32_t first_plus = -1, first_minus = -1;
        bool plus_nearer = false;  // which direction BFS met first
        for (std::uint32_t v : order) {
            for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) {
                const NetTransition& t = net.transitions[g[*e]];
                if (t.signal != static_cast<std::int32_t>(s)) continue;
                if (t.edge == Edge::Plus && first_plus < 0) {
                    first_plus = static_cast<std::int32_t>(g[*e]);
                    plus_nearer = first_minus < 0;
                }
                if (t.edge == Edge::Minus && first_minus < 0) first_minus = static_cast<std::int32_t>(g[*e]);
            }
            if (first_plus >= 0 && first_minus >= 0) break;
        }
        Signal& sig = net.signals[s];
        if (first_plus >= 0 && first_minus >= 0) {
            values[s] = !plus_nearer;
            net.warnings.push_back(Warning{sig.origin,
                "signal '" + sig.name + "' is inconsistent: both '" + net.transitions[first_plus].name + "' and '" +
                net.transitions[first_minus].name + "' can be its first transition; assuming initial value " +
                (values[s] ? "1" : "0"), {}});
        } else {
            values[s] = first_minus >= 0;
        }
    }
    return values;
}

}  // namespace np
