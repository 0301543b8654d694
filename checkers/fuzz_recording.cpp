#include "checkers/fuzz_recording.hpp"

#include <algorithm>

namespace np {

RecordingStream recording_stream(const SpeckConfig& cfg, const std::vector<DvsEvent>& events, std::int64_t leak_period_us) {
    if (!cfg.dvs) throw HarnessError("the reference configuration has no DVS layer: a recording cannot be mapped onto its core");
    const DvsLayerConfig& d = *cfg.dvs;
    const std::uint32_t core = cfg.cores.empty() ? 0 : std::min_element(cfg.cores.begin(), cfg.cores.end(), [](const auto& a, const auto& b) {
                                                          return a.id < b.id;
                                                      })->id;
    RecordingStream r;
    std::vector<std::vector<std::int64_t>> hot;
    if (d.hot_pixel_max_events > 0) hot.resize(std::size_t{d.width} * d.height);
    std::int64_t next_tick = 0, t_last = 0;
    if (!events.empty() && leak_period_us > 0) {
        next_tick = events.front().t + leak_period_us;
        t_last = events.back().t;
    }
    auto tick = [&](std::int64_t t) {
        StreamInput in;
        in.leak = true;
        in.core = core;
        in.t = t;
        r.stream.push_back(in);
        ++r.leak_ticks;
    };
    for (const DvsEvent& e : events) {
        ++r.events;
        if (leak_period_us > 0)
            for (; e.t >= next_tick && next_tick <= t_last; next_tick += leak_period_us) tick(next_tick);
        if (e.x >= d.width || e.y >= d.height) {
            ++r.dropped;
            continue;
        }
        if (d.hot_pixel_max_events > 0) {
            auto& h = hot[std::size_t{e.y} * d.width + e.x];
            std::int64_t since = e.t - static_cast<std::int64_t>(d.hot_pixel_window_us);
            h.erase(std::remove_if(h.begin(), h.end(), [&](std::int64_t t) { return t <= since; }), h.end());
            h.push_back(e.t);
            if (h.size() > d.hot_pixel_max_events) {
                ++r.dropped;
                continue;
            }
        }
        std::uint32_t f = d.merge_polarity ? 0 : (e.on ? 1 : 0);
        std::uint32_t x = e.x / d.pool_x, y = e.y / d.pool_y;
        if (x < d.crop_x0 || x > d.crop_x1 || y < d.crop_y0 || y > d.crop_y1) {
            ++r.dropped;
            continue;
        }
        x -= d.crop_x0;
        y -= d.crop_y0;
        if (d.mirror_x) x = (d.crop_x1 - d.crop_x0) - x;
        if (d.mirror_y) y = (d.crop_y1 - d.crop_y0) - y;
        if (d.mirror_diagonal) std::swap(x, y);
        bool used = false;
        for (const Destination& dest : d.destinations) {
            if (!dest.core || *dest.core != core) continue;
            StreamInput in;
            in.core = core;
            in.feature = static_cast<std::uint32_t>(static_cast<std::int64_t>(f) + dest.feature_shift);
            in.x = x;
            in.y = y;
            in.t = e.t;
            r.stream.push_back(in);
            used = true;
        }
        if (!used) ++r.dropped;
    }
    if (leak_period_us > 0 && !events.empty())
        for (; next_tick <= t_last; next_tick += leak_period_us) tick(next_tick);
    return r;
}

}  // namespace np
