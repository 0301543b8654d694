// Streams for the equivalence harness from real DVS recordings (DESIGN §6: "streams can also be
// taken from real recordings"). The events pass the reference configuration's DVS layer — the
// one the emulator uses (model/dvs_layer.hpp: sensor range, hot-pixel filter, polarity to
// feature, pool, crop, mirror x / y / diagonal), then each destination's feature shift; those
// addressed to the harness's input core become stream inputs, the others are dropped. Leak ticks
// come from the emulator's clock too (model/emulate_stream.hpp: clock_for, the recording's
// smallest to largest timestamp): a tick at t_begin + k * leak_period_us (k >= 1, up to t_end)
// before the first event at or after it.
#pragma once

#include <cstdint>
#include <vector>

#include "checkers/fuzz_harness.hpp"
#include "model/events.hpp"

namespace np {

struct RecordingStream {
    std::vector<StreamInput> stream;
    std::uint64_t events = 0;        // DVS events read
    std::uint64_t dropped = 0;       // outside the sensor, cropped, hot-pixel suppressed, or to another core
    std::uint64_t leak_ticks = 0;
};

// Throws HarnessError when the configuration has no DVS layer.
RecordingStream recording_stream(const SpeckConfig& config, const std::vector<DvsEvent>& events, std::int64_t leak_period_us = 0);

}  // namespace np
