#include "reports/write_json.hpp"

#include "reports/explain_trace.hpp"
#include "reports/trace_view.hpp"

namespace np {

using nlohmann::json;

namespace {
// A value as a JSON number: 0/1 for bool, signed for sN, unsigned (all 64 bits) for uN.
json number(const Type& t, std::uint64_t raw) {
    if (t.is_signed()) return to_signed(raw, t.width);
    return raw;
}
}  // namespace

json trace_json(const System& sys, const PropertyResult& r) {
    json j;
    j["property"] = r.name;
    if (const Property* p = sys.find_property(r.name); p && !p->clauses.empty() && !origin_text(p->clauses.front().origin).empty())
        j["declared_at"] = to_valid_utf8(origin_text(p->clauses.front().origin));
    j["verdict"] = verdict_name(r.verdict);
    j["message"] = to_valid_utf8(r.message);
    if (!r.trace) return j;
    const Trace& tr = *r.trace;
    json init = json::object();
    for (const SlotValue& v : state_values(sys, tr.initial, false)) init[to_valid_utf8(v.name)] = number(v.type, v.raw);
    j["initial"] = init;
    json steps = json::array();
    for (const auto& s : view_steps(sys, tr)) {
        json changes = json::object();
        for (const auto& c : s.changes)
            changes[to_valid_utf8(c.variable)] = {{"from", number(c.type, c.from)}, {"to", number(c.type, c.to)}};
        steps.push_back({{"step", s.step}, {"transition", to_valid_utf8(s.transition)}, {"kind", s.kind},
                         {"at", s.at.empty() ? json(nullptr) : json(to_valid_utf8(s.at))}, {"changes", changes}});
    }
    j["steps"] = steps;
    // The last state without the constants (slots no transition writes).
    const std::vector<bool> constant = constant_slots(sys);
    json final_state = json::object();
    for (const Variable& v : sys.variables)
        for (std::uint32_t k = 0; k < v.slots(); ++k) {
            if (constant[v.slot + k]) continue;
            const std::uint64_t x = tr.final_state()[v.slot + k];
            if (v.role == VarRole::Place && x == 0) continue;
            final_state[to_valid_utf8(v.length ? v.name + "[" + std::to_string(k) + "]" : v.name)] = number(v.type, x);
        }
    j["final"] = final_state;
    json why = json::array();
    for (const std::string& line : explain_violation(sys, r)) why.push_back(to_valid_utf8(line));
    j["explanation"] = why;
    if (r.kind == PropertyKind::Deadlock) {
        json blocked = json::array();
        for (const BlockedTransition& b : explain_blocked(sys, tr.final_state()))
            blocked.push_back({{"transition", to_valid_utf8(b.transition)}, {"blocked_by", to_valid_utf8(b.conjunct)},
                               {"reads", to_valid_utf8(b.values)},
                               {"at", origin_text(b.origin).empty() ? json(nullptr) : json(to_valid_utf8(origin_text(b.origin)))}});
        j["blocked"] = blocked;
    }
    j["violation"] = to_valid_utf8(tr.violation);
    j["violating_transition"] = tr.violating_transition >= 0
        ? json(to_valid_utf8(sys.transitions[tr.violating_transition].name)) : json(nullptr);
    // A lasso: the 1-based step where the repeating cycle begins.
    j["cycle_from_step"] = tr.loop_start >= 0 ? json(tr.loop_start + 1) : json(nullptr);
    return j;
}

json certificate_json(const Certificate& c) {
    json checks = json::array();
    for (const ObligationCheck& k : c.checks)
        checks.push_back({{"obligation", k.obligation}, {"solver", k.solver}, {"answer", k.answer}, {"seconds", k.seconds}});
    return {{"folder", c.folder.empty() ? json(nullptr) : json(to_valid_utf8(c.folder))},
            {"method", c.method},
            {"k", c.k},
            {"rechecked", !c.checks.empty()},
            {"confirmed", c.confirmed()},
            {"checks", checks}};
}

json summary_json(const System& sys, const RunSummary& run) {
    std::size_t places = 0, signals = 0;
    for (const Variable& v : sys.variables) {
        places += v.role == VarRole::Place;
        signals += v.role == VarRole::Signal;
    }
    json j;
    j["tool"] = "neuroproof";
    j["version"] = NEUROPROOF_VERSION;
    j["input"] = to_valid_utf8(run.input);
    j["model"] = {{"name", to_valid_utf8(sys.name)}, {"variables", sys.variables.size()},
                  {"transitions", sys.transitions.size()}, {"places", places}, {"signals", signals}};
    j["exit_code"] = run.exit_code;
    json warnings = json::array();
    for (const Warning& w : sys.warnings) warnings.push_back(to_valid_utf8(w.render()));
    j["warnings"] = warnings;
    json props = json::array();
    for (std::size_t i = 0; i < run.results.size(); ++i) {
        const PropertyResult& r = run.results[i];
        props.push_back({{"name", r.name}, {"verdict", verdict_name(r.verdict)}, {"engine", r.engine},
                         {"seconds", r.seconds}, {"states", r.states}, {"depth", r.depth},
                         {"message", to_valid_utf8(r.message)},
                         {"trace", i < run.trace_dirs.size() && !run.trace_dirs[i].empty()
                                       ? json(to_valid_utf8(run.trace_dirs[i])) : json(nullptr)},
                         {"certificate", r.certificate ? certificate_json(*r.certificate) : json(nullptr)}});
        if (!r.measures.empty()) {
            json m = json::object();
            for (const auto& [name, value] : r.measures) m[name] = value;
            props.back()["measures"] = m;
        }
        if (!r.witnesses.empty()) {
            json w = json::object();
            for (const auto& [name, trace] : r.witnesses) {
                json steps = json::array();
                for (const auto& st : trace.steps) steps.push_back(to_valid_utf8(sys.transitions[st.transition].name));
                w[name] = {{"transitions", steps}, {"cycle_from_step", trace.loop_start >= 0 ? json(trace.loop_start + 1) : json(nullptr)},
                           {"note", to_valid_utf8(trace.violation)}};
            }
            props.back()["witnesses"] = w;
        }
    }
    j["properties"] = props;
    return j;
}

}  // namespace np
