// Pictures of an emulation (`neuroproof emulate`), drawn with cairo, each written as FILE.svg and
// FILE.png:
//   raster    one core's spikes: time (ms since t_begin) across, the core's neurons up, in the
//             neuron-memory order (channel-major: (c * out_width + x) * out_height + y), with
//             the channel boundaries marked; one dot per spike (at most kMaxDots, evenly thinned
//             beyond, as the title then says);
//   activity  per time bin (model/activity_timeline.hpp): DVS events offered, then for every
//             core that did any work its synaptic operations per bin, and the chip's output
//             spikes per bin; with temporal attention the gated run is drawn over the ungated
//             one in each panel.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/activity_timeline.hpp"
#include "model/emulator.hpp"
#include "model/speck_config.hpp"
#include "reports/write_emulation.hpp"

namespace np {

inline constexpr std::size_t kMaxDots = 400'000;

// `spikes`: the spikes of core `core` (OutputSpike with the neuron's own address, as
// Emulator::set_probe gives them). Throws std::runtime_error when a file cannot be written.
void plot_raster(const std::string& file_base, const CoreConfig& core, const std::vector<OutputSpike>& spikes,
                 std::int64_t t_begin, std::int64_t t_end, const std::string& title);

void plot_activity(const std::string& file_base, const SpeckConfig& config, const std::vector<ActivityBin>& ungated,
                   const std::vector<ActivityBin>* gated, std::int64_t bin_us, const std::string& title);

}  // namespace np

namespace np {

struct EmulationView {
    const EmulationResult* result = nullptr;  // with its timeline
    const CoreSpikeLog* spikes = nullptr;
};

// The pictures of `neuroproof emulate` in `dir`: raster-core<K>.svg/.png for every core that
// spiked (raster-core<K>-gated.* for the gated run), activity.svg/.png (gated over ungated).
// Returns the files written (without extension).
std::vector<std::string> write_emulation_pictures(const std::string& dir, const SpeckConfig& config, const EmulationView& ungated,
                                                  const EmulationView* gated, std::int64_t t_begin, std::int64_t t_end,
                                                  std::int64_t bin_us);

}  // namespace np
