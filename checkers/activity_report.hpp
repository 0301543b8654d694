// The activity report (issue "no input, no power"): for a run of the simulation engine, the
// number of local firings (and their energy) per input event, in total and by component — the
// switching-activity proxy for dynamic power. A component is a transition's Origin::component
// (the instance path of a design; "" = top level, reported as "(top)").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "checkers/simulate.hpp"

namespace np {

struct ComponentActivity {
    std::string component;
    std::uint64_t firings = 0;
    std::uint64_t energy = 0;
};

struct ActivityReport {
    std::uint64_t inputs = 0;
    std::uint64_t local_firings = 0;
    std::uint64_t energy = 0;
    std::uint64_t max_firings_per_input = 0;
    std::uint64_t max_energy_per_input = 0;
    std::vector<ComponentActivity> by_component;  // local firings only, sorted by name
    double firings_per_input() const { return inputs ? double(local_firings) / double(inputs) : 0.0; }
};

ActivityReport activity_report(const System& sys, const SimulationResult& run);
std::string format_activity_report(const ActivityReport& report);

}  // namespace np
