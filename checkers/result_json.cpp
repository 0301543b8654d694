#include "checkers/result_json.hpp"

#include <stdexcept>

#include "proofs/recheck.hpp"

namespace np {

namespace {

nlohmann::json trace_to_json(const Trace& t) {
    nlohmann::json steps = nlohmann::json::array();
    for (const Trace::Step& s : t.steps) steps.push_back({{"transition", s.transition}, {"state", s.state}});
    return {{"initial", t.initial},
            {"steps", steps},
            {"violating_transition", t.violating_transition},
            {"violated_clause", t.violated_clause},
            {"violation", t.violation},
            {"loop_start", t.loop_start}};
}

Trace trace_from_json(const nlohmann::json& j) {
    Trace t;
    t.initial = j.at("initial").get<State>();
    for (const auto& s : j.at("steps")) t.steps.push_back({s.at("transition").get<std::uint32_t>(), s.at("state").get<State>()});
    t.violating_transition = j.at("violating_transition").get<std::int32_t>();
    t.violated_clause = j.at("violated_clause").get<std::int32_t>();
    t.violation = j.at("violation").get<std::string>();
    t.loop_start = j.at("loop_start").get<std::int32_t>();
    return t;
}

Verdict verdict_from_name(const std::string& s) {
    for (Verdict v : {Verdict::Pass, Verdict::Fail, Verdict::Unknown, Verdict::Error})
        if (s == verdict_name(v)) return v;
    throw std::invalid_argument("unknown verdict '" + s + "'");
}

}  // namespace

nlohmann::json result_to_json(const PropertyResult& r) {
    nlohmann::json measures = nlohmann::json::array(), witnesses = nlohmann::json::array();
    for (const auto& [name, v] : r.measures) measures.push_back({name, v});
    for (const auto& [name, t] : r.witnesses) witnesses.push_back({{"name", name}, {"trace", trace_to_json(t)}});
    return {{"name", r.name},
            {"kind", static_cast<int>(r.kind)},
            {"verdict", verdict_name(r.verdict)},
            {"engine", r.engine},
            {"seconds", r.seconds},
            {"states", r.states},
            {"depth", r.depth},
            {"message", r.message},
            {"trace", r.trace ? trace_to_json(*r.trace) : nlohmann::json(nullptr)},
            {"certificate", r.certificate ? certificate_to_json(*r.certificate) : nlohmann::json(nullptr)},
            {"measures", measures},
            {"witnesses", witnesses}};
}

PropertyResult result_from_json(const nlohmann::json& j) {
    PropertyResult r;
    r.name = j.at("name").get<std::string>();
    const int kind = j.at("kind").get<int>();
    if (kind < 0 || kind > static_cast<int>(PropertyKind::Cover)) throw std::invalid_argument("unknown property kind");
    r.kind = static_cast<PropertyKind>(kind);
    r.verdict = verdict_from_name(j.at("verdict").get<std::string>());
    r.engine = j.at("engine").get<std::string>();
    r.seconds = j.at("seconds").get<double>();
    r.states = j.at("states").get<std::uint64_t>();
    r.depth = j.at("depth").get<std::uint32_t>();
    r.message = j.at("message").get<std::string>();
    if (!j.at("trace").is_null()) r.trace = trace_from_json(j.at("trace"));
    if (!j.at("certificate").is_null()) r.certificate = certificate_from_json(j.at("certificate"));
    for (const auto& m : j.at("measures")) r.measures.emplace_back(m.at(0).get<std::string>(), m.at(1).get<double>());
    for (const auto& w : j.at("witnesses")) r.witnesses.emplace_back(w.at("name").get<std::string>(), trace_from_json(w.at("trace")));
    return r;
}

}  // namespace np
