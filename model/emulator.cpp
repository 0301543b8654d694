#include "model/emulator.hpp"

#include <algorithm>
#include <limits>

namespace np {


CoreActivity& CoreActivity::operator+=(const CoreActivity& o) {
    input_events += o.input_events;
    synaptic_ops += o.synaptic_ops;
    neuron_writes += o.neuron_writes;
    spikes += o.spikes;
    leak_updates += o.leak_updates;
    saturations += o.saturations;
    return *this;
}

CoreActivity ChipActivity::total() const {
    CoreActivity t;
    for (const CoreActivity& c : cores) t += c;
    return t;
}

std::string describe_problems(const std::vector<ConfigProblem>& problems) {
    std::string s;
    for (const ConfigProblem& p : problems) s += (s.empty() ? "" : "\n") + p.pointer + ": " + p.message;
    return s;
}

Emulator::Emulator(SpeckConfig config) : config_(std::move(config)) {
    auto problems = validate_config(config_);
    if (!problems.empty()) throw EmulatorError("invalid chip configuration:\n" + describe_problems(problems));
    cores_.resize(kSpeckCores);
    for (const CoreConfig& c : config_.cores) {
        Runtime& r = cores_[c.id];
        r.cfg = &c;
        r.ow = c.out_width();
        r.oh = c.out_height();
        r.cout = c.out_channels;
        r.weights.resize(c.weights.size());
        for (std::uint32_t co = 0; co < c.out_channels; ++co)
            for (std::uint32_t ci = 0; ci < c.in_channels; ++ci)
                for (std::uint32_t kx = 0; kx < c.kernel_x; ++kx)
                    for (std::uint32_t ky = 0; ky < c.kernel_y; ++ky)
                        r.weights[((std::size_t{ci} * c.kernel_x + kx) * c.kernel_y + ky) * r.cout + co] =
                            c.weights[c.weight_index(co, ci, kx, ky)];
        r.bias.assign(r.cout, 0);
        for (std::size_t k = 0; k < c.biases.size(); ++k) r.bias[k] = c.biases[k];
    }
    reset();
}

void Emulator::reset() {
    for (Runtime& r : cores_) {
        if (!r.cfg) continue;
        r.state.assign(std::size_t{r.ow} * r.oh * r.cout, 0);
        const auto& init = r.cfg->initial_state;
        if (!init.empty())
            for (std::uint32_t c = 0; c < r.cout; ++c)
                for (std::uint32_t x = 0; x < r.ow; ++x)
                    for (std::uint32_t y = 0; y < r.oh; ++y)
                        r.state[(std::size_t{x} * r.oh + y) * r.cout + c] = init[r.cfg->neuron_index(c, x, y)];
    }
    output_.clear();
    counts_.clear();
    activity_ = ChipActivity{};
    activity_.cores.assign(kSpeckCores, CoreActivity{});
    queue_.clear();
    queue_head_ = 0;
    if (config_.dvs) dvs_.emplace(*config_.dvs);
}

namespace {

// 16-bit addition with the configured overflow rule; reports whether it overflowed.
template <bool Saturate>
inline std::int16_t add16(std::int32_t v, std::int32_t d, bool& overflow) {
    std::int32_t s = v + d;
    overflow = s > std::numeric_limits<std::int16_t>::max() || s < std::numeric_limits<std::int16_t>::min();
    if constexpr (Saturate) return static_cast<std::int16_t>(std::clamp<std::int32_t>(s, -32768, 32767));
    else return static_cast<std::int16_t>(static_cast<std::uint16_t>(static_cast<std::uint32_t>(s)));
}

template <bool Saturate>
inline std::int16_t add16_wide(std::int64_t v, std::int64_t d, bool& overflow) {
    std::int64_t s = v + d;
    overflow = s > 32767 || s < -32768;
    if constexpr (Saturate) return static_cast<std::int16_t>(std::clamp<std::int64_t>(s, -32768, 32767));
    else return static_cast<std::int16_t>(static_cast<std::uint16_t>(static_cast<std::uint64_t>(s)));
}

}  // namespace

void Emulator::feed(const DvsEvent& e) {
    ++activity_.dvs_events;
    if (!config_.dvs) throw EmulatorError("a DVS event was fed, but the configuration has no DVS layer");
    const DvsLayerConfig& d = *config_.dvs;
    DvsAddress a;
    switch (dvs_->map(e, a)) {
        case DvsDrop::Range: ++activity_.dvs_dropped_range; return;
        case DvsDrop::Hot: ++activity_.dvs_dropped_hot; return;
        case DvsDrop::Crop: ++activity_.dvs_dropped_crop; return;
        case DvsDrop::None: break;
    }
    const std::uint32_t f = a.feature, x = a.x, y = a.y;
    spikes_this_input_ = 0;
    for (const Destination& dest : d.destinations) {
        std::uint32_t feature = static_cast<std::uint32_t>(static_cast<std::int64_t>(f) + dest.feature_shift);
        if (dest.core) {
            deliver_input(*dest.core, feature, x, y, e.t);
        } else {
            emit({e.t, kSpeckCores, feature, x, y});  // DVS events routed straight out
        }
    }
    drain();
}

void Emulator::feed_core(std::uint32_t core, std::uint32_t feature, std::uint32_t x, std::uint32_t y, std::int64_t t) {
    if (core >= kSpeckCores || !cores_[core].cfg) throw EmulatorError("core " + std::to_string(core) + " is not configured");
    const CoreConfig& c = *cores_[core].cfg;
    if (feature >= c.in_channels || x >= c.in_width || y >= c.in_height)
        throw EmulatorError("input (" + std::to_string(feature) + ", " + std::to_string(x) + ", " + std::to_string(y) +
                            ") is outside core " + std::to_string(core) + "'s input " + std::to_string(c.in_channels) +
                            "x" + std::to_string(c.in_width) + "x" + std::to_string(c.in_height));
    spikes_this_input_ = 0;
    deliver_input(core, feature, x, y, t);
    drain();
}

void Emulator::run(const std::vector<DvsEvent>& events) {
    for (const DvsEvent& e : events) feed(e);
}

void Emulator::deliver_input(std::uint32_t core, std::uint32_t feature, std::uint32_t x, std::uint32_t y, std::int64_t t) {
    if (config_.options.order == ProcessingOrder::BreadthFirst) queue_.push_back({core, feature, x, y, t});
    else process(core, feature, x, y, t);
}

void Emulator::drain() {
    while (queue_head_ < queue_.size()) {
        Pending p = queue_[queue_head_++];
        process(p.core, p.feature, p.x, p.y, p.t);
    }
    queue_.clear();
    queue_head_ = 0;
}

void Emulator::process(std::uint32_t core, std::uint32_t feature, std::uint32_t x, std::uint32_t y, std::int64_t t) {
    const EmulatorOptions& o = config_.options;
    bool sat = o.overflow == OverflowMode::Saturate, after = o.clip == ClipOrder::AfterSpike,
         ge = o.spike_test == SpikeTest::GreaterEqual;
    // One instantiation per combination of options keeps the inner loop free of option tests.
    if (sat) {
        if (after) ge ? integrate<true, true, true>(core, feature, x, y, t) : integrate<true, true, false>(core, feature, x, y, t);
        else ge ? integrate<true, false, true>(core, feature, x, y, t) : integrate<true, false, false>(core, feature, x, y, t);
    } else {
        if (after) ge ? integrate<false, true, true>(core, feature, x, y, t) : integrate<false, true, false>(core, feature, x, y, t);
        else ge ? integrate<false, false, true>(core, feature, x, y, t) : integrate<false, false, false>(core, feature, x, y, t);
    }
}

template <bool Saturate, bool ClipAfter, bool GreaterEqual>
void Emulator::integrate(std::uint32_t core, std::uint32_t feature, std::uint32_t x, std::uint32_t y, std::int64_t t) {
    Runtime& r = cores_[core];
    const CoreConfig& c = *r.cfg;
    CoreActivity& act = activity_.cores[core];
    ++act.input_events;
    // The footprint: kernel offsets k with (x + padding - k) a multiple of the stride and the
    // output coordinate in range.
    std::uint32_t xs_k[kSpeckMaxKernel], xs_o[kSpeckMaxKernel], ys_k[kSpeckMaxKernel], ys_o[kSpeckMaxKernel];
    std::uint32_t nx = 0, ny = 0;
    for (std::uint32_t k = 0; k < c.kernel_x; ++k) {
        std::int64_t num = std::int64_t{x} + c.padding_x - k;
        if (num < 0 || num % c.stride_x != 0 || num / c.stride_x >= r.ow) continue;
        xs_k[nx] = k;
        xs_o[nx++] = static_cast<std::uint32_t>(num / c.stride_x);
    }
    for (std::uint32_t k = 0; k < c.kernel_y; ++k) {
        std::int64_t num = std::int64_t{y} + c.padding_y - k;
        if (num < 0 || num % c.stride_y != 0 || num / c.stride_y >= r.oh) continue;
        ys_k[ny] = k;
        ys_o[ny++] = static_cast<std::uint32_t>(num / c.stride_y);
    }
    const std::int32_t hi = c.threshold_high, lo = c.threshold_low;
    const std::uint32_t cout = r.cout;
    std::uint64_t updates = std::uint64_t{nx} * ny * cout;
    act.synaptic_ops += updates;
    act.neuron_writes += updates;
    for (std::uint32_t i = 0; i < nx; ++i) {
        for (std::uint32_t j = 0; j < ny; ++j) {
            const std::int8_t* w = &r.weights[((std::size_t{feature} * c.kernel_x + xs_k[i]) * c.kernel_y + ys_k[j]) * cout];
            std::int16_t* v = &r.state[(std::size_t{xs_o[i]} * r.oh + ys_o[j]) * cout];
            for (std::uint32_t co = 0; co < cout; ++co) {
                bool overflow;
                std::int32_t nv = add16<Saturate>(v[co], w[co], overflow);
                act.saturations += overflow;
                if constexpr (!ClipAfter) nv = nv < lo ? lo : nv;
                bool fire = GreaterEqual ? nv >= hi : nv > hi;
                if (fire) [[unlikely]] {
                    if (c.return_to_zero) nv = 0;
                    else {
                        bool of2;
                        nv = add16<Saturate>(nv, -hi, of2);
                        act.saturations += of2;
                    }
                }
                if constexpr (ClipAfter) nv = nv < lo ? lo : nv;
                v[co] = static_cast<std::int16_t>(nv);
                if (fire) [[unlikely]] {
                    spike(core, co, xs_o[i], ys_o[j], t);
                    // A depth-first delivery may have come back to this core (a recurrent
                    // configuration) and moved nothing: the state vector is never reallocated.
                }
            }
        }
    }
}

void Emulator::spike(std::uint32_t core, std::uint32_t c, std::uint32_t ox, std::uint32_t oy, std::int64_t t) {
    ++activity_.cores[core].spikes;
    if (probe_) probe_({t, core, c, ox, oy});
    if (++spikes_this_input_ > config_.options.max_spikes_per_event)
        throw EmulatorError("one input caused more than " + std::to_string(config_.options.max_spikes_per_event) +
                            " spikes (a loop of cores that keeps firing?); raise options.max_spikes_per_event if this is "
                            "intended");
    for (const Destination& d : cores_[core].cfg->destinations) {
        std::uint32_t f = static_cast<std::uint32_t>(static_cast<std::int64_t>(c) + d.feature_shift);
        std::uint32_t x = ox / d.pool, y = oy / d.pool;
        if (d.core) {
            deliver_input(*d.core, f, x, y, t);
        } else {
            emit({t, core, f, x, y});
        }
    }
}

void Emulator::leak_tick(std::int64_t t) {
    ++activity_.leak_ticks;
    spikes_this_input_ = 0;
    const EmulatorOptions& o = config_.options;
    bool sat = o.overflow == OverflowMode::Saturate;
    for (std::uint32_t id = 0; id < kSpeckCores; ++id) {
        Runtime& r = cores_[id];
        if (!r.cfg || !r.cfg->leak) continue;
        const CoreConfig& c = *r.cfg;
        CoreActivity& act = activity_.cores[id];
        const std::int32_t hi = c.threshold_high, lo = c.threshold_low;
        for (std::uint32_t x = 0; x < r.ow; ++x)
            for (std::uint32_t y = 0; y < r.oh; ++y)
                for (std::uint32_t co = 0; co < r.cout; ++co) {
                    std::int16_t& v = r.state[(std::size_t{x} * r.oh + y) * r.cout + co];
                    bool overflow;
                    std::int32_t nv = sat ? add16_wide<true>(v, r.bias[co], overflow) : add16_wide<false>(v, r.bias[co], overflow);
                    act.saturations += overflow;
                    ++act.leak_updates;
                    ++act.neuron_writes;
                    bool fire = false;
                    if (o.clip == ClipOrder::BeforeSpike && nv < lo) nv = lo;
                    if (o.leak_can_spike) {
                        fire = o.spike_test == SpikeTest::GreaterEqual ? nv >= hi : nv > hi;
                        if (fire) {
                            bool of2;
                            nv = c.return_to_zero ? 0 : (sat ? add16<true>(nv, -hi, of2) : add16<false>(nv, -hi, of2));
                        }
                    }
                    if (o.clip == ClipOrder::AfterSpike && nv < lo) nv = lo;
                    v = static_cast<std::int16_t>(nv);
                    if (fire) spike(id, co, x, y, t);
                }
    }
    drain();
}

std::int16_t Emulator::neuron(std::uint32_t core, std::uint32_t c, std::uint32_t x, std::uint32_t y) const {
    const Runtime& r = cores_.at(core);
    if (!r.cfg || c >= r.cout || x >= r.ow || y >= r.oh) throw EmulatorError("no such neuron");
    return r.state[(std::size_t{x} * r.oh + y) * r.cout + c];
}

std::vector<std::int16_t> Emulator::state(std::uint32_t core) const {
    const Runtime& r = cores_.at(core);
    if (!r.cfg) throw EmulatorError("core " + std::to_string(core) + " is not configured");
    std::vector<std::int16_t> s(r.state.size());
    for (std::uint32_t c = 0; c < r.cout; ++c)
        for (std::uint32_t x = 0; x < r.ow; ++x)
            for (std::uint32_t y = 0; y < r.oh; ++y)
                s[r.cfg->neuron_index(c, x, y)] = r.state[(std::size_t{x} * r.oh + y) * r.cout + c];
    return s;
}

void Emulator::emit(const OutputSpike& s) {
    output_.push_back(s);
    ++activity_.output_spikes;
    if (s.feature >= counts_.size()) counts_.resize(s.feature + 1, 0);
    ++counts_[s.feature];
}

std::vector<std::uint64_t> Emulator::output_counts() const { return counts_; }

std::int32_t Emulator::readout() const {
    auto counts = output_counts();
    std::int32_t best = -1;
    for (std::size_t f = 0; f < counts.size(); ++f)
        if (counts[f] >= config_.readout.threshold && (best < 0 || counts[f] > counts[best])) best = static_cast<std::int32_t>(f);
    return best;
}

}  // namespace np
