// Temporal attention as deployed on Speck (Yao et al., "Spike-based dynamic computing with
// asynchronous sensing-computing neuromorphic chip", Nature Communications 2024): the event
// stream is cut into time slices, each slice gets an importance score, and only the top-k slices
// of every group of consecutive slices reach the chip; the others are masked whole. Less input,
// less synaptic work, less energy — the emulator's activity report measures by how much.
//
// Slices: slice i holds the events with t0 + i * slice_us <= t < t0 + (i + 1) * slice_us, t0 the
// first event's timestamp. Groups: slices [g * group, (g + 1) * group), or the whole stream when
// group is 0. Within a group the k slices with the highest score are kept (ties: the earlier
// slice); empty slices are never "kept". Kept events stay in their original order.
#pragma once

#include <cstdint>
#include <vector>

#include "model/events.hpp"

namespace np {

enum class SliceScore : std::uint8_t {
    Events,        // number of events in the slice (default)
    ActivePixels,  // number of distinct pixels with at least one event
};

struct AttentionOptions {
    std::int64_t slice_us = 10'000;
    std::uint32_t top_k = 1;
    std::uint32_t group = 0;
    SliceScore score = SliceScore::Events;
};

struct SliceInfo {
    std::int64_t start = 0;  // first timestamp of the slice
    std::uint64_t events = 0;
    std::uint64_t score = 0;
    bool kept = false;
};

struct AttentionResult {
    std::vector<DvsEvent> kept;
    std::vector<SliceInfo> slices;
};

// Throws std::invalid_argument for slice_us <= 0 or top_k == 0.
AttentionResult apply_temporal_attention(const std::vector<DvsEvent>& events, const AttentionOptions& options);

}  // namespace np
