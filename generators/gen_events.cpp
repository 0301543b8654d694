#include "generators/gen_events.hpp"

#include <algorithm>

namespace np::gen {

const char* shape_name(StreamShape s) {
    switch (s) {
        case StreamShape::Uniform: return "uniform";
        case StreamShape::Bursty: return "bursty";
        case StreamShape::HotPixel: return "hot-pixel";
        case StreamShape::Borders: return "borders";
        case StreamShape::FeatureRun: return "feature-run";
        case StreamShape::LeakHeavy: return "leak-heavy";
        case StreamShape::Saturate: return "saturate";
    }
    return "?";
}

namespace {

const CoreConfig& input_core(const SpeckConfig& cfg) {
    return *std::min_element(cfg.cores.begin(), cfg.cores.end(), [](const CoreConfig& a, const CoreConfig& b) { return a.id < b.id; });
}

rc::Gen<ChipInput> spike_at(std::uint32_t core, rc::Gen<std::uint32_t> f, rc::Gen<std::uint32_t> x, rc::Gen<std::uint32_t> y) {
    return rc::gen::map(rc::gen::tuple(f, x, y), [core](const std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>& a) {
        ChipInput in;
        in.core = core;
        std::tie(in.feature, in.x, in.y) = a;
        return in;
    });
}

rc::Gen<std::uint32_t> below(std::uint32_t n) { return uniform_in_range<std::uint32_t>(0, n); }

// A coordinate on the border of [0, n) or where the padding makes the footprint partial.
rc::Gen<std::uint32_t> edge_coordinate(std::uint32_t n, std::uint32_t kernel, std::uint32_t padding) {
    std::vector<std::uint32_t> v{0, n - 1};
    for (std::uint32_t k = 1; k < kernel && k < n; ++k) {
        v.push_back(k);
        v.push_back(n - 1 - k);
    }
    if (padding < n) v.push_back(padding);
    return rc::gen::map(uniform_in_range<std::size_t>(0, v.size()), [v](std::size_t i) { return v[i]; });
}

}  // namespace

rc::Gen<std::vector<ChipInput>> segment(const SpeckConfig& cfg, StreamShape shape) {
    const CoreConfig& c = input_core(cfg);
    const std::uint32_t id = c.id, C = c.in_channels, W = c.in_width, H = c.in_height;
    ChipInput leak;
    leak.leak = true;
    switch (shape) {
        case StreamShape::Uniform:
            return rc::gen::resize(12, rc::gen::container<std::vector<ChipInput>>(spike_at(id, below(C), below(W), below(H))));
        case StreamShape::Bursty:
            // A burst: one region, many events.
            return rc::gen::mapcat(rc::gen::tuple(below(W), below(H)), [=](const std::tuple<std::uint32_t, std::uint32_t>& at) {
                auto [x0, y0] = at;
                return rc::gen::resize(20, rc::gen::container<std::vector<ChipInput>>(spike_at(
                    id, below(C), uniform_in_range<std::uint32_t>(x0, std::min(W, x0 + 2)),
                    uniform_in_range<std::uint32_t>(y0, std::min(H, y0 + 2)))));
            });
        case StreamShape::HotPixel:
            return rc::gen::mapcat(spike_at(id, below(C), below(W), below(H)), [](const ChipInput& in) {
                return rc::gen::map(uniform_in_range<std::size_t>(2, 24), [in](std::size_t n) { return std::vector<ChipInput>(n, in); });
            });
        case StreamShape::Borders:
            return rc::gen::resize(10, rc::gen::container<std::vector<ChipInput>>(
                                           spike_at(id, below(C), edge_coordinate(W, c.kernel_x, c.padding_x),
                                                    edge_coordinate(H, c.kernel_y, c.padding_y))));
        case StreamShape::FeatureRun:
            return rc::gen::mapcat(below(C), [=](std::uint32_t f) {
                return rc::gen::resize(12, rc::gen::container<std::vector<ChipInput>>(spike_at(id, rc::gen::just(f), below(W), below(H))));
            });
        case StreamShape::LeakHeavy:
            return rc::gen::resize(10, rc::gen::container<std::vector<ChipInput>>(rc::gen::weightedOneOf<ChipInput>(
                {{1, rc::gen::just(leak)}, {1, spike_at(id, below(C), below(W), below(H))}})));
        case StreamShape::Saturate: {
            // One address, long enough to drive a neuron to its threshold or the int16 limits.
            std::size_t n = 40;
            return rc::gen::mapcat(spike_at(id, below(C), below(W), below(H)), [n](const ChipInput& in) {
                return rc::gen::map(uniform_in_range<std::size_t>(8, n), [in](std::size_t k) { return std::vector<ChipInput>(k, in); });
            });
        }
    }
    return rc::gen::just(std::vector<ChipInput>{});
}

rc::Gen<std::vector<ChipInput>> event_stream(const SpeckConfig& cfg, std::size_t max_events) {
    auto shapes = rc::gen::element(StreamShape::Uniform, StreamShape::Bursty, StreamShape::HotPixel, StreamShape::Borders,
                                   StreamShape::FeatureRun, StreamShape::LeakHeavy, StreamShape::Saturate);
    auto one = rc::gen::mapcat(shapes, [cfg](StreamShape s) { return segment(cfg, s); });
    return rc::gen::map(rc::gen::pair(rc::gen::resize(4, rc::gen::container<std::vector<std::vector<ChipInput>>>(one)),
                                      rc::gen::container<std::vector<std::uint8_t>>(uniform_in_range<std::uint8_t>(0, 50))),
                        [max_events](const std::pair<std::vector<std::vector<ChipInput>>, std::vector<std::uint8_t>>& p) {
                            std::vector<ChipInput> out;
                            std::int64_t t = 0;
                            std::size_t k = 0;
                            for (const auto& seg : p.first)
                                for (ChipInput in : seg) {
                                    if (out.size() >= max_events) return out;
                                    t += k < p.second.size() ? p.second[k] : 1;
                                    ++k;
                                    in.t = t;
                                    out.push_back(in);
                                }
                            return out;
                        });
}

}  // namespace np::gen
