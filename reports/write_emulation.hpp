// Writers for `neuroproof emulate`: the output spikes as CSV (`t,core,feature,x,y`, one spike
// per line, in emission order; core 9 = the DVS layer routed straight out) and the activity
// report as JSON (per run: events in, output spikes, readout, and per core input events, synaptic
// operations, neuron writes, spikes, leak updates, overflows).
#pragma once

#include <fstream>

#include <nlohmann/json.hpp>

#include <string>

#include "model/emulate_stream.hpp"
#include "model/temporal_attention.hpp"

namespace np {

void write_spikes_csv(const std::string& path, const std::vector<OutputSpike>& spikes);

// The same file written in batches, for a run whose spikes are never all in memory.
class SpikesCsvWriter {
public:
    explicit SpikesCsvWriter(const std::string& path);  // throws std::runtime_error when it cannot write
    void write(const std::vector<OutputSpike>& spikes);
    void close();  // throws std::runtime_error when the file is incomplete

private:
    std::string path_;
    std::ofstream out_;
};
nlohmann::ordered_json activity_json(const EmulationResult& result, std::uint64_t events_in);
// The attention part of an emulation: how the slices were ranked and what was kept, and the
// gated run over the kept events.
struct GatedEmulation {
    AttentionOptions options;
    std::size_t slices = 0, kept_slices = 0;
    std::uint64_t kept_events = 0;
    EmulationResult result;
};

// activity.json of `neuroproof emulate`: {"tool", "version", "config", "events" (the paths as
// given), "ungated": activity_json, and with attention "attention": {"slice_us", "top_k",
// "group", "score" ("events" | "pixels"), "slices", "kept_slices", "kept_events"} and "gated"}.
nlohmann::ordered_json emulation_report_json(const std::string& config, const std::string& events, const EmulationResult& ungated,
                                             std::uint64_t events_in, const GatedEmulation* gated = nullptr);
// Writes it (indented, one trailing newline); throws std::runtime_error when it cannot.
void write_emulation_report(const std::string& path, const nlohmann::ordered_json& report);

// Human-readable activity table, one line per active core plus a total.
std::string format_activity(const EmulationResult& result, std::uint64_t events_in);

}  // namespace np
