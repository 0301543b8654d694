#include "model/temporal_attention.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <unordered_set>

namespace np {

AttentionResult apply_temporal_attention(const std::vector<DvsEvent>& events, const AttentionOptions& o) {
    if (o.slice_us <= 0) throw std::invalid_argument("the attention slice must be at least 1 us");
    if (o.top_k == 0) throw std::invalid_argument("attention top-k must be at least 1");
    AttentionResult r;
    if (events.empty()) return r;
    std::int64_t t0 = std::numeric_limits<std::int64_t>::max(), t1 = std::numeric_limits<std::int64_t>::min();
    for (const DvsEvent& e : events) {
        t0 = std::min(t0, e.t);
        t1 = std::max(t1, e.t);
    }
    auto slice_of = [&](const DvsEvent& e) { return static_cast<std::size_t>((e.t - t0) / o.slice_us); };
    std::size_t n = static_cast<std::size_t>((t1 - t0) / o.slice_us) + 1;
    r.slices.resize(n);
    for (std::size_t i = 0; i < n; ++i) r.slices[i].start = t0 + static_cast<std::int64_t>(i) * o.slice_us;
    std::vector<std::unordered_set<std::uint32_t>> pixels(o.score == SliceScore::ActivePixels ? n : 0);
    for (const DvsEvent& e : events) {
        std::size_t s = slice_of(e);
        ++r.slices[s].events;
        if (o.score == SliceScore::ActivePixels) pixels[s].insert((std::uint32_t{e.x} << 16) | e.y);
    }
    for (std::size_t i = 0; i < n; ++i)
        r.slices[i].score = o.score == SliceScore::Events ? r.slices[i].events : pixels[i].size();
    std::size_t group = o.group == 0 ? n : o.group;
    for (std::size_t g = 0; g < n; g += group) {
        std::size_t end = std::min(n, g + group);
        std::vector<std::size_t> order(end - g);
        std::iota(order.begin(), order.end(), g);
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return r.slices[a].score > r.slices[b].score; });
        for (std::size_t k = 0; k < order.size() && k < o.top_k; ++k)
            if (r.slices[order[k]].events > 0) r.slices[order[k]].kept = true;
    }
    for (const DvsEvent& e : events)
        if (r.slices[slice_of(e)].kept) r.kept.push_back(e);
    return r;
}

}  // namespace np
