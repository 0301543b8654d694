// Activity over time (DESIGN §5's switching-activity proxy, binned by event time): the run's
// ChipActivity counters cut into consecutive bins of `bin_us` microseconds starting at t_begin.
// An input (a DVS event or a leak tick) at time t is counted in the bin holding t: the timeline is
// told the time of each input before it is processed (advance), and closed after the last.
// Inputs before t_begin count in the first bin. Bins with no input are present, with zeros.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "model/emulator.hpp"

namespace np {

struct ActivityBin {
    std::int64_t t_begin = 0;        // the bin is [t_begin, t_begin + bin_us)
    std::uint64_t dvs_events = 0;    // events offered to the DVS layer
    std::uint64_t leak_ticks = 0;
    std::uint64_t output_spikes = 0;
    std::vector<CoreActivity> cores;  // by core id, as ChipActivity::cores
};

class ActivityTimeline {
public:
    // At most kMaxBins bins: throws std::invalid_argument when bin_us < 1.
    ActivityTimeline(std::int64_t t_begin, std::int64_t bin_us);
    static constexpr std::size_t kMaxBins = 1'000'000;

    void advance(std::int64_t t, const ChipActivity& so_far);
    // Closes the last bin; throws std::length_error when the run needed more than kMaxBins bins.
    std::vector<ActivityBin> finish(const ChipActivity& total);
    std::int64_t bin_us() const { return bin_us_; }

private:
    void close_bin(const ChipActivity& so_far);
    std::int64_t bin_us_, bin_begin_;
    ChipActivity last_;
    std::vector<ActivityBin> bins_;
};

// A bin width that cuts [t_begin, t_end] into about `bins` bins, rounded up to 1, 2 or 5 times a
// power of ten microseconds (at least 1).
std::int64_t round_bin_width(std::int64_t t_begin, std::int64_t t_end, std::int64_t bins);

}  // namespace np
