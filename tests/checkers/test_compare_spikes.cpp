#include <gtest/gtest.h>

#include "checkers/compare_spikes.hpp"

namespace np {
namespace {

TEST(CompareSpikes, ExactAndPerNeuron) {
    std::vector<OutputSpike> ref = {{1, 0, 0, 1, 1}, {1, 0, 1, 2, 2}, {5, 0, 0, 1, 1}};
    std::vector<OutputSpike> swapped = {{1, 0, 1, 2, 2}, {1, 0, 0, 1, 1}, {5, 0, 0, 1, 1}};
    EXPECT_EQ(compare_spikes(ref, ref, SpikeOrder::Exact), "");
    EXPECT_EQ(compare_spikes(ref, swapped, SpikeOrder::Exact),
              "spike 1: reference core 0 neuron (0, 1, 1) at t=1, implementation core 0 neuron (1, 2, 2) at t=1");
    EXPECT_EQ(compare_spikes(ref, swapped, SpikeOrder::PerNeuron), "");
    std::vector<OutputSpike> missing = {ref[0], ref[1]};
    EXPECT_EQ(compare_spikes(ref, missing, SpikeOrder::PerNeuron),
              "core 0 neuron (0, 1, 1): reference 2 spikes, implementation 1; first missing at t=5");
    EXPECT_EQ(compare_spikes(ref, missing, SpikeOrder::Exact),
              "the reference emits 3 spikes, the implementation 2; first missing: core 0 neuron (0, 1, 1) at t=5");
    std::vector<OutputSpike> late = {ref[0], ref[1], {6, 0, 0, 1, 1}};
    EXPECT_EQ(compare_spikes(ref, late, SpikeOrder::PerNeuron),
              "core 0 neuron (0, 1, 1): reference 2 spikes, implementation 2; spike 2 at t=5 vs t=6");
}

TEST(CompareSpikes, States) {
    CoreConfig c;
    c.in_width = c.in_height = 2;
    c.out_channels = 2;
    std::vector<std::int16_t> a(8, 0), b(8, 0);
    EXPECT_EQ(compare_states(c, a, b), "");
    b[c.neuron_index(1, 0, 1)] = -3;
    EXPECT_EQ(compare_states(c, a, b), "core 0 neuron (1, 0, 1): reference state 0, implementation -3");
}

}  // namespace
}  // namespace np
