#include "checkers/activity_report.hpp"

#include <cstdio>
#include <map>

namespace np {

ActivityReport activity_report(const System& sys, const SimulationResult& run) {
    ActivityReport r;
    std::map<std::string, ComponentActivity> by;
    for (const auto& step : run.run.steps) {
        const Transition& t = sys.transitions[step.transition];
        if (!is_local(t.kind)) {
            ++r.inputs;
            continue;
        }
        ++r.local_firings;
        r.energy += t.energy;
        ComponentActivity& c = by[t.origin.component];
        c.component = t.origin.component.empty() ? "(top)" : t.origin.component;
        ++c.firings;
        c.energy += t.energy;
    }
    for (const InputActivity& a : run.per_input) {
        r.max_firings_per_input = std::max(r.max_firings_per_input, a.local_firings);
        r.max_energy_per_input = std::max(r.max_energy_per_input, a.energy);
    }
    for (auto& [_, c] : by) r.by_component.push_back(c);
    return r;
}

std::string format_activity_report(const ActivityReport& r) {
    std::string s;
    char line[256];
    std::snprintf(line, sizeof line, "inputs %llu, local firings %llu (%.3f per input, at most %llu), energy %llu (at most %llu per input)\n",
                  static_cast<unsigned long long>(r.inputs), static_cast<unsigned long long>(r.local_firings), r.firings_per_input(),
                  static_cast<unsigned long long>(r.max_firings_per_input), static_cast<unsigned long long>(r.energy),
                  static_cast<unsigned long long>(r.max_energy_per_input));
    s += line;
    std::snprintf(line, sizeof line, "  %-32s %12s %12s %14s\n", "component", "firings", "energy", "per input");
    s += line;
    for (const ComponentActivity& c : r.by_component) {
        std::snprintf(line, sizeof line, "  %-32s %12llu %12llu %14.3f\n", c.component.c_str(), static_cast<unsigned long long>(c.firings),
                      static_cast<unsigned long long>(c.energy), r.inputs ? double(c.firings) / double(r.inputs) : 0.0);
        s += line;
    }
    return s;
}

}  // namespace np
