#include "reports/write_trace_text.hpp"

#include <algorithm>
#include <sstream>

#include "reports/explain_trace.hpp"
#include "reports/trace_view.hpp"

namespace np {

namespace {

// "name=value" of every slot of `s` that is not a constant (nor an empty place).
std::string state_text(const System& sys, const State& s, const std::vector<bool>& constant, std::size_t& left_out) {
    std::string out;
    left_out = 0;
    for (const Variable& v : sys.variables)
        for (std::uint32_t k = 0; k < v.slots(); ++k) {
            const std::uint64_t x = s[v.slot + k];
            if (constant[v.slot + k]) {
                ++left_out;
                continue;
            }
            if (v.role == VarRole::Place && x == 0) continue;
            out += " " + (v.length ? v.name + "[" + std::to_string(k) + "]" : v.name) + "=" + format_value(v.type, x);
        }
    return out;
}

}  // namespace

std::string format_trace_text(const System& sys, const PropertyResult& r) {
    std::ostringstream out;
    out << "property:  " << r.name;
    if (const Property* p = sys.find_property(r.name); p && !p->clauses.empty() && !origin_text(p->clauses.front().origin).empty())
        out << "  (declared at " << origin_text(p->clauses.front().origin) << ")";
    out << "\n";
    out << "verdict:   " << verdict_name(r.verdict) << " (" << r.engine << ")\n";
    out << "message:   " << r.message << "\n";
    if (!r.trace) return out.str();
    const Trace& tr = *r.trace;
    const std::vector<bool> constant = constant_slots(sys);
    std::size_t left_out = 0;
    out << "model:     " << sys.source << "\n";
    out << "initial:  " << state_text(sys, tr.initial, constant, left_out) << "\n";
    if (left_out) out << "           (" << left_out << " constant slots, written by no transition, not shown)\n";
    out << "\n";
    auto steps = view_steps(sys, tr);
    std::size_t wname = 10, wat = 2;
    for (const auto& s : steps) wname = std::max(wname, s.transition.size()), wat = std::max(wat, s.at.size());
    out << "  step  transition" << std::string(wname - 10 + 2, ' ') << "kind      at" << std::string(wat - 2 + 2, ' ') << "changes\n";
    for (const auto& s : steps) {
        if (tr.loop_start >= 0 && s.step == static_cast<std::size_t>(tr.loop_start) + 1)
            out << "  ---- the cycle: the steps below repeat forever ----\n";
        std::string num = std::to_string(s.step);
        out << std::string(6 - std::min<std::size_t>(6, num.size()), ' ') << num << "  " << s.transition
            << std::string(wname - s.transition.size() + 2, ' ') << s.kind << std::string(10 - s.kind.size(), ' ') << s.at
            << std::string(wat - s.at.size() + 2, ' ');
        bool first = true;
        for (const auto& c : s.changes) {
            out << (first ? "" : ", ") << c.variable << ": " << format_value(c.type, c.from) << "->" << format_value(c.type, c.to);
            first = false;
        }
        out << "\n";
    }
    if (tr.loop_start >= 0) out << "  ---- back to the state before step " << tr.loop_start + 1 << " ----\n";
    out << "\n";
    out << "then: " << tr.violation << "\n";
    const std::vector<std::string> why = explain_violation(sys, r);
    if (!why.empty()) {
        out << "\nwhy, in the last state:\n";
        for (const std::string& line : why) out << "  " << line << "\n";
    }
    if (r.kind == PropertyKind::Deadlock) {
        const std::vector<BlockedTransition> blocked = explain_blocked(sys, tr.final_state());
        out << "\nevery transition is blocked there (" << blocked.size() << "):\n";
        std::size_t w = 0;
        for (const auto& b : blocked) w = std::max(w, b.transition.size());
        for (std::size_t i = 0; i < blocked.size(); ++i) {
            if (i == 60) {
                out << "  … and " << blocked.size() - 60 << " more (trace.json lists all)\n";
                break;
            }
            const auto& b = blocked[i];
            out << "  " << b.transition << std::string(w - b.transition.size() + 2, ' ') << "blocked by " << b.conjunct;
            if (!b.values.empty()) out << "  (" << b.values << ")";
            if (!origin_text(b.origin).empty()) out << "  at " << origin_text(b.origin);
            out << "\n";
        }
    }
    out << "\nfinal state:" << state_text(sys, tr.final_state(), constant, left_out) << "\n";
    return out.str();
}

}  // namespace np
