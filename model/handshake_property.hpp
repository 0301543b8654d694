// The handshake-protocol property of a declared channel (DESIGN §3), as transition clauses so
// that every engine checks it: a transition violates it when, fired from a state where it is
// enabled, it
//   - moves (req, ack) out of the protocol's order — four-phase: 00 -> 10 -> 11 -> 01 -> 00
//     (req+, ack+, req-, ack-), one wire at a time; two-phase: a req toggle only when req == ack,
//     an ack toggle only when req != ack, never both at once;
//   - changes a data variable while req is asserted (four-phase: req = 1; two-phase: a transfer
//     is pending, req != ack).
// The receiver's receptiveness (a pending request is eventually answered) is a liveness property,
// not one of single firings: handshake_liveness below.
#pragma once

#include "model/system.hpp"

namespace np {

// Property "handshake:<channel name>", kind Handshake, one or more clauses per transition that
// writes the channel's wires or data.
Property handshake_property(const System& sys, const Channel& channel);

// Property "handshake-live:<channel name>" (kind HandshakeLive): every request is answered.
//   four-phase  req ∧ ¬ack ⇒ ◇ack  (req+ is followed by ack+)  and  ¬req ∧ ack ⇒ ◇¬ack  (req- by ack-)
//   two-phase   req ≠ ack ⇒ ◇(req = ack)                      (every req toggle by an ack toggle)
// under the default fairness (weak for local transitions), with the environment assumed to keep
// the protocols of every channel it takes part in: its input transitions that write a channel's
// ack (its answers as a receiver) or set a four-phase req to false (its return to zero as a
// sender) are weakly fair too. Starting a transfer stays unconstrained (the environment may stop
// sending). So a request the environment must answer is answered, and the property checks that
// the circuit neither withdraws it nor keeps the environment from answering.
LivenessProperty handshake_liveness(const System& sys, const Channel& channel);

}  // namespace np
