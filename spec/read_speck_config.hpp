// The JSON chip configuration of the reference emulator (documented in docs/emulator.md):
//
//   {"version": 1,
//    "options": {"overflow": "saturate"|"wrap", "clip": "after_spike"|"before_spike",
//                "leak_can_spike": false, "bias_width": 16, "spike_test": ">="|">",
//                "order": "depth_first"|"breadth_first", "max_spikes_per_event": 10000000},
//    "dvs": {"width": 128, "height": 128, "merge_polarity": false, "pool": [1, 1],
//            "crop": [x0, y0, x1, y1], "mirror": {"x": false, "y": false, "diagonal": false},
//            "hot_pixel": {"max_events": N, "window_us": W},
//            "destinations": [{"core": 0, "feature_shift": 0}]},
//    "cores": [{"id": 0, "input": [channels, width, height], "output_channels": 16,
//               "kernel": [kx, ky] | k, "stride": [sx, sy] | s, "padding": [px, py] | p,
//               "weights": nested [c_out][c_in][kx][ky] or flat, "biases": [...],
//               "threshold_high": 1, "threshold_low": -1, "return_to_zero": false,
//               "leak": false, "initial_state": nested [c][x][y] or flat,
//               "destinations": [{"core": 1, "pool": 2, "feature_shift": 0},
//                                {"output": true, "pool": 1}]}],
//    "readout": {"threshold": 1}}
//
// Every field but "cores" is optional with the defaults of model/speck_config.hpp. Unknown fields
// are errors (a misspelt option must not silently fall back to its default), as is any value of
// the wrong type or range, and every chip limit of validate_config: all are reported as
// `file:line:col: error:` at the offending value.
#pragma once

#include <string>

#include "model/speck_config.hpp"

namespace np {

SpeckConfig read_speck_config(const std::string& path);
SpeckConfig parse_speck_config(const std::string& file, const std::string& text);

// The configuration as JSON in the layout above (nested arrays), readable by read_speck_config.
std::string write_speck_config(const SpeckConfig& config);

}  // namespace np
