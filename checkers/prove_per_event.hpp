// Spike equivalence for streams of every length by induction over inputs (DESIGN §3, §6): the
// per-event proof behind `neuroproof equiv`.
//
// The design is bound to the emulator as the fuzz harness binds it (FuzzBinding: event, leak and
// output channels, and the neuron memory — the declared correspondence between a design variable
// and the emulator's state). A relation R over the design's state and the emulator's neuron
// memory is built and two obligations are discharged with Z3 over the one-input equivalence miter
// (equivalence_miter.hpp with max_inputs = 1), whose reference memory #ref starts equal to the
// design's memory instead of the configuration's initial state:
//   init   the design's initial state with the configuration's initial_state satisfies R;
//   step   from EVERY state satisfying R (the memory symbolic), for no input or any one input
//          (an event at any address of the input map, or a leak tick) and under every schedule
//          of the design and its output sink, every run comes to rest — no move but offering an
//          input is possible — within B steps; at rest the spikes equal the emulator's for that
//          input (in the binding's order), the memory equals the emulator's, and R holds again.
// By induction every stream, of any length, gives the emulator's spikes and final memory, under
// every schedule in which each input is offered while the design is at rest (the environment
// offers the next input once the previous input's spikes have been delivered; the design's own
// moves and the sink's acknowledges interleave freely). Schedules that offer an input while the
// design is still busy are outside this induction — there, in the shipped core, an input is
// acknowledged while its spikes still wait in the output FIFO, so no rest point separates two
// inputs; the bounded miter (prove_equivalence) and fuzzing cover them.
//
// R is found, not written: it is the conjunction of the candidates below that survive Houdini
// (candidates false at the end of some step from R are dropped until the rest is closed under
// the step; every candidate holds initially):
//   - every design slot outside the memory equals its initial value (control at rest);
//   - two scalar slots of one component with one type and one initial value are equal (e.g. a
//     FIFO's head and tail at rest);
//   - the design's declared invariants (state clauses);
//   - per neuron, threshold_low <= v and v < threshold_high (the emulator's memory at rest).
// The surviving candidates that are not control equalities are reported as the strengthening.
//
// PASS carries a certificate (proofs/certificate.hpp, method "per-event induction", k = B) whose
// obligations are self-contained SMT-LIB2, re-checked by cvc5 and the z3 binary:
//   init      Init ∧ ¬R
//   step      R(s0) ∧ T(s0,s1) ∧ … ∧ T(s_{B-1},s_B) ∧ (¬rest(s_B) ∨ ¬R_control(s_B) ∨ a blocked firing)
//   property  R(s0) ∧ T(s0,s1) ∧ … ∧ T(s_{B-1},s_B) ∧ mismatch(s_B)
// where T is the one-input miter's step relation (its end transition is the rest test; once at
// rest a run stays there, so s_B covers every run's end). A step that fails from some R-state
// is confirmed on the real initial state by the explicit bounded miter (streams of up to
// search_inputs inputs): FAIL with the stream and schedule the fuzz harness replays; otherwise
// UNKNOWN naming the failing obligation and the rest state it fails from.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "checkers/equivalence_miter.hpp"
#include "proofs/recheck.hpp"

namespace np {

struct PerEventOptions {
    FuzzBinding binding;
    std::uint32_t max_depth = 1000;   // the largest settling bound B tried
    std::uint32_t check_every = 8;    // B is searched at multiples of this depth
    std::uint32_t search_inputs = 2;  // a failing step is searched for from the initial state with up to this many inputs
    double timeout_seconds = 0;       // wall clock, 0: none
    std::shared_ptr<Cancellation> cancel;
    bool recheck = true;              // re-check the certificate (RecheckOptions below)
    RecheckOptions recheck_options;
};

struct PerEventResult {
    MiterResult miter;                       // result named "equivalence", engine "per-event"
    std::uint32_t settling_bound = 0;        // B
    std::vector<std::string> strengthening;  // R's facts beyond control at rest, in words
    std::vector<std::string> free_slots;     // design slots R leaves unconstrained at rest
};

PerEventResult prove_per_event_equivalence(const System& design, const SpeckConfig& reference, const PerEventOptions& options = {});

}  // namespace np
