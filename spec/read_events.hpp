// Event recordings of any supported format, chosen by content (magic header) and, where a format
// has none, by extension:
//   #!AER-DAT2.0 / #!AER-DAT3.1 / #!AER-DAT4.0   AEDAT (read_aedat.hpp)
//   % evt 2.0 / % evt 3.0 / % format EVT2|EVT3   Prophesee raw (read_prophesee.hpp)
//   .dat                                           Prophesee DAT
//   .bin                                           N-MNIST 40-bit events (read_nmnist.hpp)
//   .csv / .txt / .events                          text `t,x,y,p` (events_text.hpp)
#pragma once

#include <cstdint>
#include <string>

#include "model/events.hpp"

namespace np {

EventRecording read_events(const std::string& path);

// What `neuroproof events` prints.
struct RecordingSummary {
    std::uint64_t events = 0, on = 0, off = 0;
    std::int64_t t_first = 0, t_last = 0;
};
RecordingSummary summarize(const EventRecording& r);

}  // namespace np
