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
// The step obligation is decided by symbolic execution of the one-input miter with explicit
// control (no unrolling, no Houdini): a state is the miter's slots, each a constant or a Z3
// term over the start memory v0; guards and updates that read no symbolic slot are evaluated
// concretely, the rest are encoded (checkers/encode_expr.hpp) and simplified. A guard that stays
// symbolic splits the state on one of its atoms (a spike test, a clip test), each side with its
// path condition pc (infeasible sides dropped by Z3) and the atom substituted everywhere, so that
// the control is always concrete and only the memory is a term. States are merged (same control,
// same terms, same pc); every interleaving of every enabled move is explored depth first; a
// cycle is a run that never comes to rest (UNKNOWN), and the longest run to rest is B.
//
// R is found, not written: it is the set of the design's control states at rest that the step
// reaches from the initial one (e.g. a FIFO's head and tail after an odd number of spikes), each
// with the memory constraints that survive (threshold_low <= v[n] and v[n] < threshold_high: a
// bound that some step from R does not re-establish is dropped and the exploration restarts).
// The rest states beyond the initial one and the surviving bounds are reported as the
// strengthening, with the slots R leaves free. Slots that
// no guard and not the property depend on, even through other writes (a sink's spike counter),
// are left out of R altogether (a cone of influence), else every count would be a rest state.
//
// At every run's end (#end fired) Z3 decides, under bounds(v0) ∧ pc, that the property holds
// (spikes and memory equal the emulator's) and that the bounds hold again. PASS carries a
// certificate (proofs/certificate.hpp, method "per-event induction", k = B) of self-contained
// SMT-LIB2 obligations over v0, re-checked by cvc5 and the z3 binary:
//   init                Init ∧ ¬R
//   property-<c>-<k>    bounds(v0) ∧ ∨_leaves (pc ∧ (mismatch ∨ ¬bounds(v_end)))   per rest state c, in
//                       parts k of at most 24 leaves
//   coverage-<c>        bounds(v0) ∧ ∨_inputs ∧_{leaves of that input} ¬pc         per rest state c
// (coverage: for every memory, every input reaches rest along some explored path). What the
// certificate does not re-check is that the exploration enumerated every interleaving; that is
// checked by testing this engine against the explicit bounded miter.
// After a PASS, the same bounded miter explores every schedule (inputs overlapping too) of the
// streams of up to search_inputs inputs: a difference there is a FAIL, so a design that is
// right at rest but wrong when inputs overlap does not pass (the message says what it covered).
// A leaf that fails is confirmed on the real initial state by the explicit bounded miter
// (streams of up to search_inputs inputs), then by the fuzz harness on the failing input repeated
// and breadth first over the reference memories reachable at rest: FAIL with the stream and
// schedule the harness replays; otherwise UNKNOWN naming the failing rest state (its memory).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "checkers/equivalence_miter.hpp"
#include "proofs/recheck.hpp"

namespace np {

struct PerEventOptions {
    FuzzBinding binding;
    std::uint32_t max_depth = 1000;   // the largest settling bound B tried (a longer run: UNKNOWN)
    std::uint64_t max_states = 0;     // symbolic states explored, over all restarts (0: none)
    // The bounded explicit miter explores every schedule of the streams of up to this many inputs
    // from the initial state: to confirm a failing step, and after the induction's PASS, for the
    // schedules that offer an input while the design is busy (0: neither).
    std::uint32_t search_inputs = 2;
    double timeout_seconds = 0;       // wall clock, 0: none
    std::shared_ptr<Cancellation> cancel;
    bool recheck = true;              // re-check the certificate (RecheckOptions below)
    std::function<void(const std::string&)> progress;  // a note now and then (may be empty)
    RecheckOptions recheck_options;
};

struct PerEventResult {
    MiterResult miter;                       // result named "equivalence", engine "per-event"
    std::uint32_t settling_bound = 0;        // B
    std::vector<std::string> strengthening;  // R's facts beyond control at rest, in words
    std::vector<std::string> free_slots;     // design slots R leaves free at rest (written before read)
    std::vector<std::string> ignored_slots;  // design slots no guard and not the property depend on: R leaves them free
    std::uint32_t rest_states = 0;           // R's control states at rest
    std::uint64_t states = 0;                // symbolic states explored (every exploration)
    std::uint64_t leaves = 0;                // runs' ends checked (last exploration)
};

PerEventResult prove_per_event_equivalence(const System& design, const SpeckConfig& reference, const PerEventOptions& options = {});

}  // namespace np
