// Input events of a DVS (dynamic vision sensor) recording, as the neuromorphic core receives
// them (DESIGN §5): pixel address, polarity, and timestamp in microseconds.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace np {

struct DvsEvent {
    std::int64_t t = 0;   // microseconds since the recording's origin
    std::uint16_t x = 0;
    std::uint16_t y = 0;
    bool on = false;      // polarity: true = ON (brightness increase)
    friend bool operator==(const DvsEvent&, const DvsEvent&) = default;
};

// What a recording says about itself: its format and the sensor resolution where the file
// states it.
struct RecordingInfo {
    std::string format;                 // "aedat2", "aedat3.1", "aedat4", "evt2", "evt3", "dat", "nmnist", "text"
    std::optional<std::uint32_t> width;
    std::optional<std::uint32_t> height;
};

// A whole recording in memory: its polarity events in file order.
struct EventRecording : RecordingInfo {
    std::vector<DvsEvent> events;
};

// Where a streaming decoder hands each event, in file order, keeping none (spec/read_events.hpp).
using EventSink = std::function<void(const DvsEvent&)>;

// Runs a streaming decoder, `decode(sink) -> RecordingInfo`, keeping every event in memory.
template <class Decode>
EventRecording collect_events(Decode&& decode) {
    EventRecording r;
    static_cast<RecordingInfo&>(r) = decode(EventSink([&r](const DvsEvent& e) { r.events.push_back(e); }));
    return r;
}

}  // namespace np
