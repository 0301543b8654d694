#include "checkers/confirm_verdict.hpp"

#include "checkers/engines.hpp"
#include "checkers/run_symbolic.hpp"

namespace np {

namespace {

bool conclusive(const PropertyResult& r) { return r.verdict == Verdict::Pass || r.verdict == Verdict::Fail; }

}  // namespace

void confirm_with_second_engine(const System& sys, const Goal& goal, PropertyResult& r, const ExplicitOptions& explicit_options,
                                const SymbolicOptions& symbolic, const GraphOptions& graph, const Budget& budget) {
    if (!conclusive(r)) return;
    const bool by_explicit = r.engine == "explicit";
    const bool quiescence = !goal.clause && goal.name == "quiescence";
    if (!goal.clause && !goal.liveness && !quiescence) {
        r.message += "; --paranoid: no second engine decides " + goal.name;
        return;
    }
    if (quiescence && by_explicit && !graph.quiescence.settling_bound) {
        r.message += "; --paranoid: the symbolic quiescence check needs a settling bound (--within B)";
        return;
    }
    std::vector<std::string> seconds;
    if (!by_explicit) seconds = {"explicit"};
    else if (r.verdict == Verdict::Fail) seconds = {"bmc"};
    else if (goal.liveness) seconds = {"abc-pdr", "spacer"};  // k-liveness is for PDR more than for k-induction
    else seconds = {"kind", "spacer"};

    PropertyResult s;
    for (const std::string& e : seconds) {
        if (budget.expired()) break;
        const Budget b = budget.share();
        SymbolicOptions so = within_budget(symbolic, b);
        so.still_open = {};
        so.progress = {};
        // A lasso of n steps is a monitor run of n + 2 (its arm and save steps) and one more.
        if (e == "bmc") so.depth = std::max<std::uint32_t>(r.depth + (goal.liveness ? 3 : 0), 1);
        ExplicitOptions eo = explicit_options;
        eo.limits.cancel = b.cancel;
        eo.progress = {};
        try {
            if (e == "explicit") {
                s = goal.clause ? check_explicit(sys, {goal.clause}, eo).at(0)
                                : check_graph_properties(sys, {goal.name}, graph, eo.limits).at(0);
            } else {
                const SymbolicJob job = goal.clause     ? SymbolicJob{e, {goal.clause}, {}, {}}
                                        : goal.liveness ? SymbolicJob{e, {}, {}, {}, goal.liveness}
                                                        : SymbolicJob{e, {}, graph.quiescence.settling_bound, graph.quiescence.activity_bound};
                s = run_symbolic(sys, job, so).at(0);
            }
        } catch (const std::exception& ex) {
            s = engine_failure(goal, e, ex.what(), *b.cancel);
        }
        s.engine = e;
        if (conclusive(s)) break;
    }
    if (s.engine.empty()) {
        r.message += "; --paranoid: no time was left for a second engine";
    } else if (conclusive(s) && s.verdict != r.verdict) {
        const std::string first = r.engine, first_verdict = verdict_name(r.verdict), first_message = r.message;
        if (s.verdict == Verdict::Fail) r.trace = s.trace;
        r.verdict = Verdict::Error;
        r.engine = first + "+" + s.engine;
        r.message = "the engines disagree (--paranoid): " + first + " says " + first_verdict + " (" + first_message + "), " +
                    s.engine + " says " + verdict_name(s.verdict) + " (" + s.message + ")";
    } else if (conclusive(s)) {
        r.message += "; confirmed by " + s.engine + " (--paranoid)";
    } else {
        r.message += "; --paranoid: not confirmed by a second engine (" + s.engine + ": " + verdict_name(s.verdict) + ", " +
                     s.message + ")";
    }
}

}  // namespace np
