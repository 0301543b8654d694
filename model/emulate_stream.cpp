#include "model/emulate_stream.hpp"

#include <algorithm>

namespace np {

std::uint64_t StreamClock::ticks() const {
    if (leak_period_us <= 0 || t_end <= t_begin) return 0;
    const auto span = static_cast<unsigned __int128>(static_cast<__int128>(t_end) - t_begin);
    return static_cast<std::uint64_t>(span / static_cast<std::uint64_t>(leak_period_us));
}

StreamClock clock_for(const std::vector<DvsEvent>& events, std::int64_t leak_period_us) {
    StreamClock c;
    c.leak_period_us = leak_period_us;
    if (events.empty()) return c;
    auto [lo, hi] = std::minmax_element(events.begin(), events.end(), [](const DvsEvent& a, const DvsEvent& b) { return a.t < b.t; });
    c.t_begin = lo->t;
    c.t_end = hi->t;
    return c;
}

StreamRun::StreamRun(Emulator& emulator, const StreamClock& clock, SpikeBatch on_spikes)
    : e_(emulator), on_spikes_(std::move(on_spikes)), ticks_(clock.leak_period_us, clock.t_begin, clock.t_end) {
    e_.reset();
}

void StreamRun::flush(bool always) {
    if (!on_spikes_ || e_.output().empty() || (!always && e_.output().size() < 4096)) return;
    on_spikes_(e_.output());
    e_.clear_output();
}

void StreamRun::feed(const DvsEvent& ev) {
    ticks_.before(ev.t, [&](std::int64_t t) {
        if (timeline_) timeline_->advance(t, e_.activity());
        e_.leak_tick(t);
    });
    if (timeline_) timeline_->advance(ev.t, e_.activity());
    e_.feed(ev);
    flush(false);
}

EmulationResult StreamRun::finish() {
    ticks_.rest([&](std::int64_t t) {
        if (timeline_) timeline_->advance(t, e_.activity());
        e_.leak_tick(t);
        flush(false);
    });
    flush(true);
    EmulationResult r;
    if (!on_spikes_) r.spikes = e_.output();
    r.activity = e_.activity();
    r.readout = e_.readout();
    r.output_counts = e_.output_counts();
    if (timeline_) r.timeline = timeline_->finish(e_.activity());
    return r;
}

EmulationResult emulate_stream(Emulator& e, const std::vector<DvsEvent>& events, const StreamClock& clock,
                               ActivityTimeline* timeline) {
    StreamRun run(e, clock);
    run.observe(timeline);
    for (const DvsEvent& ev : events) run.feed(ev);
    return run.finish();
}

}  // namespace np
