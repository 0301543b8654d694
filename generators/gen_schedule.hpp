// Schedules for equivalence fuzzing (DESIGN §6): how the concurrent parts of an implementation
// model interleave while it processes a stream. At every step of a run the harness
// (checkers/fuzz_harness.hpp) sorts the moves it may make into four kinds:
//   Local   an enabled output or internal transition of the design (the circuit's own switching:
//           pipeline stages racing, an arbiter's grant, a FIFO accepting or offering);
//   Source  the input side of the environment completing a handshake (lowering a request
//           after its acknowledge);
//   Sink    the output side of the environment taking a spike or completing that handshake
//           (FIFO drain against fill);
//   Inject  offering the next input of the stream (inputs racing the processing of earlier
//           ones: arbiter decisions between the event and leak channels).
// A SchedulePolicy picks the kind of each move: among the kinds that have a move, kind k is
// chosen with probability weight[k] / (sum of their weights); when every kind that has a move
// weighs 0, the first of Local, Source, Sink, Inject that has one is taken. Within a kind the
// move is the first in transition order, or a uniformly random one when `random_within`. All
// randomness comes from `seed`, so a policy and a stream determine the run.
//
// The all-zero policy is the canonical sequential schedule (the circuit settles before the
// environment moves; each input is offered only when nothing else can happen) and is where
// shrinking ends. Weight 0 on one kind with others positive gives that kind's extreme: Sink = 0
// lets the output FIFO fill up, Inject = 0 never overlaps inputs, Local = 0 lets the
// environment race ahead of the circuit.
#pragma once

#include <rapidcheck.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace np {

enum class MoveKind : std::uint8_t { Local, Source, Sink, Inject };
inline constexpr std::size_t kMoveKinds = 4;
const char* move_kind_name(MoveKind k);  // "local", "source", "sink", "inject"

struct SchedulePolicy {
    std::array<std::uint8_t, kMoveKinds> weight{};  // indexed by MoveKind; 0..15
    bool random_within = false;
    std::uint64_t seed = 0;
    friend bool operator==(const SchedulePolicy&, const SchedulePolicy&) = default;
};

// "local=3 source=1 sink=0 inject=2 random_within=1 seed=17"; parse_policy reads exactly that
// form (the keys in any order, each at most once, missing ones 0) and returns nullopt on
// anything else.
std::string describe(const SchedulePolicy& p);
std::optional<SchedulePolicy> parse_policy(const std::string& text);

}  // namespace np

namespace np::gen {

// Policies in the shapes that find interleaving bugs: uniformly random weights, each kind's
// extreme (one weight 0, the others high), eager injection with a slow sink (arbiter races and
// a full FIFO at once), and the canonical schedule. Shrinks towards the canonical schedule.
rc::Gen<SchedulePolicy> schedule_policy();

}  // namespace np::gen
