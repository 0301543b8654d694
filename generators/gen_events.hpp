// RapidCheck generators of input streams for a Speck configuration (DESIGN §6): spikes addressed
// to the input core and leak ticks, in the shapes that find bugs — uniform, bursty, a hot pixel,
// coordinates at map borders and padding edges, polarity (feature) runs, leak ticks interleaved,
// and runs aimed at one neuron until it saturates. A stream is a concatenation of such segments;
// shrinking drops segments, then events, then simplifies addresses towards (0, 0, 0).
#pragma once

#include <rapidcheck.h>

#include <string>
#include <vector>

#include "model/fuzz_input.hpp"
#include "model/speck_config.hpp"

namespace np::gen {

using ChipInput = np::ChipInput;  // model/fuzz_input.hpp

enum class StreamShape : std::uint8_t { Uniform, Bursty, HotPixel, Borders, FeatureRun, LeakHeavy, Saturate };
const char* shape_name(StreamShape s);

// A segment of one shape addressed to `config`'s first core (the lowest id).
rc::Gen<std::vector<ChipInput>> segment(const SpeckConfig& config, StreamShape shape);
// A stream of up to `max_events` inputs: segments of random shapes, timestamps non-decreasing.
rc::Gen<std::vector<ChipInput>> event_stream(const SpeckConfig& config, std::size_t max_events);

}  // namespace np::gen
