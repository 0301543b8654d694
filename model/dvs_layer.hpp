// The chip's DVS layer and its slow clock, the pre-processing every consumer of a recording shares
// (the emulator's Emulator::feed, the fuzz harness's recording streams: checkers/fuzz_recording):
//
//   DvsLayer   one event at a time, in stream order: dropped when outside the configured sensor
//              (width x height), when the hot-pixel filter suppresses it (more than
//              hot_pixel_max_events events of that pixel in the last hot_pixel_window_us), or when
//              its pooled address (x / pool_x, y / pool_y) lies outside the crop window; else its
//              feature (0 with merge_polarity, else OFF 0 / ON 1) and its address relative to the
//              crop window's origin, mirrored in x, then y, then on the diagonal. Each
//              destination's feature_shift is the caller's to add.
//   LeakClock  leak ticks at t_begin + k * leak_period_us (k >= 1) up to t_end; a tick is due
//              before the first event at or after it, the rest after the last event.
#pragma once

#include <cstdint>
#include <vector>

#include "model/events.hpp"
#include "model/speck_config.hpp"

namespace np {

enum class DvsDrop : std::uint8_t { None, Range, Hot, Crop };

struct DvsAddress {
    std::uint32_t feature = 0, x = 0, y = 0;
};

class DvsLayer {
public:
    explicit DvsLayer(DvsLayerConfig config);
    void reset();  // forgets the hot-pixel history
    // DvsDrop::None with `out` set, or why the event was dropped.
    DvsDrop map(const DvsEvent& e, DvsAddress& out);
    const DvsLayerConfig& config() const { return d_; }

private:
    DvsLayerConfig d_;
    std::vector<std::vector<std::int64_t>> hot_;  // per pixel: its recent timestamps
};


class LeakClock {
public:
    LeakClock(std::int64_t leak_period_us, std::int64_t t_begin, std::int64_t t_end);
    // Calls tick(t) for every tick due before an event at time t_event, in order.
    template <class Tick>
    void before(std::int64_t t_event, Tick&& tick) {
        if (period_ <= 0) return;
        for (; t_event >= next_ && next_ <= end_; next_ += period_) tick(next_);
    }
    // Calls tick(t) for every tick not yet issued.
    template <class Tick>
    void rest(Tick&& tick) {
        if (period_ <= 0) return;
        for (; next_ <= end_; next_ += period_) tick(next_);
    }

private:
    std::int64_t period_, next_, end_;
};

}  // namespace np
