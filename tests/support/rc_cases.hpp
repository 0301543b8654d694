// Runs a RapidCheck property with its own case count instead of RC_PARAMS's per-property one, for
// the properties whose cases are expensive (engines, solvers, ABC). The seed is `seed` unless
// RC_PARAMS names one (seed=...), so that CI runs one reproducible sample and a developer can
// explore others.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

namespace np::test {

// "" when every case passed, else RapidCheck's report (the shrunk counterexample).
template <class Property>
std::string check_cases(const std::string& id, int cases, std::uint64_t seed, Property&& property) {
    rc::detail::TestParams params = rc::detail::configuration().testParams;
    params.maxSuccess = cases;
    const char* rc = std::getenv("RC_PARAMS");
    if (seed && (!rc || std::string(rc).find("seed=") == std::string::npos)) params.seed = seed;
    rc::detail::TestMetadata meta;
    meta.id = id;
    const auto result = rc::detail::checkTestable(property, meta, params);
    if (result.template is<rc::detail::SuccessResult>()) return "";
    std::ostringstream ss;
    rc::detail::printResultMessage(result, ss);
    return ss.str();
}

}  // namespace np::test
