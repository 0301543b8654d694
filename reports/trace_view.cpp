#include "reports/trace_view.hpp"

#include <algorithm>

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

std::vector<std::pair<std::string, std::string>> state_values(const System& sys, const State& s, bool skip_empty_places) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Variable& v : sys.variables)
        for (std::uint32_t k = 0; k < v.slots(); ++k) {
            std::uint64_t x = s[v.slot + k];
            if (skip_empty_places && v.role == VarRole::Place && x == 0) continue;
            out.emplace_back(slot_name(v, k), format_value(v.type, x));
        }
    return out;
}

std::vector<TraceStepView> view_steps(const System& sys, const Trace& trace) {
    std::vector<TraceStepView> out;
    const State* prev = &trace.initial;
    for (std::size_t i = 0; i < trace.steps.size(); ++i) {
        const auto& st = trace.steps[i];
        const Transition& t = sys.transitions[st.transition];
        TraceStepView v{static_cast<std::uint32_t>(i + 1), t.name, kind_name(t.kind), {}};
        for (const Variable& var : sys.variables)
            for (std::uint32_t k = 0; k < var.slots(); ++k) {
                std::uint64_t a = (*prev)[var.slot + k], b = st.state[var.slot + k];
                if (a != b) v.changes.push_back({slot_name(var, k), format_value(var.type, a), format_value(var.type, b)});
            }
        // Signals first, then data, then places: what a reader looks for first.
        auto rank = [&](const ValueChange& c) {
            auto var = sys.find_variable(c.variable.substr(0, c.variable.find('[')));
            VarRole r = var ? sys.variables[*var].role : VarRole::Data;
            return r == VarRole::Signal ? 0 : r == VarRole::Data ? 1 : 2;
        };
        std::stable_sort(v.changes.begin(), v.changes.end(),
                         [&](const ValueChange& a, const ValueChange& b) { return rank(a) < rank(b); });
        out.push_back(std::move(v));
        prev = &st.state;
    }
    return out;
}

}  // namespace np
