// The equivalence harness of DESIGN §6: drives an implementation model (a closed design whose
// environment is part of it, e.g. examples/speck_core/speck_core_open.np) through its input
// channels under a schedule, collects the spikes it emits and its final neuron states, runs the
// reference emulator on the same inputs, and compares them (DESIGN §3, bit-exact spike
// equivalence).
//
// The design is bound by names (FuzzBinding): an event channel, a leak channel, an output channel
// (top-level channels of the System) and the neuron-memory array. Its input transitions are sorted
// once:
//   injectors  input transitions that raise the request of the event channel with a constant
//              datum (one per address: feature << 16 | x << 8 | y), or of the leak channel;
//   source     the other input transitions that write the event or leak channel (the sender
//              lowering its request after the acknowledge);
//   sink       input transitions that write the output channel's acknowledge (the spike sink);
//   any other input transition counts as source (an environment move the schedule may make).
// A run starts in the initial state and repeats: collect the possible moves (enabled local
// transitions, enabled source and sink transitions, and the injector of the next stream input if
// it is enabled), let the schedule pick one (gen_schedule.hpp), fire it. It ends when no move is
// possible. Observations, all on the channel wires:
//   - an input is *accepted* when its channel's acknowledge rises (4-phase) or toggles
//     (2-phase); the reference processes the inputs in the order they were accepted, which is
//     the stream's order on each channel and the arbiter's decision between channels (a schedule
//     that never overlaps inputs gives exactly the stream's order);
//   - an output spike is the output channel's datum when its acknowledge rises (toggles);
//     (feature, x, y) are unpacked from it like an input address.
// The run is equivalent when every input was offered and accepted, the run ended (a livelock is
// max_idle steps in a row without offering or accepting an input), the spikes equal the reference's in the sense of OutputOrder, and the final
// neuron states equal the emulator's. The output channel carries no timestamps: the
// implementation's spikes are compared by address; a reported spike carries the timestamp of the
// reference spike at the same position.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "checkers/compare_spikes.hpp"
#include "checkers/result.hpp"
#include "model/compile_expr.hpp"
#include "model/fuzz_input.hpp"
#include "model/emulator.hpp"

namespace np {

// One stream input: a spike (feature, x, y) to the input core, or a leak tick; `core` is ignored.
using StreamInput = ChipInput;

// How the implementation's spike sequence must match the reference's (DESIGN §3: the order where
// the hardware promises one, per neuron elsewhere).
//   Exact      the same sequence of addresses;
//   PerInput   the inputs' spikes in input order (one output channel fed through a FIFO by a core
//              that finishes an input before it accepts the next: the default), but within the
//              spikes of one input any order — the order in which one synaptic sweep visits the
//              kernel footprint and the output channels is not documented for the hardware. The
//              implementation's sequence is cut into one segment per accepted input by the
//              reference's spike counts; each segment must be a permutation of the reference's;
//   PerNeuron  the same number of spikes per output neuron.
enum class OutputOrder : std::uint8_t { Exact, PerInput, PerNeuron };
const char* output_order_name(OutputOrder o);  // "exact", "per-input", "per-neuron"

struct FuzzBinding {
    std::string events = "dvs";    // 4-phase or 2-phase channel with datum feature << 16 | x << 8 | y
    std::string leak = "leak";     // channel of the slow-clock leak ticks
    std::string output = "out";    // channel of the output spikes
    std::string state = "core.v";  // neuron memory, laid out [c][x][y]; empty: states not compared
    OutputOrder order = OutputOrder::PerInput;
};

// A design or configuration the harness cannot drive (missing channel, data that are not
// constant, a configuration of another shape): the message says what.
class HarnessError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Empty when `config` has the shape the harness and the shipped core model handle: exactly one
// core, whose every destination is the chip output; otherwise the reason.
std::string single_core_problem(const SpeckConfig& config);
// The same configuration with every optional field of the core made explicit: biases (zeros) and
// initial_state (zeros) when absent. The design's json(...) reads then find every field.
SpeckConfig complete_config(SpeckConfig config);

struct CaseRun {
    std::vector<std::uint32_t> fired;       // transitions fired, in order (injections included)
    std::vector<std::size_t> accepted;      // stream indices in the order the design accepted them
    std::vector<OutputSpike> implementation;
    std::vector<OutputSpike> reference;
    std::vector<std::int16_t> implementation_state, reference_state;
    std::string stopped;   // why the run did not process the whole stream (empty: it did)
    std::string mismatch;  // first difference from the reference (empty: equal)
    std::string replay_error;  // a recorded schedule that this design cannot follow
    bool equivalent() const { return stopped.empty() && mismatch.empty() && replay_error.empty(); }
    // The verdict in words: the replay error, else what stopped the run, else the mismatch.
    std::string failure() const;
};

// How the harness evaluates guards and updates: compiled programs with incremental enabledness
// (model/compile_expr.hpp), or the tree walk of model/eval.hpp; the runs are identical.
enum class HarnessEvaluator : std::uint8_t { Compiled, TreeWalk };

class EquivalenceHarness {
public:
    // Throws HarnessError when the design lacks a bound channel or variable, an injector's datum
    // is not constant, or the configuration is refused (single_core_problem, validate_config).
    EquivalenceHarness(const System& sys, const SpeckConfig& reference, FuzzBinding binding = {},
                       HarnessEvaluator evaluator = HarnessEvaluator::Compiled);

