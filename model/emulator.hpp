// The bit-exact reference emulator of a Speck / DYNAP-CNN chip (DESIGN §5): event-driven, one
// input at a time.
//
// A synaptic update of core L by an input (c_in, x, y) visits every output neuron
// (c_out, ox, oy) whose kernel footprint covers the input: kx = x + padding_x - ox * stride_x in
// [0, kernel_x), likewise for y, and 0 <= ox < out_width. The visit order is kx ascending, then ky
// ascending, then c_out ascending. Each visited neuron does, with the options of EmulatorOptions:
//   v := v + w[c_out][c_in][kx][ky]              (16-bit, saturating by default)
//   if v >= threshold_high (or >):  spike;  v := v - threshold_high, or 0 if return_to_zero
//   if v < threshold_low:           v := threshold_low
// (with ClipOrder::BeforeSpike the clip comes right after the addition instead). At most one spike
// per synaptic update: a neuron left above threshold stays silent until its next update.
// A spike of core L at (c, ox, oy) goes to each destination d of L as the input
// (c + d.feature_shift, ox / d.pool, oy / d.pool), to another core or to the chip's output.
// Depth-first (default): the spike is processed downstream before the next synaptic update of the
// input that caused it. Breadth-first: it is queued and processed after the current input is
// finished, in FIFO order.
// A leak tick adds, in every core with leak enabled, bias[c] to every neuron of channel c (same
// overflow rule), optionally tests for a spike, then clips at threshold_low.
// DVS events pass the DVS layer first: hot-pixel filter (optional) -> polarity to feature
// (OFF = 0, ON = 1; merged: 0) -> pool -> crop -> mirror x, mirror y, swap x/y -> destinations.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/dvs_layer.hpp"
#include "model/events.hpp"
#include "model/speck_config.hpp"

namespace np {

// A spike that left the chip: the core that fired, and the address after the output
// destination's pooling and feature shift; `t` is the timestamp of the input that caused it.
struct OutputSpike {
    std::int64_t t = 0;
    std::uint32_t core = 0;
    std::uint32_t feature = 0, x = 0, y = 0;
    friend bool operator==(const OutputSpike&, const OutputSpike&) = default;
};

// Activity of one core: the switching-activity proxy for dynamic power.
struct CoreActivity {
    std::uint64_t input_events = 0;    // inputs (DVS or spikes) received
    std::uint64_t synaptic_ops = 0;    // synaptic updates (weight additions), zero weights included
    std::uint64_t neuron_writes = 0;   // neuron-memory write-backs: synaptic updates and leak updates
    std::uint64_t spikes = 0;          // spikes fired
    std::uint64_t leak_updates = 0;    // neuron updates by leak ticks
    std::uint64_t saturations = 0;     // additions that overflowed (saturated or wrapped)
    CoreActivity& operator+=(const CoreActivity& o);
    friend bool operator==(const CoreActivity&, const CoreActivity&) = default;
};

struct ChipActivity {
    std::uint64_t dvs_events = 0;          // events offered to the DVS layer
    std::uint64_t dvs_dropped_range = 0;   // outside the configured sensor resolution
    std::uint64_t dvs_dropped_crop = 0;    // outside the crop window
    std::uint64_t dvs_dropped_hot = 0;     // suppressed by the hot-pixel filter
    std::uint64_t leak_ticks = 0;
    std::uint64_t output_spikes = 0;
    std::vector<CoreActivity> cores;  // indexed by core id (0..8); unused ids stay zero
    CoreActivity total() const;
};

// A configuration the emulator refuses (validate_config found problems), or a run it had to stop
// (a spike storm beyond max_spikes_per_event, an input addressed outside a core).
class EmulatorError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Emulator {
public:
    // Throws EmulatorError listing every problem validate_config reports.
    explicit Emulator(SpeckConfig config);

    const SpeckConfig& config() const { return config_; }
    // Back to the initial neuron states; clears output, activity and the hot-pixel history.
    void reset();

    void feed(const DvsEvent& e);
    // A spike addressed directly to a core (its input layer). Throws EmulatorError when the
    // address is outside the core's input shape.
    void feed_core(std::uint32_t core, std::uint32_t feature, std::uint32_t x, std::uint32_t y, std::int64_t t);
    void leak_tick(std::int64_t t);
    void run(const std::vector<DvsEvent>& events);

    // The output spikes since reset() or the last clear_output(). A long run takes them in
    // batches and clears them (emulate_stream.hpp's StreamRun); output_counts() and readout()
    // still count every spike since reset().
    const std::vector<OutputSpike>& output() const { return output_; }
    void clear_output() { output_.clear(); }
    const ChipActivity& activity() const { return activity_; }

    // Called with every spike of every core as it fires: `core` is the firing core and
    // (feature, x, y) the neuron's own address (channel, ox, oy), before any destination's pooling
    // or feature shift; `t` as in OutputSpike. Empty: no probe (the default). Kept across reset().
    using SpikeProbe = std::function<void(const OutputSpike&)>;
    void set_probe(SpikeProbe probe) { probe_ = std::move(probe); }

    // Membrane potential of neuron (c, x, y) of a core, and the whole state laid out
    // [c][x][y] as CoreConfig::neuron_index.
    std::int16_t neuron(std::uint32_t core, std::uint32_t c, std::uint32_t x, std::uint32_t y) const;
    std::vector<std::int16_t> state(std::uint32_t core) const;

    // The readout layer's decision over the output so far: the feature with the most output
    // spikes (lowest on a tie), or -1 when no feature reached the readout threshold.
    std::int32_t readout() const;
    std::vector<std::uint64_t> output_counts() const;  // output spikes per feature

private:
    // Per-core run-time data in the layouts the inner loop wants: weights as
    // [c_in][kx][ky][c_out] and neuron states as [x][y][c_out], so that the c_out loop walks
    // both contiguously.
    struct Runtime {
        const CoreConfig* cfg = nullptr;
        std::uint32_t ow = 0, oh = 0, cout = 0;
        std::vector<std::int8_t> weights;
        std::vector<std::int16_t> state;
        std::vector<std::int32_t> bias;
    };
    struct Pending {
        std::uint32_t core, feature, x, y;
        std::int64_t t;
    };
    template <bool Saturate, bool ClipAfter, bool GreaterEqual>
    void integrate(std::uint32_t core, std::uint32_t feature, std::uint32_t x, std::uint32_t y, std::int64_t t);
    void deliver_input(std::uint32_t core, std::uint32_t feature, std::uint32_t x, std::uint32_t y, std::int64_t t);
    void process(std::uint32_t core, std::uint32_t feature, std::uint32_t x, std::uint32_t y, std::int64_t t);
    void spike(std::uint32_t core, std::uint32_t c, std::uint32_t ox, std::uint32_t oy, std::int64_t t);
    void drain();
    void emit(const OutputSpike& s);

    SpeckConfig config_;
    std::vector<Runtime> cores_;         // by core id; a Runtime without neurons is an unused id
    std::vector<OutputSpike> output_;
    std::vector<std::uint64_t> counts_;  // output spikes per feature since reset()
    ChipActivity activity_;
    std::vector<Pending> queue_;         // breadth-first FIFO
    std::size_t queue_head_ = 0;
    std::uint64_t spikes_this_input_ = 0;
    std::optional<DvsLayer> dvs_;  // the configuration's DVS layer, with its hot-pixel history
    SpikeProbe probe_;
};

// Renders validate_config's problems one per line (`/cores/0/kernel: message`).
std::string describe_problems(const std::vector<ConfigProblem>& problems);

}  // namespace np
