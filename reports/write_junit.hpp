// junit.xml: one <testcase> per property, so CI systems show verdicts natively. FAIL is a
// <failure>, ERROR an <error>, UNKNOWN is <skipped> with the coverage message (never a pass).
#pragma once

#include <string>

#include "reports/write_json.hpp"

namespace np {

void write_junit(const std::string& path, const RunSummary& run);

}  // namespace np