    const System& system() const { return sys_; }
    const SpeckConfig& reference() const { return emu_.config(); }
    std::uint32_t input_core() const { return core_; }

    static constexpr std::uint64_t kDefaultMaxIdle = 100000;
    // A run under a schedule policy; max_idle 0 means kDefaultMaxIdle.
    CaseRun run(const std::vector<StreamInput>& stream, const SchedulePolicy& policy, std::uint64_t max_idle = 0) const;
    // A run that fires exactly the recorded transitions (a replayable case; a livelock replays as
    // the same livelock when max_idle is the same); a recorded step that is not a possible move,
    // or a recording that ends while the design can still move, sets replay_error.
    CaseRun replay(const std::vector<StreamInput>& stream, const std::vector<std::uint32_t>& fired,
                   std::uint64_t max_idle = 0) const;

    // The run with every state (for trace files), and as a property result: "equivalence", FAIL
    // with the trace and the failure message when not equivalent (UNKNOWN when equal: one run
    // proves nothing). A FAIL's trace is re-executed on the model and the harness replays its
    // schedule again; a disagreement gives ERROR.
    Trace trace(const CaseRun& run) const;
    PropertyResult result(const std::vector<StreamInput>& stream, const CaseRun& run, std::uint64_t max_idle = 0) const;

    // The injector of a stream input, or -1 when the design offers no such input.
    std::int32_t injector(const StreamInput& in) const;

private:
    struct Chan {
        std::uint32_t req = 0, ack = 0, data_slot = 0;
        bool has_data = false, two_phase = false;
        std::uint32_t ack_slot = 0;
    };
    template <class Choose>
    CaseRun execute(const std::vector<StreamInput>& stream, Choose&& choose, std::uint64_t max_idle) const;
    void finish(const std::vector<StreamInput>& stream, CaseRun& r, const State& final_state) const;

    const System& sys_;
    CompiledTransitions compiled_;
    HarnessEvaluator evaluator_;
    mutable std::vector<std::uint64_t> regs_;  // compiled_'s registers (a harness runs one case at a time)
    FuzzBinding binding_;
    mutable Emulator emu_;
    std::uint32_t core_ = 0;
    Chan ev_, lk_, out_;
    std::vector<std::uint32_t> local_, source_, sink_;
    std::vector<std::uint32_t> addresses_;      // packed addresses the design offers, sorted
    std::vector<std::int32_t> event_injector_;  // the injector of each of addresses_
    std::int32_t leak_injector_ = -1;
    std::uint32_t state_slot_ = 0, state_len_ = 0;
    bool has_state_ = false;
};

}  // namespace np
