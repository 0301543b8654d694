// Place/transition nets and Signal Transition Graphs, as read from `.g` and `.ll_net` files,
// before compilation into the IR (compile_net.hpp).
//
// Semantics (DESIGN §2): a transition is enabled when every preset place holds at least its arc
// weight and every read-arc place holds at least one token; firing removes the preset tokens and
// adds the postset tokens, read arcs test without consuming. Each place has a capacity (1 by
// default: the nets of this field are safe); a firing that would exceed it makes the net unsafe,
// which is reported, never truncated. In an STG a transition may carry a signal edge: `s+` sets
// signal s to 1, `s-` to 0, `s~` toggles it; dummies carry none.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnostic.hpp"

namespace np {

struct Place {
    std::string name;
    std::uint32_t initial = 0;   // tokens in the initial marking
    std::uint32_t capacity = 1;
    bool implicit = false;       // `.g`: the place <t1,t2> between two transitions
    Origin origin;
};

struct Arc {
    std::uint32_t place = 0;
    std::uint32_t weight = 1;
};

enum class SignalKind : std::uint8_t { Input, Output, Internal };
const char* signal_kind_name(SignalKind k);

struct Signal {
    std::string name;
    SignalKind kind = SignalKind::Output;
    std::optional<bool> initial;  // from `.initial state`; otherwise inferred
    Origin origin;
};

enum class Edge : std::uint8_t { None, Plus, Minus, Toggle };

struct NetTransition {
    std::string name;               // as written, e.g. "a+/1", "t3", "dummy/2"
    std::vector<Arc> pre, post;     // at most one arc per place in each list
    std::vector<std::uint32_t> read;
    std::int32_t signal = -1;       // STG: index into PetriNet::signals; -1 for dummies / plain nets
    Edge edge = Edge::None;
    Origin origin;
};

struct PetriNet {
    std::string name;
    std::string file;
    bool is_stg = false;            // read from a `.g` file: signals and STG properties apply
    std::vector<Place> places;
    std::vector<NetTransition> transitions;
    std::vector<Signal> signals;
    std::vector<Warning> warnings;
};

}  // namespace np
