#include "model/compile_net.hpp"

#include <map>

#include "model/infer_initial_signals.hpp"

namespace np {

namespace {

// A variable name not yet used in the system (PEP nets may repeat place names).
std::string unique_name(const System& sys, const std::string& base) {
    if (!sys.find_variable(base)) return base;
    for (int k = 2;; ++k) {
        std::string n = base + "#" + std::to_string(k);
        if (!sys.find_variable(n)) return n;
    }
}

}  // namespace

System compile_net(PetriNet net, const CompileOptions& options) {
    std::vector<bool> signal_init = infer_initial_signals(net, options.max_inference_markings);

    System sys;
    sys.name = net.name;
    sys.source = net.file;
    sys.warnings = net.warnings;

    std::vector<std::uint32_t> place_var(net.places.size());
    for (std::size_t p = 0; p < net.places.size(); ++p) {
        const Place& pl = net.places[p];
        Variable v;
        v.name = unique_name(sys, pl.name);
        v.type = pl.capacity <= 1 ? Type::boolean() : Type::uint(bits_for(pl.capacity));
        v.init = {pl.initial};
        v.role = VarRole::Place;
        v.bound = pl.capacity;
        v.origin = pl.origin;
        if (pl.initial > pl.capacity)
            throw SourceError(pl.origin, "place '" + pl.name + "' starts with " + std::to_string(pl.initial) +
                                             " tokens, more than its capacity " + std::to_string(pl.capacity));
        place_var[p] = sys.add_variable(std::move(v));
    }
    std::vector<std::uint32_t> signal_var(net.signals.size());
    for (std::size_t s = 0; s < net.signals.size(); ++s) {
        Variable v;
        v.name = unique_name(sys, net.signals[s].name);
        v.type = Type::boolean();
        v.init = {signal_init[s] ? 1u : 0u};
        v.role = VarRole::Signal;
        v.origin = net.signals[s].origin;
        signal_var[s] = sys.add_variable(std::move(v));
    }

    Property deadlock{"deadlock", PropertyKind::Deadlock, {}, false,
                      "no reachable state enables no transition (DESIGN §3)"};
    Property safeness{"safeness", PropertyKind::Safeness, {}, true,
                      "no firing puts more tokens on a place than its capacity"};
    Property consistency{"consistency", PropertyKind::Consistency, {}, false,
                         "every signal's rising and falling transitions alternate, starting from its initial value"};

    for (std::size_t ti = 0; ti < net.transitions.size(); ++ti) {
        const NetTransition& nt = net.transitions[ti];
        Transition t;
        t.name = nt.name;
        t.origin = nt.origin;
        t.kind = TransitionKind::Internal;
        if (nt.signal >= 0) {
            SignalKind k = net.signals[nt.signal].kind;
            t.kind = k == SignalKind::Input ? TransitionKind::Input
                   : k == SignalKind::Output ? TransitionKind::Output : TransitionKind::Internal;
        }
        std::vector<Expr> guard;
        std::map<std::uint32_t, std::int64_t> delta;
        for (const Arc& a : nt.pre) {
            const Variable& v = sys.variables[place_var[a.place]];
            Expr pv = sys.var(place_var[a.place]);
            guard.push_back(v.type.is_bool() ? pv : mk_binary(Op::Ge, pv, mk_const(v.type, a.weight)));
            if (v.type.is_bool() && a.weight > 1) guard.push_back(mk_bool(false));  // never enough tokens
            delta[a.place] -= a.weight;
        }
        for (std::uint32_t p : nt.read) {
            const Variable& v = sys.variables[place_var[p]];
            Expr pv = sys.var(place_var[p]);
            guard.push_back(v.type.is_bool() ? pv : mk_binary(Op::Ne, pv, mk_const(v.type, 0)));
        }
        for (const Arc& a : nt.post) delta[a.place] += a.weight;
        t.guard = mk_and(guard);

        for (auto [p, d] : delta) {
            if (d == 0) continue;
            const Variable& v = sys.variables[place_var[p]];
            Expr pv = sys.var(place_var[p]);
            if (v.type.is_bool()) {
                t.updates.push_back({place_var[p], nullptr, mk_bool(d > 0)});
            } else {
                Op op = d > 0 ? Op::Add : Op::Sub;
                std::uint64_t mag = static_cast<std::uint64_t>(d > 0 ? d : -d);
                t.updates.push_back({place_var[p], nullptr, mk_binary(op, pv, mk_const(v.type, mag))});
            }
            if (d > 0) {
                // After firing the place would hold pv + d tokens: too many when pv > capacity - d.
                std::int64_t room = static_cast<std::int64_t>(v.bound) - d;
                Expr bad = room < 0 ? mk_bool(true)
                         : v.type.is_bool() ? pv
                         : mk_binary(Op::Gt, pv, mk_const(v.type, static_cast<std::uint64_t>(room)));
                safeness.clauses.push_back({static_cast<std::int32_t>(ti), bad,
                    "firing '" + nt.name + "' puts more than " + std::to_string(v.bound) + " token" +
                    (v.bound == 1 ? "" : "s") + " on place '" + v.name + "'", nt.origin});
            }
        }
        if (nt.signal >= 0) {
            std::uint32_t sv = signal_var[nt.signal];
            Expr s = sys.var(sv);
            const std::string& sn = sys.variables[sv].name;
            switch (nt.edge) {
                case Edge::Plus:
                    t.updates.push_back({sv, nullptr, mk_bool(true)});
                    consistency.clauses.push_back({static_cast<std::int32_t>(ti), s,
                        "'" + nt.name + "' is enabled while " + sn + " = 1 (" + sn + "+ would follow " + sn + "+)", nt.origin});
                    break;
                case Edge::Minus:
                    t.updates.push_back({sv, nullptr, mk_bool(false)});
                    consistency.clauses.push_back({static_cast<std::int32_t>(ti), mk_not(s),
                        "'" + nt.name + "' is enabled while " + sn + " = 0 (" + sn + "- would follow " + sn + "-)", nt.origin});
                    break;
                case Edge::Toggle: t.updates.push_back({sv, nullptr, mk_not(s)}); break;
                case Edge::None: break;
            }
        }
        sys.transitions.push_back(std::move(t));
    }
    sys.properties.push_back(std::move(deadlock));
    if (net.is_stg) sys.properties.push_back(std::move(consistency));
    sys.properties.push_back(std::move(safeness));
    return sys;
}

}  // namespace np
