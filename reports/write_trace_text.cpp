#include "reports/write_trace_text.hpp"

#include <algorithm>
#include <sstream>

#include "reports/trace_view.hpp"

namespace np {

std::string format_trace_text(const System& sys, const PropertyResult& r) {
    std::ostringstream out;
    out << "property:  " << r.name << "\n";
    out << "verdict:   " << verdict_name(r.verdict) << " (" << r.engine << ")\n";
    out << "message:   " << r.message << "\n";
    if (!r.trace) return out.str();
    const Trace& tr = *r.trace;
    out << "model:     " << sys.source << "\n";
    out << "initial:  ";
    for (const SlotValue& v : state_values(sys, tr.initial, true)) out << " " << v.name << "=" << format_value(v.type, v.raw);
    out << "\n\n";
    auto steps = view_steps(sys, tr);
    std::size_t wname = 10;
    for (const auto& s : steps) wname = std::max(wname, s.transition.size());
    out << "  step  " << std::string("transition") << std::string(wname - 10 + 2, ' ') << "kind      changes\n";
    for (const auto& s : steps) {
        if (tr.loop_start >= 0 && s.step == static_cast<std::size_t>(tr.loop_start) + 1)
            out << "  ---- the cycle: the steps below repeat forever ----\n";
        std::string num = std::to_string(s.step);
        out << std::string(6 - std::min<std::size_t>(6, num.size()), ' ') << num << "  " << s.transition
            << std::string(wname - s.transition.size() + 2, ' ') << s.kind << std::string(10 - s.kind.size(), ' ');
        bool first = true;
        for (const auto& c : s.changes) {
            out << (first ? "" : ", ") << c.variable << ": " << format_value(c.type, c.from) << "->" << format_value(c.type, c.to);
            first = false;
        }
        out << "\n";
    }
    out << "\n";
    out << "then: " << tr.violation << "\n";
    return out.str();
}

}  // namespace np
