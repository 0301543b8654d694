// The handshake-protocol property of a declared channel (DESIGN §3), as transition clauses so
// that every engine checks it: a transition violates it when, fired from a state where it is
// enabled, it
//   - moves (req, ack) out of the protocol's order — four-phase: 00 -> 10 -> 11 -> 01 -> 00
//     (req+, ack+, req-, ack-), one wire at a time; two-phase: a req toggle only when req == ack,
//     an ack toggle only when req != ack, never both at once;
//   - changes a data variable while req is asserted (four-phase: req = 1; two-phase: a transfer
//     is pending, req != ack).
// The receiver's receptiveness (a pending request is eventually answered) is a property of the
// state graph, not of single firings: checkers/check_handshake.hpp.
#pragma once

#include "model/system.hpp"

namespace np {

// Property "handshake:<channel name>", kind Handshake, one or more clauses per transition that
// writes the channel's wires or data.
Property handshake_property(const System& sys, const Channel& channel);

}  // namespace np
