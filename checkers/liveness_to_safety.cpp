#include "checkers/liveness_to_safety.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "checkers/check_liveness.hpp"
#include "checkers/engines.hpp"
#include "model/fairness.hpp"

namespace np {

namespace {

std::uint32_t add_flag(System& m, const std::string& name) {
    Variable v;
    v.name = name;
    v.type = Type::boolean();
    v.init = {0};
    return m.add_variable(v);
}

// The element `i` of variable `v` (or v itself for a scalar), as an expression.
Expr element(const System& m, std::uint32_t v, std::uint32_t i) {
    const Variable& var = m.variables[v];
    if (var.length == 0) return m.var(v);
    return mk_read(v, var.slot, var.length, var.type, var.name, mk_const(Type::uint(64), i));
}

}  // namespace

namespace {

// What both monitors share: sys's variables and transitions (guards blocked once the open
// obligation's goal holds), the #armed.j flags and the #arm.j transitions, appended after
// `extra_variables` has added the monitor's own variables.
struct Monitor {
    System m;
    std::vector<std::uint32_t> armed;
    std::vector<Fairness> fairness;
    Expr any_armed, blocked, open_goal_free;

    Monitor(const System& sys, const LivenessProperty& p) : fairness(fairness_of(sys, p)) {
        m.name = sys.name;
        m.source = sys.source;
        for (const Variable& v : sys.variables) m.add_variable(v);
        std::vector<Expr> answered, goal_free, armed_any;
        for (std::size_t j = 0; j < p.obligations.size(); ++j) {
            armed.push_back(add_flag(m, "#armed." + std::to_string(j)));
            answered.push_back(mk_and({m.var(armed[j]), p.obligations[j].goal}));
            goal_free.push_back(mk_and({m.var(armed[j]), mk_not(p.obligations[j].goal)}));
            armed_any.push_back(m.var(armed[j]));
        }
        any_armed = mk_or(armed_any);
        blocked = mk_or(answered);
        open_goal_free = mk_or(goal_free);
        m.transitions = sys.transitions;
        for (Transition& t : m.transitions) t.guard = mk_and({t.guard, mk_not(blocked)});
    }

    void add_arm_transitions(const LivenessProperty& p) {
        for (std::size_t j = 0; j < armed.size(); ++j) {
            Transition arm;
            arm.name = "#arm." + std::to_string(j);
            arm.kind = TransitionKind::Internal;
            arm.guard = mk_and({mk_not(any_armed), p.obligations[j].trigger, mk_not(p.obligations[j].goal)});
            arm.updates.push_back({armed[j], nullptr, mk_bool(true)});
            arm.energy = 0;
            m.transitions.push_back(std::move(arm));
        }
    }

