// The vocabulary of equivalence fuzzing (DESIGN §6) shared by the generators that make cases
// (generators/) and the harness and fuzz loop that run them (checkers/): an input of the chip,
// a schedule policy, a generated case, and a generated case's tree of simpler variants.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/speck_config.hpp"

namespace np {

// One input: a spike to a core's input layer, or a leak tick of the slow clock.
struct ChipInput {
    bool leak = false;
    std::uint32_t core = 0, feature = 0, x = 0, y = 0;
    std::int64_t t = 0;
    friend bool operator==(const ChipInput&, const ChipInput&) = default;
};
std::string describe(const ChipInput& in);

// How the concurrent parts of an implementation model interleave while it processes a stream.
// At every step of a run the harness (checkers/fuzz_harness.hpp) sorts the moves it may make
// into four kinds:
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

// A generated fuzzing case: a stream under a schedule policy, on a configuration of its own when
// the configurations are generated too.
struct GeneratedCase {
    std::optional<SpeckConfig> config;
    std::vector<ChipInput> stream;
    SchedulePolicy policy;
};

// A generated case with its simpler variants (a shrink tree, e.g. RapidCheck's Shrinkable behind
// this interface): shrinks() enumerates the candidates one level simpler, lazily, each with its
// own tree; next() returns null when there are no more.
class CaseShrinks;
class CaseTree {
public:
    virtual ~CaseTree() = default;
    virtual GeneratedCase value() const = 0;
    virtual std::unique_ptr<CaseShrinks> shrinks() const = 0;
};
class CaseShrinks {
public:
    virtual ~CaseShrinks() = default;
    virtual std::unique_ptr<CaseTree> next() = 0;
};

// The case tree of case number i of a fuzz run; a pure function of i (and whatever seed the
// source was made with), so that a run can be repeated.
using CaseSource = std::function<std::unique_ptr<CaseTree>(std::uint64_t case_index)>;

}  // namespace np
