// junit.xml: one <testcase> per property, so CI systems show verdicts natively. FAIL is a
// <failure>, ERROR an <error>, UNKNOWN is <skipped> with the coverage message (never a pass).
#pragma once

#include <pugixml.hpp>
#include <string>

#include "reports/write_json.hpp"

namespace np {

void write_junit(const std::string& path, const RunSummary& run);

// A JUnit document: the XML declaration and the <testsuites> root, returned to be filled.
pugi::xml_node start_junit(pugi::xml_document& doc);

// Text as XML 1.0 allows it: valid UTF-8 (model/diagnostic.hpp: to_valid_utf8) without control
// characters other than tab, line feed and carriage return (each of the others becomes U+FFFD).
std::string xml_text(std::string_view s);

}  // namespace np
