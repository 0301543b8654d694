#include "model/speck_config.hpp"

#include <set>

#include "model/speck_memory.hpp"

namespace np {

namespace {

bool is_pow2_in(std::uint32_t v, std::initializer_list<std::uint32_t> allowed) {
    for (std::uint32_t a : allowed)
        if (v == a) return true;
    return false;
}

std::uint32_t ceil_div(std::uint32_t a, std::uint32_t b) { return (a + b - 1) / b; }

class Checker {
public:
    explicit Checker(std::vector<ConfigProblem>& out) : out_(out) {}
    void operator()(std::string pointer, std::string message) { out_.push_back({std::move(pointer), std::move(message)}); }

private:
    std::vector<ConfigProblem>& out_;
};

// Checks that the spikes a source sends through `d` fit the receiving core's input shape.
void check_destination(const SpeckConfig& cfg, const Destination& d, const std::string& at, std::uint32_t features,
                       std::uint32_t width, std::uint32_t height, bool pooling_allowed, Checker& problem) {
    if (!is_pow2_in(d.pool, {1, 2, 4})) {
        problem(at + "/pool", "pooling must be 1, 2 or 4, not " + std::to_string(d.pool));
        return;
    }
    if (!pooling_allowed && d.pool != 1)
        problem(at + "/pool", "the DVS layer pools before cropping; its destinations cannot pool");
    if (!d.core) return;
    if (*d.core >= kSpeckCores) {
        problem(at + "/core", "core " + std::to_string(*d.core) + " does not exist (cores are 0.." +
                                  std::to_string(kSpeckCores - 1) + ")");
        return;
    }
    const CoreConfig* dest = cfg.core(*d.core);
    if (!dest) {
        problem(at + "/core", "destination core " + std::to_string(*d.core) + " is not configured");
        return;
    }
    std::int64_t lo = d.feature_shift, hi = static_cast<std::int64_t>(features) - 1 + d.feature_shift;
    if (lo < 0 || hi >= static_cast<std::int64_t>(dest->in_channels))
        problem(at + "/feature_shift", "features " + std::to_string(lo) + ".." + std::to_string(hi) +
                                           " do not fit core " + std::to_string(dest->id) + "'s " +
                                           std::to_string(dest->in_channels) + " input channels");
    std::uint32_t w = ceil_div(width, d.pool), h = ceil_div(height, d.pool);
    if (w > dest->in_width || h > dest->in_height)
        problem(at, "sends a " + std::to_string(w) + "x" + std::to_string(h) + " map to core " + std::to_string(dest->id) +
                        " whose input is " + std::to_string(dest->in_width) + "x" + std::to_string(dest->in_height));
}

void check_range(std::uint32_t v, std::uint32_t lo, std::uint32_t hi, const std::string& at, const char* what,
                 Checker& problem) {
    if (v < lo || v > hi)
        problem(at, std::string(what) + " " + std::to_string(v) + " is outside the chip's range " + std::to_string(lo) +
                        ".." + std::to_string(hi));
}

}  // namespace

std::vector<ConfigProblem> validate_config(const SpeckConfig& cfg) {
    std::vector<ConfigProblem> out;
    Checker problem(out);
    const EmulatorOptions& o = cfg.options;
    if (o.bias_width < 1 || o.bias_width > 32)
        problem("/options/bias_width", "bias width must be 1..32 bits, not " + std::to_string(o.bias_width));
    if (o.max_spikes_per_event == 0) problem("/options/max_spikes_per_event", "must be at least 1");

    std::set<std::uint32_t> ids;
    for (std::size_t i = 0; i < cfg.cores.size(); ++i) {
        const CoreConfig& c = cfg.cores[i];
        const std::string at = "/cores/" + std::to_string(i);
        if (c.id >= kSpeckCores) {
            problem(at + "/id", "core id " + std::to_string(c.id) + " does not exist (the chip has cores 0.." +
                                    std::to_string(kSpeckCores - 1) + ")");
            continue;
        }
        if (!ids.insert(c.id).second) problem(at + "/id", "core " + std::to_string(c.id) + " is configured twice");
        std::size_t before = out.size();
        check_range(c.in_channels, 1, kSpeckMaxChannels, at + "/input", "input channel count", problem);
        check_range(c.out_channels, 1, kSpeckMaxChannels, at + "/output_channels", "output channel count", problem);
        check_range(c.in_width, 1, kSpeckMaxInputMap, at + "/input", "input width", problem);
        check_range(c.in_height, 1, kSpeckMaxInputMap, at + "/input", "input height", problem);
        check_range(c.kernel_x, 1, kSpeckMaxKernel, at + "/kernel", "kernel width", problem);
        check_range(c.kernel_y, 1, kSpeckMaxKernel, at + "/kernel", "kernel height", problem);
        check_range(c.padding_x, 0, kSpeckMaxPadding, at + "/padding", "padding", problem);
        check_range(c.padding_y, 0, kSpeckMaxPadding, at + "/padding", "padding", problem);
        for (std::uint32_t s : {c.stride_x, c.stride_y})
            if (!is_pow2_in(s, {1, 2, 4, 8})) problem(at + "/stride", "stride must be 1, 2, 4 or 8, not " + std::to_string(s));
        if (c.kernel_x != c.kernel_y)
            problem(at + "/kernel", "kernel " + std::to_string(c.kernel_x) + "x" + std::to_string(c.kernel_y) +
                                        " is not square (the chip takes one kernel size)");
        if (out.size() != before) continue;  // the shapes below would be meaningless
        if (c.kernel_x > c.in_width + 2 * c.padding_x || c.kernel_y > c.in_height + 2 * c.padding_y) {
            problem(at + "/kernel", "the kernel is larger than the padded input map");
            continue;
        }
        if (c.out_width() > kSpeckMaxOutputMap || c.out_height() > kSpeckMaxOutputMap)
            problem(at, "output map " + std::to_string(c.out_width()) + "x" + std::to_string(c.out_height()) +
                            " exceeds the chip's " + std::to_string(kSpeckMaxOutputMap) + "x" +
                            std::to_string(kSpeckMaxOutputMap));
        std::size_t nw = std::size_t{c.out_channels} * c.in_channels * c.kernel_x * c.kernel_y;
        if (c.weights.size() != nw)
            problem(at + "/weights", "expected " + std::to_string(nw) + " weights ([c_out][c_in][kx][ky] = " +
                                         std::to_string(c.out_channels) + "x" + std::to_string(c.in_channels) + "x" +
                                         std::to_string(c.kernel_x) + "x" + std::to_string(c.kernel_y) + "), got " +
                                         std::to_string(c.weights.size()));
        if (!c.biases.empty() && c.biases.size() != c.out_channels)
            problem(at + "/biases", "expected one bias per output channel (" + std::to_string(c.out_channels) + "), got " +
                                        std::to_string(c.biases.size()));
        if (o.bias_width >= 1 && o.bias_width <= 32) {
            std::int64_t lo = -(std::int64_t{1} << (o.bias_width - 1)), hi = (std::int64_t{1} << (o.bias_width - 1)) - 1;
            for (std::size_t k = 0; k < c.biases.size(); ++k)
                if (c.biases[k] < lo || c.biases[k] > hi) {
                    problem(at + "/biases/" + std::to_string(k), "bias " + std::to_string(c.biases[k]) + " does not fit " +
                                                                    std::to_string(o.bias_width) + " bits");
                    break;
                }
        }
        std::size_t nn = std::size_t{c.out_channels} * c.out_width() * c.out_height();
        if (!c.initial_state.empty() && c.initial_state.size() != nn)
            problem(at + "/initial_state", "expected " + std::to_string(nn) + " neuron states, got " +
                                               std::to_string(c.initial_state.size()));
        if (c.threshold_low > c.threshold_high)
            problem(at + "/threshold_low", "threshold_low " + std::to_string(c.threshold_low) + " exceeds threshold_high " +
                                               std::to_string(c.threshold_high));
        if (std::string m = core_memory_problem(c); !m.empty()) problem(at, m);
        if (c.destinations.size() > kSpeckMaxDestinations)
            problem(at + "/destinations", "a core has at most " + std::to_string(kSpeckMaxDestinations) +
                                              " destinations, not " + std::to_string(c.destinations.size()));
    }
    // Destinations need every core's shape, so they are checked once all cores are known.
    for (std::size_t i = 0; i < cfg.cores.size(); ++i) {
        const CoreConfig& c = cfg.cores[i];
        if (c.id >= kSpeckCores || c.kernel_x == 0 || c.kernel_y == 0 || c.stride_x == 0 || c.stride_y == 0 ||
            c.kernel_x > c.in_width + 2 * c.padding_x || c.kernel_y > c.in_height + 2 * c.padding_y)
            continue;
        for (std::size_t k = 0; k < c.destinations.size() && k < kSpeckMaxDestinations; ++k)
            check_destination(cfg, c.destinations[k], "/cores/" + std::to_string(i) + "/destinations/" + std::to_string(k),
                              c.out_channels, c.out_width(), c.out_height(), true, problem);
    }
    if (cfg.dvs) {
        const DvsLayerConfig& d = *cfg.dvs;
        std::size_t before = out.size();
        check_range(d.width, 1, kSpeckDvsSize, "/dvs/width", "DVS width", problem);
        check_range(d.height, 1, kSpeckDvsSize, "/dvs/height", "DVS height", problem);
        for (std::uint32_t p : {d.pool_x, d.pool_y})
            if (!is_pow2_in(p, {1, 2, 4})) problem("/dvs/pool", "DVS pooling must be 1, 2 or 4, not " + std::to_string(p));
        if (out.size() == before) {
            std::uint32_t pw = ceil_div(d.width, d.pool_x), ph = ceil_div(d.height, d.pool_y);
            if (d.crop_x0 > d.crop_x1 || d.crop_y0 > d.crop_y1 || d.crop_x1 >= pw || d.crop_y1 >= ph)
                problem("/dvs/crop", "crop window [" + std::to_string(d.crop_x0) + ".." + std::to_string(d.crop_x1) + "] x [" +
                                         std::to_string(d.crop_y0) + ".." + std::to_string(d.crop_y1) +
                                         "] is empty or outside the pooled " + std::to_string(pw) + "x" + std::to_string(ph) +
                                         " map");
            else {
                std::uint32_t w = d.crop_x1 - d.crop_x0 + 1, h = d.crop_y1 - d.crop_y0 + 1;
                if (d.mirror_diagonal) std::swap(w, h);
                if (d.destinations.size() > kSpeckMaxDestinations)
                    problem("/dvs/destinations", "the DVS layer has at most " + std::to_string(kSpeckMaxDestinations) +
                                                     " destinations");
                for (std::size_t k = 0; k < d.destinations.size() && k < kSpeckMaxDestinations; ++k)
                    check_destination(cfg, d.destinations[k], "/dvs/destinations/" + std::to_string(k),
                                      d.merge_polarity ? 1 : 2, w, h, false, problem);
            }
        }
        if (d.hot_pixel_max_events > 0 && d.hot_pixel_window_us == 0)
            problem("/dvs/hot_pixel/window_us", "the hot-pixel filter needs a time window");
    }
    return out;
}

}  // namespace np
