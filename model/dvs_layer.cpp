#include "model/dvs_layer.hpp"

#include <algorithm>
#include <utility>

namespace np {

DvsLayer::DvsLayer(DvsLayerConfig config) : d_(std::move(config)) { reset(); }

void DvsLayer::reset() {
    hot_.clear();
    if (d_.hot_pixel_max_events > 0) hot_.resize(std::size_t{d_.width} * d_.height);
}

DvsDrop DvsLayer::map(const DvsEvent& e, DvsAddress& out) {
    if (e.x >= d_.width || e.y >= d_.height) return DvsDrop::Range;
    if (d_.hot_pixel_max_events > 0) {
        auto& h = hot_[std::size_t{e.y} * d_.width + e.x];
        const std::int64_t since = e.t - static_cast<std::int64_t>(d_.hot_pixel_window_us);
        h.erase(std::remove_if(h.begin(), h.end(), [&](std::int64_t t) { return t <= since; }), h.end());
        h.push_back(e.t);
        if (h.size() > d_.hot_pixel_max_events) return DvsDrop::Hot;
    }
    std::uint32_t x = e.x / d_.pool_x, y = e.y / d_.pool_y;
    if (x < d_.crop_x0 || x > d_.crop_x1 || y < d_.crop_y0 || y > d_.crop_y1) return DvsDrop::Crop;
    x -= d_.crop_x0;
    y -= d_.crop_y0;
    if (d_.mirror_x) x = (d_.crop_x1 - d_.crop_x0) - x;
    if (d_.mirror_y) y = (d_.crop_y1 - d_.crop_y0) - y;
    if (d_.mirror_diagonal) std::swap(x, y);
    out = {d_.merge_polarity ? 0u : (e.on ? 1u : 0u), x, y};
    return DvsDrop::None;
}

LeakClock::LeakClock(std::int64_t leak_period_us, std::int64_t t_begin, std::int64_t t_end)
    : period_(leak_period_us), next_(t_begin + leak_period_us), end_(t_end) {}

}  // namespace np
