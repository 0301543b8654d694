#include "generators/gen_net.hpp"

namespace np::gen {

rc::Gen<PetriNet> petri_net() {
    return rc::gen::exec([] {
        PetriNet n;
        n.name = "random";
        const auto places = static_cast<std::uint32_t>(*rc::gen::inRange(1, 7));
        const auto transitions = *rc::gen::inRange(0, 7);
        for (std::uint32_t p = 0; p < places; ++p) {
            Place pl;
            pl.name = "p" + std::to_string(p);
            pl.capacity = static_cast<std::uint32_t>(*rc::gen::inRange(1, 4));
            pl.initial = static_cast<std::uint32_t>(*rc::gen::inRange(0, static_cast<int>(pl.capacity) + 1));
            n.places.push_back(pl);
        }
        auto arcs = [&](int max) {
            std::vector<Arc> out;
            std::vector<bool> used(places, false);
            const int count = *rc::gen::inRange(0, max + 1);
            for (int i = 0; i < count; ++i) {
                auto p = static_cast<std::uint32_t>(*rc::gen::inRange(0, static_cast<int>(places)));
                if (used[p]) continue;
                used[p] = true;
                out.push_back({p, static_cast<std::uint32_t>(*rc::gen::inRange(1, 3))});
            }
            return out;
        };
        for (int t = 0; t < transitions; ++t) {
            NetTransition tr;
            tr.name = "t" + std::to_string(t);
            tr.pre = arcs(3);
            tr.post = arcs(3);
            if (*rc::gen::inRange(0, 4) == 0) tr.read.push_back(static_cast<std::uint32_t>(*rc::gen::inRange(0, static_cast<int>(places))));
            n.transitions.push_back(std::move(tr));
        }
        return n;
    });
}

}  // namespace np::gen
