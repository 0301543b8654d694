// Memory of a Speck / DYNAP-CNN core: what a core configuration needs and what each of the 9
// cores has.
//
// Source: sinabs (github.com/synsense/sinabs), the SynSense toolchain that maps networks onto
// the chip. Capacities are `DynapcnnConfigBuilder.get_constraints()` in
// sinabs/backend/dynapcnn/chips/dynapcnn.py (Speck 2e/2f inherit them unchanged); requirements
// are `DynapcnnLayer.memory_summary()` in sinabs/backend/dynapcnn/dynapcnn_layer.py, which rounds
// every dimension the hardware addresses with separate bit fields up to a power of two:
//
//   kernel memory = c_in * 2^(ceil(log2(k_x * k_y)) + ceil(log2(c_out)))
//   neuron memory = c_out * 2^(ceil(log2(out_height)) + ceil(log2(out_width)))
//   bias memory   = c_out if the core has biases, else 0
//
// A layer fits core i when each requirement is at most that core's capacity (sinabs
// `LayerConstraints.fits`). Units are memory entries (one weight, one neuron state or one
// bias each); "Ki" below is 1024 entries.
//
//   core           0     1     2     3     4     5     6     7     8
//   kernel (Ki)   16    16    16    32    32    64    64    16    16
//   neuron (Ki)   64    64    64    32    32    16    16    16    16
//   bias          1024 on every core
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model/speck_config.hpp"

namespace np {

struct CoreMemory {
    std::uint64_t kernel = 0;
    std::uint64_t neuron = 0;
    std::uint64_t bias = 0;
};

// ceil(log2(n)) for n >= 1 (0 for n = 1); n = 0 is treated as 1.
std::uint32_t ceil_log2(std::uint64_t n);

// The formulas above on raw dimensions.
std::uint64_t kernel_memory(std::uint64_t in_channels, std::uint64_t out_channels, std::uint64_t kernel_x,
                            std::uint64_t kernel_y);
std::uint64_t neuron_memory(std::uint64_t out_channels, std::uint64_t out_width, std::uint64_t out_height);

// What `core` needs: kernel and neuron memory from its dimensions; bias memory = out_channels
// when `core.biases` is non-empty.
CoreMemory core_memory_requirement(const CoreConfig& core);

// What core `id` (0..8) has; nullopt for an id that is not a core.
std::optional<CoreMemory> core_memory_capacity(std::uint32_t id);

// Empty when `core` fits the memory of the core its id names; otherwise a message naming the
// first exceeded memory, e.g. "kernel memory 32768 exceeds core 2's 16384 (16Ki)".
std::string core_memory_problem(const CoreConfig& core);

}  // namespace np
