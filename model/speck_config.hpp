// Configuration of a Speck / DYNAP-CNN chip as the reference emulator runs it (DESIGN §5).
//
// A chip is a DVS pre-processing layer feeding up to 9 convolutional cores. Each core is
//   Conv2d (int8 weights, layout [c_out][c_in][kx][ky]) -> integrate-and-fire (int16 state)
//   -> up to 2 destinations, each with sum pooling 1/2/4 and a feature shift.
// Coordinates are (x, y): x is the column (width), y the row (height). A neuron of a core is
// addressed (feature, x, y); its state lives at state[(feature * out_width + x) * out_height + y].
//
// Every behaviour SynSense leaves undocumented is an EmulatorOptions field whose default is
// named in its comment; nothing is a silent choice.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace np {

// Chip limits (DESIGN §5; SynSense's DYNAP-CNN documentation and sinabs' constraints).
inline constexpr std::uint32_t kSpeckCores = 9;
inline constexpr std::uint32_t kSpeckMaxKernel = 16;
inline constexpr std::uint32_t kSpeckMaxChannels = 1024;
inline constexpr std::uint32_t kSpeckMaxOutputMap = 64;
inline constexpr std::uint32_t kSpeckMaxInputMap = 128;
inline constexpr std::uint32_t kSpeckMaxDestinations = 2;
inline constexpr std::uint32_t kSpeckMaxPadding = 7;
inline constexpr std::uint32_t kSpeckDvsSize = 128;

enum class OverflowMode : std::uint8_t { Saturate, Wrap };        // default Saturate
enum class ClipOrder : std::uint8_t { AfterSpike, BeforeSpike };  // default AfterSpike
enum class SpikeTest : std::uint8_t { GreaterEqual, Greater };    // default GreaterEqual (Speck); NIR/Lava use Greater
enum class ProcessingOrder : std::uint8_t { DepthFirst, BreadthFirst };  // default DepthFirst

struct EmulatorOptions {
    // What a 16-bit membrane does when an addition leaves [-32768, 32767]. Default: Saturate.
    OverflowMode overflow = OverflowMode::Saturate;
    // Whether the clip at threshold_low happens after the spike test (default) or before it.
    ClipOrder clip = ClipOrder::AfterSpike;
    // Whether a leak tick can fire a spike (default: no; the neuron fires on its next input).
    bool leak_can_spike = false;
    // Width in bits of a per-channel bias (two's complement). Default: 16.
    std::uint32_t bias_width = 16;
    SpikeTest spike_test = SpikeTest::GreaterEqual;
    // Depth-first: an output spike is delivered downstream before the next synaptic update of the
    // same input event. Breadth-first: all spikes caused at one core by one input are delivered
    // after that core finishes the input, layer by layer (a FIFO).
    ProcessingOrder order = ProcessingOrder::DepthFirst;
    // Guard against a configuration whose cores feed each other in a loop: one input event may
    // cause at most this many spikes before the run is stopped with an error. Default: 10^7.
    std::uint64_t max_spikes_per_event = 10'000'000;
};

// Where a core (or the DVS layer) sends its spikes. `core` is 0..8, or nullopt for the chip's
// output (spikes to the environment and the readout layer).
struct Destination {
    std::optional<std::uint32_t> core;
    std::uint32_t pool = 1;           // sum pooling 1, 2 or 4: coordinates divided by it
    std::int32_t feature_shift = 0;   // added to the feature index at the destination
};

// DVS pre-processing: merge polarity -> pool -> crop -> mirror (DESIGN §5), then destinations.
struct DvsLayerConfig {
    std::uint32_t width = kSpeckDvsSize;   // sensor resolution; events outside are rejected
    std::uint32_t height = kSpeckDvsSize;
    bool merge_polarity = false;           // both polarities become feature 0 (else OFF=0, ON=1)
    std::uint32_t pool_x = 1, pool_y = 1;  // 1, 2 or 4
    // Crop window in pooled coordinates, inclusive; events outside are dropped. The window's
    // origin becomes (0, 0).
    std::uint32_t crop_x0 = 0, crop_y0 = 0, crop_x1 = kSpeckDvsSize - 1, crop_y1 = kSpeckDvsSize - 1;
    bool mirror_x = false, mirror_y = false, mirror_diagonal = false;  // applied in this order
    // Optional hot-pixel filter: a pixel that produced more than `hot_pixel_max_events` events in
    // the last `hot_pixel_window_us` microseconds is suppressed. 0 disables it (the default).
    std::uint32_t hot_pixel_max_events = 0;
    std::uint32_t hot_pixel_window_us = 0;
    std::vector<Destination> destinations;  // pool must be 1 here
};

struct CoreConfig {
    std::uint32_t id = 0;  // 0..8
    std::uint32_t in_channels = 1, in_width = 1, in_height = 1;
    std::uint32_t out_channels = 1;
    std::uint32_t kernel_x = 1, kernel_y = 1;  // square on the chip: validate_config requires kernel_x == kernel_y
    std::uint32_t stride_x = 1, stride_y = 1;  // 1, 2, 4 or 8
    std::uint32_t padding_x = 0, padding_y = 0;  // 0..7
    std::vector<std::int8_t> weights;  // [c_out][c_in][kx][ky], flattened
    std::vector<std::int32_t> biases;  // one per output channel (bias_width bits); empty = 0
    std::int16_t threshold_high = 1;
    std::int16_t threshold_low = -1;
    bool return_to_zero = false;  // reset to 0 on a spike; else subtract threshold_high
    bool leak = false;            // leak ticks add the channel's bias to every neuron
    std::vector<std::int16_t> initial_state;  // [c_out][x][y]; empty = all zero
    std::vector<Destination> destinations;

    std::uint32_t out_width() const { return (in_width + 2 * padding_x - kernel_x) / stride_x + 1; }
    std::uint32_t out_height() const { return (in_height + 2 * padding_y - kernel_y) / stride_y + 1; }
    std::size_t weight_index(std::uint32_t co, std::uint32_t ci, std::uint32_t kx, std::uint32_t ky) const {
        return ((static_cast<std::size_t>(co) * in_channels + ci) * kernel_x + kx) * kernel_y + ky;
    }
    std::size_t neuron_index(std::uint32_t c, std::uint32_t x, std::uint32_t y) const {
        return (static_cast<std::size_t>(c) * out_width() + x) * out_height() + y;
    }
};

// The readout layer: counts the chip's output spikes per feature and names the feature with the
// most (lowest index on a tie) once its count reaches `threshold` (default 1).
struct ReadoutConfig {
    std::uint32_t threshold = 1;
};

struct SpeckConfig {
    std::string source;  // file it was read from (for messages)
    EmulatorOptions options;
    std::optional<DvsLayerConfig> dvs;
    std::vector<CoreConfig> cores;  // any subset of ids 0..8, each at most once
    ReadoutConfig readout;

    const CoreConfig* core(std::uint32_t id) const {
        for (const CoreConfig& c : cores)
            if (c.id == id) return &c;
        return nullptr;
    }
};

// A problem found by validate_config: the JSON pointer of the offending field (as it is written
// in the configuration file, e.g. "/cores/1/kernel") and the message.
struct ConfigProblem {
    std::string pointer;
    std::string message;
};

// Checks the chip limits and internal consistency (weights and state sizes, destinations that
// exist and whose input shape matches, feature shifts in range, thresholds ordered). Returns
// every problem found; empty means the emulator accepts the configuration.
std::vector<ConfigProblem> validate_config(const SpeckConfig& config);

}  // namespace np
