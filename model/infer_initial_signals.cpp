#include "model/infer_initial_signals.hpp"

#include <deque>
#include <unordered_map>

#include "model/token_game.hpp"

namespace np {

namespace {

struct MarkingHash {
    std::size_t operator()(const Marking& m) const {
        std::uint64_t h = 1469598103934665603ull;
        for (std::uint32_t v : m) h = (h ^ v) * 1099511628211ull;
        return static_cast<std::size_t>(h);
    }
};

// Per explored marking: which signals the breadth-first tree path to it has fired.
using FiredSet = std::vector<std::uint64_t>;

bool test(const FiredSet& f, std::uint32_t s) { return (f[s / 64] >> (s % 64)) & 1; }

}  // namespace

std::vector<bool> infer_initial_signals(PetriNet& net, std::uint64_t max_markings) {
    const std::uint32_t n_signals = static_cast<std::uint32_t>(net.signals.size());
    std::vector<bool> values(n_signals, false);
    // inferred[s]: no declared value and a rising or falling transition exists (else s starts at 0).
    std::vector<bool> inferred(n_signals, false);
    for (const NetTransition& t : net.transitions)
        if (t.signal >= 0 && t.edge != Edge::Toggle) inferred[static_cast<std::uint32_t>(t.signal)] = true;
    std::uint32_t n_open = 0;  // inferred signals whose first transition was not met yet
    for (std::uint32_t s = 0; s < n_signals; ++s) {
        if (net.signals[s].initial) values[s] = *net.signals[s].initial, inferred[s] = false;
        n_open += inferred[s];
    }
    if (n_open == 0) return values;

    // first[s]: the transition chosen for s; other[s]: a first transition of the other direction.
    std::vector<std::int32_t> first(n_signals, -1), other(n_signals, -1);
    std::unordered_map<Marking, FiredSet, MarkingHash> seen;
    std::deque<const std::pair<const Marking, FiredSet>*> queue;
    const std::size_t words = (n_signals + 63) / 64;
    queue.push_back(&*seen.emplace(initial_marking(net), FiredSet(words, 0)).first);
    Marking next;
    bool truncated = false;
    while (!queue.empty() && n_open > 0) {
        const auto& [m, fired] = *queue.front();
        queue.pop_front();
        for (std::uint32_t t = 0; t < net.transitions.size(); ++t) {
            if (!net_enabled(net, t, m)) continue;
            const NetTransition& tr = net.transitions[t];
            if (tr.signal >= 0 && tr.edge != Edge::Toggle && inferred[static_cast<std::uint32_t>(tr.signal)]) {
                const auto s = static_cast<std::uint32_t>(tr.signal);
                if (!test(fired, s)) {
                    if (first[s] < 0) {
                        first[s] = static_cast<std::int32_t>(t);
                        values[s] = tr.edge == Edge::Minus;
                        --n_open;
                    } else if (other[s] < 0 && net.transitions[first[s]].edge != tr.edge) {
                        other[s] = static_cast<std::int32_t>(t);
                    }
                }
            }
            if (!net_fire(net, t, m, next)) continue;
            if (seen.size() >= max_markings && !seen.contains(next)) {
                truncated = true;
                continue;
            }
            auto [it, fresh] = seen.try_emplace(next, fired);
            if (!fresh) continue;
            if (tr.signal >= 0) it->second[static_cast<std::uint32_t>(tr.signal) / 64] |= std::uint64_t{1} << (tr.signal % 64);
            queue.push_back(&*it);
        }
    }
    for (std::uint32_t s = 0; s < n_signals && truncated; ++s) {
        if (!inferred[s] || first[s] >= 0) continue;
        const Signal& sig = net.signals[s];
        throw SourceError(sig.origin, "cannot infer the initial value of signal '" + sig.name + "' (and " +
                                          std::to_string(n_open - 1) + " more): no transition of it within the first " +
                                          std::to_string(max_markings) + " reachable markings; give the values with .initial state");
    }
    for (std::uint32_t s = 0; s < n_signals; ++s) {
        if (other[s] < 0) continue;
        Signal& sig = net.signals[s];
        net.warnings.push_back(Warning{sig.origin,
            "signal '" + sig.name + "' is inconsistent: both '" + net.transitions[first[s]].name + "' and '" +
            net.transitions[other[s]].name + "' can be its first transition; assuming initial value " +
            (values[s] ? "1" : "0"), {}});
    }
    return values;
}

}  // namespace np
