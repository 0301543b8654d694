// A second, deliberately plain implementation of DESIGN §5 for differential tests of
// model/emulator: the configuration's own layouts ([c_out][c_in][kx][ky] weights, [c][x][y]
// states), 64-bit arithmetic with explicit range rules, recursion for depth-first delivery and
// a std::deque for breadth-first. No precomputation, no templates.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <vector>

#include "model/emulator.hpp"

namespace np::test {

class NaiveEmulator {
public:
    explicit NaiveEmulator(const SpeckConfig& cfg) : cfg_(cfg) {
        for (const CoreConfig& c : cfg_.cores) {
            std::vector<std::int64_t> s(std::size_t{c.out_channels} * c.out_width() * c.out_height(), 0);
            for (std::size_t k = 0; k < c.initial_state.size(); ++k) s[k] = c.initial_state[k];
            state_[c.id] = s;
        }
    }

    void feed_core(std::uint32_t core, std::uint32_t f, std::uint32_t x, std::uint32_t y, std::int64_t t) {
        if (cfg_.options.order == ProcessingOrder::DepthFirst) {
            update(core, f, x, y, t);
        } else {
            pending_.push_back({core, f, x, y, t});
            while (!pending_.empty()) {
                auto p = pending_.front();
                pending_.pop_front();
                update(p.core, p.f, p.x, p.y, p.t);
            }
        }
    }

    void leak_tick(std::int64_t t) {
        for (const CoreConfig& c : cfg_.cores) {
            if (!c.leak) continue;
            for (std::uint32_t x = 0; x < c.out_width(); ++x)
                for (std::uint32_t y = 0; y < c.out_height(); ++y)
                    for (std::uint32_t co = 0; co < c.out_channels; ++co) {
                        std::int64_t& v = state_[c.id][c.neuron_index(co, x, y)];
                        v = fit(v + (c.biases.empty() ? 0 : c.biases[co]));
                        if (cfg_.options.clip == ClipOrder::BeforeSpike) v = std::max<std::int64_t>(v, c.threshold_low);
                        bool fire = cfg_.options.leak_can_spike && fires(c, v);
                        if (fire) v = c.return_to_zero ? 0 : fit(v - c.threshold_high);
                        if (cfg_.options.clip == ClipOrder::AfterSpike) v = std::max<std::int64_t>(v, c.threshold_low);
                        if (fire) emit(c, co, x, y, t);
                    }
        }
        flush_breadth_first();
    }

    const std::vector<OutputSpike>& output() const { return output_; }
    std::vector<std::int16_t> state(std::uint32_t core) const {
        std::vector<std::int16_t> s;
        for (std::int64_t v : state_.at(core)) s.push_back(static_cast<std::int16_t>(v));
        return s;
    }

private:
    struct Pending {
        std::uint32_t core, f, x, y;
        std::int64_t t;
    };

    std::int64_t fit(std::int64_t v) const {
        if (cfg_.options.overflow == OverflowMode::Saturate) return std::clamp<std::int64_t>(v, -32768, 32767);
        std::int64_t m = ((v % 65536) + 65536) % 65536;
        return m >= 32768 ? m - 65536 : m;
    }
    bool fires(const CoreConfig& c, std::int64_t v) const {
        return cfg_.options.spike_test == SpikeTest::GreaterEqual ? v >= c.threshold_high : v > c.threshold_high;
    }

    void update(std::uint32_t core, std::uint32_t f, std::uint32_t x, std::uint32_t y, std::int64_t t) {
        const CoreConfig& c = *cfg_.core(core);
        for (std::int64_t kx = 0; kx < c.kernel_x; ++kx)
            for (std::int64_t ky = 0; ky < c.kernel_y; ++ky) {
                std::int64_t nx = std::int64_t{x} + c.padding_x - kx, ny = std::int64_t{y} + c.padding_y - ky;
                if (nx < 0 || ny < 0 || nx % c.stride_x || ny % c.stride_y) continue;
                std::int64_t ox = nx / c.stride_x, oy = ny / c.stride_y;
                if (ox >= c.out_width() || oy >= c.out_height()) continue;
                for (std::uint32_t co = 0; co < c.out_channels; ++co) {
                    std::int64_t& v = state_[core][c.neuron_index(co, static_cast<std::uint32_t>(ox), static_cast<std::uint32_t>(oy))];
                    v = fit(v + c.weights[c.weight_index(co, f, static_cast<std::uint32_t>(kx), static_cast<std::uint32_t>(ky))]);
                    if (cfg_.options.clip == ClipOrder::BeforeSpike) v = std::max<std::int64_t>(v, c.threshold_low);
                    bool fire = fires(c, v);
                    if (fire) v = c.return_to_zero ? 0 : fit(v - c.threshold_high);
                    if (cfg_.options.clip == ClipOrder::AfterSpike) v = std::max<std::int64_t>(v, c.threshold_low);
                    if (fire) emit(c, co, static_cast<std::uint32_t>(ox), static_cast<std::uint32_t>(oy), t);
                }
            }
    }

    void emit(const CoreConfig& c, std::uint32_t co, std::uint32_t ox, std::uint32_t oy, std::int64_t t) {
        for (const Destination& d : c.destinations) {
            std::uint32_t f = static_cast<std::uint32_t>(std::int64_t{co} + d.feature_shift);
            if (!d.core) output_.push_back({t, c.id, f, ox / d.pool, oy / d.pool});
            else if (cfg_.options.order == ProcessingOrder::DepthFirst) update(*d.core, f, ox / d.pool, oy / d.pool, t);
            else pending_.push_back({*d.core, f, ox / d.pool, oy / d.pool, t});
        }
    }

    void flush_breadth_first() {
        while (!pending_.empty()) {
            auto p = pending_.front();
            pending_.pop_front();
            update(p.core, p.f, p.x, p.y, p.t);
        }
    }

    SpeckConfig cfg_;
    std::map<std::uint32_t, std::vector<std::int64_t>> state_;
    std::vector<OutputSpike> output_;
    std::deque<Pending> pending_;
};

}  // namespace np::test
