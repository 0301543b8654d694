// Tests of model/speck_memory (sinabs' memory_summary / get_constraints): the formula on
// hand-computed layers, the capacity table, the fit messages, and properties of the
// power-of-two rounding. Kept with the NIR tests because the NIR import is its first user.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "model/speck_memory.hpp"

namespace np {
namespace {

CoreConfig core(std::uint32_t id, std::uint32_t cin, std::uint32_t hw, std::uint32_t cout, std::uint32_t k,
                std::uint32_t stride = 1, std::uint32_t pad = 0) {
    CoreConfig c;
    c.id = id;
    c.in_channels = cin;
    c.in_width = c.in_height = hw;
    c.out_channels = cout;
    c.kernel_x = c.kernel_y = k;
    c.stride_x = c.stride_y = stride;
    c.padding_x = c.padding_y = pad;
    return c;
}

TEST(NirMemory, CeilLog2) {
    EXPECT_EQ(ceil_log2(0), 0u);
    EXPECT_EQ(ceil_log2(1), 0u);
    EXPECT_EQ(ceil_log2(2), 1u);
    EXPECT_EQ(ceil_log2(3), 2u);
    EXPECT_EQ(ceil_log2(16), 4u);
    EXPECT_EQ(ceil_log2(17), 5u);
    EXPECT_EQ(ceil_log2(std::uint64_t{1} << 40), 40u);
}

// The five layers of data/nir/cnn_sinabs.nir, computed by hand with sinabs' formula.
TEST(NirMemory, HandComputedLayers) {
    // 16x2x5x5, 34x34 input, stride 2, pad 1 -> 16x16: kernel 2 * 2^(5 + 4), neurons 16 * 2^(4 + 4).
    CoreMemory m = core_memory_requirement(core(0, 2, 34, 16, 5, 2, 1));
    EXPECT_EQ(m.kernel, 1024u);
    EXPECT_EQ(m.neuron, 4096u);
    EXPECT_EQ(m.bias, 0u);
    // 256 x (8, 4, 4) as a 4x4 convolution: 8 * 2^(4 + 8) = 32Ki = core 3's kernel memory exactly.
    m = core_memory_requirement(core(3, 8, 4, 256, 4));
    EXPECT_EQ(m.kernel, 32768u);
    EXPECT_EQ(m.neuron, 256u);
    EXPECT_EQ(core_memory_problem(core(3, 8, 4, 256, 4)), "");
    EXPECT_EQ(core_memory_problem(core(0, 8, 4, 256, 4)), "kernel memory 32768 (32Ki) exceeds core 0's 16384 (16Ki)");
    // 10 x 256 as a 1x1 convolution: 256 * 2^(0 + 4).
    EXPECT_EQ(core_memory_requirement(core(4, 256, 1, 10, 1)).kernel, 4096u);
    // Neuron memory rounds each side separately: 5 channels of 33x17 -> 5 * 2^(6 + 5).
    EXPECT_EQ(neuron_memory(5, 17, 33), 5u * 2048u);
    // Biases count when present.
    CoreConfig b = core(7, 1, 8, 3, 1);
    b.biases = {1, 0, -1};
    EXPECT_EQ(core_memory_requirement(b).bias, 3u);
    // A 64-channel 64x64 map needs 64 * 4096 = 256Ki neurons: too many for any core.
    EXPECT_EQ(core_memory_problem(core(0, 1, 64, 64, 1)), "neuron memory 262144 (256Ki) exceeds core 0's 65536 (64Ki)");
}

TEST(NirMemory, CapacityTable) {
    const std::uint64_t Ki = 1024;
    const std::uint64_t kernel[9] = {16, 16, 16, 32, 32, 64, 64, 16, 16};
    const std::uint64_t neuron[9] = {64, 64, 64, 32, 32, 16, 16, 16, 16};
    for (std::uint32_t id = 0; id < 9; ++id) {
        const auto cap = core_memory_capacity(id);
        ASSERT_TRUE(cap.has_value());
        EXPECT_EQ(cap->kernel, kernel[id] * Ki) << id;
        EXPECT_EQ(cap->neuron, neuron[id] * Ki) << id;
        EXPECT_EQ(cap->bias, 1024u) << id;
    }
    EXPECT_FALSE(core_memory_capacity(9).has_value());
    EXPECT_EQ(core_memory_problem(core(9, 1, 4, 1, 1)), "core id 9 is not one of the chip's cores 0..8");
}

// The rounded requirement is at least the raw count and less than 4 times it (two dimensions
// rounded up to powers of two, each by less than a factor 2), and it is monotone.
RC_GTEST_PROP(NirMemory, RoundingBounds, ()) {
    const std::uint64_t cin = *rc::gen::inRange(1, 1025), cout = *rc::gen::inRange(1, 1025);
    const std::uint64_t kx = *rc::gen::inRange(1, 17), ky = *rc::gen::inRange(1, 17);
    const std::uint64_t raw = cin * cout * kx * ky;
    const std::uint64_t k = kernel_memory(cin, cout, kx, ky);
    RC_ASSERT(k >= raw);
    RC_ASSERT(k < 4 * raw);
    RC_ASSERT(kernel_memory(cin, cout + 1, kx, ky) >= k);
    const std::uint64_t w = *rc::gen::inRange(1, 129), h = *rc::gen::inRange(1, 129);
    const std::uint64_t n = neuron_memory(cout, w, h);
    RC_ASSERT(n >= cout * w * h);
    RC_ASSERT(n < 4 * cout * w * h);
    RC_ASSERT(n % cout == 0);
    const std::uint64_t per_channel = n / cout;
    RC_ASSERT((per_channel & (per_channel - 1)) == 0);  // a power of two
}

}  // namespace
}  // namespace np
