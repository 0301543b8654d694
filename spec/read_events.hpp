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

//
// stream_events hands the events to `sink` one by one in file order and keeps none: a recording
// of any size is read in bounded memory (the file is mapped and its pages handed back as the
// decoder passes them, spec/mapped_bytes.hpp). read_events keeps them all.
RecordingInfo stream_events(const std::string& path, const EventSink& sink);
EventRecording read_events(const std::string& path);

// What `neuroproof events` prints: counts, the first and last timestamps in file order, and the
// smallest and largest (they differ when timestamps are not monotonic).
struct RecordingSummary {
    std::uint64_t events = 0, on = 0, off = 0;
    std::int64_t t_first = 0, t_last = 0;
    std::int64_t t_min = 0, t_max = 0;
};
// Accumulates a summary event by event.
struct SummaryCounter {
    RecordingSummary s;
    void operator()(const DvsEvent& e);
};
RecordingSummary summarize(const EventRecording& r);
// Streams the file (stream_events) and summarizes it; `info` receives the format and resolution.
RecordingSummary summarize_events(const std::string& path, RecordingInfo& info);

}  // namespace np
