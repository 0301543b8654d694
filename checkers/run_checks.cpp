#include "checkers/run_checks.hpp"

#include <stdexcept>

namespace np {

std::vector<std::string> available_properties(const System& sys) {
    std::vector<std::string> names;
    for (const Property& p : sys.properties) names.push_back(p.name);
    return names;
}

std::vector<PropertyResult> run_checks(const System& sys, const CheckRequest& request) {
    if (request.engine != "explicit" && request.engine != "auto")
        throw std::invalid_argument("engine '" + request.engine +
                                    "' is not available in this version (available: explicit, auto)");
    std::vector<const Property*> selected;
    if (request.properties.empty()) {
        for (const Property& p : sys.properties) selected.push_back(&p);
    } else {
        for (const std::string& name : request.properties) {
            const Property* p = sys.find_property(name);
            if (!p) {
                std::string avail;
                for (const std::string& n : available_properties(sys)) avail += (avail.empty() ? "" : ", ") + n;
                throw std::invalid_argument("property '" + name + "' is not available for this input (available: " +
                                            avail + ")");
            }
            if (std::find(selected.begin(), selected.end(), p) == selected.end()) selected.push_back(p);
        }
    }
    return check_explicit(sys, selected, request.explicit_options);
}

}  // namespace np
