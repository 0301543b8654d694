// Bit-exact spike equivalence (DESIGN §3): the spikes an implementation emits against those of
// the reference emulator. Addresses are (core, feature, x, y); each spike carries the timestamp
// of the input that caused it.
//   Exact      the same spikes in the same order (where the hardware promises a total order);
//   PerNeuron  for every output neuron the same sequence of spikes (timestamps in order); the
//              interleaving of different neurons is free (an asynchronous output merge).
// Final neuron states are compared exactly, per core.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/emulator.hpp"

namespace np {

enum class SpikeOrder : std::uint8_t { Exact, PerNeuron };

// Empty when equal; otherwise the first difference, in words (which neuron, which spike, what
// each side emitted).
std::string compare_spikes(const std::vector<OutputSpike>& reference, const std::vector<OutputSpike>& implementation,
                           SpikeOrder order);

// Empty when equal; otherwise the first differing neuron (index in [c][x][y] order) and values.
std::string compare_states(const CoreConfig& core, const std::vector<std::int16_t>& reference,
                           const std::vector<std::int16_t>& implementation);

}  // namespace np
