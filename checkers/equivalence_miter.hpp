// Bounded formal equivalence (DESIGN §3 bit-exact spike equivalence, §6): a Z3 miter of an
// implementation design and the reference emulator that proves, for EVERY stream of at most N
// inputs and EVERY schedule (interleaving) of the design, what the fuzz harness
// (fuzz_harness.hpp) checks for one stream under one schedule — or returns a counterexample
// (a stream and a schedule) that the harness confirms.
//
// The miter is a System: a copy of the design (variables, transitions and blocking properties
// keep their indices) plus ghost state and two transitions. Everything is bound as the harness
// binds it (FuzzBinding: event, leak and output channels, neuron memory), and the ghost follows
// the harness's observations exactly:
//   - injectors (the harness's: the first input transition raising the event channel's request
//     with a given constant datum, the first raising the leak request) may fire only while fewer
//     than N inputs were offered and only for addresses of the configuration's input map; each
//     records the offered datum and marks its channel pending. Other injectors never fire (the
//     harness never picks them);
//   - an input is accepted when its channel's acknowledge rises (toggles for 2-phase). At that
//     moment the ghost *reference* — the neuron states #ref, initialised to initial_state —
//     processes the recorded input with the emulator's rules (model/emulator.hpp: 16-bit saturating
//     or wrapping addition, clip before or after the spike test, >= or >, subtract or reset to
//     zero, at most one spike per synaptic update; a leak tick adds the channel's bias, may spike
//     when leak_can_spike) and records how many spikes the input sends to each output address
//     (every destination's pooling and feature shift applied): #refcnt[input][address]. The
//     reference thus runs the inputs in the order the design accepted them, as in the harness;
//   - an output spike is the output channel's datum when its acknowledge rises: appended to
//     #imp (the implementation's spike sequence);
//   - acknowledging an input that is not pending, or offering one while its channel is pending,
//     sets a sticky protocol-error flag;
//   - #end fires once when the run is over in the harness's sense (no transition but an injector
//     is enabled) and stops all injection; #stay then repeats forever, so an end state reached at
//     depth d is also reached at every depth > d.
// The property "equivalence" holds unless, after #end: the protocol flag is set; an offered
// input was never accepted; the spike counts differ; the spikes differ in the harness's order
// (per-input: the implementation's sequence cut into segments by the reference's per-input
// counts, each segment a permutation of the reference's; per-neuron: equal counts per output
// address); or the final neuron memory differs from #ref.
//
// Engines:
//   bmc     one incremental unrolling of the miter. Every check_every steps (and at max_depth):
//           is a violation reachable at this depth? (sat: counterexample); has every run ended
//           at this depth, i.e. is "not yet #end" unreachable? With N inputs capped, a design
//           whose every local run terminates makes every run finite, and when every run has
//           ended by depth D, the violation query at depth D covers every reachable end state:
//           a PASS is a proof by exhaustion of all runs (all streams of <= N inputs, all
//           schedules). Runs that do not end by max_depth (a livelock, or a deeper design) give
//           UNKNOWN "no mismatch up to depth D".
//   explicit  exhaustive breadth-first search of the miter (explicit_search.hpp): every stream of
//           at most N inputs and every schedule, states merged; PASS when the search completes,
//           FAIL with a shortest counterexample;
//   kind    k-induction on the miter (k_induction.hpp), PASS with a certificate;
//   spacer  Spacer/CHC on the miter (spacer.hpp), PASS with a certificate.
// A counterexample of any engine is projected onto the design (ghost slots and #end/#stay
// dropped), its injections give the stream (timestamps 1, 2, ...), and it is replayed through
// EquivalenceHarness::replay; only a replay that fails is reported as FAIL (with the harness's
// trace and message), anything else is ERROR. Spike order `exact` is not supported (throws).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "checkers/fuzz_harness.hpp"
#include "checkers/result.hpp"
#include "checkers/symbolic_options.hpp"

namespace np {

struct MiterOptions {
    std::uint32_t max_inputs = 2;    // N: streams of 0..N inputs (events and leak ticks)
    std::string engine = "bmc";      // "bmc", "kind", "spacer" or "explicit"
    std::uint64_t max_states = 0;    // explicit: state limit (0: none)
    std::uint32_t max_depth = 2000;  // bmc: deepest unrolling; kind: largest k
    std::uint32_t check_every = 16;  // bmc: queries at every multiple of this depth (and at max_depth)
    double timeout_seconds = 0;      // wall clock, 0: none
    std::uint64_t max_memory_bytes = 0;  // explicit: the search's memory, 0: none
    FuzzBinding binding;             // order PerInput (default) or PerNeuron
    std::shared_ptr<Cancellation> cancel;  // may be null: stops every engine (the run's budget)
};

// The miter system (see above); its last property is "equivalence". Throws HarnessError when the
// design or configuration cannot be bound (as EquivalenceHarness), when the order is Exact, or
// when a transition acknowledges both input channels at once.
System equivalence_miter(const System& design, const SpeckConfig& reference, const MiterOptions& options);

struct MiterResult {
    PropertyResult result;                   // name "equivalence"; engine "miter-<engine>"
    std::vector<StreamInput> stream;         // FAIL: the counterexample's stream
    std::vector<std::uint32_t> schedule;     // FAIL: the design's transitions fired, in order
};

// PASS: equivalent for every stream of at most max_inputs inputs under every schedule;
// FAIL: a counterexample confirmed by the harness; UNKNOWN: a bound or the time limit reached
// (the message says what was covered); ERROR: a counterexample the harness does not confirm.
MiterResult prove_equivalence(const System& design, const SpeckConfig& reference, const MiterOptions& options = {});

}  // namespace np
