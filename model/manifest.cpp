#include "model/manifest.hpp"

namespace np {

const char* outcome_name(Outcome o) {
    switch (o) {
        case Outcome::Pass: return "pass";
        case Outcome::Fail: return "fail";
        case Outcome::Unknown: return "unknown";
        case Outcome::Timeout: return "timeout";
        case Outcome::Error: return "error";
    }
    return "?";
}

bool Expectation::admits(Outcome o) const {
    if (o == Outcome::Timeout && (allowed & (1u << static_cast<unsigned>(Outcome::Unknown)))) return true;
    return (allowed >> static_cast<unsigned>(o)) & 1u;
}

std::string Expectation::text() const {
    std::string out;
    for (unsigned k = 0; k <= static_cast<unsigned>(Outcome::Error); ++k)
        if ((allowed >> k) & 1u) out += (out.empty() ? "" : "|") + std::string(outcome_name(static_cast<Outcome>(k)));
    return out.empty() ? "nothing" : out;
}

bool property_pattern_matches(const std::string& pattern, const std::string& name) {
    if (!pattern.empty() && pattern.back() == '*') return name.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
    return pattern == name;
}

std::optional<Expectation> ExpectationTable::find(const std::string& property) const {
    // An exact name wins over a pattern, a longer pattern over a shorter one.
    const Expectation* best = nullptr;
    std::size_t best_len = 0;
    bool best_exact = false;
    for (const auto& [pattern, e] : by_property) {
        if (!property_pattern_matches(pattern, property)) continue;
        const bool exact = pattern == property;
        if (!best || (exact && !best_exact) || (exact == best_exact && pattern.size() > best_len)) {
            best = &e;
            best_len = pattern.size();
            best_exact = exact;
        }
    }
    if (best) return *best;
    return fallback;
}

Expectation expected_outcome(const Manifest& m, const ManifestDesign& design, const ManifestTask& task,
                             const std::string& property) {
    if (auto e = design.expect.find(property)) return *e;
    if (auto e = task.expect.find(property)) return *e;
    if (auto e = m.default_expect.find(property)) return *e;
    return Expectation{};
}

TaskSettings effective_settings(const Manifest& m, const ManifestTask& task) {
    TaskSettings s = task.settings;
    const TaskSettings& d = m.defaults;
    if (!s.engine) s.engine = d.engine;
    if (!s.timeout) s.timeout = d.timeout;
    if (!s.depth) s.depth = d.depth;
    if (!s.max_states) s.max_states = d.max_states;
    if (!s.within) s.within = d.within;
    if (!s.max_k) s.max_k = d.max_k;
    if (!s.mutex) s.mutex = d.mutex;
    if (!s.jobs) s.jobs = d.jobs;
    if (!s.paranoid) s.paranoid = d.paranoid;
    for (const auto& [k, o] : d.where) s.where.emplace(k, o);
    return s;
}

}  // namespace np
