#include "model/emulate_stream.hpp"

#include <algorithm>

namespace np {

StreamClock clock_for(const std::vector<DvsEvent>& events, std::int64_t leak_period_us) {
    StreamClock c;
    c.leak_period_us = leak_period_us;
    if (events.empty()) return c;
    auto [lo, hi] = std::minmax_element(events.begin(), events.end(), [](const DvsEvent& a, const DvsEvent& b) { return a.t < b.t; });
    c.t_begin = lo->t;
    c.t_end = hi->t;
    return c;
}

EmulationResult emulate_stream(Emulator& e, const std::vector<DvsEvent>& events, const StreamClock& clock) {
    e.reset();
    if (clock.leak_period_us > 0) {
        std::int64_t next_tick = clock.t_begin + clock.leak_period_us;
        for (const DvsEvent& ev : events) {
            while (ev.t >= next_tick && next_tick <= clock.t_end) {
                e.leak_tick(next_tick);
                next_tick += clock.leak_period_us;
            }
            e.feed(ev);
        }
        for (; next_tick <= clock.t_end; next_tick += clock.leak_period_us) e.leak_tick(next_tick);
    } else {
        for (const DvsEvent& ev : events) e.feed(ev);
    }
    EmulationResult r;
    r.spikes = e.output();
    r.activity = e.activity();
    r.readout = e.readout();
    r.output_counts = e.output_counts();
    return r;
}

}  // namespace np
