// RapidCheck generators of input streams for a Speck configuration (DESIGN §6): spikes addressed
// to the input core and leak ticks, in the shapes that find bugs — uniform, bursty, a hot pixel,
// coordinates at map borders and padding edges, polarity (feature) runs, leak ticks interleaved,
// and runs aimed at one neuron until it saturates. A stream is a concatenation of such segments;
// shrinking drops segments, then events, then simplifies addresses towards (0, 0, 0).
//
// Every random address, region, repeat count and time step is uniform over its range at every
// RapidCheck size (uniform_in_range): rc::gen::inRange scales its range with the size (at size 20
// inRange(0, 2) is always 0), and the segments run at small fixed sizes, so sized draws would
// give feature 0 and coordinate 0 only. Only container lengths (segments per stream, events per
// segment, time steps drawn) follow the size. Feature, x and y are drawn independently, so the
// Uniform, LeakHeavy, HotPixel and Saturate segments address every (feature, x, y) of the input
// map with equal probability; the skew of the other shapes (a region, the borders, one feature)
// and the repetition of HotPixel and Saturate come on top of that.
#pragma once

#include <rapidcheck.h>

#include <string>
#include <vector>

#include "model/fuzz_input.hpp"
#include "model/speck_config.hpp"

namespace np::gen {

using ChipInput = np::ChipInput;  // model/fuzz_input.hpp

// Uniform over [min, max) whatever the size, shrinking towards min (max > min).
template <class T>
rc::Gen<T> uniform_in_range(T min, T max) {
    return rc::gen::resize(rc::kNominalSize, rc::gen::inRange<T>(min, max));
}

enum class StreamShape : std::uint8_t { Uniform, Bursty, HotPixel, Borders, FeatureRun, LeakHeavy, Saturate };
const char* shape_name(StreamShape s);

// A segment of one shape addressed to `config`'s first core (the lowest id).
rc::Gen<std::vector<ChipInput>> segment(const SpeckConfig& config, StreamShape shape);
// A stream of up to `max_events` inputs: segments of random shapes, timestamps non-decreasing.
rc::Gen<std::vector<ChipInput>> event_stream(const SpeckConfig& config, std::size_t max_events);

}  // namespace np::gen
