// An input stream for the simulation engine: one input transition name per line; `#` starts a
// comment; blank lines are ignored; `NAME * N` repeats a name N times. At most kMaxStreamInputs
// inputs in all (16,777,216: 64 MiB of stream), checked before they are stored.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/system.hpp"

namespace np {

inline constexpr std::uint64_t kMaxStreamInputs = std::uint64_t{1} << 24;

// Transition indices in stream order. Throws SourceError (file:line:col) for an unknown name, a
// transition that is not an input, or a malformed repeat count.
std::vector<std::uint32_t> read_input_stream(const System& sys, const std::string& path);
std::vector<std::uint32_t> parse_input_stream(const System& sys, const std::string& file, const std::string& text);

}  // namespace np
