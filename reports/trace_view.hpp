// A presentation of a Trace shared by the text, JSON and graphical writers: per step, the fired
// transition and the variables it changed, with values rendered by their types.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "checkers/result.hpp"

namespace np {

// One slot's value: its name ("v" or "mem[3]"), type and raw bits.
struct SlotValue {
    std::string name;
    Type type;
    std::uint64_t raw;
};

struct ValueChange {
    std::string variable;  // "v" or "mem[3]"
    Type type;
    std::uint64_t from, to;  // raw bits
};

struct TraceStepView {
    std::uint32_t step;  // 1-based
    std::string transition;
    std::string kind;
    std::string at;  // "file:line" of the rule that fired, empty when unknown
    std::vector<ValueChange> changes;
};

// "1"/"0" for bool, decimal (signed for sN) otherwise.
std::string format_value(const Type& t, std::uint64_t raw);
// Slot-wise values of a state; places with no token are omitted when `skip_empty_places`.
std::vector<SlotValue> state_values(const System& sys, const State& s, bool skip_empty_places);
std::vector<TraceStepView> view_steps(const System& sys, const Trace& trace);

}  // namespace np
