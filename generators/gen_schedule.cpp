#include "generators/gen_schedule.hpp"

#include <sstream>

namespace np {

const char* move_kind_name(MoveKind k) {
    switch (k) {
        case MoveKind::Local: return "local";
        case MoveKind::Source: return "source";
        case MoveKind::Sink: return "sink";
        case MoveKind::Inject: return "inject";
    }
    return "?";
}

std::string describe(const SchedulePolicy& p) {
    std::string s;
    for (std::size_t k = 0; k < kMoveKinds; ++k)
        s += std::string(move_kind_name(static_cast<MoveKind>(k))) + "=" + std::to_string(p.weight[k]) + " ";
    return s + "random_within=" + (p.random_within ? "1" : "0") + " seed=" + std::to_string(p.seed);
}

std::optional<SchedulePolicy> parse_policy(const std::string& text) {
    SchedulePolicy p;
    std::istringstream in(text);
    std::string word;
    unsigned seen = 0;
    while (in >> word) {
        auto eq = word.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == word.size()) return std::nullopt;
        std::string key = word.substr(0, eq), value = word.substr(eq + 1);
        for (char c : value)
            if (c < '0' || c > '9') return std::nullopt;
        if (value.size() > 20) return std::nullopt;
        unsigned long long v = 0;
        try {
            v = std::stoull(value);
        } catch (...) {
            return std::nullopt;
        }
        unsigned bit = 0;
        bool found = false;
        for (std::size_t k = 0; k < kMoveKinds; ++k)
            if (key == move_kind_name(static_cast<MoveKind>(k))) {
                if (v > 15) return std::nullopt;
                p.weight[k] = static_cast<std::uint8_t>(v);
                bit = static_cast<unsigned>(k);
                found = true;
            }
        if (!found) {
            if (key == "random_within") {
                if (v > 1) return std::nullopt;
                p.random_within = v == 1;
                bit = 4;
            } else if (key == "seed") {
                p.seed = v;
                bit = 5;
            } else {
                return std::nullopt;
            }
        }
        if (seen & (1u << bit)) return std::nullopt;
        seen |= 1u << bit;
    }
    return p;
}

}  // namespace np

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
    auto weight = rc::gen::inRange<std::uint8_t>(0, 16);
    auto random_weights = rc::gen::map(rc::gen::tuple(weight, weight, weight, weight), [](const auto& t) {
        return W{std::get<0>(t), std::get<1>(t), std::get<2>(t), std::get<3>(t)};
    });
    // One kind starved (weight 0), the others busy.
    auto extreme = rc::gen::map(rc::gen::pair(rc::gen::inRange<std::size_t>(0, kMoveKinds), rc::gen::inRange<std::uint8_t>(1, 16)),
                                [](const std::pair<std::size_t, std::uint8_t>& a) {
                                    W w{8, 8, 8, 8};
                                    w[a.first] = 0;
                                    w[(a.first + 1) % kMoveKinds] = a.second;
                                    return w;
                                });
    // Inputs offered as early as possible while the sink is slow: arbiter races and a full FIFO.
    auto racing = rc::gen::map(rc::gen::inRange<std::uint8_t>(1, 16), [](std::uint8_t l) { return W{l, 8, 0, 15}; });
    auto weights = rc::gen::weightedOneOf<W>({{4, random_weights}, {3, extreme}, {2, racing}, {1, rc::gen::just(W{})}});
    return rc::gen::map(rc::gen::tuple(weights, rc::gen::arbitrary<bool>(), rc::gen::arbitrary<std::uint64_t>()),
                        [](const std::tuple<W, bool, std::uint64_t>& t) { return make(std::get<0>(t), std::get<1>(t), std::get<2>(t)); });
}

}  // namespace np::gen
