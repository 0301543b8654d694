// Import of a NIR graph (read_nir) as a Speck chip configuration (model/speck_config.hpp), the
// way sinabs (the SynSense toolchain) maps a network onto DYNAP-CNN / Speck.
//
// Accepted graphs are one chain from the single Input node to the single Output node:
//
//   Input(C, H, W) [SumPool2d]* ( [Flatten] (Conv2d | Affine | Linear) IF [SumPool2d]* [Flatten] )+ Output
//
//  - Input: shape (C, H, W) with C = 2 (polarity becomes the feature: OFF = 0, ON = 1) or C = 1
//    (polarities merged), 1 <= H, W <= 128. It becomes the DVS layer: width W, height H, no
//    mirroring; SumPool2d nodes right after it become the DVS pooling (per axis 1, 2 or 4), and
//    the crop window keeps the floor(W / pool_x) x floor(H / pool_y) map PyTorch keeps.
//  - (Conv2d | Affine | Linear) followed by IF is one core; cores get ids 0, 1, ... in chain
//    order (at most 9). Each core's destination is the next core, or the chip's output for the
//    last one. SumPool2d nodes after an IF become that destination's pooling (the product of
//    their sizes, square, 1, 2 or 4, and the map must be divisible by it).
//  - Conv2d: PyTorch/NIR weight [c_out][c_in][k_y][k_x] becomes Speck's [c_out][c_in][k_x][k_y]
//    (the last two axes transposed, as sinabs does); stride and padding are (y, x); padding may
//    be the strings "valid" or "same" (odd kernels, stride 1). groups != 1 and dilation != 1
//    are rejected (Speck has neither).
//  - Flatten + Affine/Linear: a convolution whose kernel covers the whole (C, H, W) input map
//    (k_x = W, k_y = H, no padding, output 1x1). PyTorch flattens in (c, y, x) order, so Speck
//    weight [o][c][x][y] = A[o][(c * H + y) * W + x]. An Affine after an IF whose output is
//    already flat sees an (N, 1, 1) map (1x1 kernel). Flatten must flatten all of (C, H, W)
//    (start_dim/end_dim over the tensor, or over a leading batch dimension when `input_type`
//    has one more entry).
//  - IF (r, v_threshold[, v_reset]): v_threshold must be one positive value for the whole
//    layer (Speck has one threshold per core); r must be uniform within each output channel
//    and multiplies that channel's weights and bias (NIR: tau dv/dt = R I); v_reset must be 0.
//
// Quantisation (sinabs backend/dynapcnn/discretize.py, `_discretize_conv_spk_`): per core ONE
// scale s = min(s_w, s_b, s_t) with
//   s_w = determine_discretization_scale(r * W, 8 bits), s_b = (r * b, bias_scale_bits),
//   s_t = (thresholds (-v_threshold, v_threshold), 16 bits), where for a tensor x and n bits
//   s(x, n) = (2^(n-1) - 1) / max(x)   when |min(x)| <= |max(x)| * 2^(n-1) / (2^(n-1) - 1)
//             2^(n-1) / |min(x)|        otherwise            (+inf for an all-zero tensor);
// then w_q = round(s * r * w), b_q = round(s * r * b), threshold_high = round(s * v_threshold),
// threshold_low = -threshold_high; round half to even, arithmetic in IEEE single precision as
// PyTorch does (including its `k / t` = `k * (1 / t)` for a scalar over a tensor). A threshold
// that rounds to 0 is rejected. Non-zero quantised biases become the core's per-channel biases
// with leak enabled (sinabs: leak_enable = any(biases)). The spike test is the emulator's
// default `v >= threshold_high` (sinabs' IAF fires on v >= threshold) and the reset subtracts
// the threshold (sinabs' MembraneSubtract) unless NirToSpeckOptions::return_to_zero.
//
// Rejected, each with an np::SourceError at `file:1:1` whose message starts with the node's
// HDF5 path and names the node and its type: node types Speck cannot run (LIF, CubaLIF, LI,
// CubaLI, I, Delay, Scale, Threshold, AvgPool2d, Conv1d, nested NIRGraph, unknown types),
// recurrent edges (cycles), branches and joins, disconnected nodes, missing or malformed
// parameters, shape mismatches, and every chip limit of speck_config.hpp (kernel square and at
// most 16, stride 1/2/4/8, padding <= 7, channels <= 1024, input map <= 128, output map <= 64,
// 9 cores) and of model/speck_memory.hpp (kernel/neuron/bias memory of the core id assigned).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/speck_config.hpp"
#include "spec/read_nir.hpp"

namespace np {

struct NirToSpeckOptions {
    // Width of the range the bias scale is fitted to. sinabs' discretize uses the weight
    // precision, 8 bits, for biases too (DYNAPCNN_WEIGHT_PRECISION_BITS): default 8.
    std::uint32_t bias_scale_bits = 8;
    // Reset on a spike: sinabs' IAF subtracts the threshold (default false); true = reset to 0.
    bool return_to_zero = false;
};

// Where a core of the imported configuration came from.
struct NirCoreOrigin {
    std::uint32_t core = 0;
    std::string weight_node;   // the Conv2d / Affine / Linear node
    std::string weight_type;
    std::string spike_node;    // the IF node
    std::vector<std::string> pool_nodes;  // SumPool2d nodes after the IF
    float scale = 0;           // the core's common discretisation scale
};

struct NirSpeckImport {
    SpeckConfig config;
    std::vector<NirCoreOrigin> cores;  // in core-id order
};

NirSpeckImport nir_to_speck(const NirFile& file, const NirToSpeckOptions& options = {});

// read_nir then nir_to_speck.
NirSpeckImport import_nir(const std::string& path, const NirToSpeckOptions& options = {});

// sinabs' determine_discretization_scale over `values` for a `bits`-bit signed range, in single
// precision; +inf when every value is 0 (or `values` is empty).
float discretization_scale(const std::vector<float>& values, std::uint32_t bits);

// round_half_to_even(value * scale) in single precision (sinabs' discretize_tensor).
float discretize_value(float value, float scale);

}  // namespace np
