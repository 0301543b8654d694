#include "checkers/replay_trace.hpp"

#include "model/eval.hpp"

namespace np {

std::string replay_run(const System& sys, const Trace& trace) {
    State cur = sys.initial_state();
    if (cur != trace.initial) return "the trace does not start in the initial state";
    for (std::size_t i = 0; i < trace.steps.size(); ++i) {
        const auto& step = trace.steps[i];
        if (step.transition >= sys.transitions.size()) return "step " + std::to_string(i + 1) + ": no such transition";
        const Transition& t = sys.transitions[step.transition];
        if (!enabled(t, cur)) return "step " + std::to_string(i + 1) + ": '" + t.name + "' is not enabled";
        cur = fire(sys, t, cur);
        if (cur != step.state) return "step " + std::to_string(i + 1) + ": firing '" + t.name + "' gives another state";
    }
    return {};
}

std::string replay_trace(const System& sys, const Property& prop, const Trace& trace) {
    if (std::string bad = replay_run(sys, trace); !bad.empty()) return bad;
    const State& cur = trace.final_state();
    if (prop.kind == PropertyKind::Deadlock) {
        for (const Transition& t : sys.transitions)
            if (enabled(t, cur)) return "the last state is not a deadlock: '" + t.name + "' is enabled";
        return {};
    }
    if (trace.violated_clause < 0 || static_cast<std::size_t>(trace.violated_clause) >= prop.clauses.size())
        return "the trace names no clause of the property";
    const Clause& c = prop.clauses[trace.violated_clause];
    if (c.transition >= 0) {
        if (c.transition != trace.violating_transition) return "the trace names another transition than its clause";
        if (!enabled(sys.transitions[c.transition], cur))
            return "'" + sys.transitions[c.transition].name + "' is not enabled in the last state";
    }
    if (!holds(c.bad, cur)) return "the last state does not violate the property";
    return {};
}

}  // namespace np
