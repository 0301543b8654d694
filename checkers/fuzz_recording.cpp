#include "checkers/fuzz_recording.hpp"

#include <algorithm>

#include "model/dvs_layer.hpp"
#include "model/emulate_stream.hpp"

namespace np {

RecordingStream recording_stream(const SpeckConfig& cfg, const std::vector<DvsEvent>& events, std::int64_t leak_period_us) {
    if (!cfg.dvs) throw HarnessError("the reference configuration has no DVS layer: a recording cannot be mapped onto its core");
    const std::uint32_t core = cfg.cores.empty() ? 0 : std::min_element(cfg.cores.begin(), cfg.cores.end(), [](const auto& a, const auto& b) {
                                                          return a.id < b.id;
                                                      })->id;
    RecordingStream r;
    DvsLayer dvs(*cfg.dvs);
    const StreamClock clock = clock_for(events, leak_period_us);  // the emulator's clock: min to max timestamp
    LeakClock ticks(clock.leak_period_us, clock.t_begin, clock.t_end);
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
        ticks.before(e.t, tick);
        DvsAddress a;
        if (dvs.map(e, a) != DvsDrop::None) {
            ++r.dropped;
            continue;
        }
        bool used = false;
        for (const Destination& dest : cfg.dvs->destinations) {
            if (!dest.core || *dest.core != core) continue;
            StreamInput in;
            in.core = core;
            in.feature = static_cast<std::uint32_t>(static_cast<std::int64_t>(a.feature) + dest.feature_shift);
            in.x = a.x;
            in.y = a.y;
            in.t = e.t;
            r.stream.push_back(in);
            used = true;
        }
        if (!used) ++r.dropped;
    }
    ticks.rest(tick);
    return r;
}

}  // namespace np
