// Property selection and engine dispatch for `neuroproof check`.
#pragma once

#include <string>
#include <vector>

#include "checkers/explicit_search.hpp"

namespace np {

struct CheckRequest {
    std::vector<std::string> properties;  // empty: every property the system declares
    std::string engine = "auto";          // explicit | auto (symbolic engines: see issue 3)
    ExplicitOptions explicit_options;
};

// Names of the properties `sys` offers, in declaration order.
std::vector<std::string> available_properties(const System& sys);

// Throws std::invalid_argument for an unknown engine or a property the system does not offer
// (a usage error: exit 2).
std::vector<PropertyResult> run_checks(const System& sys, const CheckRequest& request);

}  // namespace np
