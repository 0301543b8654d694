#include "checkers/symbolic_quiescence.hpp"

#include <algorithm>
#include <stdexcept>

#include "checkers/check_quiescence.hpp"
#include "checkers/engines.hpp"
#include "checkers/replay_trace.hpp"
#include "model/eval.hpp"

namespace np {

System quiescence_monitor(const System& sys, std::uint64_t bound, std::optional<Ratio> activity_bound) {
    if (bound >= (std::uint64_t{1} << 62)) throw std::invalid_argument("settling bound too large");
    System m;
    m.name = sys.name;
    m.source = sys.source;
    for (const Variable& v : sys.variables) {
        Variable c = v;
        m.add_variable(c);
    }
    Variable counter;
    counter.name = "#local_run";  // not a name a design can declare
    counter.type = Type::uint(bits_for(bound + 1) + 1);
    counter.init = {0};
    const std::uint32_t ci = m.add_variable(counter);
    const Expr c = m.var(ci);
    // Energy since the last input, saturating just above K (K rounded down: energies are integers).
    std::optional<std::uint32_t> ei;
    std::uint64_t k = 0;
    Type etype = Type::uint(1);
    if (activity_bound) {
        if (activity_bound->floor() >= std::uint64_t{1} << 62) throw std::invalid_argument("activity bound out of range");
        k = activity_bound->floor();
        Variable energy;
        energy.name = "#local_energy";
        energy.type = etype = Type::uint(bits_for(k + 1) + 1);
        energy.init = {0};
        ei = m.add_variable(energy);
    }
    m.transitions = sys.transitions;
    for (Transition& t : m.transitions) {
        Expr next = is_local(t.kind) ? mk_binary(Op::AddSat, c, mk_const(counter.type, 1)) : mk_const(counter.type, 0);
        t.updates.push_back({ci, nullptr, next});
        if (ei) {
            Expr e = m.var(*ei);
            std::uint64_t w = std::min<std::uint64_t>(t.energy, etype.max_raw());
            Expr ne = is_local(t.kind) ? mk_binary(Op::AddSat, e, mk_const(etype, w)) : mk_const(etype, 0);
            t.updates.push_back({*ei, nullptr, ne});
        }
    }
    for (const Property& p : sys.properties)
        if (p.blocking) m.properties.push_back(p);
    Property q;
    q.name = "quiescence";
    q.kind = PropertyKind::Quiescence;
    q.description = "Q2 within B and Q3 on the system with a local-run monitor";
    q.clauses.push_back({-1, mk_binary(Op::Gt, c, mk_const(counter.type, bound)),
                         "Q2 within B fails: more than " + std::to_string(bound) + " local firings without an input", {}});
    std::vector<Expr> dead;
    for (const Transition& t : m.transitions) dead.push_back(mk_not(t.guard));
    q.clauses.push_back({-1, mk_and(dead), "Q3 fails: a reachable quiescent state accepts no input (dead)", {}});
    if (ei)
        q.clauses.push_back({-1, mk_binary(Op::Gt, m.var(*ei), mk_const(etype, k)),
                             "a burst of local energy above K = " + std::to_string(k) + " between two inputs", {}});
    m.properties.push_back(std::move(q));
    return m;
}

PropertyResult check_quiescence_symbolic(const System& sys, const std::string& engine, std::uint64_t bound,
                                         std::optional<Ratio> activity_bound, const SymbolicOptions& options) {
    PropertyResult r;
    r.name = "quiescence";
    r.kind = PropertyKind::Quiescence;
    r.engine = engine;
    const State init = sys.initial_state();
    for (const Transition& t : sys.transitions)
        if (is_local(t.kind) && enabled(t, init)) {
            Trace tr;
            tr.initial = init;
            tr.violation = "Q1 fails: the initial state is not quiescent (" + t.name + " is enabled)";
            r.verdict = Verdict::Fail;
            r.message = tr.violation;
            r.trace = tr;
            return r;
        }
    System m = quiescence_monitor(sys, bound, activity_bound);
    const std::size_t monitors = activity_bound ? 2 : 1;
    std::vector<const Property*> props{&m.properties.back()};
    std::vector<PropertyResult> res;
    const EngineInfo& e = find_engine(engine);
    if (e.kind != EngineInfo::Kind::Symbolic) throw std::invalid_argument("symbolic quiescence: '" + engine + "' is not a symbolic engine");
    SymbolicOptions o = options;
    o.still_open = {};  // the monitor's property is not the caller's
    o.decided = {};
    res = e.symbolic(m, props, o);
    r = res.at(0);
    if (r.certificate) {
        r.certificate->binding.quiescence_bound = bound;
        r.certificate->binding.activity_bound = activity_bound;
    }
    r.name = "quiescence";
    r.kind = PropertyKind::Quiescence;
    r.measures = {{"settling_bound_required", double(bound)}};
    if (activity_bound) r.measures.push_back({"activity_bound_required", activity_bound->value()});
    if (r.verdict == Verdict::Pass)
        r.message = "Q1 holds; Q2 within B = " + std::to_string(bound) + (activity_bound ? ", Q4 (burst energy <= K, so K* <= K)" : "") +
                    " and Q3 proved: " + r.message;
    if (r.trace) {
        // Project onto the original system (drop the monitor's slot) and replay there.
        Trace& t = *r.trace;
        const std::int32_t clause = t.violated_clause;
        t.initial.resize(t.initial.size() - monitors);
        for (auto& st : t.steps) st.state.resize(st.state.size() - monitors);
        if (clause == 2) {
            // A burst above K does not refute Q4 (K* is a long-run ratio): evidence, not a FAIL.
            std::string bad = replay_run(sys, t);
            r.verdict = bad.empty() ? Verdict::Unknown : Verdict::Error;
            r.message = bad.empty() ? "Q4 not decided: a burst of local energy above K = " + activity_bound->str() +
                                          " between two inputs is reachable (" + std::to_string(t.steps.size()) +
                                          " steps), but K* is a long-run ratio and may still be <= K; decide it on the explicit state graph"
                                    : "internal error: the burst trace did not replay (" + bad + ")";
            r.witnesses.push_back({"burst", t});
            r.trace.reset();
            return r;
        }
        const bool settling = clause == 0;
        std::size_t prefix = 0;
        for (std::size_t i = 0; i < t.steps.size(); ++i)
            if (!is_local(sys.transitions[t.steps[i].transition].kind)) prefix = i + 1;
        std::string bad = settling ? replay_quiescence(sys, t, "B", static_cast<std::int32_t>(prefix), Ratio::of(bound))
                                   : replay_quiescence(sys, t, "Q3", -1);
        t.violated_clause = -1;
        if (!bad.empty()) {
            r.verdict = Verdict::Error;
            r.message = "internal error: the symbolic quiescence counterexample did not replay on the design (" + bad + ")";
            r.trace.reset();
        }
    }
    return r;
}

}  // namespace np
