// A PropertyResult as JSON and back, exactly (verdict, evidence, certificate, measures), for
// handing results between processes (checkers/isolated_engine.hpp). Not the report format: that is
// reports/write_json.hpp.
#pragma once

#include <nlohmann/json.hpp>

#include "checkers/result.hpp"

namespace np {

nlohmann::json result_to_json(const PropertyResult& r);
// Throws nlohmann::json::exception or std::invalid_argument on a malformed object.
PropertyResult result_from_json(const nlohmann::json& j);

}  // namespace np
