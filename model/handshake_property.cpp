#include "model/handshake_property.hpp"

namespace np {

namespace {

// The value variable `v` (scalar) has after `t` fires, as an expression over the pre-state.
Expr after(const System& sys, const Transition& t, std::uint32_t v) {
    Expr e = sys.var(v);
    for (const Assignment& a : t.updates)
        if (a.var == v && !a.index) e = a.value;
    return e;
}

bool writes(const Transition& t, std::uint32_t v) {
    for (const Assignment& a : t.updates)
        if (a.var == v) return true;
    return false;
}

}  // namespace

Property handshake_property(const System& sys, const Channel& ch) {
    Property p;
    p.name = "handshake:" + ch.name;
    p.kind = PropertyKind::Handshake;
    p.description = std::string(protocol_name(ch.protocol)) + " handshake protocol on channel " + ch.name;
    const Expr r = sys.var(ch.req), a = sys.var(ch.ack);
    const std::string& rn = sys.variables[ch.req].name;
    const std::string& an = sys.variables[ch.ack].name;
    const bool four = ch.protocol == ChannelProtocol::FourPhase;
    // Data may change only while no transfer is pending.
    const Expr pending = four ? r : mk_binary(Op::Ne, r, a);
    for (std::uint32_t ti = 0; ti < sys.transitions.size(); ++ti) {
        const Transition& t = sys.transitions[ti];
        const auto at = static_cast<std::int32_t>(ti);
        if (writes(t, ch.req) || writes(t, ch.ack)) {
            Expr r2 = after(sys, t, ch.req), a2 = after(sys, t, ch.ack);
            Expr req_moves = mk_binary(Op::Ne, r2, r), ack_moves = mk_binary(Op::Ne, a2, a);
            // Both protocols: req may move only when it equals ack, ack only when it differs from
            // req, never both at once (four-phase: 00 -> 10 -> 11 -> 01 -> 00; two-phase: each
            // req toggle answered by one ack toggle). They differ in when data must be stable.
            Expr legal = mk_and({mk_not(mk_and({req_moves, ack_moves})),
                                 mk_binary(Op::Implies, req_moves, mk_binary(Op::Eq, r, a)),
                                 mk_binary(Op::Implies, ack_moves, mk_binary(Op::Ne, r, a))});
            p.clauses.push_back({at, mk_not(legal),
                                 t.name + " breaks the " + protocol_name(ch.protocol) + " order of " + rn + "/" + an + " on channel " + ch.name,
                                 t.origin});
        }
        for (std::uint32_t d : ch.data) {
            const Variable& dv = sys.variables[d];
            std::vector<Expr> changes;
            for (const Assignment& asg : t.updates) {
                if (asg.var != d) continue;
                if (!asg.index) {
                    changes.push_back(mk_binary(Op::Ne, asg.value, sys.var(d)));
                } else {
                    Expr old = mk_read(d, dv.slot, dv.length, dv.type, dv.name, asg.index);
                    Expr in_range = mk_binary(Op::Lt, asg.index, mk_const(asg.index->type, dv.length));
                    changes.push_back(mk_and({in_range, mk_binary(Op::Ne, asg.value, old)}));
                }
            }
            if (changes.empty()) continue;
            p.clauses.push_back({at, mk_and({pending, mk_or(changes)}),
                                 t.name + " changes " + dv.name + " while a transfer on channel " + ch.name + " is pending",
                                 t.origin});
        }
    }
    return p;
}

LivenessProperty handshake_liveness(const System& sys, const Channel& ch) {
    LivenessProperty p;
    p.name = "handshake-live:" + ch.name;
    p.kind = PropertyKind::HandshakeLive;
    p.origin = ch.origin;
    const Expr r = sys.var(ch.req), a = sys.var(ch.ack);
    const std::string& rn = sys.variables[ch.req].name;
    const std::string& an = sys.variables[ch.ack].name;
    if (ch.protocol == ChannelProtocol::FourPhase) {
        p.description = "every request on channel " + ch.name + " is answered: " + rn + "+ by " + an + "+, " + rn + "- by " + an + "-";
        p.obligations.push_back({mk_and({r, mk_not(a)}), a, rn + "+ on channel " + ch.name + " is never answered by " + an + "+", ch.origin});
        p.obligations.push_back({mk_and({mk_not(r), a}), mk_not(a), rn + "- on channel " + ch.name + " is never answered by " + an + "-", ch.origin});
    } else {
        p.description = "every request on channel " + ch.name + " is answered: each toggle of " + rn + " by a toggle of " + an;
        p.obligations.push_back({mk_binary(Op::Ne, r, a), mk_binary(Op::Eq, r, a),
                                 "a toggle of " + rn + " on channel " + ch.name + " is never answered by a toggle of " + an, ch.origin});
    }
    // The environment keeps the protocols it takes part in: its answers (an ack it drives) and,
    // four-phase, its return to zero (lowering a req it drives) are weakly fair; starting a new
    // transfer is not an obligation.
    for (std::uint32_t t = 0; t < sys.transitions.size(); ++t) {
        const Transition& tr = sys.transitions[t];
        if (tr.kind != TransitionKind::Input) continue;
        bool completes = false;
        for (const Channel& c : sys.channels)
            for (const Assignment& a : tr.updates) {
                if (a.var == c.ack) completes = true;
                if (a.var == c.req && c.protocol == ChannelProtocol::FourPhase && !a.index && a.value->op == Op::Const && a.value->value == 0)
                    completes = true;
            }
        if (completes) p.fair_inputs.push_back(t);
    }
    return p;
}

}  // namespace np