    // The property: sys's blocking properties, then p's monitor property with `clauses` and the
    // stop clause (an open obligation, goal-free, no fair transition enabled) last.
    void finish(const System& sys, const LivenessProperty& p, std::vector<Clause> clauses, const std::string& how) {
        for (const Property& q : sys.properties)
            if (q.blocking) m.properties.push_back(q);
        std::vector<Expr> stopped{open_goal_free};
        for (std::uint32_t t = 0; t < sys.transitions.size(); ++t)
            if (fairness[t] != Fairness::None) stopped.push_back(mk_not(sys.transitions[t].guard));
        clauses.push_back({-1, mk_and(stopped), "a goal-free state where the run may stop (no fair transition enabled)", p.origin});
        Property live;
        live.name = p.name;
        live.kind = p.kind;
        live.description = how + " of " + p.name;
        live.clauses = std::move(clauses);
        m.properties.push_back(std::move(live));
    }
};

}  // namespace

System liveness_monitor(const System& sys, const LivenessProperty& p) {
    Monitor mon(sys, p);
    System& m = mon.m;
    const std::uint32_t saved = add_flag(m, "#saved"), moved = add_flag(m, "#moved");
    std::vector<std::uint32_t> copy;
    for (const Variable& v : sys.variables) {
        Variable c = v;
        c.name = "#copy." + v.name;
        c.role = VarRole::Data;
        c.origin = {};
        copy.push_back(m.add_variable(c));
    }
    // Per fair transition u: weak — #ok.u (u fired, or was disabled, somewhere on the loop so far);
    // strong — #fired.u and #on.u (u enabled somewhere on the loop so far).
    struct Flags {
        std::uint32_t t;
        bool strong;
        std::uint32_t ok_or_fired, on;
    };
    std::vector<Flags> flags;
    for (std::uint32_t t = 0; t < sys.transitions.size(); ++t) {
        const std::string& n = sys.transitions[t].name;
        if (mon.fairness[t] == Fairness::Weak) flags.push_back({t, false, add_flag(m, "#ok." + n), 0});
        if (mon.fairness[t] == Fairness::Strong) flags.push_back({t, true, add_flag(m, "#fired." + n), add_flag(m, "#on." + n)});
    }
    const Expr is_saved = m.var(saved);
    for (std::uint32_t ti = 0; ti < sys.transitions.size(); ++ti) {
        Transition& t = m.transitions[ti];
        t.updates.push_back({moved, nullptr, mk_or({m.var(moved), is_saved})});
        for (const Flags& f : flags) {
            const Expr g = sys.transitions[f.t].guard;
            const Expr x = m.var(f.ok_or_fired);
            if (f.t == ti) t.updates.push_back({f.ok_or_fired, nullptr, mk_or({x, is_saved})});
            else if (!f.strong) t.updates.push_back({f.ok_or_fired, nullptr, mk_or({x, mk_and({is_saved, mk_not(g)})})});
            if (f.strong) t.updates.push_back({f.on, nullptr, mk_or({m.var(f.on), mk_and({is_saved, g})})});
        }
    }
    mon.add_arm_transitions(p);
    Transition save;
    save.name = "#save";
    save.kind = TransitionKind::Internal;
    save.guard = mk_and({mon.any_armed, mk_not(is_saved), mk_not(mon.blocked)});
    save.updates.push_back({saved, nullptr, mk_bool(true)});
    for (std::uint32_t v = 0; v < sys.variables.size(); ++v) {
        const Variable& var = sys.variables[v];
        if (var.length == 0) {
            save.updates.push_back({copy[v], nullptr, m.var(v)});
        } else {
            for (std::uint32_t i = 0; i < var.length; ++i)
                save.updates.push_back({copy[v], mk_const(Type::uint(64), i), element(m, v, i)});
        }
    }
    save.energy = 0;
    m.transitions.push_back(std::move(save));

    std::vector<Expr> closed{is_saved, m.var(moved)};
    for (std::uint32_t v = 0; v < sys.variables.size(); ++v)
        for (std::uint32_t i = 0; i < sys.variables[v].slots(); ++i)
            closed.push_back(mk_binary(Op::Eq, element(m, v, i), element(m, copy[v], i)));
    for (const Flags& f : flags)
        closed.push_back(f.strong ? mk_or({m.var(f.ok_or_fired), mk_not(m.var(f.on))}) : m.var(f.ok_or_fired));
    mon.finish(sys, p, {{-1, mk_and(closed), "a fair cycle on which the open obligation's goal never holds", p.origin}},
               "liveness-to-safety monitor");
    return std::move(mon.m);
}

System kliveness_monitor(const System& sys, const LivenessProperty& p, std::uint32_t k) {
    Monitor mon(sys, p);
    System& m = mon.m;
    for (std::uint32_t t = 0; t < sys.transitions.size(); ++t)
        if (mon.fairness[t] == Fairness::Strong)
            throw std::invalid_argument("k-liveness covers weak fairness only; '" + sys.transitions[t].name + "' is strongly fair");
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ok;  // (fair transition, its #ok flag)
    for (std::uint32_t t = 0; t < sys.transitions.size(); ++t)
        if (mon.fairness[t] == Fairness::Weak) ok.push_back({t, add_flag(m, "#ok." + sys.transitions[t].name)});
    Variable counter;
    counter.name = "#accepts";
    counter.type = Type::uint(bits_for(std::uint64_t{k} + 1));
    counter.init = {0};
    const std::uint32_t ci = m.add_variable(counter);
    std::vector<Expr> all;
    for (const auto& [t, f] : ok) all.push_back(m.var(f));
    const Expr accept = mk_and({mon.any_armed, mk_and(all)});
    for (std::uint32_t ti = 0; ti < sys.transitions.size(); ++ti) {
        Transition& t = m.transitions[ti];
        t.updates.push_back({ci, nullptr, mk_ite(accept, mk_binary(Op::AddSat, m.var(ci), mk_const(counter.type, 1)), m.var(ci))});
        for (const auto& [u, f] : ok) {
            const Expr now = u == ti ? mk_bool(true) : mk_not(sys.transitions[u].guard);  // u met in this step's pre-state
            t.updates.push_back({f, nullptr, mk_and({mon.any_armed, mk_or({mk_and({mk_not(accept), m.var(f)}), now})})});
        }
    }
    mon.add_arm_transitions(p);
    mon.finish(sys, p,
               {{-1, mk_binary(Op::Gt, m.var(ci), mk_const(counter.type, k)),
                 "more than " + std::to_string(k) + " rounds in which every fair transition fired or was disabled, the goal never holding",
                 p.origin}},
               "k-liveness monitor (k = " + std::to_string(k) + ")");
    return std::move(mon.m);
}

Trace project_liveness_trace(const System& sys, const LivenessProperty& p, const System& monitor, const Trace& t) {
    Trace out;
    out.initial.assign(t.initial.begin(), t.initial.begin() + sys.slot_count);
    const State& last = t.final_state();
    for (std::size_t j = 0; j < p.obligations.size(); ++j) {
        const auto v = monitor.find_variable("#armed." + std::to_string(j));
        if (v && last.at(monitor.variables[*v].slot)) out.violated_clause = static_cast<std::int32_t>(j);
    }
    bool saved = false;
    for (const Trace::Step& s : t.steps) {
        if (s.transition >= sys.transitions.size()) {
            saved = saved || monitor.transitions.at(s.transition).name == "#save";
            if (saved && out.loop_start < 0) out.loop_start = static_cast<std::int32_t>(out.steps.size());
            continue;
        }
        out.steps.push_back({s.transition, State(s.state.begin(), s.state.begin() + sys.slot_count)});
    }
    if (t.violated_clause == 1) out.loop_start = -1;
    return out;
}

namespace {

// One engine call on a monitor; its PASS and UNKNOWN reworded for p, its counterexample (of the
// stop clause, or of l2s's loop clause) projected onto sys and replayed.
// `rounds` (k-liveness): set when the engine reached the counter clause, which is no
// counterexample (the result is then UNKNOWN).
PropertyResult run_monitor(const System& sys, const LivenessProperty& p, const EngineInfo& e, const System& m,
                           const SymbolicOptions& options, const std::string& method, bool* rounds = nullptr) {
    SymbolicOptions o = options;
    o.still_open = {};  // the monitor's property is not the caller's
    o.decided = {};
    PropertyResult r = e.symbolic(m, {&m.properties.back()}, o).at(0);
    r.name = p.name;
    r.kind = p.kind;
    if (r.certificate) r.certificate->binding.liveness = p.name;
    const std::string fairness = describe_fairness(sys, fairness_of(sys, p));
    if (r.verdict == Verdict::Pass)
        r.message = "every trigger is followed by its goal on every fair run (" + fairness + "), by " + method + ": " + r.message;
    if (r.verdict == Verdict::Unknown) r.message = method + ": " + r.message;
    if (!r.trace) return r;
    if (rounds && r.trace->violated_clause == 0) {
        *rounds = true;
        r.verdict = Verdict::Unknown;
        r.message = method + ": more rounds than k are possible";
        r.trace.reset();
        return r;
    }
    Trace t = project_liveness_trace(sys, p, m, *r.trace);
    const std::string bad = replay_liveness(sys, p, t);
    if (!bad.empty()) {
        r.verdict = Verdict::Error;
        r.message = "internal error: the " + method + " counterexample did not replay on the design (" + bad + ")";
        r.trace.reset();
        return r;
    }
    const Response& ob = p.obligations.at(t.violated_clause);
    t.violation = ob.message + " (" + fairness + "): " +
                  (t.loop_start < 0 ? "the run stops in a goal-free state where no fair transition is enabled"
                                    : "a fair cycle of " + std::to_string(t.steps.size() - t.loop_start) +
                                          " steps on which the goal never holds repeats forever");
    r.message = t.violation;
    r.depth = static_cast<std::uint32_t>(t.steps.size());
    r.trace = std::move(t);
    return r;
}

}  // namespace

const std::vector<std::uint32_t>& kliveness_bounds() {
    static const std::vector<std::uint32_t> ks{0, 1, 3, 7, 15};
    return ks;
}

PropertyResult check_liveness_symbolic(const System& sys, const std::string& engine, const LivenessProperty& p,
                                       const SymbolicOptions& options) {
    const EngineInfo& e = find_engine(engine);
    if (e.kind != EngineInfo::Kind::Symbolic) throw std::invalid_argument("symbolic liveness: '" + engine + "' is not a symbolic engine");
    const std::vector<Fairness> fairness = fairness_of(sys, p);
    const bool strong = std::find(fairness.begin(), fairness.end(), Fairness::Strong) != fairness.end();
    if (!e.proves || strong) return run_monitor(sys, p, e, liveness_monitor(sys, p), options, "liveness-to-safety");
    // k-liveness: the first k for which the engine proves "at most k fair rounds", each call with
    // the time the job has left.
    const auto start = std::chrono::steady_clock::now();
    PropertyResult last;
    for (std::uint32_t k : kliveness_bounds()) {
        SymbolicOptions o = options;
        if (options.timeout_seconds > 0) {
            o.timeout_seconds = options.timeout_seconds - std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            if (o.timeout_seconds <= 0.01) break;
        }
        const System m = kliveness_monitor(sys, p, k);
        bool rounds = false;
        PropertyResult r = run_monitor(sys, p, e, m, o, "k-liveness (k = " + std::to_string(k) + ")", &rounds);
        if (r.certificate) r.certificate->binding.liveness_k = k;
        if (!rounds) return r;  // proved, a real counterexample (the run stops), or out of time
        last = std::move(r);    // more than k rounds: try a larger k
    }
    if (!last.name.empty())
        last.message = "k-liveness: runs with more than " + std::to_string(kliveness_bounds().back()) +
                       " fair rounds without the goal exist (not proved; bmc's liveness-to-safety finds fair lassos)";
    if (last.name.empty()) last = undecided_result({p.name, p.kind}, engine), last.message = "k-liveness: no time left";
    last.name = p.name;
    last.kind = p.kind;
    return last;
}

}  // namespace np
