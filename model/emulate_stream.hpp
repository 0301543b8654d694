// Runs the reference emulator over a whole recording: DVS events in file order, with leak ticks
// of the chip's slow clock interleaved by timestamp: a tick at t_begin + k * leak_period_us
// (k >= 1) up to t_end is issued before the first event at or after it, and the ticks after the
// last event follow it. The clock does not depend on the events: a gated run (fewer events) over
// the same span gets the same ticks. The result is what `neuroproof emulate` reports.
#pragma once

#include <functional>

#include <cstdint>
#include <vector>

#include "model/activity_timeline.hpp"
#include "model/dvs_layer.hpp"
#include "model/emulator.hpp"

namespace np {

struct EmulationResult {
    std::vector<OutputSpike> spikes;
    ChipActivity activity;
    std::int32_t readout = -1;
    std::vector<std::uint64_t> output_counts;  // output spikes per feature
    std::vector<ActivityBin> timeline;         // with StreamRun::observe: activity per time bin
};

struct StreamClock {
    std::int64_t leak_period_us = 0;  // 0: no leak ticks
    std::int64_t t_begin = 0, t_end = 0;
    // Leak ticks the clock issues over its span.
    std::uint64_t ticks() const;
};
// The most leak ticks one run issues; a span and period asking for more (a recording whose
// timestamps jump by hours with a 1 us period) are refused before the run (`emulate`, `fuzz`).
inline constexpr std::uint64_t kMaxLeakTicks = 1'000'000'000;
// The clock spanning a recording from its first to its last timestamp.
StreamClock clock_for(const std::vector<DvsEvent>& events, std::int64_t leak_period_us);

// The same run fed one event at a time, for a recording of any size (the events are never held):
// construction resets the emulator, feed() takes the events in stream order, finish() issues the
// ticks after the last event and returns the result. With `on_spikes` the output spikes are
// handed over in batches as they are produced and the result holds none (its counts and readout
// still cover them all); otherwise the result holds them.
class StreamRun {
public:
    using SpikeBatch = std::function<void(const std::vector<OutputSpike>&)>;
    StreamRun(Emulator& emulator, const StreamClock& clock, SpikeBatch on_spikes = {});
    // Bins the activity over time (model/activity_timeline.hpp); finish() then fills
    // EmulationResult::timeline. Set before the first feed.
    void observe(ActivityTimeline* timeline) { timeline_ = timeline; }
    void feed(const DvsEvent& event);
    EmulationResult finish();

private:
    void flush(bool always);
    Emulator& e_;
    SpikeBatch on_spikes_;
    LeakClock ticks_;
    ActivityTimeline* timeline_ = nullptr;
};

// Resets the emulator, then runs. Throws EmulatorError as Emulator does.
EmulationResult emulate_stream(Emulator& emulator, const std::vector<DvsEvent>& events, const StreamClock& clock = {},
                               ActivityTimeline* timeline = nullptr);

}  // namespace np
