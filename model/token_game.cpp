#include "model/token_game.hpp"

namespace np {

Marking initial_marking(const PetriNet& net) {
    Marking m(net.places.size());
    for (std::size_t p = 0; p < net.places.size(); ++p) m[p] = net.places[p].initial;
    return m;
}

bool net_enabled(const PetriNet& net, std::uint32_t t, const Marking& m) {
    const NetTransition& tr = net.transitions[t];
    for (const Arc& a : tr.pre)
        if (m[a.place] < a.weight) return false;
    for (std::uint32_t p : tr.read)
        if (m[p] == 0) return false;
    return true;
}

bool net_fire(const PetriNet& net, std::uint32_t t, const Marking& m, Marking& out) {
    const NetTransition& tr = net.transitions[t];
    out = m;
    for (const Arc& a : tr.pre) out[a.place] -= a.weight;
    for (const Arc& a : tr.post) {
        std::uint64_t n = std::uint64_t{out[a.place]} + a.weight;
        if (n > net.places[a.place].capacity) return false;
        out[a.place] = static_cast<std::uint32_t>(n);
    }
    return true;
}

}  // namespace np
