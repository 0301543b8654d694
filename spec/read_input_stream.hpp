// An input stream for the simulation engine: one input transition name per line; `#` starts a
// comment; blank lines are ignored; `NAME * N` repeats a name N times (1 <= N <= 10^9 in total).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/system.hpp"

namespace np {

// Transition indices in stream order. Throws SourceError (file:line:col) for an unknown name, a
// transition that is not an input, or a malformed repeat count.
std::vector<std::uint32_t> read_input_stream(const System& sys, const std::string& path);
std::vector<std::uint32_t> parse_input_stream(const System& sys, const std::string& file, const std::string& text);

}  // namespace np
