// Fitting a recording to the configured sensor before the chip sees it (`emulate --crop`,
// `--downsample`): a camera of another resolution (N-CARS 120x100, DAVIS346 346x260) would
// otherwise lose every event outside the DVS layer's width x height.
//   crop        keep the events with x0 <= x < x0 + width and y0 <= y < y0 + height, moved to
//               (x - x0, y - y0);
//   downsample  then x / factor, y / factor (integer division: factor x factor pixels become one).
// The DVS layer's own pooling and crop (its configuration) come after this, on the chip.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model/events.hpp"

namespace np {

struct EventWindow {
    std::uint32_t x0 = 0, y0 = 0, width = 0, height = 0;
};

struct EventMapping {
    std::optional<EventWindow> crop;
    std::uint32_t downsample = 1;  // >= 1
    bool identity() const { return !crop && downsample == 1; }
    // The mapped event, or nullopt when the crop drops it.
    std::optional<DvsEvent> apply(DvsEvent e) const;
};

// "X,Y,W,H" with W, H >= 1 and every number < 65536; nullopt otherwise.
std::optional<EventWindow> parse_window(const std::string& text);

// What a recording holds and how much of it the configured sensor takes, counted while streaming.
struct SensorFit {
    std::uint64_t events = 0;          // events read
    std::uint64_t cropped = 0;         // dropped by the crop window
    std::uint64_t outside = 0;         // after the mapping, outside width x height
    std::uint32_t max_x = 0, max_y = 0;  // largest coordinates read (before the mapping)
    void count(const DvsEvent& raw, const std::optional<DvsEvent>& mapped, std::uint32_t width, std::uint32_t height);
    // Empty when every mapped event fits; otherwise the warning `emulate` prints, e.g. "1388 of
    // 2009 events (69.1%) lie outside the 34x34 sensor of the configuration and are dropped (the
    // recording reaches x 119, y 99); --crop X,Y,W,H or --downsample N fits it".
    std::string warning(std::uint32_t width, std::uint32_t height) const;
};

}  // namespace np
