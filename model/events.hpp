// Input events of a DVS (dynamic vision sensor) recording, as the neuromorphic core receives
// them (DESIGN §5): pixel address, polarity, and timestamp in microseconds.
#pragma once

#include <cstdint>
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

// What a recording holds: its format, the sensor resolution where the file states it, and the
// polarity events in file order.
struct EventRecording {
    std::string format;                 // "aedat2", "aedat3.1", "aedat4", "evt2", "evt3", "dat", "nmnist", "text"
    std::optional<std::uint32_t> width;
    std::optional<std::uint32_t> height;
    std::vector<DvsEvent> events;
};

}  // namespace np
