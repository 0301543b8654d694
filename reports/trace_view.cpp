#include "reports/trace_view.hpp"

#include "reports/explain_trace.hpp"

namespace np {

std::string format_value(const Type& t, std::uint64_t raw) {
    if (t.is_bool()) return raw ? "1" : "0";
    if (t.is_signed()) return std::to_string(to_signed(raw, t.width));
    return std::to_string(raw);
}

namespace {
std::string slot_name(const Variable& v, std::uint32_t k) {
    return v.length == 0 ? v.name : v.name + "[" + std::to_string(k) + "]";
}
}  // namespace

std::vector<SlotValue> state_values(const System& sys, const State& s, bool skip_empty_places) {
    std::vector<SlotValue> out;
    for (const Variable& v : sys.variables)
        for (std::uint32_t k = 0; k < v.slots(); ++k) {
            std::uint64_t x = s[v.slot + k];
            if (skip_empty_places && v.role == VarRole::Place && x == 0) continue;
            out.push_back({slot_name(v, k), v.type, x});
        }
    return out;
}

std::vector<TraceStepView> view_steps(const System& sys, const Trace& trace) {
    std::vector<TraceStepView> out;
    const State* prev = &trace.initial;
    for (std::size_t i = 0; i < trace.steps.size(); ++i) {
        const auto& st = trace.steps[i];
        const Transition& t = sys.transitions[st.transition];
        TraceStepView v{static_cast<std::uint32_t>(i + 1), t.name, kind_name(t.kind), origin_text(t.origin), {}};
        // Signals first, then data, then places: what a reader looks for first.
        for (VarRole role : {VarRole::Signal, VarRole::Data, VarRole::Place})
            for (const Variable& var : sys.variables) {
                if (var.role != role) continue;
                for (std::uint32_t k = 0; k < var.slots(); ++k) {
                    std::uint64_t a = (*prev)[var.slot + k], b = st.state[var.slot + k];
                    if (a != b) v.changes.push_back({slot_name(var, k), var.type, a, b});
                }
            }
        out.push_back(std::move(v));
        prev = &st.state;
    }
    return out;
}

}  // namespace np
