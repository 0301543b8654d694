#include "model/activity_timeline.hpp"

namespace np {

namespace {

CoreActivity minus(const CoreActivity& a, const CoreActivity& b) {
    CoreActivity d;
    d.input_events = a.input_events - b.input_events;
    d.synaptic_ops = a.synaptic_ops - b.synaptic_ops;
    d.neuron_writes = a.neuron_writes - b.neuron_writes;
    d.spikes = a.spikes - b.spikes;
    d.leak_updates = a.leak_updates - b.leak_updates;
    d.saturations = a.saturations - b.saturations;
    return d;
}

}  // namespace

ActivityTimeline::ActivityTimeline(std::int64_t t_begin, std::int64_t bin_us) : bin_us_(bin_us), bin_begin_(t_begin) {
    if (bin_us < 1) throw std::invalid_argument("activity bins must be at least 1 us wide");
}

void ActivityTimeline::close_bin(const ChipActivity& a) {
    if (bins_.size() >= kMaxBins)
        throw std::length_error("the run spans more than " + std::to_string(kMaxBins) + " activity bins of " +
                                std::to_string(bin_us_) + " us; choose wider bins");
    ActivityBin b;
    b.t_begin = bin_begin_;
    b.dvs_events = a.dvs_events - last_.dvs_events;
    b.leak_ticks = a.leak_ticks - last_.leak_ticks;
    b.output_spikes = a.output_spikes - last_.output_spikes;
    b.cores.resize(a.cores.size());
    for (std::size_t c = 0; c < a.cores.size(); ++c)
        b.cores[c] = minus(a.cores[c], c < last_.cores.size() ? last_.cores[c] : CoreActivity{});
    bins_.push_back(std::move(b));
    last_ = a;
    bin_begin_ += bin_us_;
}

void ActivityTimeline::advance(std::int64_t t, const ChipActivity& so_far) {
    while (t >= bin_begin_ + bin_us_) close_bin(so_far);
}

std::vector<ActivityBin> ActivityTimeline::finish(const ChipActivity& total) {
    close_bin(total);
    return std::move(bins_);
}

std::int64_t round_bin_width(std::int64_t t_begin, std::int64_t t_end, std::int64_t bins) {
    const std::int64_t span = t_end > t_begin ? t_end - t_begin : 1;
    const std::int64_t raw = std::max<std::int64_t>(1, (span + bins - 1) / std::max<std::int64_t>(bins, 1));
    for (std::int64_t p = 1;; p *= 10)
        for (std::int64_t m : {1, 2, 5})
            if (m * p >= raw || p > (std::int64_t{1} << 58)) return m * p;
}

}  // namespace np
