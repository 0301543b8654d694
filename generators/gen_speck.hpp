// RapidCheck generators of Speck chip configurations inside the chip's limits, and of inputs for
// them. Sizes are kept small so that thousands of cases run in seconds, while the values reach
// the corners that matter: weights -128 and 127, thresholds near the int16 limits, strides and
// paddings that put footprints across map borders, pooling, feature shifts, two destinations.
#pragma once

#include <rapidcheck.h>

#include "generators/gen_events.hpp"
#include "model/emulator.hpp"
#include "model/speck_config.hpp"

namespace np::gen {

// Random emulator options (every documented/undocumented choice of EmulatorOptions).
rc::Gen<EmulatorOptions> emulator_options();
// One core with the given id and input shape: kernel 1..4, stride 1/2, padding 0..2, 1..3 output
// channels, weights biased towards the extremes, thresholds from tiny to near the limits.
rc::Gen<CoreConfig> core(std::uint32_t id, std::uint32_t channels, std::uint32_t width, std::uint32_t height);
// A chain of 1..3 cores (each feeding the next, with pooling and feature shifts that fit), the
// last sending to the chip's output, sometimes with a second destination; random options.
// validate_config accepts every generated configuration.
rc::Gen<SpeckConfig> speck_config();

// One core (id 0) fed by a DVS layer and sending to the chip's output, in the shape the
// implementation model examples/speck_core/speck_core.np builds, with the Speck defaults for every
// emulator option: 1..2 input channels (DVS polarities) on a 1..6 x 1..6 map, 1..3 output
// channels, kernel 1..4, stride 1/2/4, padding 0..2, output pooling 1/2/4 and a feature shift
// 0..2; weights biased to -128/127, thresholds from tiny to near the 16-bit limits (threshold_low
// sometimes positive, where clip-after-spike matters), biases and an initial state always given
// (sometimes at the limits), leak on or off, reset to zero or by subtraction.
// validate_config accepts every generated configuration.
rc::Gen<SpeckConfig> single_core_config();

// Inputs to the chip's first core (gen_events.hpp: event_stream).
rc::Gen<std::vector<ChipInput>> chip_inputs(const SpeckConfig& config, std::size_t max_len);

}  // namespace np::gen
