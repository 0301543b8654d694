#include "checkers/compare_spikes.hpp"

#include <map>
#include <tuple>

namespace np {

namespace {

std::string address(const OutputSpike& s) {
    return "core " + std::to_string(s.core) + " neuron (" + std::to_string(s.feature) + ", " + std::to_string(s.x) + ", " +
           std::to_string(s.y) + ")";
}

std::string spike(const OutputSpike& s) { return address(s) + " at t=" + std::to_string(s.t); }

}  // namespace

std::string compare_spikes(const std::vector<OutputSpike>& ref, const std::vector<OutputSpike>& impl, SpikeOrder order) {
    if (order == SpikeOrder::Exact) {
        for (std::size_t i = 0; i < ref.size() && i < impl.size(); ++i)
            if (!(ref[i] == impl[i]))
                return "spike " + std::to_string(i + 1) + ": reference " + spike(ref[i]) + ", implementation " + spike(impl[i]);
        if (ref.size() != impl.size())
            return "the reference emits " + std::to_string(ref.size()) + " spikes, the implementation " + std::to_string(impl.size()) +
                   (ref.size() > impl.size() ? "; first missing: " + spike(ref[impl.size()])
                                             : "; first extra: " + spike(impl[ref.size()]));
        return {};
    }
    using Key = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t>;
    std::map<Key, std::vector<std::int64_t>> a, b;
    for (const OutputSpike& s : ref) a[{s.core, s.feature, s.x, s.y}].push_back(s.t);
    for (const OutputSpike& s : impl) b[{s.core, s.feature, s.x, s.y}].push_back(s.t);
    std::map<Key, bool> keys;
    for (const auto& [k, _] : a) keys[k] = true;
    for (const auto& [k, _] : b) keys[k] = true;
    for (const auto& [k, _] : keys) {
        const auto& x = a[k];
        const auto& y = b[k];
        if (x == y) continue;
        OutputSpike s{0, std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k)};
        std::size_t i = 0;
        while (i < x.size() && i < y.size() && x[i] == y[i]) ++i;
        std::string what = address(s) + ": reference " + std::to_string(x.size()) + " spikes, implementation " +
                           std::to_string(y.size());
        if (i < x.size() && i < y.size())
            return what + "; spike " + std::to_string(i + 1) + " at t=" + std::to_string(x[i]) + " vs t=" + std::to_string(y[i]);
        return what + (i < x.size() ? "; first missing at t=" + std::to_string(x[i]) : "; first extra at t=" + std::to_string(y[i]));
    }
    return {};
}

std::string compare_states(const CoreConfig& c, const std::vector<std::int16_t>& ref, const std::vector<std::int16_t>& impl) {
    if (ref.size() != impl.size())
        return "core " + std::to_string(c.id) + ": " + std::to_string(ref.size()) + " reference neurons, " +
               std::to_string(impl.size()) + " implementation neurons";
    for (std::uint32_t ch = 0; ch < c.out_channels; ++ch)
        for (std::uint32_t x = 0; x < c.out_width(); ++x)
            for (std::uint32_t y = 0; y < c.out_height(); ++y) {
                std::size_t i = c.neuron_index(ch, x, y);
                if (ref[i] != impl[i])
                    return "core " + std::to_string(c.id) + " neuron (" + std::to_string(ch) + ", " + std::to_string(x) + ", " +
                           std::to_string(y) + "): reference state " + std::to_string(ref[i]) + ", implementation " +
                           std::to_string(impl[i]);
            }
    return {};
}

}  // namespace np
