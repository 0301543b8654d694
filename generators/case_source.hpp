// Case sources for the fuzz loop (checkers/fuzz_run.hpp): RapidCheck generators behind the
// CaseSource interface of model/fuzz_input.hpp. Case i is generated with the random seed
// mix(seed, i) and size 1 + i % 100, so a run is a pure function of the seed; its shrink tree is
// RapidCheck's (fewer and simpler inputs, a simpler schedule, a simpler configuration).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/fuzz_input.hpp"

namespace np::gen {

// Streams of up to max_events inputs for `reference` (event_stream) under schedule policies.
CaseSource stream_cases(const SpeckConfig& reference, std::size_t max_events, std::uint64_t seed);
// A random configuration inside the chip's limits per case (single_core_config), then a stream
// for it and a policy.
CaseSource config_cases(std::size_t max_events, std::uint64_t seed);
// One fixed stream under schedule policies.
CaseSource schedule_cases(std::vector<ChipInput> stream, std::uint64_t seed);

}  // namespace np::gen
