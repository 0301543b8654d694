#include "checkers/check_options.hpp"

#include <stdexcept>

namespace np {

CheckRequest make_check_request(const CheckOptions& a, const ModelSource& source, const Budget& budget) {
    CheckRequest req;
    req.source = source;
    if (!a.isolate_with.empty()) {
        auto iso = std::make_shared<Isolation>();
        iso->executable = a.isolate_with;
        iso->source = source;
        iso->max_memory_bytes = budget.max_memory_bytes / 4;
        req.symbolic.isolation = iso;
    }
    req.properties = a.properties;
    req.engine = a.engine;
    req.explicit_options.limits.max_states = a.max_states;
    req.explicit_options.reduce = a.reduce;
    req.explicit_options.jobs = a.engine == "explicit" && a.jobs ? a.jobs : 1;
    if (a.search != "bfs" && a.search != "dfs") throw std::invalid_argument("--search expects bfs or dfs, got '" + a.search + "'");
    req.explicit_options.order = a.search == "dfs" ? SearchOrder::DepthFirst : SearchOrder::BreadthFirst;
    req.symbolic.depth = a.depth;
    req.budget = budget;
    req.jobs = a.jobs;
    req.paranoid = a.paranoid;
    req.quiescence.settling_bound = a.within;
    if (a.max_k) req.quiescence.activity_bound = Ratio::parse(*a.max_k);
    for (const std::string& m : a.mutex) {
        auto comma = m.find(',');
        if (comma == std::string::npos || comma == 0 || comma + 1 == m.size())
            throw std::invalid_argument("--mutex expects two signal names A,B, got '" + m + "'");
        req.mutex_signals.push_back({m.substr(0, comma), m.substr(comma + 1)});
    }
    return req;
}

std::string verdict_options_text(const CheckOptions& a) {
    std::string s = "engine=" + a.engine + "\nmax_states=" + std::to_string(a.max_states) + "\ndepth=" + std::to_string(a.depth);
    s += "\nwithin=" + (a.within ? std::to_string(*a.within) : std::string("-"));
    s += "\nmax_k=" + (a.max_k ? Ratio::parse(*a.max_k).str() : std::string("-"));
    for (const std::string& m : a.mutex) s += "\nmutex=" + m;
    s += std::string("\nparanoid=") + (a.paranoid ? "1" : "0") + "\n";
    return s;
}

}  // namespace np
