#include "generators/gen_schedule.hpp"

#include "generators/gen_events.hpp"

namespace np::gen {

namespace {

SchedulePolicy make(std::array<std::uint8_t, kMoveKinds> w, bool random_within, std::uint64_t seed) {
    SchedulePolicy p;
    p.weight = w;
    p.random_within = random_within;
    p.seed = seed;
    return p;
}

}  // namespace

rc::Gen<SchedulePolicy> schedule_policy() {
    using W = std::array<std::uint8_t, kMoveKinds>;
    auto weight = uniform_in_range<std::uint8_t>(0, 16);
    auto random_weights = rc::gen::map(rc::gen::tuple(weight, weight, weight, weight), [](const auto& t) {
        return W{std::get<0>(t), std::get<1>(t), std::get<2>(t), std::get<3>(t)};
    });
    // One kind starved (weight 0), the others busy.
    auto extreme = rc::gen::map(rc::gen::pair(uniform_in_range<std::size_t>(0, kMoveKinds), uniform_in_range<std::uint8_t>(1, 16)),
                                [](const std::pair<std::size_t, std::uint8_t>& a) {
                                    W w{8, 8, 8, 8};
                                    w[a.first] = 0;
                                    w[(a.first + 1) % kMoveKinds] = a.second;
                                    return w;
                                });
    // Inputs offered as early as possible while the sink is slow: arbiter races and a full FIFO.
    auto racing = rc::gen::map(uniform_in_range<std::uint8_t>(1, 16), [](std::uint8_t l) { return W{l, 8, 0, 15}; });
    // Canonical, racing, extreme and random weights in proportions 1 : 2 : 3 : 4; the family index
    // shrinks towards the canonical schedule.
    auto weights = rc::gen::mapcat(uniform_in_range(0, 10), [=](int family) {
        return family == 0 ? rc::gen::just(W{}) : family <= 2 ? racing : family <= 5 ? extreme : random_weights;
    });
    return rc::gen::map(rc::gen::tuple(weights, rc::gen::arbitrary<bool>(), rc::gen::resize(rc::kNominalSize, rc::gen::arbitrary<std::uint64_t>())),
                        [](const std::tuple<W, bool, std::uint64_t>& t) { return make(std::get<0>(t), std::get<1>(t), std::get<2>(t)); });
}

}  // namespace np::gen
