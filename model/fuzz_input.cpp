#include "model/fuzz_input.hpp"

#include <sstream>

namespace np {

std::string describe(const ChipInput& in) {
    if (in.leak) return "t=" + std::to_string(in.t) + " leak";
    return "t=" + std::to_string(in.t) + " core " + std::to_string(in.core) + " (" + std::to_string(in.feature) + ", " +
           std::to_string(in.x) + ", " + std::to_string(in.y) + ")";
}

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
